/** 政策库: published policies with Chinese full-text search and filters (signed-in and public). */
import { CalculatorOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, List, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { formatDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { useUrlState, type UrlValue } from '../../components/url-state.ts';
import {
  MODES,
  SUBJECTS,
  type Mode,
  type PolicyQuery,
  type PolicySummary,
  type Subject,
} from './policy.api.ts';
import { ModeTag, TopicTags, usePhone, useTopics } from './policy-ui.tsx';

const FILTERS = ['q', 'mode', 'topic', 'department', 'subject'] as const;
type Filter = (typeof FILTERS)[number];

function isMode(v: string): v is Mode {
  return (MODES as readonly string[]).includes(v);
}
function isSubject(v: string): v is Subject {
  return (SUBJECTS as readonly string[]).includes(v);
}

function modesOf(p: PolicySummary): Mode[] {
  return MODES.filter((m) => p.clauses.some((c) => c.mode === m));
}

function PolicyCard({
  policy,
  base,
  label,
}: {
  policy: PolicySummary;
  base: string;
  label: (c: string) => string;
}) {
  const t = useT();
  return (
    <Card size="small" data-testid="policy-card" data-code={policy.code} style={{ width: '100%' }}>
      <Flex vertical gap={6}>
        <Flex gap={8} wrap align="baseline" justify="space-between">
          <Link to={`${base}/${policy.id}`} data-testid="policy-link">
            <Typography.Text strong style={{ fontSize: 16 }}>
              {policy.title}
            </Typography.Text>
          </Link>
          <Flex gap={4} wrap>
            {modesOf(policy).map((m) => (
              <ModeTag key={m} mode={m} />
            ))}
          </Flex>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[policy.department.name, policy.documentNo, formatDay(policy.issuedOn)].join(' · ')}
          {policy.demo ? ` · ${t('policy.demoDocument')}` : ''}
        </Typography.Text>
        {policy.summary && (
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
            {policy.summary}
          </Typography.Paragraph>
        )}
        <Flex gap={4} wrap align="center">
          <TopicTags topics={policy.topics} label={label} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('policy.clauseCount', { count: policy.clauses.length })}
          </Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}

/** The list with its filters, in the URL so a search can be shared. `base` is where a policy opens. */
function PolicyList({ base }: { base: string }) {
  const t = useT();
  const phone = usePhone();
  const url = useUrlState(10);
  const { page, pageSize } = url.paging;
  const { params } = url;
  const filters = useMemo(
    () => Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<Filter, string>,
    [params],
  );
  const [text, setText] = useState(filters.q);
  const query: PolicyQuery = {
    q: filters.q || undefined,
    mode: isMode(filters.mode) ? filters.mode : undefined,
    topic: filters.topic || undefined,
    department: filters.department || undefined,
    subject: isSubject(filters.subject) ? filters.subject : undefined,
  };
  const list = useApiQuery('/api/policies', { params: { query } });
  const { data, error } = list;
  const loading = list.isFetching;
  // Department choices come from every published policy, not just the ones the current filters leave.
  const all = useApiQuery('/api/policies', { params: { query: {} } });
  const { topics, label } = useTopics();
  const departments = useMemo(() => {
    const map = new Map<string, string>();
    for (const p of all.data ?? []) map.set(p.department.code, p.department.name);
    return [...map].map(([value, name]) => ({ value, label: name }));
  }, [all.data]);
  const anyFilter = FILTERS.some((f) => filters[f] !== '');

  const update = (changes: Partial<Record<Filter | 'page' | 'pageSize', UrlValue>>) => url.set(changes);
  const filterStyle = (width: number) =>
    phone ? { flex: '1 1 150px', minWidth: 0 } : { width, maxWidth: '100%' };

  return (
    <Flex vertical gap={16}>
      <Card size={phone ? 'small' : undefined}>
        <Flex vertical gap={12}>
          <Input.Search
            allowClear
            enterButton={t('common.search')}
            placeholder={t('policy.searchPlaceholder')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              if (e.target.value === '' && filters.q !== '') update({ q: '' });
            }}
            onSearch={(value) => update({ q: value.trim() })}
            data-testid="policy-search-input"
          />
          <Flex wrap gap={8}>
            <Select
              aria-label={t('policy.anyMode')}
              allowClear
              placeholder={t('policy.anyMode')}
              value={isMode(filters.mode) ? filters.mode : undefined}
              options={MODES.map((m) => ({ value: m, label: t(`policy.mode.${m}`) }))}
              onChange={(v: string | undefined) => update({ mode: v ?? '' })}
              style={filterStyle(150)}
              data-testid="policy-filter-mode"
            />
            <Select
              aria-label={t('policy.anySubject')}
              allowClear
              placeholder={t('policy.anySubject')}
              value={isSubject(filters.subject) ? filters.subject : undefined}
              options={SUBJECTS.map((s) => ({ value: s, label: t(`policy.subject.${s}`) }))}
              onChange={(v: string | undefined) => update({ subject: v ?? '' })}
              style={filterStyle(150)}
              data-testid="policy-filter-subject"
            />
            <Select
              aria-label={t('policy.anyTopic')}
              allowClear
              placeholder={t('policy.anyTopic')}
              value={filters.topic || undefined}
              options={topics.map((topic) => ({ value: topic.code, label: label(topic.code) }))}
              onChange={(v: string | undefined) => update({ topic: v ?? '' })}
              style={filterStyle(160)}
              data-testid="policy-filter-topic"
            />
            <Select
              aria-label={t('policy.anyDepartment')}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('policy.anyDepartment')}
              value={filters.department || undefined}
              options={departments}
              onChange={(v: string | undefined) => update({ department: v ?? '' })}
              style={filterStyle(200)}
              loading={all.isLoading}
              data-testid="policy-filter-department"
            />
            {anyFilter && (
              <Button
                onClick={() => {
                  setText('');
                  url.set(Object.fromEntries(FILTERS.map((f) => [f, undefined])));
                }}
              >
                {t('common.reset')}
              </Button>
            )}
          </Flex>
        </Flex>
      </Card>
      {error && <ErrorAlert error={error} onRetry={() => void list.refetch()} />}
      {list.isLoading ? (
        <Card>
          <CardSkeleton rows={6} />
        </Card>
      ) : (
        <List<PolicySummary>
          dataSource={error ? [] : (data ?? [])}
          loading={loading}
          locale={{
            emptyText: <Empty description={anyFilter ? t('policy.noMatch') : t('policy.noPolicies')} />,
          }}
          renderItem={(policy) => (
            <List.Item style={{ padding: '6px 0', border: 'none' }}>
              <PolicyCard policy={policy} base={base} label={label} />
            </List.Item>
          )}
          pagination={
            (data?.length ?? 0) > 0
              ? {
                  current: page,
                  pageSize,
                  total: data?.length ?? 0,
                  showSizeChanger: true,
                  pageSizeOptions: [10, 20, 50],
                  size: 'small',
                  showTotal: (total) => (
                    <span data-testid="policy-total" data-total={total}>
                      {t('policy.total', { total })}
                    </span>
                  ),
                  onChange: (p, s) => update({ page: p, pageSize: s }),
                }
              : false
          }
          data-testid="policy-list"
        />
      )}
    </Flex>
  );
}

export function PoliciesPage() {
  const t = useT();
  return (
    <div data-testid="policy-search">
      <Page
        title={t('policy.catalogueTitle')}
        extra={
          <Link to="/policies/calculator">
            <Button icon={<CalculatorOutlined />}>{t('nav.policyCalculator')}</Button>
          </Link>
        }
      >
        <PolicyList base="/policies" />
      </Page>
    </div>
  );
}

export function PublicPoliciesPage() {
  const t = useT();
  return (
    <div data-testid="public-policies">
      <Page
        title={t('policy.catalogueTitle')}
        extra={
          <Link to="/public/policies/calculator">
            <Button icon={<CalculatorOutlined />}>{t('nav.policyCalculator')}</Button>
          </Link>
        }
      >
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('policy.publicIntro')}
        </Typography.Paragraph>
        <PolicyList base="/public/policies" />
      </Page>
    </div>
  );
}
