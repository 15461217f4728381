/**
 * Public API of the action-plan module: the district's plan (parts, sections, 58 measures, responsible units),
 * milestones and progress reports, supervision (reminders, 督办单), typical cases, KPIs fed by metric providers,
 * and exports. Contract: docs/action-plan-api.md.
 */
import type { AppContext, ModuleDefinition } from '../../kernel/context.ts';
import { actionPlanMetrics } from './action-plan.metrics.ts';
import { casesRoutes } from './cases.routes.ts';
import { exportRoutes } from './export.routes.ts';
import { kpiJobs } from './kpi.jobs.ts';
import { kpiRoutes } from './kpi.routes.ts';
import { seedShippedKpis } from './kpi.service.ts';
import { measuresRoutes } from './measures.routes.ts';
import { importShippedPlan } from './plan-import.service.ts';
import { planRoutes } from './plan.routes.ts';
import { supervisionJobs } from './supervision.jobs.ts';

export function actionPlanModule(ctx: AppContext): ModuleDefinition {
  return {
    name: 'action-plan',
    routes: (app, c) => {
      planRoutes(app, c);
      measuresRoutes(app, c);
      casesRoutes(app, c);
      kpiRoutes(app, c);
      exportRoutes(app, c);
    },
    jobs: [...supervisionJobs(ctx), ...kpiJobs(ctx)],
    metrics: actionPlanMetrics(),
    async onStart(c) {
      await importShippedPlan(c);
      await seedShippedKpis(c);
    },
  };
}

export { listKpis } from './kpi.service.ts';
export { computeMeasureStates, type MeasureState } from './measure-status.service.ts';
export {
  importPlan,
  importShippedPlan,
  type ImportPlanInput,
  type PlanImportResult,
} from './plan-import.service.ts';
