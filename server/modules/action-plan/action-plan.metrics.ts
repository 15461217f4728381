import type { MetricProvider } from '../../kernel/metrics.ts';

/** Figures the action plan computes about itself (measures completed, milestones on time, reports submitted). */
export function actionPlanMetrics(): MetricProvider[] {
  return [];
}
