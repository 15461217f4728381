/** Public API of the system module: health, audit log access, job status and the platform's own upkeep jobs. */
import type { AppContext, ModuleDefinition } from '../../kernel/context.ts';
import { systemJobs } from './system.jobs.ts';
import { systemRoutes } from './system.routes.ts';

export function systemModule(ctx: AppContext): ModuleDefinition {
  const jobs = systemJobs(ctx);
  return { name: 'system', routes: systemRoutes, jobs: [jobs.verifyChain, jobs.purgeSessions] };
}
