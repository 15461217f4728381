/**
 * Public API of the action-plan module: the district's plan (parts, sections, 58 measures, responsible units),
 * milestones and progress reports, supervision (reminders, 督办单), typical cases, KPIs fed by metric providers,
 * and exports. Contract: docs/action-plan-api.md.
 */
import type { AppContext, ModuleManifest } from '../../kernel/context.ts';
import { definePermissions } from '../../kernel/policy.ts';
import { actionPlanMetrics } from './action-plan.metrics.ts';
import { casesRoutes } from './cases.routes.ts';
import { exportRoutes } from './export.routes.ts';
import { KpiErrors } from './kpi.errors.ts';
import { kpiJobs } from './kpi.jobs.ts';
import { kpiRoutes } from './kpi.routes.ts';
import { seedShippedKpis } from './kpi.service.ts';
import { MeasuresErrors } from './measures.errors.ts';
import { measuresRoutes } from './measures.routes.ts';
import { EVIDENCE_OWNER, evidenceAccess } from './progress-reports.service.ts';
import { PlanErrors } from './plan.errors.ts';
import { importShippedPlan } from './plan-import.service.ts';
import { planRoutes } from './plan.routes.ts';
import { supervisionJobs } from './supervision.jobs.ts';

const permissions = definePermissions({
  'plan.read': '查看行动方案的内部进展（报告、督办、导出）',
  'plan.report': '本部门填报措施进展、提交典型案例',
  'plan.supervise': '领导小组办公室：导入方案、设置节点、督办、审核案例、管理指标',
});

declare module '../../kernel/policy.ts' {
  interface PermissionCatalogues {
    actionPlan: typeof permissions;
  }
}

export function actionPlanModule(ctx: AppContext): ModuleManifest {
  return {
    name: 'action-plan',
    errors: [PlanErrors, MeasuresErrors, KpiErrors],
    permissions,
    // Every official who may read progress reports may download their evidence.
    fileAccess: { [EVIDENCE_OWNER]: evidenceAccess },
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
