/**
 * 我的政策 (enterprise): the policies the enterprise matches, each with its explanation and where every value came
 * from; near misses; 免申即享 grants to confirm with one click; the facts it declared; topic subscriptions.
 */
import { CheckOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import {
  App,
  Badge,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Form,
  List,
  Skeleton,
  Table,
  Tabs,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, apiSend, newIdempotencyKey } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useApi } from '../../api/use-api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useLocale, useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { FactFields, fromFormFacts, toFormFacts, type FormFactValue } from './facts-form.tsx';
import { policyPaths } from './policy.api.ts';
import type { Explanation, Fact, GrantEntry, MyFacts, MyMatches, Subscriptions } from './policy.types.ts';
import {
  BenefitView,
  ConditionChecklist,
  factName,
  formatAmount,
  GrantStatusTag,
  ModeTag,
  SourceTag,
  TopicTags,
  usePhone,
  useTopics,
} from './policy-ui.tsx';

export function ExplanationCard({
  item,
  facts,
  label,
}: {
  item: Explanation;
  facts: ReadonlyMap<string, Fact>;
  label: (code: string) => string;
}) {
  const t = useT();
  return (
    <Card
      size="small"
      style={{ width: '100%' }}
      data-testid="explanation"
      data-clause={item.clauseId}
      data-policy-code={item.policyCode}
      data-eligible={item.eligible}
      title={
        <Flex gap={8} wrap align="center" style={{ whiteSpace: 'normal' }}>
          <span>
            {item.policyTitle} · {item.clauseTitle}
          </span>
          <ModeTag mode={item.mode} />
        </Flex>
      }
      extra={
        item.grant ? (
          <Link to="/policies/mine?tab=grants">
            <GrantStatusTag status={item.grant.status} />
          </Link>
        ) : undefined
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text type={item.eligible ? 'success' : 'danger'} strong data-testid="explanation-summary">
          {item.eligible ? t('policy.explain.eligible') : item.summary}
        </Typography.Text>
        <ConditionChecklist conditions={item.conditions} facts={facts} showSources />
        <BenefitView benefit={item.benefit} eligible={item.eligible} />
        <Flex gap={4} wrap align="center">
          <TopicTags topics={item.topics} label={label} />
          {item.firstMatchedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('policy.mine.firstMatched', { at: formatDateTime(item.firstMatchedAt) })}
            </Typography.Text>
          )}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('policy.citationShort', { citation: item.citation })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

function ExplanationList({
  items,
  empty,
  facts,
  testId,
}: {
  items: readonly Explanation[];
  empty: string;
  facts: ReadonlyMap<string, Fact>;
  testId: string;
}) {
  const { label } = useTopics();
  const [page, setPage] = useState(1);
  return (
    <List<Explanation>
      dataSource={[...items]}
      locale={{ emptyText: <Empty description={empty} /> }}
      renderItem={(item) => (
        <List.Item style={{ padding: '6px 0', border: 'none' }}>
          <ExplanationCard item={item} facts={facts} label={label} />
        </List.Item>
      )}
      pagination={
        items.length > 10
          ? { current: page, pageSize: 10, total: items.length, size: 'small', onChange: setPage }
          : false
      }
      data-testid={testId}
    />
  );
}

function GrantsTab({ onChanged }: { onChanged: () => void }) {
  const t = useT();
  const phone = usePhone();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useApi<GrantEntry[]>(policyPaths.myGrants);
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [actionError, setActionError] = useState<unknown>(undefined);
  // One key per grant until it succeeds, so a retried click is the same request to the server.
  const keys = useRef(new Map<string, string>());

  const confirm = async (entry: GrantEntry) => {
    const key = keys.current.get(entry.id) ?? newIdempotencyKey();
    keys.current.set(entry.id, key);
    setBusy(entry.id);
    setActionError(undefined);
    try {
      await apiSend<GrantEntry>('POST', policyPaths.confirmGrant(entry.id), undefined, {
        headers: { 'Idempotency-Key': key },
      });
      keys.current.delete(entry.id);
      message.success(t('policy.grants.confirmed'));
      reload();
      onChanged();
    } catch (cause) {
      setActionError(cause);
    } finally {
      setBusy(undefined);
    }
  };

  const action = (g: GrantEntry) =>
    g.status === 'awaiting_confirmation' ? (
      <Button
        type="primary"
        size="small"
        icon={<CheckOutlined />}
        loading={busy === g.id}
        onClick={() => void confirm(g)}
        data-testid="grant-confirm"
      >
        {t('policy.grants.confirm')}
      </Button>
    ) : null;

  const disbursement = (g: GrantEntry) =>
    g.status === 'disbursed' ? (
      <Flex vertical gap={2} data-testid="grant-disbursement">
        <span>{g.disbursedAmount === null ? '—' : formatAmount(g.disbursedAmount, t)}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[formatDateTime(g.disbursedAt), g.reference].filter(Boolean).join(' · ')}
        </Typography.Text>
      </Flex>
    ) : g.status === 'confirmed' ? (
      <Typography.Text type="secondary">{t('policy.grants.awaitingDisbursement')}</Typography.Text>
    ) : (
      '—'
    );

  const columns: TableColumnsType<GrantEntry> = phone
    ? [
        {
          key: 'grant',
          title: t('policy.grants.grant'),
          render: (_: unknown, g) => (
            <Flex vertical gap={6}>
              <Typography.Text strong>
                {g.policyTitle} · {g.clauseTitle}
              </Typography.Text>
              <Flex gap={8} wrap align="center">
                <GrantStatusTag status={g.status} />
                <span>{g.amount === null ? '—' : formatAmount(g.amount, t)}</span>
              </Flex>
              {g.formula && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {g.formula}
                </Typography.Text>
              )}
              {disbursement(g)}
              {action(g)}
            </Flex>
          ),
        },
      ]
    : [
        {
          key: 'policy',
          title: t('policy.grants.grant'),
          render: (_: unknown, g) => (
            <Flex vertical gap={2}>
              <span>
                {g.policyTitle} · {g.clauseTitle}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {g.citation}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          key: 'amount',
          title: t('policy.grants.amount'),
          ...noWrap,
          render: (_: unknown, g) => (
            <Flex vertical gap={2}>
              <span>{g.amount === null ? '—' : formatAmount(g.amount, t)}</span>
              {g.formula && (
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
                  {g.formula}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        {
          key: 'status',
          title: t('policy.grants.status'),
          ...noWrap,
          render: (_: unknown, g) => (
            <Flex vertical gap={2}>
              <GrantStatusTag status={g.status} />
              {g.confirmedAt && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('policy.grants.confirmedAt', { at: formatDateTime(g.confirmedAt) })}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        {
          key: 'disbursed',
          title: t('policy.grants.disbursement'),
          render: (_: unknown, g) => disbursement(g),
        },
        { key: 'action', title: t('common.actions'), ...noWrap, render: (_: unknown, g) => action(g) },
      ];

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('policy.grants.mineIntro')}
      </Typography.Paragraph>
      {error !== undefined && <ErrorAlert error={error} onRetry={reload} />}
      {actionError !== undefined && <ErrorAlert error={actionError} />}
      <Table<GrantEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data ?? []}
        loading={loading}
        locale={{ emptyText: <Empty description={t('policy.grants.noneMine')} /> }}
        pagination={(data?.length ?? 0) > 10 ? { pageSize: 10, size: 'small' } : false}
        data-testid="my-grants"
      />
    </Flex>
  );
}

interface FactsFormValues {
  facts?: Record<string, FormFactValue>;
}

function FactsTab({ onSaved }: { onSaved: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useApi<MyFacts>(policyPaths.myFacts);
  const [form] = Form.useForm<FactsFormValues>();
  const [saveError, setSaveError] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const facts = useMemo(() => (data?.facts ?? []).filter((f) => f.subject === 'enterprise'), [data]);
  const byName = useMemo(() => new Map(facts.map((f) => [f.name, f])), [facts]);
  const editable = (f: Fact) => f.source !== 'platform' && !f.derived;

  useEffect(() => {
    if (data) form.setFieldsValue({ facts: toFormFacts(data.values, facts) });
  }, [data, facts, form]);

  const save = async (values: FactsFormValues) => {
    setSaving(true);
    setSaveError(undefined);
    const editableFacts = facts.filter(editable);
    const sent = fromFormFacts(values.facts, editableFacts);
    // Only what changed is declared, so untouched department data keeps its source.
    const changed = Object.fromEntries(
      Object.entries(sent).filter(([name, v]) => JSON.stringify(v) !== JSON.stringify(data?.values[name])),
    );
    try {
      await apiSend<MyFacts>('PUT', policyPaths.myFacts, { facts: changed });
      message.success(t('policy.mine.factsSaved'));
      reload();
      onSaved();
    } catch (cause) {
      setSaveError(cause);
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    } finally {
      setSaving(false);
    }
  };

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading && !data) return <Skeleton active />;
  return (
    <Form<FactsFormValues> form={form} layout="vertical" onFinish={save} data-testid="my-facts-form">
      <Typography.Paragraph type="secondary">{t('policy.mine.factsIntro')}</Typography.Paragraph>
      <FactFields
        facts={facts}
        columns={3}
        disabled={(f) => !editable(f)}
        extra={(f) => (
          <Flex gap={6} align="center" wrap style={{ marginTop: 2 }}>
            {data?.sources[f.name] && data.values[f.name] !== undefined && data.values[f.name] !== null ? (
              <SourceTag source={data.sources[f.name]} />
            ) : (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('policy.mine.noValue')}
              </Typography.Text>
            )}
            {!editable(f) && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('policy.mine.platformFact', { source: f.sourceLabel })}
              </Typography.Text>
            )}
          </Flex>
        )}
      />
      {saveError !== undefined && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert
            error={saveError}
            fieldLabel={(path) =>
              path[0] === 'facts' ? factName(byName.get(String(path[1])), String(path[1]), locale) : undefined
            }
          />
        </div>
      )}
      <Button
        type="primary"
        htmlType="submit"
        icon={<SaveOutlined />}
        loading={saving}
        data-testid="my-facts-save"
      >
        {t('policy.mine.saveFacts')}
      </Button>
    </Form>
  );
}

function SubscriptionsTab() {
  const t = useT();
  const { message } = App.useApp();
  const { topics, label } = useTopics();
  const { data, error, loading, reload } = useApi<Subscriptions>(policyPaths.mySubscriptions);
  const [chosen, setChosen] = useState<string[] | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(undefined);
  const value = chosen ?? data?.topics ?? [];

  const save = async () => {
    setSaving(true);
    setSaveError(undefined);
    try {
      await apiSend<Subscriptions>('PUT', policyPaths.mySubscriptions, { topics: value });
      message.success(t('policy.mine.subscriptionsSaved'));
      setChosen(undefined);
      reload();
    } catch (cause) {
      setSaveError(cause);
    } finally {
      setSaving(false);
    }
  };

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading && !data) return <Skeleton active />;
  return (
    <Flex vertical gap={12} data-testid="my-subscriptions">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {value.length === 0
          ? t('policy.mine.subscribedAll')
          : t('policy.mine.subscribedSome', { count: value.length })}
      </Typography.Paragraph>
      <Checkbox.Group
        value={value}
        onChange={(v) => setChosen(v.map(String))}
        options={topics.map((topic) => ({ value: topic.code, label: label(topic.code) }))}
      />
      {saveError !== undefined && <ErrorAlert error={saveError} />}
      <Flex gap={8}>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          loading={saving}
          onClick={() => void save()}
          data-testid="subscriptions-save"
        >
          {t('common.save')}
        </Button>
        {value.length > 0 && <Button onClick={() => setChosen([])}>{t('policy.mine.subscribeAll')}</Button>}
      </Flex>
    </Flex>
  );
}

const TABS = ['matches', 'near', 'grants', 'facts', 'subscriptions'] as const;
type Tab = (typeof TABS)[number];

export function MyPoliciesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(raw ?? '') ? (raw as Tab) : 'matches';
  const matches = useApi<MyMatches>(policyPaths.myMatches);
  const catalogue = useApi<MyFacts>(policyPaths.myFacts);
  const facts = useMemo(
    () => new Map((catalogue.data?.facts ?? []).map((f) => [f.name, f])),
    [catalogue.data],
  );
  const grants = useApi<GrantEntry[]>(policyPaths.myGrants);
  const toConfirm = (grants.data ?? []).filter((g) => g.status === 'awaiting_confirmation').length;

  const content = (list: 'matches' | 'nearMisses') => {
    if (matches.error) return <ErrorAlert error={matches.error} onRetry={matches.reload} />;
    if (!matches.data) return <CardSkeleton rows={6} />;
    return list === 'matches' ? (
      <ExplanationList
        items={matches.data.matches}
        facts={facts}
        empty={t('policy.mine.noMatches')}
        testId="my-matches"
      />
    ) : (
      <ExplanationList
        items={matches.data.nearMisses}
        facts={facts}
        empty={t('policy.mine.noNearMisses')}
        testId="my-near-misses"
      />
    );
  };

  const refreshAll = () => {
    matches.reload();
    grants.reload();
  };

  return (
    <div data-testid="my-policies">
      <Page
        title={t('policy.mine.title')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={refreshAll} loading={matches.loading}>
            {t('common.reload')}
          </Button>
        }
      >
        {matches.data && (
          <Typography.Text type="secondary" data-testid="my-enterprise">
            {t('policy.mine.enterprise', { name: matches.data.enterprise.name })}
          </Typography.Text>
        )}
        <Card size="small">
          <Tabs
            activeKey={tab}
            onChange={(key) => setParams(new URLSearchParams({ tab: key }), { replace: true })}
            items={[
              {
                key: 'matches',
                label: (
                  <span data-testid="tab-matches">
                    {t('policy.mine.tabMatches')}
                    {matches.data ? ` (${matches.data.matches.length})` : ''}
                  </span>
                ),
                children: content('matches'),
              },
              {
                key: 'near',
                label: (
                  <span data-testid="tab-near">
                    {t('policy.mine.tabNear')}
                    {matches.data ? ` (${matches.data.nearMisses.length})` : ''}
                  </span>
                ),
                children: content('nearMisses'),
              },
              {
                key: 'grants',
                label: (
                  <Badge count={toConfirm} size="small" offset={[8, -2]}>
                    <span data-testid="tab-grants">{t('policy.mine.tabGrants')}</span>
                  </Badge>
                ),
                children: <GrantsTab onChanged={refreshAll} />,
              },
              {
                key: 'facts',
                label: <span data-testid="tab-facts">{t('policy.mine.tabFacts')}</span>,
                children: (
                  <FactsTab
                    onSaved={() => {
                      matches.reload();
                      catalogue.reload();
                    }}
                  />
                ),
              },
              {
                key: 'subscriptions',
                label: <span data-testid="tab-subscriptions">{t('policy.mine.tabSubscriptions')}</span>,
                children: <SubscriptionsTab />,
              },
            ]}
          />
        </Card>
      </Page>
    </div>
  );
}

/** `/policies/my/:clauseId` — where a 直达 notification leads: one clause explained for the enterprise. */
export function MyExplanationPage() {
  const t = useT();
  const { clauseId = '' } = useParams();
  const { data, error, loading, reload } = useApi<Explanation>(policyPaths.myExplain(clauseId));
  const catalogue = useApi<MyFacts>(policyPaths.myFacts);
  const facts = useMemo(
    () => new Map((catalogue.data?.facts ?? []).map((f) => [f.name, f])),
    [catalogue.data],
  );
  const { label } = useTopics();
  return (
    <Page
      title={t('policy.mine.explainTitle')}
      extra={
        <Link to="/policies/mine">
          <Button>{t('nav.policyMine')}</Button>
        </Link>
      }
    >
      {error !== undefined && (
        <ErrorAlert
          error={error}
          onRetry={error instanceof ApiError && error.status === 404 ? undefined : reload}
        />
      )}
      {loading && !data && <CardSkeleton rows={5} />}
      {data && <ExplanationCard item={data} facts={facts} label={label} />}
    </Page>
  );
}
