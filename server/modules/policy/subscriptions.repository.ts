/** `policy_subscription`: an enterprise's 直达 topics (its only writer). */
import type { Db } from '../../kernel/db/database.ts';
import { policyDb } from './policy.tables.ts';

export async function findSubscribedTopics(db: Db, enterpriseId: string): Promise<string[]> {
  const row = await policyDb(db)
    .selectFrom('policy_subscription')
    .select('topics')
    .where('enterprise_id', '=', enterpriseId)
    .executeTakeFirst();
  return row?.topics ?? [];
}

/** Enterprise id → subscribed topics, for the enterprises that chose some. */
export async function subscribedTopicsOf(
  db: Db,
  enterpriseIds: readonly string[],
): Promise<Map<string, string[]>> {
  if (enterpriseIds.length === 0) return new Map();
  const rows = await policyDb(db)
    .selectFrom('policy_subscription')
    .select(['enterprise_id', 'topics'])
    .where('enterprise_id', 'in', enterpriseIds)
    .execute();
  return new Map(rows.map((s) => [s.enterprise_id, s.topics]));
}

export async function saveSubscription(
  trx: Db,
  enterpriseId: string,
  topics: readonly string[],
  userId: string,
  now: Date,
): Promise<void> {
  await policyDb(trx)
    .insertInto('policy_subscription')
    .values({ enterprise_id: enterpriseId, topics: [...topics], updated_by: userId })
    .onConflict((oc) =>
      oc.column('enterprise_id').doUpdateSet({ topics: [...topics], updated_by: userId, updated_at: now }),
    )
    .execute();
}
