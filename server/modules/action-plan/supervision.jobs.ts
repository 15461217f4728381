import type { AppContext } from '../../kernel/context.ts';
import type { JobDefinition } from '../../kernel/jobs/jobs.ts';

export function supervisionJobs(ctx: AppContext): JobDefinition[] {
  void ctx;
  return [];
}
