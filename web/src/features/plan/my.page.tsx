import { FormOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Milestone, MyMeasure, MyWork, PlanNotice } from './plan.api.ts';
import { useApiQuery } from '../../api/query.ts';
import { formatDateTime, formatDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { periodLabel, ProgressCell, RoleTag, StatusTag, usePhone } from './plan-ui.tsx';
import { ReportDrawer } from './report-drawer.tsx';

/** The department's open milestones of a measure, earliest first (the server sends them open first by due date). */
function openMilestones(work: MyWork, no: number): Milestone[] {
  return work.milestones
    .filter((m) => m.measureNo === no && m.completedAt === null)
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

function MeasuresTable({ work, onReport }: { work: MyWork; onReport: (m: MyMeasure) => void }) {
  const t = useT();
  const phone = usePhone();
  const nextMilestone = (m: MyMeasure) => {
    const next = openMilestones(work, m.no)[0];
    if (!next) return <Typography.Text type="secondary">—</Typography.Text>;
    const late = next.status === 'lagging';
    return (
      <Flex vertical gap={2} data-testid="next-milestone">
        <Typography.Text>{next.title}</Typography.Text>
        <Typography.Text type={late ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {t('plan.dueOnShort', { date: formatDay(next.dueOn) })}
          {late ? ` · ${t('plan.overdueBy', { count: next.overdueWorkdays })}` : ''}
        </Typography.Text>
      </Flex>
    );
  };
  const reportDue = (m: MyMeasure) =>
    m.reportDue ? (
      <Flex vertical gap={2} data-testid="report-due" data-overdue={m.reportDue.overdue}>
        <Typography.Text type={m.reportDue.overdue ? 'danger' : undefined}>
          {periodLabel(m.reportDue.period, t)}
        </Typography.Text>
        <Typography.Text type={m.reportDue.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {m.reportDue.overdue
            ? t('plan.my.reportOverdue', { date: formatDay(m.reportDue.dueOn) })
            : t('plan.dueOnShort', { date: formatDay(m.reportDue.dueOn) })}
        </Typography.Text>
      </Flex>
    ) : (
      <Typography.Text type="secondary">{t('plan.my.noReportDue')}</Typography.Text>
    );
  const latest = (m: MyMeasure) =>
    m.myLatestReport ? (
      <Flex vertical gap={2}>
        <span>
          {periodLabel(m.myLatestReport.period, t)} · {m.myLatestReport.percent}%
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(m.myLatestReport.submittedAt)}
        </Typography.Text>
      </Flex>
    ) : (
      <Typography.Text type="secondary">{t('plan.my.notReported')}</Typography.Text>
    );
  const reportButton = (m: MyMeasure) =>
    m.role === 'scope' ? null : (
      <Button
        size="small"
        type="primary"
        ghost
        icon={<FormOutlined />}
        onClick={() => onReport(m)}
        data-testid={`report-open-${m.no}`}
      >
        {t('plan.report.open')}
      </Button>
    );
  const phoneColumns: TableColumnsType<MyMeasure> = [
    {
      title: t('plan.measure'),
      key: 'measure',
      render: (_: unknown, m) => (
        <Flex vertical gap={6}>
          <Flex gap={6} align="baseline" wrap>
            <Link to={`/plan/measures/${m.no}`} data-testid="measure-link">
              {m.no}. {m.title}
            </Link>
            <RoleTag role={m.role} />
          </Flex>
          <Flex gap={8} align="center" wrap>
            <StatusTag status={m.status} />
            <ProgressCell percent={m.progress} status={m.status} width={120} />
          </Flex>
          <Flex gap={24} wrap>
            <Flex vertical gap={2}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('plan.my.nextMilestone')}
              </Typography.Text>
              {nextMilestone(m)}
            </Flex>
            <Flex vertical gap={2}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('plan.my.reportDue')}
              </Typography.Text>
              {reportDue(m)}
            </Flex>
          </Flex>
          <Flex justify="space-between" align="end" gap={8} wrap>
            <Flex vertical gap={2}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('plan.my.latestReport')}
              </Typography.Text>
              {latest(m)}
            </Flex>
            {reportButton(m)}
          </Flex>
        </Flex>
      ),
    },
  ];
  const columns: TableColumnsType<MyMeasure> = [
    { title: t('plan.no'), dataIndex: 'no', width: 56, align: 'right', ...noWrap },
    {
      title: t('plan.measureTitle'),
      dataIndex: 'title',
      width: 240,
      render: (title: string, m) => (
        <Flex vertical gap={4} align="start">
          <Link to={`/plan/measures/${m.no}`} data-testid="measure-link">
            {title}
          </Link>
          <RoleTag role={m.role} />
        </Flex>
      ),
    },
    {
      title: t('plan.status'),
      key: 'status',
      ...noWrap,
      render: (_: unknown, m) => (
        <Flex vertical gap={4}>
          <StatusTag status={m.status} />
          <ProgressCell percent={m.progress} status={m.status} width={100} />
        </Flex>
      ),
    },
    {
      title: t('plan.my.nextMilestone'),
      key: 'milestone',
      render: (_: unknown, m) => nextMilestone(m),
    },
    {
      title: t('plan.my.reportDue'),
      key: 'reportDue',
      ...noWrap,
      render: (_: unknown, m) => reportDue(m),
    },
    {
      title: t('plan.my.latestReport'),
      key: 'latest',
      ...noWrap,
      responsive: ['lg'],
      render: (_: unknown, m) => latest(m),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      ...noWrap,
      // A pinned column gets no width from its content (fixed table layout); room for the English label too.
      width: 176,
      fixed: 'end',
      render: (_: unknown, m) => reportButton(m),
    },
  ];
  return (
    <Table<MyMeasure>
      rowKey="no"
      columns={phone ? phoneColumns : columns}
      dataSource={work.measures}
      pagination={work.measures.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: <Empty description={t('plan.my.noMeasures')} /> }}
      scroll={phone ? undefined : { x: 980 }}
      data-testid="my-measures"
    />
  );
}

function MilestonesTable({ milestones }: { milestones: readonly Milestone[] }) {
  const t = useT();
  const columns: TableColumnsType<Milestone> = [
    {
      title: t('plan.measure'),
      dataIndex: 'measureNo',
      ...noWrap,
      render: (no: number) => <Link to={`/plan/measures/${no}`}>{t('plan.measureNo', { no })}</Link>,
    },
    { title: t('plan.milestone.title'), dataIndex: 'title' },
    {
      title: t('plan.milestone.dueOn'),
      dataIndex: 'dueOn',
      ...noWrap,
      render: (v: string, m) => (
        <Typography.Text type={m.status === 'lagging' ? 'danger' : undefined}>
          {formatDay(v)}
          {m.overdueWorkdays > 0 ? ` · ${t('plan.overdueBy', { count: m.overdueWorkdays })}` : ''}
        </Typography.Text>
      ),
    },
    {
      title: t('plan.status'),
      dataIndex: 'status',
      ...noWrap,
      render: (_: unknown, m) => <StatusTag status={m.status} />,
    },
  ];
  return (
    <Table<Milestone>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...milestones]}
      pagination={milestones.length > 10 ? { pageSize: 10, size: 'small' } : false}
      locale={{ emptyText: <Empty description={t('plan.milestone.none')} /> }}
      scroll={{ x: 560 }}
      data-testid="my-milestones"
    />
  );
}

export function NoticeList({ notices }: { notices: readonly PlanNotice[] }) {
  const t = useT();
  const columns: TableColumnsType<PlanNotice> = [
    {
      title: t('plan.notice.kindLabel'),
      dataIndex: 'kind',
      ...noWrap,
      render: (_: unknown, n) => (
        <Tag color={n.kind === 'escalation' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
          {t(`plan.notice.kind.${n.kind}`)}
        </Tag>
      ),
    },
    {
      title: t('plan.measure'),
      key: 'measure',
      render: (_: unknown, n) => (
        <Link to={`/plan/measures/${n.measureNo}`}>
          {t('plan.measureNo', { no: n.measureNo })} {n.measureTitle}
        </Link>
      ),
    },
    {
      title: t('plan.notice.reasonLabel'),
      key: 'reason',
      render: (_: unknown, n) =>
        n.reason === 'milestone_overdue'
          ? t('plan.notice.milestoneOverdue', { title: n.milestoneTitle ?? '' })
          : t('plan.notice.reportMissing', { period: n.period ? periodLabel(n.period, t) : '' }),
    },
    {
      title: t('plan.overdueWorkdays'),
      dataIndex: 'overdueWorkdays',
      ...noWrap,
      align: 'right',
      render: (v: number, n) =>
        n.resolvedAt ? (
          <Tag color="success" style={{ marginInlineEnd: 0 }}>
            {t('plan.notice.resolved')}
          </Tag>
        ) : (
          <Typography.Text type="danger">{t('plan.workdaysCount', { count: v })}</Typography.Text>
        ),
    },
    {
      title: t('plan.notice.createdAt'),
      dataIndex: 'createdAt',
      ...noWrap,
      responsive: ['md'],
      render: (v: string) => formatDateTime(v),
    },
  ];
  return (
    <Table<PlanNotice>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...notices]}
      pagination={notices.length > 10 ? { pageSize: 10, size: 'small' } : false}
      locale={{ emptyText: <Empty description={t('plan.notice.none')} /> }}
      scroll={{ x: 640 }}
      data-testid="my-notices"
    />
  );
}

/** A department's own work on the plan: its measures, what is due next, its notices, and the report form. */
export function MyPlanPage() {
  const t = useT();
  const { data, error, isLoading: loading, refetch } = useApiQuery('/api/action-plan/my');
  const [reporting, setReporting] = useState<MyMeasure | null>(null);
  const counts = useMemo(() => {
    if (!data) return undefined;
    return {
      lagging: data.measures.filter((m) => m.status === 'lagging').length,
      openMilestones: data.milestones.filter((m) => m.completedAt === null).length,
      dueReports: data.measures.filter((m) => m.reportDue?.overdue).length,
    };
  }, [data]);

  return (
    <Page
      title={data ? t('plan.my.titleWith', { department: data.department.name }) : t('plan.my.title')}
      extra={
        <Flex gap={8} wrap>
          <Link to="/plan/cases/new">
            <Button icon={<PlusOutlined />}>{t('plan.cases.submit')}</Button>
          </Link>
          <Link to="/plan/cases/mine">
            <Button>{t('plan.cases.mineTitle')}</Button>
          </Link>
        </Flex>
      }
    >
      <div data-testid="plan-my" style={{ display: 'contents' }}>
        {error ? (
          <ErrorAlert error={error} onRetry={() => void refetch()} />
        ) : loading && !data ? (
          <Card>
            <CardSkeleton rows={8} />
          </Card>
        ) : data && counts ? (
          <>
            <Flex gap={8} wrap>
              <Tag>{t('plan.my.measuresCount', { count: data.measures.length })}</Tag>
              <Tag color={counts.lagging > 0 ? 'error' : 'default'}>
                {t('plan.my.laggingCount', { count: counts.lagging })}
              </Tag>
              <Tag color="processing">{t('plan.my.openMilestones', { count: counts.openMilestones })}</Tag>
              {counts.dueReports > 0 && (
                <Tag color="error">{t('plan.my.overdueReports', { count: counts.dueReports })}</Tag>
              )}
            </Flex>
            <Card title={t('plan.my.measures')}>
              <MeasuresTable work={data} onReport={setReporting} />
            </Card>
            <Card title={t('plan.my.milestones')}>
              <MilestonesTable milestones={data.milestones} />
            </Card>
            <Card title={t('plan.my.notices')}>
              <NoticeList notices={data.notices} />
            </Card>
            {reporting && (
              <ReportDrawer
                target={{
                  no: reporting.no,
                  title: reporting.title,
                  milestones: openMilestones(data, reporting.no),
                  duePeriod: reporting.reportDue?.period ?? null,
                  lastPercent: reporting.myLatestReport?.percent,
                }}
                onClose={() => setReporting(null)}
                onSubmitted={() => setReporting(null)}
              />
            )}
          </>
        ) : null}
      </div>
    </Page>
  );
}
