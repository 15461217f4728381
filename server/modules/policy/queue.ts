/**
 * Job ids and payloads of the policy module, and the sends the use cases make (re-match after a publication or a
 * facts change). The handlers are in policy.jobs.ts; keeping the definitions here avoids an import cycle.
 */
import { Type } from 'typebox';
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { JobDefinition } from '../../kernel/jobs/jobs.ts';

export const MATCH_ALL_JOB = 'policy.match-all';
export const MATCH_ENTERPRISE_JOB = 'policy.match-enterprise';
export const NOTIFY_JOB = 'policy.notify-matches';
export const BUILD_GRANT_LIST_JOB = 'policy.build-grant-list';

export const MatchAllPayload = Type.Object({
  clauseIds: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9a-f-]{36}$' }), { maxItems: 1000 })),
});
export const MatchEnterprisePayload = Type.Object({
  enterpriseId: Type.String({ pattern: '^[0-9a-f-]{36}$' }),
});
export const BuildGrantListPayload = Type.Object({ listId: Type.String({ pattern: '^[0-9a-f-]{36}$' }) });

function sendable<
  S extends typeof MatchAllPayload | typeof MatchEnterprisePayload | typeof BuildGrantListPayload,
>(id: string, payload: S): JobDefinition<S> {
  return { id, description: id, payload, handler: async () => undefined };
}

/** Queues a re-match of every enterprise (publishing, changing or withdrawing a policy). */
export async function queueMatchAll(ctx: AppContext): Promise<void> {
  try {
    await ctx.jobs.send(sendable(MATCH_ALL_JOB, MatchAllPayload), {}, { singletonKey: 'all' });
  } catch (err) {
    // The change is committed; the nightly run catches up if the queue is unavailable.
    ctx.logger.error({ err }, 'could not queue policy re-match');
  }
}

/**
 * Queues a re-match of every enterprise on `trx`, the transaction that publishes or withdraws a policy: the change
 * and its re-match commit together (await `ctx.jobs.ready()` before opening the transaction).
 */
export async function queueMatchAllWith(ctx: AppContext, trx: Db): Promise<void> {
  await ctx.jobs.sendWith(trx, sendable(MATCH_ALL_JOB, MatchAllPayload), {}, { singletonKey: 'all' });
}

export async function queueMatchEnterprise(ctx: AppContext, enterpriseId: string): Promise<void> {
  try {
    await ctx.jobs.send(
      sendable(MATCH_ENTERPRISE_JOB, MatchEnterprisePayload),
      { enterpriseId },
      {
        singletonKey: enterpriseId,
      },
    );
  } catch (err) {
    ctx.logger.error({ err, enterpriseId }, 'could not queue enterprise re-match');
  }
}

/**
 * Queues the credit checks of a large grant list on `trx`, the transaction that creates the `building` list, so a
 * list is never left building without its job (await `ctx.jobs.ready()` before opening the transaction).
 */
export async function queueBuildGrantList(ctx: AppContext, trx: Db, listId: string): Promise<void> {
  await ctx.jobs.sendWith(
    trx,
    sendable(BUILD_GRANT_LIST_JOB, BuildGrantListPayload),
    { listId },
    { singletonKey: listId },
  );
}
