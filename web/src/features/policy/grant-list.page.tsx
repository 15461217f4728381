/**
 * One grant list: who is included (or excluded by the credit check, with the reason), approval, and each
 * disbursement once the enterprise has confirmed.
 */
import { CheckOutlined, DollarOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Popconfirm,
  Progress,
  Row,
  Segmented,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApiMutation, useApiQuery } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { DisburseModal } from './disburse-modal.tsx';
import type { GrantEntry } from './policy.api.ts';
import { formatAmount, GrantStatusTag, usePhone } from './policy-ui.tsx';

export function GrantListPage() {
  const t = useT();
  const phone = usePhone();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  // A large list is credit-checked in a background job: look again every few seconds until it is ready.
  const list = useApiQuery(
    '/api/policies/grant-lists/{id}',
    { params: { path: { id } } },
    {
      placeholderData: undefined,
      refetchInterval: (q) => (q.state.data?.status === 'building' ? 3000 : false),
    },
  );
  const { data, error } = list;
  const [filter, setFilter] = useState<'included' | 'excluded' | 'all'>('all');
  const approval = useApiMutation('post', '/api/policies/grant-lists/{id}/approve', {
    invalidates: ['/api/policies'],
  });
  const [disbursing, setDisbursing] = useState<GrantEntry | undefined>(undefined);

  const approve = async () => {
    try {
      await approval.mutateAsync({ params: { path: { id } } });
      message.success(t('policy.grants.approved'));
    } catch {
      // Shown from `approval.error` on the page.
    }
  };

  if (error) return <ErrorAlert error={error} onRetry={() => void list.refetch()} />;
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
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={approval.isPending}
                data-testid="grant-approve"
              >
                {t('policy.grants.approve')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      }
    >
      <div data-testid="grant-list" data-status={data.status} data-id={data.id}>
        <Flex vertical gap={16}>
          {list.isFetching && <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>}
          {approval.error && <ErrorAlert error={approval.error} />}
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
        }}
      />
    </Page>
  );
}
