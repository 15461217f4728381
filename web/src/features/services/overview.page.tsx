import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useApi } from '../../api/use-api.ts';
import { useT, type Translate } from '../../app/i18n.ts';
import { EChart, type ChartOption } from '../../components/echart.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { ApplicationsTable } from './applications-table.tsx';
import { servicesPaths } from './services.api.ts';
import { usePhone } from './services-ui.tsx';
import { APPLICATION_STATUSES, type ApplicationStatus, type Overview } from './services.types.ts';

/** The plan's target for opening a company (measure 19): half a working day. */
export const OPENING_TARGET_WORKDAYS = 0.5;

const STATUS_COLOUR: Record<ApplicationStatus, string> = {
  submitted: '#8a919c',
  in_progress: '#2f7de1',
  supplement: '#d48806',
  notice: '#722ed1',
  objected: '#c41d7f',
  completed: '#389e0d',
  rejected: '#d9363e',
};

/** The server sends the zero-paper share in percent (0–100, docs/services-api.md); charts want a fraction. */
export function shareFraction(value: number | null): number | null {
  return value === null ? null : Math.min(1, Math.max(0, value / 100));
}

function statusOption(byStatus: Overview['applications']['byStatus'], t: Translate): ChartOption {
  const shown = APPLICATION_STATUSES.filter((s) => (byStatus[s] ?? 0) > 0);
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}: {c}' },
        data: shown.map((s) => ({
          name: t(`services.appStatus.${s}`),
          value: byStatus[s] ?? 0,
          itemStyle: { color: STATUS_COLOUR[s] },
        })),
      },
    ],
  };
}

/** Buckets are working days (`≤0.5`, `0.5–1`, …); the first is within the plan's target. */
function openingOption(o: Overview['openingTime'], t: Translate): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: o.histogram.map((b) => t('services.overview.bucket', { bucket: b.bucket })),
      axisLabel: { interval: 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: t('services.overview.applications'),
        barMaxWidth: 48,
        data: o.histogram.map((b, i) => ({
          value: b.count,
          itemStyle: { color: i === 0 ? '#389e0d' : '#d48806' },
        })),
        label: { show: true, position: 'top' },
      },
    ],
  };
}

function departmentOption(rows: Overview['overdueByDepartment'], t: Translate, narrow: boolean): ChartOption {
  const sorted = [...rows].sort((a, b) => b.overdue - a.overdue || b.open - a.open);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 24, top: 8, bottom: 36, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: sorted.map((r) => r.department),
      axisTick: { show: false },
      axisLabel: { width: narrow ? 90 : 160, overflow: 'truncate', interval: 0 },
    },
    series: [
      {
        type: 'bar',
        name: t('services.overview.overdue'),
        stack: 'tasks',
        itemStyle: { color: '#d9363e' },
        barMaxWidth: 22,
        data: sorted.map((r) => r.overdue),
      },
      {
        type: 'bar',
        name: t('services.overview.openOnTime'),
        stack: 'tasks',
        itemStyle: { color: '#2f7de1' },
        barMaxWidth: 22,
        data: sorted.map((r) => Math.max(0, r.open - r.overdue)),
      },
    ],
  };
}

function paperOption(share: number, t: Translate): ChartOption {
  return {
    tooltip: { trigger: 'item', valueFormatter: (v) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '') },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['50%', '72%'],
        center: ['50%', '45%'],
        label: { show: false },
        data: [
          { name: t('services.overview.zeroPaper'), value: share * 100, itemStyle: { color: '#389e0d' } },
          {
            name: t('services.overview.withPaper'),
            value: 100 - share * 100,
            itemStyle: { color: '#d9d9d9' },
          },
        ],
      },
    ],
  };
}

function Figures({ o }: { o: Overview }) {
  const t = useT();
  const phone = usePhone();
  const total =
    o.applications.total ?? Object.values(o.applications.byStatus).reduce((a, b) => a + (b ?? 0), 0);
  const open = (['submitted', 'in_progress', 'supplement', 'notice'] as const).reduce(
    (a, s) => a + (o.applications.byStatus[s] ?? 0),
    0,
  );
  const median = o.openingTime.medianWorkdays;
  const met = median !== null && median <= OPENING_TARGET_WORKDAYS;
  const share = shareFraction(o.zeroPaperShare);
  const statusChart = useMemo(() => statusOption(o.applications.byStatus, t), [o, t]);
  const openingChart = useMemo(() => openingOption(o.openingTime, t), [o, t]);
  const departmentChart = useMemo(() => departmentOption(o.overdueByDepartment, t, phone), [o, t, phone]);
  const paperChart = useMemo(() => (share === null ? undefined : paperOption(share, t)), [share, t]);
  const overdue = o.overdueByDepartment.reduce((a, r) => a + r.overdue, 0);

  const tile = (key: string, title: string, value: number | string, extra?: ReactNode) => (
    <Col xs={12} md={8} xl={4} key={key}>
      <Card size="small" style={{ height: '100%' }}>
        <Statistic title={title} value={value} data-testid={`overview-${key}`} />
        {extra}
      </Card>
    </Col>
  );

  return (
    <Flex vertical gap={16}>
      <Row gutter={[12, 12]}>
        {tile('bundles', t('services.overview.bundlesLive'), o.bundlesLive)}
        {tile('total', t('services.overview.total'), total)}
        {tile('open', t('services.overview.open'), open)}
        {tile('completed', t('services.overview.completed'), o.applications.byStatus.completed ?? 0)}
        {tile('overdue', t('services.overview.overdueTasks'), overdue)}
        {tile(
          'median',
          t('services.overview.median'),
          median === null ? '—' : median.toFixed(2),
          median === null ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('services.overview.noOpenings')}
            </Typography.Text>
          ) : (
            <Tag
              color={met ? 'success' : 'error'}
              data-testid="opening-target"
              data-met={met ? 'true' : 'false'}
            >
              {t(met ? 'services.overview.targetMet' : 'services.overview.targetMissed', {
                target: OPENING_TARGET_WORKDAYS,
              })}
            </Tag>
          ),
        )}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card title={t('services.overview.byStatus')} size="small">
            {total === 0 ? (
              <Empty description={t('services.overview.noApplications')} />
            ) : (
              <EChart
                option={statusChart}
                height={300}
                ariaLabel={t('services.overview.byStatus')}
                testId="chart-status"
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('services.overview.openingTime')} size="small">
            {o.openingTime.count === 0 ? (
              <Empty description={t('services.overview.noOpenings')} />
            ) : (
              <Flex vertical gap={8}>
                <Typography.Text data-testid="opening-summary">
                  {t('services.overview.openingSummary', {
                    count: o.openingTime.count,
                    median: median === null ? '—' : median.toFixed(2),
                    hours: o.openingTime.medianHours === null ? '—' : o.openingTime.medianHours.toFixed(1),
                    p90: o.openingTime.p90Hours === null ? '—' : o.openingTime.p90Hours.toFixed(1),
                    target: OPENING_TARGET_WORKDAYS,
                  })}
                </Typography.Text>
                <EChart
                  option={openingChart}
                  height={260}
                  ariaLabel={t('services.overview.openingTime')}
                  testId="chart-opening"
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('services.overview.openingLegend', { target: OPENING_TARGET_WORKDAYS })}
                </Typography.Text>
              </Flex>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card title={t('services.overview.byDepartment')} size="small">
            {o.overdueByDepartment.length === 0 ? (
              <Empty description={t('services.overview.noOpenTasks')} />
            ) : (
              <EChart
                option={departmentChart}
                height={Math.max(200, 40 + o.overdueByDepartment.length * 34)}
                ariaLabel={t('services.overview.byDepartment')}
                testId="chart-departments"
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('services.overview.zeroPaperShare')} size="small">
            {share === null || !paperChart ? (
              <Empty description={t('services.overview.noCompleted')} />
            ) : (
              <Flex vertical gap={4} align="center">
                <Statistic value={share * 100} precision={1} suffix="%" data-testid="overview-zero-paper" />
                <div style={{ width: '100%' }}>
                  <EChart
                    option={paperChart}
                    height={220}
                    ariaLabel={t('services.overview.zeroPaperShare')}
                    testId="chart-paper"
                  />
                </div>
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

export function ServicesOverviewPage() {
  const t = useT();
  const { data, error, loading, reload } = useApi<Overview>(servicesPaths.overview);
  return (
    <div data-testid="services-overview">
      <Page
        title={t('nav.servicesOverview')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {t('common.reload')}
          </Button>
        }
      >
        {error ? (
          <ErrorAlert error={error} onRetry={reload} />
        ) : loading && !data ? (
          <Card>
            <CardSkeleton rows={8} />
          </Card>
        ) : data ? (
          <Figures o={data} />
        ) : null}
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('services.overview.allApplications')}
        </Typography.Title>
        <ApplicationsTable scope="all" />
      </Page>
    </div>
  );
}
