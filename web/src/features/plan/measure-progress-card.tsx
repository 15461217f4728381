import { Card, Empty, Flex, Radio, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { MeasureStatus, MeasureSummary } from './plan.api.ts';
import { useApiQuery } from '../../api/query.ts';
import { formatDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { statusColours } from '../../app/theme.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { ProgressCell, StatusTag, usePhone } from './plan-ui.tsx';

/** Most urgent first: what is behind, then what is moving, then what is done, then what has not started. */
const ORDER: Record<MeasureStatus, number> = { lagging: 0, in_progress: 1, completed: 2, not_started: 3 };

type Filter = MeasureStatus | 'all';

/** Every measure's status and progress on the dashboard, so the leading group sees single measures move. */
export function MeasureProgressCard() {
  const t = useT();
  const { data, error, isLoading: loading, refetch } = useApiQuery('/api/action-plan/measures');
  const [filter, setFilter] = useState<Filter>('all');
  const rows = useMemo(
    () =>
      (data ?? [])
        .filter((m) => filter === 'all' || m.status === filter)
        .sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.progress - a.progress || a.no - b.no),
    [data, filter],
  );
  const count = (s: MeasureStatus) => data?.filter((m) => m.status === s).length ?? 0;
  const phone = usePhone();

  const columns: TableColumnsType<MeasureSummary> = [
    {
      title: t('plan.measure'),
      key: 'measure',
      render: (_: unknown, m) => (
        <Link to={`/plan/measures/${m.no}`}>
          {t('plan.measureNo', { no: m.no })} · {m.title}
        </Link>
      ),
    },
    {
      title: t('plan.status'),
      dataIndex: 'status',
      ...noWrap,
      render: (s: MeasureStatus) => <StatusTag status={s} />,
    },
    {
      title: t('plan.progress'),
      dataIndex: 'progress',
      ...noWrap,
      render: (p: number, m) => <ProgressCell percent={p} status={m.status} width={110} />,
    },
    {
      title: t('plan.nextDueOn'),
      dataIndex: 'nextDueOn',
      ...noWrap,
      responsive: ['md'],
      render: (v: string | null, m) =>
        v ? (
          <span style={m.overdue ? { color: statusColours.lagging } : undefined}>{formatDay(v)}</span>
        ) : (
          '—'
        ),
    },
  ];

  const phoneColumns: TableColumnsType<MeasureSummary> = [
    {
      title: t('plan.measure'),
      key: 'measure',
      render: (_: unknown, m) => (
        <Flex vertical gap={4}>
          <Link to={`/plan/measures/${m.no}`}>
            {m.no}. {m.title}
          </Link>
          <Flex gap={8} align="center" wrap>
            <StatusTag status={m.status} />
            <ProgressCell percent={m.progress} status={m.status} width={120} />
          </Flex>
        </Flex>
      ),
    },
  ];

  return (
    <Card title={t('plan.measureProgress')}>
      <div style={{ marginBottom: 12 }}>
        <Radio.Group
          optionType="button"
          size="small"
          value={filter}
          onChange={(e) => setFilter(e.target.value as Filter)}
          options={[
            { value: 'all', label: t('common.all') },
            ...(
              [
                'lagging',
                'in_progress',
                'completed',
                'not_started',
              ] as const satisfies readonly MeasureStatus[]
            ).map((s) => ({ value: s, label: `${t(`plan.status.${s}`)} ${count(s)}` })),
          ]}
          data-testid="dashboard-measure-filter"
        />
      </div>
      {error !== undefined && <ErrorAlert error={error} onRetry={() => void refetch()} />}
      <Table<MeasureSummary>
        rowKey="no"
        size="small"
        columns={phone ? phoneColumns : columns}
        dataSource={rows}
        loading={loading}
        pagination={{
          pageSize: 10,
          showSizeChanger: false,
          size: 'small',
          showTotal: (total) => t('plan.measureTotal', { total }),
        }}
        locale={{ emptyText: <Empty description={t('plan.noMatch')} /> }}
        scroll={phone ? undefined : { x: 640 }}
        data-testid="dashboard-measures"
      />
    </Card>
  );
}
