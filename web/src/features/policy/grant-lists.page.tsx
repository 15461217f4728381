/**
 * 免申即享 (officers with policy.grant): the figures, "build a list" from an auto clause's matches, and the
 * department's grant lists.
 */
import { Card, Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { useUrlState } from '../../components/url-state.ts';
import { BuildGrantListCard } from './build-grant-list-card.tsx';
import { GrantStatsCard } from './grant-stats-card.tsx';
import type { GrantList } from './policy.api.ts';
import { formatAmount, usePhone } from './policy-ui.tsx';

export function GrantListsPage() {
  const t = useT();
  const phone = usePhone();
  const navigate = useNavigate();
  const url = useUrlState(20);
  const lists = useApiQuery('/api/policies/grant-lists');
  const { data, error } = lists;
  // The server answers every list of the department; the table pages them here.
  const page = useMemo(() => (data ? { items: data, total: data.length } : undefined), [data]);
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
        <GrantStatsCard />
        <BuildGrantListCard onBuilt={(list) => navigate(`/policies/grants/${list.id}`)} />
        <Card size={phone ? 'small' : undefined} title={t('policy.grants.lists')}>
          {error && <ErrorAlert error={error} onRetry={() => void lists.refetch()} />}
          <PagedTable<GrantList>
            url={url}
            rowKey="id"
            columns={columns}
            data={page}
            loading={lists.isFetching}
            emptyText={t('policy.grants.noLists')}
            data-testid="grant-lists-table"
          />
        </Card>
      </Page>
    </div>
  );
}
