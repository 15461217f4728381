/**
 * Public API of the action-plan module: the district's plan (parts, sections, 58 measures, responsible units),
 * milestones and progress reports, supervision (reminders, 督办单), typical cases, KPIs fed by metric providers,
 * and exports. Contract: docs/action-plan-api.md.
 */
import { defineAuditActions } from '../../kernel/audit.ts';
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
import type { OverdueItem } from './supervision.service.ts';

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

interface KpiAuditDetail {
  code: string;
  name: string;
  unit: string;
  target: number;
  direction: string;
  provider: string | null;
  measureNos: readonly number[];
}

interface MilestoneFields {
  title: string;
  description: string | null;
  dueOn: string;
}

type SupervisionAuditDetail = Pick<
  OverdueItem,
  'reason' | 'measureNo' | 'milestoneId' | 'departmentId' | 'period' | 'dueOn' | 'overdueWorkdays'
> & { planCode: string; dedupeKey: string };

declare module '../../kernel/audit.ts' {
  interface AuditActions {
    'plan.imported': {
      code: string;
      importId: string;
      sha256: string;
      created: boolean;
      added: number;
      updated: number;
      unchanged: number;
      removed: number[];
      unmatchedUnits: { measureNo: number; name: string }[];
    };
    'plan.units_linked': { count: number; units: unknown[] };
    'plan.milestone_created': Omit<MilestoneFields, 'description'> & {
      planCode: string;
      measureNo: number;
      owner: string;
    };
    'plan.milestone_updated': {
      measureNo: number;
      before: MilestoneFields & { ownerDepartmentId: string };
      after: MilestoneFields & { owner: string };
      supersededNoticeIds: string[];
    };
    'plan.milestone_deleted': Omit<MilestoneFields, 'description'> & {
      measureNo: number;
      ownerDepartmentId: string;
      noticesDeleted: number;
    };
    'plan.milestone_completed': { measureNo: number; reportId: string };
    'plan.report_submitted': {
      planCode: string;
      measureNo: number;
      departmentId: string;
      period: string;
      percent: number;
      evidenceFileIds: readonly string[];
      completedMilestoneIds: readonly string[];
      resolvedNoticeIds: string[];
    };
    'plan.reminder_sent': SupervisionAuditDetail;
    'plan.escalated': SupervisionAuditDetail;
    'action_plan.case_submitted': { title: string; measureNo: number | null; departmentId: string };
    'action_plan.case_published': { departmentId: string; comment: string | null };
    'action_plan.case_rejected': { departmentId: string; comment: string | null };
    'action_plan.kpis_refreshed': {
      period: string;
      kpis: number;
      ok: number;
      noSource: number;
      error: number;
    };
    'action_plan.kpis_seeded': { file: string; inserted: string[] };
    'action_plan.kpi_created': KpiAuditDetail;
    'action_plan.kpi_updated': KpiAuditDetail;
    'action_plan.kpi_deleted': { code: string; name: string; provider: string | null };
    'action_plan.exported': { format: string; bytes: number; measures: number };
  }
}

const auditActions = defineAuditActions([
  'plan.imported',
  'plan.units_linked',
  'plan.milestone_created',
  'plan.milestone_updated',
  'plan.milestone_deleted',
  'plan.milestone_completed',
  'plan.report_submitted',
  'plan.reminder_sent',
  'plan.escalated',
  'action_plan.case_submitted',
  'action_plan.case_published',
  'action_plan.case_rejected',
  'action_plan.kpis_refreshed',
  'action_plan.kpis_seeded',
  'action_plan.kpi_created',
  'action_plan.kpi_updated',
  'action_plan.kpi_deleted',
  'action_plan.exported',
]);

export function actionPlanModule(ctx: AppContext): ModuleManifest {
  return {
    name: 'action-plan',
    errors: [PlanErrors, MeasuresErrors, KpiErrors],
    permissions,
    auditActions,
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
