import { Card, Col, Empty, Row, Statistic } from 'antd';
import { useMemo } from 'react';
import { useApiQuery } from '../../api/query.ts';
import { useT, type Translate } from '../../app/i18n.ts';
import { brand } from '../../app/theme.ts';
import { EChart, type ChartOption } from '../../components/echart.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { sizeLabel } from '../enterprises/enterprise-labels.ts';
import type { EnterpriseStats } from '../enterprises/enterprises.api.ts';
import { PlanSummaryCard } from '../plan/plan-home-cards.tsx';

function townOption(stats: EnterpriseStats): ChartOption {
  // Horizontal bars keep every town name readable, even on a phone.
  const towns = [...stats.byTown].sort((a, b) => a.count - b.count);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: towns.map((x) => x.key), axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        data: towns.map((x) => x.count),
        itemStyle: { color: brand.primary },
        barMaxWidth: 22,
        label: { show: true, position: 'right' },
      },
    ],
  };
}

/** Brand blues from dark to light, then amber, so every slice differs from its neighbours and from the page. */
const SIZE_COLOURS = [brand.primary, '#4f8fd6', '#a9cdf2', '#e8983e'];

function sizeOption(stats: EnterpriseStats, t: Translate): ChartOption {
  const data = stats.bySize.map((x) => ({ name: sizeLabel(x.key, t), value: x.count }));
  const total = data.reduce((sum, d) => sum + d.value, 0);
  const legendText = new Map(
    data.map((d) => [
      d.name,
      `${d.name} ${d.value} · ${total > 0 ? ((d.value / total) * 100).toFixed(1) : 0}%`,
    ]),
  );
  return {
    color: SIZE_COLOURS,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    // Counts and shares live in the legend: labels inside the ring were white on pale slices and spilled out of
    // the thin ones, and outside labels get clipped on narrow screens.
    legend: { bottom: 0, formatter: (name: string) => legendText.get(name) ?? name },
    series: [
      {
        type: 'pie',
        radius: ['36%', '62%'],
        center: ['50%', '42%'],
        data,
        label: { show: false },
        labelLine: { show: false },
      },
    ],
  };
}

function Kpis({ stats }: { stats: EnterpriseStats }) {
  const t = useT();
  const top = [...stats.bySection].sort((a, b) => b.count - a.count)[0];
  const sme = stats.bySize.filter((x) => x.key !== 'large').reduce((sum, x) => sum + x.count, 0);
  const share = stats.total > 0 ? (sme / stats.total) * 100 : 0;
  return (
    <Row gutter={[16, 16]} data-testid="office-kpis">
      <Col xs={12} lg={6}>
        <Card style={{ height: '100%' }}>
          <Statistic title={t('home.enterpriseTotal')} value={stats.total} />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card style={{ height: '100%' }}>
          <Statistic title={t('home.townCount')} value={stats.byTown.length} />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card style={{ height: '100%' }}>
          <Statistic
            title={t('home.topSection')}
            value={top ? `${top.key} ${top.name}` : '—'}
            styles={{
              content: { fontSize: 18, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
            }}
          />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card style={{ height: '100%' }}>
          <Statistic title={t('home.smeShare')} value={share} precision={1} suffix="%" />
        </Card>
      </Col>
    </Row>
  );
}

export function OfficeHome() {
  const t = useT();
  const { data, error, isLoading: loading, refetch } = useApiQuery('/api/enterprises/stats');
  const reload = () => void refetch();
  const town = useMemo(() => (data ? townOption(data) : undefined), [data]);
  const size = useMemo(() => (data ? sizeOption(data, t) : undefined), [data, t]);

  const overview = error ? (
    <ErrorAlert error={error} onRetry={reload} />
  ) : loading || !data ? (
    <Card>
      <CardSkeleton rows={4} />
    </Card>
  ) : data.total === 0 ? (
    <Card title={t('home.overview')}>
      <Empty description={t('home.noStats')} />
    </Card>
  ) : (
    <>
      <Kpis stats={data} />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card title={t('home.byTown')}>
            {town && (
              <EChart
                option={town}
                ariaLabel={t('home.byTown')}
                height={Math.max(240, (data?.byTown.length ?? 0) * 30 + 40)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('home.bySize')}>
            {size && <EChart option={size} ariaLabel={t('home.bySize')} />}
          </Card>
        </Col>
      </Row>
    </>
  );

  return (
    <div data-testid="office-overview">
      <div style={{ marginBottom: 16 }}>
        <PlanSummaryCard />
      </div>
      {overview}
    </div>
  );
}
