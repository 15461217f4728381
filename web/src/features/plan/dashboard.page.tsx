import { Card, Col, Empty, Flex, Row, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { Dashboard, DepartmentRollup, OverdueItem } from './plan.api.ts';
import { useApiQuery } from '../../api/query.ts';
import { formatDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { statusColours } from '../../app/theme.ts';
import { EChart } from '../../components/echart.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { departmentOption, partOption, sectionOption } from './dashboard-charts.ts';
import { ExportButtons } from './export-buttons.tsx';
import { KpiTiles } from './kpi-tiles.tsx';
import { MeasureProgressCard } from './measure-progress-card.tsx';
import { ProgressCell, usePhone } from './plan-ui.tsx';
import { SummaryTiles } from './summary-tiles.tsx';

function DepartmentTable({ rows }: { rows: readonly DepartmentRollup[] }) {
  const t = useT();
  const columns: TableColumnsType<DepartmentRollup> = [
    {
      title: t('plan.department'),
      dataIndex: 'name',
      width: 150,
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
    },
    {
      title: t('plan.measuresCount'),
      dataIndex: 'measures',
      align: 'right',
      ...noWrap,
      sorter: (a, b) => a.measures - b.measures,
    },
    {
      title: t('plan.status.lagging'),
      key: 'lagging',
      align: 'right',
      ...noWrap,
      sorter: (a, b) => a.byStatus.lagging - b.byStatus.lagging,
      render: (_: unknown, d) =>
        d.byStatus.lagging > 0 ? (
          <Typography.Text style={{ color: statusColours.lagging }}>{d.byStatus.lagging}</Typography.Text>
        ) : (
          0
        ),
    },
    {
      title: t('plan.status.completed'),
      key: 'completed',
      align: 'right',
      ...noWrap,
      responsive: ['xxl'],
      sorter: (a, b) => a.byStatus.completed - b.byStatus.completed,
      render: (_: unknown, d) => d.byStatus.completed,
    },
    {
      title: t('plan.averageProgress'),
      dataIndex: 'averageProgress',
      ...noWrap,
      sorter: (a, b) => a.averageProgress - b.averageProgress,
      render: (v: number) => <ProgressCell percent={v} width={96} />,
    },
    {
      title: t('plan.overdueMilestones'),
      dataIndex: 'overdueMilestones',
      align: 'right',
      ...noWrap,
      // Supervision starts with who is behind.
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.overdueMilestones - b.overdueMilestones,
      render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
    },
    {
      title: t('plan.missingReports'),
      dataIndex: 'missingReports',
      align: 'right',
      ...noWrap,
      sorter: (a, b) => a.missingReports - b.missingReports,
      render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
    },
  ];
  return (
    <Table<DepartmentRollup>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...rows]}
      pagination={rows.length > 15 ? { pageSize: 15, showSizeChanger: false, size: 'small' } : false}
      locale={{ emptyText: <Empty description={t('plan.noDepartments')} /> }}
      scroll={{ x: 600 }}
      data-testid="department-table"
    />
  );
}

export function OverdueTable({ rows }: { rows: readonly OverdueItem[] }) {
  const t = useT();
  const columns: TableColumnsType<OverdueItem> = [
    {
      title: t('plan.measure'),
      key: 'measure',
      width: 240,
      render: (_: unknown, o) => (
        <Link to={`/plan/measures/${o.measureNo}`}>
          {t('plan.measureNo', { no: o.measureNo })} {o.measureTitle}
        </Link>
      ),
    },
    {
      title: t('plan.overdueItem'),
      key: 'item',
      render: (_: unknown, o) => (
        <Flex gap={6} wrap align="center">
          <Tag style={{ marginInlineEnd: 0 }}>{t(`plan.overdueKind.${o.kind}`)}</Tag>
          <span>{o.title}</span>
          {o.escalated && (
            <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="escalated">
              {t('plan.escalated')}
            </Tag>
          )}
        </Flex>
      ),
    },
    {
      title: t('plan.department'),
      key: 'department',
      ...noWrap,
      render: (_: unknown, o) => o.department.name,
    },
    { title: t('plan.dueOn'), dataIndex: 'dueOn', ...noWrap, render: (v: string) => formatDay(v) },
    {
      title: t('plan.overdueWorkdays'),
      dataIndex: 'overdueWorkdays',
      align: 'right',
      ...noWrap,
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.overdueWorkdays - b.overdueWorkdays,
      render: (v: number) => (
        <Typography.Text type="danger">{t('plan.workdaysCount', { count: v })}</Typography.Text>
      ),
    },
  ];
  return (
    <Table<OverdueItem>
      rowKey={(o) => `${o.kind}-${o.measureNo}-${o.milestoneId ?? ''}-${o.department.id}-${o.dueOn}`}
      size="small"
      columns={columns}
      dataSource={[...rows]}
      pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
      locale={{ emptyText: <Empty description={t('plan.noOverdue')} /> }}
      scroll={{ x: 820 }}
      data-testid="overdue-table"
    />
  );
}

function DashboardBody({ data }: { data: Dashboard }) {
  const t = useT();
  const phone = usePhone();
  const parts = useMemo(() => partOption(data.byPart, t, phone), [data, t, phone]);
  const sections = useMemo(() => sectionOption(data.bySection, t, phone), [data, t, phone]);
  const departments = useMemo(() => departmentOption(data.byDepartment, t, phone), [data, t, phone]);
  return (
    <>
      <SummaryTiles summary={data.summary} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t('plan.byPart')} style={{ height: '100%' }}>
            {data.byPart.length === 0 ? (
              <Empty />
            ) : (
              <EChart
                option={parts}
                ariaLabel={t('plan.byPart')}
                height={Math.max(220, data.byPart.length * 56 + 60)}
                testId="chart-by-part"
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('plan.bySection')} style={{ height: '100%' }}>
            {data.bySection.length === 0 ? (
              <Empty />
            ) : (
              <EChart
                option={sections}
                ariaLabel={t('plan.bySection')}
                height={data.bySection.length * 26 + 30}
                testId="chart-by-section"
              />
            )}
          </Card>
        </Col>
      </Row>
      <MeasureProgressCard />
      <Card
        title={t('plan.overdueList')}
        extra={
          data.overdue.length > 0 ? (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {t('plan.overdueCount', { count: data.overdue.length })}
            </Tag>
          ) : undefined
        }
        data-testid="overdue-card"
      >
        <OverdueTable rows={data.overdue} />
      </Card>
      <Card title={t('plan.byDepartment')} data-testid="department-progress">
        <Row gutter={[24, 16]}>
          <Col xs={24} xl={15}>
            <DepartmentTable rows={data.byDepartment} />
          </Col>
          <Col xs={24} xl={9}>
            {data.byDepartment.length > 0 && (
              <EChart
                option={departments}
                ariaLabel={t('plan.byDepartment')}
                height={data.byDepartment.length * 17 + 40}
                testId="chart-by-department"
              />
            )}
          </Col>
        </Row>
      </Card>
      <Card title={t('plan.kpis')} data-testid="kpi-card">
        <KpiTiles kpis={data.kpis} />
      </Card>
    </>
  );
}

/** The leading group's view of the whole plan: where it stands, what is behind, who is behind. */
export function PlanDashboardPage() {
  const t = useT();
  const { data, error, isLoading: loading, refetch } = useApiQuery('/api/action-plan/dashboard');
  return (
    <Page title={t('plan.dashboardTitle')} extra={<ExportButtons />}>
      <div data-testid="plan-dashboard" style={{ display: 'contents' }}>
        {error ? (
          <ErrorAlert error={error} onRetry={() => void refetch()} />
        ) : loading || !data ? (
          <Card>
            <CardSkeleton rows={10} />
          </Card>
        ) : (
          <DashboardBody data={data} />
        )}
      </div>
    </Page>
  );
}
