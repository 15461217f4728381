import type { MetricProvider } from '../../kernel/metrics.ts';

/** 双公示 入库率 / 时效率 and monthly collection completeness, for the action plan's KPIs. */
export function creditMetrics(): MetricProvider[] {
  return [];
}
