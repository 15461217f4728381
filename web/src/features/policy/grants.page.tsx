/**
 * 免申即享 (officers with policy.grant): build a grant list from an auto clause's matches (credit-checked: D class
 * and serious 失信 excluded, with the reason), approve it, and record each disbursement once the enterprise has
 * confirmed; the department's figures as a chart.
 */
import { CheckOutlined, DollarOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Progress,
  Row,
  Segmented,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, apiSend, newIdempotencyKey } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useApi } from '../../api/use-api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { useMe } from '../../app/session.tsx';
import { EChart, type ChartOption } from '../../components/echart.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { policyPaths } from './policy.api.ts';
import type { GrantEntry, GrantList, GrantListDetail, PolicyStats, PolicySummary } from './policy.types.ts';
import { formatAmount, GrantStatusTag, usePhone } from './policy-ui.tsx';

function StatsCard() {
  const t = useT();
  const { data, error, loading, reload } = useApi<PolicyStats>(policyPaths.stats);
  const option = useMemo<ChartOption | undefined>(() => {
    if (!data) return undefined;
    const rows = data.byPolicy.slice(0, 12);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => (r.title.length > 14 ? `${r.title.slice(0, 14)}…` : r.title)),
      },
      series: [
        { type: 'bar', name: t('policy.stats.activeMatches'), data: rows.map((r) => r.activeMatches) },
        { type: 'bar', name: t('policy.stats.granted'), data: rows.map((r) => r.granted) },
      ],
    };
  }, [data, t]);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading && !data)
    return (
      <Card>
        <CardSkeleton rows={4} />
      </Card>
    );
  if (!data) return null;
  const g = data.grants;
  return (
    <Card size="small" title={t('policy.stats.title')} data-testid="grant-stats">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={4}>
          <Statistic title={t('policy.stats.lists')} value={g.lists} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={t('policy.stats.included')} value={g.included} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={t('policy.stats.excluded')} value={g.excluded} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={t('policy.stats.confirmed')} value={g.confirmed} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={t('policy.stats.disbursed')} value={g.disbursed} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic
            title={t('policy.stats.disbursedAmount')}
            value={g.disbursedAmount}
            precision={2}
            suffix={t('policy.unit.wan')}
          />
        </Col>
      </Row>
      {g.included > 0 && (
        <Flex vertical gap={4} style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('policy.stats.progress')}</Typography.Text>
          <Progress
            aria-label={t('a11y.progress')}
            percent={Math.round((g.confirmed / g.included) * 100)}
            success={{ percent: Math.round((g.disbursed / g.included) * 100) }}
            format={() =>
              t('policy.stats.progressText', {
                confirmed: g.confirmed,
                disbursed: g.disbursed,
                included: g.included,
              })
            }
          />
        </Flex>
      )}
      {option && data.byPolicy.length > 0 ? (
        <div style={{ marginTop: 12 }}>
          <EChart
            option={option}
            height={Math.max(160, Math.min(12, data.byPolicy.length) * 36 + 48)}
            ariaLabel={t('policy.stats.chartLabel')}
            testId="grant-chart"
          />
        </div>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('policy.stats.noPolicies')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function BuildListCard({ onBuilt }: { onBuilt: (list: GrantListDetail) => void }) {
  const t = useT();
  const me = useMe();
  // Published policies with an auto (免申即享) clause; the server builds lists only for the officer's department.
  const { data, error, loading, reload } = useApi<PolicySummary[]>(policyPaths.list({ mode: 'auto' }));
  const options = useMemo(
    () =>
      (data ?? [])
        .filter((p) => !me.department || p.department.id === me.department.id)
        .flatMap((p) =>
          p.clauses
            .filter((c) => c.mode === 'auto' && c.subject === 'enterprise')
            .map((c) => ({ value: c.id, label: `${p.title} · ${c.title}` })),
        ),
    [data, me.department],
  );
  const [clauseId, setClauseId] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [buildError, setBuildError] = useState<unknown>(undefined);
  const key = useRef<{ clauseId: string; key: string } | undefined>(undefined);

  const build = async () => {
    if (!clauseId) return;
    if (key.current?.clauseId !== clauseId) key.current = { clauseId, key: newIdempotencyKey() };
    setBusy(true);
    setBuildError(undefined);
    try {
      const list = await apiSend<GrantListDetail>('POST', policyPaths.buildGrantList(clauseId), undefined, {
        headers: { 'Idempotency-Key': key.current.key },
      });
      key.current = undefined;
      onBuilt(list);
    } catch (cause) {
      setBuildError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('policy.grants.buildTitle')} data-testid="grant-build">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('policy.grants.buildIntro')}</Typography.Text>
        {error !== undefined && <ErrorAlert error={error} onRetry={reload} />}
        <Flex gap={8} wrap>
          <Select
            aria-label={t('policy.grants.chooseClause')}
            style={{ flex: '1 1 280px', minWidth: 0 }}
            placeholder={t('policy.grants.chooseClause')}
            value={clauseId}
            onChange={setClauseId}
            options={options}
            loading={loading}
            showSearch={{ optionFilterProp: 'label' }}
            notFoundContent={<Empty description={t('policy.grants.noAutoClauses')} />}
            data-testid="grant-clause"
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!clauseId}
            loading={busy}
            onClick={() => void build()}
            data-testid="grant-build-submit"
          >
            {t('policy.grants.build')}
          </Button>
        </Flex>
        {buildError !== undefined && <ErrorAlert error={buildError} />}
      </Flex>
    </Card>
  );
}

export function GrantListsPage() {
  const t = useT();
  const phone = usePhone();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useApi<GrantList[]>(policyPaths.grantLists);
  const columns: TableColumnsType<GrantList> = [
    {
      title: t('policy.grants.list'),
      key: 'list',
      render: (_: unknown, l) => (
        <Flex vertical gap={2}>
          <Link to={`/policies/grants/${l.id}`} data-testid="grant-list-link">
            {l.policyTitle} · {l.clauseTitle}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(l.createdAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('policy.grants.status'),
      dataIndex: 'status',
      ...noWrap,
      render: (s: GrantList['status']) => (
        <Tag
          color={s === 'approved' ? 'success' : s === 'building' ? 'default' : 'processing'}
          data-testid="grant-list-status"
          data-status={s}
        >
          {t(`policy.grants.listStatus.${s}`)}
        </Tag>
      ),
    },
    {
      title: t('policy.grants.counts'),
      key: 'counts',
      responsive: ['md'],
      render: (_: unknown, l) =>
        t('policy.grants.countsText', {
          included: l.counts.included,
          excluded: l.counts.excluded,
          confirmed: l.counts.confirmed,
          disbursed: l.counts.disbursed,
        }),
    },
    {
      title: t('policy.grants.total'),
      dataIndex: 'totalAmount',
      ...noWrap,
      responsive: ['sm'],
      render: (v: number) => formatAmount(v, t),
    },
  ];
  return (
    <div data-testid="grant-lists">
      <Page title={t('policy.grants.title')}>
        <StatsCard />
        <BuildListCard onBuilt={(list) => navigate(`/policies/grants/${list.id}`)} />
        <Card size={phone ? 'small' : undefined} title={t('policy.grants.lists')}>
          {error !== undefined && <ErrorAlert error={error} onRetry={reload} />}
          <Table<GrantList>
            rowKey="id"
            columns={columns}
            dataSource={data ?? []}
            loading={loading}
            locale={{ emptyText: <Empty description={t('policy.grants.noLists')} /> }}
            pagination={(data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
            data-testid="grant-lists-table"
          />
        </Card>
      </Page>
    </div>
  );
}

interface DisburseValues {
  amount: number;
  reference: string;
}

function DisburseModal({
  entry,
  onClose,
  onDone,
}: {
  entry: GrantEntry | undefined;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<DisburseValues>();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const key = useRef<string | undefined>(undefined);
  const submit = async (values: DisburseValues) => {
    if (!entry) return;
    key.current ??= newIdempotencyKey();
    setBusy(true);
    setError(undefined);
    try {
      await apiSend<GrantEntry>('POST', policyPaths.disburse(entry.id), values, {
        headers: { 'Idempotency-Key': key.current },
      });
      key.current = undefined;
      onDone();
    } catch (cause) {
      setError(cause);
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={entry !== undefined}
      title={t('policy.grants.disburseTitle', { name: entry?.enterprise.name ?? '' })}
      destroyOnHidden
      onCancel={() => {
        key.current = undefined;
        setError(undefined);
        onClose();
      }}
      onOk={() => form.submit()}
      okText={t('policy.grants.disburse')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'disburse-ok' }}
    >
      <Form<DisburseValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ amount: entry?.amount ?? undefined, reference: '' }}
        onFinish={submit}
        data-testid="disburse-form"
      >
        <Form.Item
          name="amount"
          label={t('policy.grants.disbursedAmount')}
          rules={[{ required: true, message: t('policy.grants.amountRequired') }]}
        >
          <InputNumber
            min={0}
            style={{ width: '100%' }}
            suffix={t('policy.unit.wan')}
            data-testid="disburse-amount"
          />
        </Form.Item>
        <Form.Item
          name="reference"
          label={t('policy.grants.reference')}
          rules={[{ required: true, whitespace: true, message: t('policy.grants.referenceRequired') }]}
        >
          <Input maxLength={200} data-testid="disburse-reference" />
        </Form.Item>
      </Form>
      {error !== undefined && <ErrorAlert error={error} />}
    </Modal>
  );
}

export function GrantListPage() {
  const t = useT();
  const phone = usePhone();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const { data, error, loading, reload } = useApi<GrantListDetail>(policyPaths.grantList(id));
  const [filter, setFilter] = useState<'included' | 'excluded' | 'all'>('all');
  const [approving, setApproving] = useState(false);
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [disbursing, setDisbursing] = useState<GrantEntry | undefined>(undefined);

  // A large list is credit-checked in a background job: look again every few seconds until it is ready.
  const building = data?.status === 'building';
  useEffect(() => {
    if (!building) return;
    const timer = window.setInterval(reload, 3000);
    return () => window.clearInterval(timer);
  }, [building, reload]);

  const approve = async () => {
    setApproving(true);
    setActionError(undefined);
    try {
      await apiSend<GrantList>('POST', policyPaths.approveGrantList(id));
      message.success(t('policy.grants.approved'));
      reload();
    } catch (cause) {
      setActionError(cause);
    } finally {
      setApproving(false);
    }
  };

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );

  const entries = data.entries.filter((e) => filter === 'all' || (filter === 'included') === e.included);
  const columns: TableColumnsType<GrantEntry> = [
    {
      title: t('policy.grants.enterprise'),
      key: 'enterprise',
      render: (_: unknown, e) => (
        <Flex vertical gap={2}>
          <span>{e.enterprise.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.enterprise.uscc}
          </Typography.Text>
          {phone && <GrantStatusTag status={e.status} />}
        </Flex>
      ),
    },
    {
      title: t('policy.grants.inclusion'),
      key: 'included',
      render: (_: unknown, e) =>
        e.included ? (
          <Tag color="success" data-testid="grant-included">
            {t('policy.grants.included')}
          </Tag>
        ) : (
          <Flex vertical gap={2}>
            <Tag color="error" style={{ width: 'fit-content' }} data-testid="grant-excluded">
              {t('policy.grants.excluded')}
            </Tag>
            <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="grant-exclusion-reason">
              {e.exclusionReason ?? '—'}
            </Typography.Text>
          </Flex>
        ),
    },
    {
      title: t('policy.grants.amount'),
      key: 'amount',
      responsive: ['md'],
      render: (_: unknown, e) => (
        <Flex vertical gap={2}>
          <span>{e.amount === null ? '—' : formatAmount(e.amount, t)}</span>
          {e.formula && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.formula}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    ...(phone
      ? []
      : ([
          {
            title: t('policy.grants.status'),
            key: 'status',
            ...noWrap,
            render: (_: unknown, e: GrantEntry) => (
              <Flex vertical gap={2}>
                <GrantStatusTag status={e.status} />
                {e.confirmedAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('policy.grants.confirmedAt', { at: formatDateTime(e.confirmedAt) })}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
        ] satisfies TableColumnsType<GrantEntry>)),
    {
      title: t('policy.grants.disbursement'),
      key: 'disbursement',
      render: (_: unknown, e) =>
        e.status === 'disbursed' ? (
          <Flex vertical gap={2}>
            <span>{e.disbursedAmount === null ? '—' : formatAmount(e.disbursedAmount, t)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[formatDateTime(e.disbursedAt), e.reference].filter(Boolean).join(' · ')}
            </Typography.Text>
          </Flex>
        ) : e.status === 'confirmed' ? (
          <Button
            size="small"
            icon={<DollarOutlined />}
            onClick={() => setDisbursing(e)}
            data-testid="grant-disburse"
          >
            {t('policy.grants.disburse')}
          </Button>
        ) : (
          '—'
        ),
    },
  ];

  const c = data.counts;
  return (
    <Page
      title={`${data.policyTitle} · ${data.clauseTitle}`}
      extra={
        <Flex gap={8}>
          <Link to="/policies/grants">
            <Button>{t('common.back')}</Button>
          </Link>
          {data.status === 'pending' && (
            <Popconfirm
              title={t('policy.grants.approveConfirm', { count: c.included })}
              okText={t('policy.grants.approve')}
              cancelText={t('common.cancel')}
              onConfirm={() => approve()}
            >
              <Button type="primary" icon={<CheckOutlined />} loading={approving} data-testid="grant-approve">
                {t('policy.grants.approve')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      }
    >
      <div data-testid="grant-list" data-status={data.status} data-id={data.id}>
        <Flex vertical gap={16}>
          {loading && <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>}
          {actionError !== undefined && <ErrorAlert error={actionError} />}
          <Card size="small">
            <Row gutter={[16, 16]}>
              <Col xs={12} md={4}>
                <Statistic
                  title={t('policy.grants.status')}
                  value={t(`policy.grants.listStatus.${data.status}`)}
                  styles={{ content: { fontSize: 18 } }}
                />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('policy.stats.included')} value={c.included} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('policy.stats.excluded')} value={c.excluded} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('policy.stats.confirmed')} value={c.confirmed} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('policy.stats.disbursed')} value={c.disbursed} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic
                  title={t('policy.grants.total')}
                  value={data.totalAmount}
                  precision={2}
                  suffix={t('policy.unit.wan')}
                />
              </Col>
            </Row>
            {c.included > 0 && (
              <Progress
                aria-label={t('a11y.progress')}
                style={{ marginTop: 8 }}
                percent={Math.round((c.confirmed / c.included) * 100)}
                success={{ percent: Math.round((c.disbursed / c.included) * 100) }}
                format={() =>
                  t('policy.stats.progressText', {
                    confirmed: c.confirmed,
                    disbursed: c.disbursed,
                    included: c.included,
                  })
                }
              />
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {data.status === 'approved'
                ? t('policy.grants.approvedAt', { at: formatDateTime(data.approvedAt) })
                : data.status === 'building'
                  ? t('policy.grants.buildingHint')
                  : t('policy.grants.pendingHint')}
            </Typography.Text>
          </Card>
          <Card size="small">
            <Segmented<'all' | 'included' | 'excluded'>
              value={filter}
              onChange={setFilter}
              options={[
                { value: 'all', label: t('common.all') },
                { value: 'included', label: t('policy.grants.included') },
                { value: 'excluded', label: t('policy.grants.excluded') },
              ]}
              style={{ marginBottom: 12 }}
            />
            <Table<GrantEntry>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={entries}
              locale={{ emptyText: <Empty description={t('policy.grants.noEntries')} /> }}
              pagination={entries.length > 20 ? { pageSize: 20, showSizeChanger: true } : false}
              data-testid="grant-entries"
            />
          </Card>
        </Flex>
      </div>
      <DisburseModal
        entry={disbursing}
        onClose={() => setDisbursing(undefined)}
        onDone={() => {
          setDisbursing(undefined);
          message.success(t('policy.grants.disbursed'));
          reload();
        }}
      />
    </Page>
  );
}
