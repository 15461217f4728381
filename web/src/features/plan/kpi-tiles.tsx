import { Card, Col, Empty, Flex, Row, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import type { Kpi } from './plan.api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useLocale, useT, type Translate } from '../../app/i18n.ts';
import { EChart } from '../../components/echart.tsx';
import { sparklineOption } from './dashboard-charts.ts';

export function formatKpiValue(value: number, unit: string, locale: string): string {
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  return unit === '%' ? `${n}%` : `${n} ${unit}`;
}

export function kpiTarget(kpi: Kpi, t: Translate, locale: string): string {
  return t(kpi.direction === 'at_least' ? 'plan.kpi.targetAtLeast' : 'plan.kpi.targetAtMost', {
    value: formatKpiValue(kpi.target, kpi.unit, locale),
  });
}

/** What a KPI can honestly say about itself; a KPI without a source never shows a number. */
export type KpiState = 'no_source' | 'not_computed' | 'error' | 'no_value' | 'value';

export function kpiState(kpi: Kpi): KpiState {
  if (kpi.source === null) return 'no_source';
  if (!kpi.latest) return 'not_computed';
  if (kpi.latest.status === 'no_source') return 'no_source';
  if (kpi.latest.status === 'error') return 'error';
  return kpi.latest.value === null ? 'no_value' : 'value';
}

export function MetTag({ met }: { met: boolean | null | undefined }) {
  const t = useT();
  if (met === null || met === undefined) return null;
  return (
    <Tag
      color={met ? 'success' : 'error'}
      style={{ marginInlineEnd: 0 }}
      data-testid="kpi-met"
      data-met={met}
    >
      {met ? t('plan.kpi.met') : t('plan.kpi.notMet')}
    </Tag>
  );
}

function KpiTile({ kpi }: { kpi: Kpi }) {
  const t = useT();
  const { locale } = useLocale();
  const state = kpiState(kpi);
  const hasTrend = kpi.history.some((h) => h.value !== null);
  const option = useMemo(() => sparklineOption(kpi, t), [kpi, t]);
  const greyed = state === 'no_source';
  return (
    <Card
      size="small"
      style={{ height: '100%', background: greyed ? '#f5f5f5' : undefined }}
      styles={{ body: { height: '100%' } }}
      data-testid="kpi-tile"
      data-kpi={kpi.code}
      data-state={state}
    >
      <Flex vertical gap={4} style={{ height: '100%' }}>
        <Flex justify="space-between" align="start" gap={8}>
          <Tooltip title={kpi.description}>
            <Typography.Text strong type={greyed ? 'secondary' : undefined}>
              {kpi.name}
            </Typography.Text>
          </Tooltip>
          <MetTag met={state === 'value' ? kpi.latest?.met : null} />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {kpiTarget(kpi, t, locale)}
        </Typography.Text>
        {state === 'value' && kpi.latest && kpi.latest.value !== null ? (
          <Typography.Text style={{ fontSize: 24, fontWeight: 600 }} data-testid="kpi-value">
            {formatKpiValue(kpi.latest.value, kpi.unit, locale)}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 16, fontWeight: 600 }} data-testid="kpi-value">
            {t(`plan.kpi.state.${state}`)}
          </Typography.Text>
        )}
        {greyed ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="kpi-provider">
            {kpi.provider
              ? t('plan.kpi.providerPending', { provider: kpi.provider })
              : t('plan.kpi.providerNone')}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {kpi.latest
              ? t('plan.kpi.latestAt', {
                  period: kpi.latest.period,
                  time: formatDateTime(kpi.latest.computedAt),
                })
              : t('plan.kpi.source', { name: kpi.source?.name ?? '' })}
          </Typography.Text>
        )}
        <div style={{ marginTop: 'auto' }}>
          {hasTrend ? (
            <EChart option={option} height={56} ariaLabel={t('plan.kpi.trend', { name: kpi.name })} />
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('plan.kpi.noHistory')}
            </Typography.Text>
          )}
        </div>
      </Flex>
    </Card>
  );
}

export function KpiTiles({ kpis }: { kpis: readonly Kpi[] }) {
  const t = useT();
  if (kpis.length === 0) return <Empty description={t('plan.kpi.empty')} />;
  // Live KPIs first; the ones still waiting for a data source after them, greyed.
  const ordered = [...kpis].sort(
    (a, b) => Number(kpiState(a) === 'no_source') - Number(kpiState(b) === 'no_source'),
  );
  return (
    <Row gutter={[12, 12]} data-testid="kpi-tiles">
      {ordered.map((k) => (
        <Col key={k.id} xs={24} sm={12} lg={8} xxl={6}>
          <KpiTile kpi={k} />
        </Col>
      ))}
    </Row>
  );
}
