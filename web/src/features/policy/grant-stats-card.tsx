/** The department's (or district's) 免申即享 figures: lists, inclusions, confirmations, disbursements, a chart. */
import { Card, Col, Flex, Progress, Row, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { EChart, type ChartOption } from '../../components/echart.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';

export function GrantStatsCard() {
  const t = useT();
  const stats = useApiQuery('/api/policies/stats');
  const { data, error } = stats;
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
  if (error) return <ErrorAlert error={error} onRetry={() => void stats.refetch()} />;
  if (stats.isLoading)
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
