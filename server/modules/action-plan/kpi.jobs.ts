import type { AppContext } from '../../kernel/context.ts';
import type { JobDefinition } from '../../kernel/jobs/jobs.ts';

export function kpiJobs(ctx: AppContext): JobDefinition[] {
  void ctx;
  return [];
}
