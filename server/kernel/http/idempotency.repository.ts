/** The idempotency-key store behind `withIdempotency` (kernel table `idempotency_key`). */
import type { Kysely } from 'kysely';
import type { Db } from '../db/database.ts';

type IdempotencyTables = {
  idempotency_key: {
    key: string;
    actor_id: string;
    route: string;
    request_hash: string;
    status_code: number;
    response_body: unknown;
    created_at: Date;
  };
};

/** Primary key of a stored key: scoped by actor and route. */
export interface IdempotencyKeyId {
  key: string;
  actor_id: string;
  route: string;
}

function tables(db: Db): Kysely<IdempotencyTables> {
  return db.withTables<IdempotencyTables>();
}

/** Claims a fresh key as in progress (`status`); false when the key is already stored. */
export async function insertClaim(
  db: Db,
  pk: IdempotencyKeyId,
  claim: { requestHash: string; status: number; at: Date },
): Promise<boolean> {
  const row = await tables(db)
    .insertInto('idempotency_key')
    .values({
      ...pk,
      request_hash: claim.requestHash,
      status_code: claim.status,
      response_body: null,
      created_at: claim.at,
    })
    .onConflict((oc) => oc.columns(['actor_id', 'route', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Takes over a stored key created before `expiredBefore`, or still in progress (`inProgress`) since before
 * `staleBefore`, in one statement so that two retries racing for it cannot both win.
 */
export async function takeOverClaim(
  db: Db,
  pk: IdempotencyKeyId,
  claim: { requestHash: string; status: number; at: Date },
  cutoffs: { expiredBefore: Date; staleBefore: Date; inProgress: number },
): Promise<boolean> {
  const row = await tables(db)
    .updateTable('idempotency_key')
    .set({
      request_hash: claim.requestHash,
      status_code: claim.status,
      response_body: null,
      created_at: claim.at,
    })
    .where('key', '=', pk.key)
    .where('actor_id', '=', pk.actor_id)
    .where('route', '=', pk.route)
    .where((eb) =>
      eb.or([
        eb('created_at', '<', cutoffs.expiredBefore),
        eb.and([eb('status_code', '=', cutoffs.inProgress), eb('created_at', '<', cutoffs.staleBefore)]),
      ]),
    )
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findStoredResult(db: Db, pk: IdempotencyKeyId) {
  return tables(db)
    .selectFrom('idempotency_key')
    .select(['request_hash', 'status_code', 'response_body'])
    .where('key', '=', pk.key)
    .where('actor_id', '=', pk.actor_id)
    .where('route', '=', pk.route)
    .executeTakeFirst();
}

/** Releases a claim still in progress (`inProgress`), so the client may retry with the same key. */
export async function deleteClaim(db: Db, pk: IdempotencyKeyId, inProgress: number): Promise<void> {
  await tables(db)
    .deleteFrom('idempotency_key')
    .where('key', '=', pk.key)
    .where('actor_id', '=', pk.actor_id)
    .where('route', '=', pk.route)
    .where('status_code', '=', inProgress)
    .execute();
}

/** Stores the handler's status and body (JSON text or null) for replay. */
export async function storeResult(
  db: Db,
  pk: IdempotencyKeyId,
  status: number,
  body: string | null,
): Promise<void> {
  await tables(db)
    .updateTable('idempotency_key')
    .set({ status_code: status, response_body: body })
    .where('key', '=', pk.key)
    .where('actor_id', '=', pk.actor_id)
    .where('route', '=', pk.route)
    .execute();
}

export async function deleteKeysCreatedBefore(db: Db, olderThan: Date): Promise<number> {
  const res = await tables(db)
    .deleteFrom('idempotency_key')
    .where('created_at', '<', olderThan)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
