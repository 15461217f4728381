import type { AppContext } from '../../kernel/context.ts';
import { Type } from 'typebox';
import { defineJob, type JobDefinition } from '../../kernel/jobs/jobs.ts';
import { classifyAllEnterprises } from './classification.service.ts';
import { processImport, sweepStaleImports } from './imports.service.ts';
import { exitDueListEntries } from './lists.service.ts';
import { sweepPublication } from './repair.service.ts';

/** Records and imports: jobs of the records engineer. */
export function recordJobs(ctx: AppContext): JobDefinition[] {
  return [importFileJob(ctx), sweepStaleImportsJob(ctx)];
}

/**
 * Every 10 minutes: imports still "running" without progress for `importStaleMinutes` (settings.json) are ended as
 * failed with a reason, so a job lost with its process never leaves an import running for ever. Idempotent.
 */
export function sweepStaleImportsJob(ctx: AppContext) {
  return defineJob({
    id: 'credit.sweep-stale-imports',
    description: '结束长时间无进展的信用信息导入（标记为失败并说明原因）',
    payload: Type.Object({}),
    schedule: '*/10 * * * *',
    policy: 'stately',
    async handler(_payload, run) {
      const swept = await sweepStaleImports(ctx);
      run.progress(100, `${swept} stale imports ended`);
      return { swept };
    },
  });
}

/**
 * Runs one bulk import (`credit_import` row, file kept in the file store until done). Progress is written to the
 * import row per batch, so any process can show it. A retry re-runs the file: rows already written are unchanged.
 */
export function importFileJob(ctx: AppContext) {
  const job = defineJob({
    id: 'credit.import-file',
    description: '信用信息批量导入（校验、写入、错误报告）',
    payload: Type.Object({ importId: Type.String({ pattern: '^[0-9a-f-]{36}$' }) }),
    retryLimit: 2,
    async handler(payload, run) {
      const done = await processImport(ctx, payload.importId, job.actor);
      run.progress(100, done ? `${done.status}: ${done.rows_total} rows` : 'import not found');
      return done
        ? { status: done.status, rows: done.rows_total, failed: done.rows_failed }
        : { missing: true };
    },
  });
  return job;
}

/** Lists, repair, publication expiry, monthly classification: jobs of the lists engineer. */
export function listJobs(ctx: AppContext): JobDefinition[] {
  return [expirePublicationJob(ctx), classifyEnterprisesJob(ctx)];
}

/**
 * Daily at 01:00 China time: publication ends at the maximum period (`ended_expired`), list entries leave on their
 * exit date, and repair reviews past their working-day deadline are reported to the department. Idempotent.
 */
export function expirePublicationJob(ctx: AppContext) {
  const job = defineJob({
    id: 'credit.expire-publication',
    description: '信用信息公示期满自动停止公示、名单到期移出、修复审核逾期提醒',
    payload: Type.Object({}),
    schedule: '0 1 * * *',
    policy: 'stately',
    async handler(_payload, run) {
      const sweep = await sweepPublication(ctx, job.actor);
      const listExits = await exitDueListEntries(ctx, job.actor);
      run.progress(
        100,
        `${sweep.expired} expired, ${listExits} list exits, ${sweep.overdueReviews} overdue reviews`,
      );
      return { ...sweep, listExits };
    },
  });
  return job;
}

/** Monthly on the 1st at 03:00: A–D risk classification of every enterprise for the month (re-run replaces it). */
export function classifyEnterprisesJob(ctx: AppContext) {
  const job = defineJob({
    id: 'credit.classify-enterprises',
    description: '企业信用风险分类（A–D），每月1日重算并留存历史',
    payload: Type.Object({ asOf: Type.Optional(Type.String({ format: 'date' })) }),
    schedule: '0 3 1 * *',
    policy: 'stately',
    retryLimit: 1,
    async handler(payload, run) {
      const result = await classifyAllEnterprises(ctx, job.actor, {
        ...(payload.asOf ? { asOf: payload.asOf } : {}),
        onProgress: (done) => run.progress(0, `${done} enterprises classified`),
      });
      return { ...result };
    },
  });
  return job;
}
