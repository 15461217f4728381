/** The figures and charts of the supervision page (办件监管). */
import { Card, Col, Empty, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useT } from '../../app/i18n.ts';
import { EChart } from '../../components/echart.tsx';
import { usePhone } from './services-ui.tsx';
import { type Overview } from './services.api.ts';
import {
  OPENING_TARGET_WORKDAYS,
  departmentOption,
  openingOption,
  paperOption,
  shareFraction,
  statusOption,
} from './overview-charts.ts';

export function Figures({ o }: { o: Overview }) {
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
