import { Type } from 'typebox';
import { systemOrigin } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { defineJob, type JobDefinition } from '../../kernel/jobs/jobs.ts';
import { runSupervision } from './supervision.service.ts';

/**
 * Daily at 08:30 China time, as the working day starts: reminders and 督办单 for overdue milestones and missing
 * progress reports. Running it again creates nothing new (notices are deduplicated), so one 'stately' slot is
 * enough.
 */
export function superviseJob(ctx: AppContext) {
  const job = defineJob({
    id: 'action-plan.supervise',
    description: '行动方案督办：逾期节点与未报进展的提醒和督办单 (reminders and escalations)',
    payload: Type.Object({}),
    schedule: '30 8 * * *',
    policy: 'stately',
    async handler(_payload, run) {
      const result = await runSupervision(ctx, systemOrigin(job.actor));
      run.progress(100, `${result.reminders} reminders, ${result.escalations} escalations`);
      return { ...result };
    },
  });
  return job;
}

export function supervisionJobs(ctx: AppContext): JobDefinition[] {
  return [superviseJob(ctx)];
}
