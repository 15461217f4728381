/** 政策管理 (officers with policy.author): the department's policies, filtered by status; "new policy". */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { useUrlState } from '../../components/url-state.ts';
import { CreatePolicyModal } from './create-policy-modal.tsx';
import { POLICY_STATUSES, type PolicyDetail, type PolicyStatus } from './policy.api.ts';
import { ModeTag, PolicyStatusTag, TopicTags, usePhone, useTopics } from './policy-ui.tsx';

export function ManagePoliciesPage() {
  const t = useT();
  const phone = usePhone();
  const url = useUrlState();
  const rawStatus = url.get('status');
  const status = (POLICY_STATUSES as readonly string[]).includes(rawStatus)
    ? (rawStatus as PolicyStatus)
    : '';
  const list = useApiQuery('/api/policies/manage', { params: { query: { status: status || undefined } } });
  const { data, error } = list;
  // The server answers the whole list (a department has few policies); the table pages it here.
  const page = useMemo(() => (data ? { items: data, total: data.length } : undefined), [data]);
  const [creating, setCreating] = useState(false);
  const { label } = useTopics();

  const columns: TableColumnsType<PolicyDetail> = [
    {
      title: t('policy.form.title'),
      key: 'title',
      render: (_: unknown, p) => (
        <Flex vertical gap={2}>
          <Link to={`/policies/manage/${p.id}`} data-testid="manage-policy-link">
            {p.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.code} · {p.documentNo}
          </Typography.Text>
          {phone && (
            <Flex gap={4} wrap>
              <PolicyStatusTag status={p.status} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('policy.clauseCount', { count: p.clauses.length })}
              </Typography.Text>
            </Flex>
          )}
        </Flex>
      ),
    },
    ...(phone
      ? []
      : ([
          {
            title: t('policy.manage.status'),
            dataIndex: 'status',
            ...noWrap,
            render: (s: PolicyStatus) => <PolicyStatusTag status={s} />,
          },
          {
            title: t('policy.manage.clauses'),
            key: 'clauses',
            render: (_: unknown, p: PolicyDetail) => (
              <Flex gap={4} wrap>
                {p.clauses.map((c) => (
                  <ModeTag key={c.id} mode={c.mode} />
                ))}
                {p.clauses.length === 0 && '—'}
              </Flex>
            ),
          },
          {
            title: t('policy.topics'),
            key: 'topics',
            responsive: ['lg'],
            render: (_: unknown, p: PolicyDetail) => (
              <Flex gap={4} wrap>
                <TopicTags topics={p.topics} label={label} />
              </Flex>
            ),
          },
          {
            title: t('policy.manage.updatedAt'),
            dataIndex: 'updatedAt',
            ...noWrap,
            render: (v: string) => formatDateTime(v),
          },
        ] satisfies TableColumnsType<PolicyDetail>)),
  ];

  return (
    <div data-testid="policy-manage">
      <Page
        title={t('policy.manage.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="policy-new"
          >
            {t('policy.manage.create')}
          </Button>
        }
      >
        <Card size={phone ? 'small' : undefined}>
          <Flex gap={8} wrap style={{ marginBottom: 16 }}>
            <Select
              allowClear
              aria-label={t('policy.manage.anyStatus')}
              placeholder={t('policy.manage.anyStatus')}
              value={status || undefined}
              options={POLICY_STATUSES.map((s) => ({ value: s, label: t(`policy.status.${s}`) }))}
              onChange={(v: string | undefined) => url.set({ status: v })}
              style={{ width: 160 }}
              data-testid="manage-filter-status"
            />
          </Flex>
          {error && (
            <div style={{ marginBottom: 16 }}>
              <ErrorAlert error={error} onRetry={() => void list.refetch()} />
            </div>
          )}
          <PagedTable<PolicyDetail>
            url={url}
            rowKey="id"
            columns={columns}
            data={page}
            loading={list.isFetching}
            emptyText={t('policy.manage.empty')}
            scroll={phone ? undefined : { x: 800 }}
            data-testid="manage-table"
          />
        </Card>
        <CreatePolicyModal open={creating} onClose={() => setCreating(false)} />
      </Page>
    </div>
  );
}
