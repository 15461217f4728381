/**
 * Public API of the services module: 政务服务事项 catalogue, 一件事 bundles, applications with parallel departmental
 * tasks, supplements (补正), simple deregistration notices, and the opening-time metrics. Contract:
 * docs/services-api.md.
 */
import { defineAuditActions } from '../../kernel/audit.ts';
import type { AppContext, ModuleManifest } from '../../kernel/context.ts';
import { definePermissions, type FileAccessCheck } from '../../kernel/policy.ts';
import { OWNER_MODULE } from './material-check.ts';
import { seedServicesCatalogue } from './catalogue.service.ts';
import { findApplication, tasksOf } from './applications.repository.ts';
import { canSeeApplication } from './services.policy.ts';
import { seedDemoJob, servicesJobs } from './services.jobs.ts';
import { servicesMetrics } from './services.metrics.ts';
import { ServicesErrors } from './services.errors.ts';
import { servicesRoutes } from './services.routes.ts';
import type { WorkflowAuditDetail } from './transition.ts';

const permissions = definePermissions({
  'services.apply': '企业、个人：在线申办事项与一件事、补正材料、查看办件进度与结果',
  'services.process': '部门：认领、审批、退回、要求补正本部门的办件任务',
  'services.read': '查看全区办件、时限与统计（监管）',
  'services.manage': '维护政务服务事项目录与一件事配置',
});

declare module '../../kernel/policy.ts' {
  interface PermissionCatalogues {
    services: typeof permissions;
  }
}

declare module '../../kernel/audit.ts' {
  interface AuditActions {
    'services.catalogue_seeded': { items: number; bundles: number };
    'services.item_created': ServiceItemAuditDetail;
    'services.item_updated': ServiceItemAuditDetail;
    'services.bundle_created': BundleAuditDetail;
    'services.bundle_updated': BundleAuditDetail;
    'services.application_submitted': WorkflowAuditDetail;
    'services.task_claimed': WorkflowAuditDetail;
    'services.task_approved': WorkflowAuditDetail;
    'services.task_rejected': WorkflowAuditDetail;
    'services.supplement_requested': WorkflowAuditDetail;
    'services.supplement_answered': WorkflowAuditDetail;
    'services.notice_objected': WorkflowAuditDetail;
    'services.notice_ended': WorkflowAuditDetail;
    'services.notices_closed': { completed: number; asOf: string };
  }
}

interface ServiceItemAuditDetail {
  name: string;
  departmentId: string;
  deadlineWorkdays: number;
}

interface BundleAuditDetail {
  name: string;
  items: readonly string[];
  active: boolean;
}

const auditActions = defineAuditActions([
  'services.catalogue_seeded',
  'services.item_created',
  'services.item_updated',
  'services.bundle_created',
  'services.bundle_updated',
  'services.application_submitted',
  'services.task_claimed',
  'services.task_approved',
  'services.task_rejected',
  'services.supplement_requested',
  'services.supplement_answered',
  'services.notice_objected',
  'services.notice_ended',
  'services.notices_closed',
]);

// Materials and results attached to an application are readable by whoever may see the application.
const applicationFileAccess: FileAccessCheck = async (actor, ownerId, db) => {
  const app = await findApplication(db, ownerId);
  if (!app) return false;
  const depts = (await tasksOf(db, app.id)).map((t) => t.department_id);
  return canSeeApplication(actor, {
    applicantId: app.applicant_id,
    enterpriseId: app.enterprise_id,
    taskDepartmentIds: depts,
  });
};

export function servicesModule(ctx: AppContext): ModuleManifest {
  return {
    name: 'services',
    errors: [ServicesErrors],
    permissions,
    auditActions,
    fileAccess: { [OWNER_MODULE]: applicationFileAccess },
    routes: servicesRoutes,
    jobs: servicesJobs(ctx),
    metrics: servicesMetrics(),
    async onStart(c) {
      await seedServicesCatalogue(c);
      // Demo applications need the demo accounts, which main.ts creates after start-up: a job runs them once the
      // workers are up. Tests (mode test) and production never seed them.
      if (c.config.demoData && c.config.mode === 'development') {
        // Delayed a little so it does not compete with the start-up itself on the embedded database.
        await c.jobs.send(seedDemoJob(c), {}, { singletonKey: 'services-demo', startAfterSeconds: 5 });
      }
    },
  };
}

export { getOverview } from './services.metrics.ts';
// A valid sample form for a bundle's combined schema (benchmarks, demo data, scripted runs).
export { sampleForm } from './services.samples.ts';
