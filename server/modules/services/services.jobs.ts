import { Type } from 'typebox';
import { systemOrigin } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { defineJob, type JobDefinition } from '../../kernel/jobs/jobs.ts';
import { seedDemoApplications } from './services.demo.ts';
import { closeDueNotices } from './notices.service.ts';

/**
 * Daily at 00:30 China time: every simple-deregistration notice whose 20 days ended without objection completes
 * its deregistration. Idempotent (a notice is ended once, under a row lock).
 */
export function closeNoticesJob(ctx: AppContext) {
  const job = defineJob({
    id: 'services.close-notices',
    description: '简易注销公示期满无异议自动办结',
    payload: Type.Object({}),
    schedule: '30 0 * * *',
    policy: 'stately',
    async handler(_payload, run) {
      const r = await closeDueNotices(ctx, systemOrigin(job.actor));
      run.progress(100, `${r.completed} deregistrations completed`);
      return r;
    },
  });
  return job;
}

/**
 * Demo applications for the demo accounts. Sent once at start-up when demo data is on; it runs after the workers
 * start, i.e. after the demo accounts exist. Does nothing when they are missing or already have applications.
 */
export function seedDemoJob(ctx: AppContext) {
  const job = defineJob({
    id: 'services.seed-demo',
    description: '演示办件（仅演示数据模式）',
    payload: Type.Object({}),
    policy: 'stately',
    retryLimit: 1,
    async handler(): Promise<{ created: number }> {
      return seedDemoApplications(ctx, job.actor);
    },
  });
  return job;
}

export function servicesJobs(ctx: AppContext): JobDefinition[] {
  return [closeNoticesJob(ctx), seedDemoJob(ctx)];
}
