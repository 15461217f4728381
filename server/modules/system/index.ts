/** Public API of the system module: health, audit log access, job status and the platform's own upkeep jobs. */
import { defineAuditActions } from '../../kernel/audit.ts';
import type { AppContext, ModuleManifest } from '../../kernel/context.ts';
import { definePermissions } from '../../kernel/policy.ts';
import { systemJobs } from './system.jobs.ts';
import { systemRoutes } from './system.routes.ts';

const permissions = definePermissions({
  'audit.read': '查看与校验审计日志',
  'job.read': '查看后台任务状态',
  'job.run': '手动触发后台任务',
});

declare module '../../kernel/policy.ts' {
  interface PermissionCatalogues {
    system: typeof permissions;
  }
}

declare module '../../kernel/audit.ts' {
  interface AuditActions {
    'system.job_started': { jobId: string };
    'system.sessions_purged': { deleted: number };
  }
}

export function systemModule(ctx: AppContext): ModuleManifest {
  const jobs = systemJobs(ctx);
  return {
    name: 'system',
    routes: systemRoutes,
    jobs: [jobs.verifyChain, jobs.purgeSessions],
    permissions,
    auditActions: defineAuditActions(['system.job_started', 'system.sessions_purged']),
  };
}
