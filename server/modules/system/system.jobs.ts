import { Type } from 'typebox';
import { appendAudit, systemOrigin, verifyAuditChain } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { defineJob } from '../../kernel/jobs/jobs.ts';
import { deleteSessionsEndedBefore } from './system.repository.ts';

export function systemJobs(ctx: AppContext) {
  const verifyChain = defineJob({
    id: 'system.verify-audit-chain',
    description: '每日校验审计日志哈希链 (daily audit hash-chain verification)',
    payload: Type.Object({}),
    schedule: '30 2 * * *',
    async handler(_payload, run) {
      const result = await verifyAuditChain(ctx.db, (checked, total) =>
        run.progress(total ? Math.floor((checked / total) * 100) : 100, `${checked}/${total}`),
      );
      if (!result.ok) run.logger.error({ result }, 'audit chain broken');
      return { ...result };
    },
  });
  const purgeSessions = defineJob({
    id: 'system.purge-sessions',
    description: '清理过期会话 (delete expired and revoked sessions older than a day)',
    payload: Type.Object({}),
    schedule: '15 * * * *',
    async handler() {
      // Idempotent: deleting what is already gone deletes nothing.
      const cutoff = new Date(ctx.clock.now().getTime() - 86_400_000);
      const deleted = await deleteSessionsEndedBefore(ctx.db, cutoff);
      if (deleted > 0) {
        await ctx.db.transaction().execute((trx) =>
          appendAudit(trx, systemOrigin(purgeSessions.actor), {
            action: 'system.sessions_purged',
            subjectType: 'session',
            detail: { deleted },
          }),
        );
      }
      return { deleted };
    },
  });
  return { verifyChain, purgeSessions };
}
