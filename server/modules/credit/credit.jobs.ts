import type { AppContext } from '../../kernel/context.ts';
import type { JobDefinition } from '../../kernel/jobs/jobs.ts';

/** Records and imports: jobs of the records engineer. */
export function recordJobs(ctx: AppContext): JobDefinition[] {
  void ctx;
  return [];
}

/** Lists, repair, publication expiry, monthly classification: jobs of the lists engineer. */
export function listJobs(ctx: AppContext): JobDefinition[] {
  void ctx;
  return [];
}
