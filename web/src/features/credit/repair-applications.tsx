/**
 * The department's repair applications, earliest review deadline first (overdue ones marked), filtered by status
 * and paged in the URL; `/credit/repairs/:id` (a notification's link) opens that application.
 */
import { Alert, Button, Flex, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { useUrlState } from '../../components/url-state.ts';
import type { Repair } from './credit.api.ts';
import { RepairStatusTag } from './credit-ui.tsx';
import { EntityCell } from './entity-cell.tsx';
import { DueCell } from './repair-details.tsx';
import { RepairReviewDialog } from './repair-review.dialog.tsx';

const FILTERS = ['pending', 'approved', 'rejected', 'all'] as const;
type Filter = (typeof FILTERS)[number];

function readFilter(value: string): Filter {
  return FILTERS.find((f) => f === value) ?? 'pending';
}

export function RepairApplications() {
  const t = useT();
  const navigate = useNavigate();
  const { id: openId } = useParams();
  const url = useUrlState();
  const filter = readFilter(url.get('status'));
  const list = useApiQuery('/api/credit/repairs', {
    params: { query: { ...(filter === 'all' ? {} : { status: filter }), ...url.paging } },
  });
  const [opened, setOpened] = useState<Repair | null>(null);
  const fromLink = openId ? list.data?.items.find((r) => r.id === openId) : undefined;
  const shown = opened ?? fromLink ?? null;
  const close = () => {
    setOpened(null);
    if (openId)
      void navigate({ pathname: '/credit/repairs', search: url.params.toString() }, { replace: true });
  };
  const overdue = (list.data?.items ?? []).filter((r) => r.status === 'pending' && r.overdue).length;

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('credit.repair.reviewIntro')}</Typography.Text>
      <Segmented<Filter>
        value={filter}
        onChange={(v) => url.set({ status: v })}
        options={FILTERS.map((f) => ({
          value: f,
          label: f === 'all' ? t('common.all') : t(`credit.repair.status.${f}`),
        }))}
        data-testid="repair-filter"
      />
      {overdue > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('credit.repair.overdueCount', { count: overdue })}
          data-testid="repair-overdue"
        />
      )}
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <PagedTable<Repair>
        url={url}
        data={list.data}
        loading={list.isFetching}
        emptyText={t('credit.repair.none')}
        rowKey="id"
        size="small"
        columns={[
          {
            title: t('credit.entityName'),
            key: 'entity',
            render: (_: unknown, r) => <EntityCell name={r.entityName} uscc={r.uscc} />,
          },
          {
            title: t('credit.repair.record'),
            key: 'record',
            render: (_: unknown, r) => <EntityCell name={r.category} uscc={r.decisionNo} />,
          },
          { title: t('credit.repair.appliedOnLabel'), dataIndex: 'appliedOn', ...noWrap, responsive: ['md'] },
          {
            title: t('credit.repair.reviewDueOn'),
            key: 'due',
            ...noWrap,
            render: (_: unknown, r) => <DueCell repair={r} />,
          },
          {
            title: t('credit.repair.statusLabel'),
            dataIndex: 'status',
            ...noWrap,
            render: (v: Repair['status']) => <RepairStatusTag value={v} />,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            ...noWrap,
            render: (_: unknown, r) => (
              <Button
                size="small"
                type={r.status === 'pending' ? 'primary' : 'default'}
                onClick={() => setOpened(r)}
                data-testid="repair-review-open"
              >
                {r.status === 'pending' ? t('credit.repair.review') : t('common.details')}
              </Button>
            ),
          },
        ]}
        scroll={{ x: 720 }}
        data-testid="repair-table"
      />
      {shown && <RepairReviewDialog key={shown.id} repair={shown} onClose={close} />}
    </Flex>
  );
}
