/**
 * 免申即享 grant lists and their entries (`policy_grant_list`, `policy_grant`): the only writer of both, and the
 * read models the grant pages, the enterprise view, the statistics and the KPI figures use.
 */
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import { policyDb, type GrantListStatus, type PolicyGrant, type PolicyGrantList } from './policy.tables.ts';

/** A grant with its list's status and department and its clause's titles. */
export type GrantRow = Pick<
  PolicyGrant,
  | 'id'
  | 'list_id'
  | 'clause_id'
  | 'enterprise_id'
  | 'included'
  | 'exclusion_reason'
  | 'amount'
  | 'formula'
  | 'confirmed_at'
  | 'disbursed_at'
  | 'disbursed_amount'
  | 'reference'
> & {
  list_status: GrantListStatus;
  department_id: string;
  policy_id: string;
  policy_title: string;
  clause_title: string;
  citation: string;
};

function selectGrants(db: Db) {
  return policyDb(db)
    .selectFrom('policy_grant as g')
    .innerJoin('policy_grant_list as l', 'l.id', 'g.list_id')
    .innerJoin('policy_clause as c', 'c.id', 'g.clause_id')
    .innerJoin('policy as p', 'p.id', 'c.policy_id')
    .select([
      'g.id',
      'g.list_id',
      'g.clause_id',
      'g.enterprise_id',
      'g.included',
      'g.exclusion_reason',
      'g.amount',
      'g.formula',
      'g.confirmed_at',
      'g.disbursed_at',
      'g.disbursed_amount',
      'g.reference',
      'l.status as list_status',
      'l.department_id',
      'p.id as policy_id',
      'p.title as policy_title',
      'c.title as clause_title',
      'c.citation',
    ]);
}

export async function findGrant(db: Db, id: string): Promise<GrantRow | undefined> {
  return selectGrants(db).where('g.id', '=', id).executeTakeFirst();
}

/** A list's entries, included first, in the order they were written. */
export async function listGrantsOfList(db: Db, listId: string): Promise<GrantRow[]> {
  return selectGrants(db)
    .where('g.list_id', '=', listId)
    .orderBy('g.included', 'desc')
    .orderBy('g.created_at')
    .execute();
}

/** An enterprise's included grants of approved lists, newest first. */
export async function listApprovedGrantsOfEnterprise(db: Db, enterpriseId: string): Promise<GrantRow[]> {
  return selectGrants(db)
    .where('g.enterprise_id', '=', enterpriseId)
    .where('g.included', '=', true)
    .where('l.status', '=', 'approved')
    .orderBy('g.created_at', 'desc')
    .execute();
}

/** Clause id → the enterprise's included grant of an approved list, with its step. */
export async function approvedGrantsOf(
  db: Db,
  enterpriseId: string,
): Promise<Pick<PolicyGrant, 'id' | 'clause_id' | 'included' | 'confirmed_at' | 'disbursed_at'>[]> {
  return policyDb(db)
    .selectFrom('policy_grant as g')
    .innerJoin('policy_grant_list as l', 'l.id', 'g.list_id')
    .select(['g.id', 'g.clause_id', 'g.included', 'g.confirmed_at', 'g.disbursed_at'])
    .where('g.enterprise_id', '=', enterpriseId)
    .where('g.included', '=', true)
    .where('l.status', '=', 'approved')
    .execute();
}

export type GrantListSummaryRow = Pick<
  PolicyGrantList,
  'id' | 'clause_id' | 'department_id' | 'status' | 'created_at' | 'approved_at'
> & {
  policy_id: string;
  policy_title: string;
  clause_title: string;
  included: number;
  excluded: number;
  confirmed: number;
  disbursed: number;
  total: number;
};

/** A department's lists (or one of them) with their counts, newest first. */
export async function listGrantListSummaries(
  db: Db,
  where: { departmentId: string; listId?: string },
): Promise<GrantListSummaryRow[]> {
  let q = policyDb(db)
    .selectFrom('policy_grant_list as l')
    .innerJoin('policy_clause as c', 'c.id', 'l.clause_id')
    .innerJoin('policy as p', 'p.id', 'c.policy_id')
    .leftJoin('policy_grant as g', 'g.list_id', 'l.id')
    .select([
      'l.id',
      'l.clause_id',
      'l.department_id',
      'l.status',
      'l.created_at',
      'l.approved_at',
      'p.id as policy_id',
      'p.title as policy_title',
      'c.title as clause_title',
      sql<number>`count(g.id) filter (where g.included)::int`.as('included'),
      sql<number>`count(g.id) filter (where not g.included)::int`.as('excluded'),
      sql<number>`count(g.confirmed_at)::int`.as('confirmed'),
      sql<number>`count(g.disbursed_at)::int`.as('disbursed'),
      sql<number>`coalesce(sum(g.amount) filter (where g.included), 0)::float8`.as('total'),
    ])
    .where('l.department_id', '=', where.departmentId)
    .groupBy(['l.id', 'p.id', 'c.id']);
  if (where.listId) q = q.where('l.id', '=', where.listId);
  return q.orderBy('l.created_at', 'desc').execute();
}

export async function findGrantList(
  db: Db,
  id: string,
): Promise<Pick<PolicyGrantList, 'id' | 'clause_id' | 'status'> | undefined> {
  return policyDb(db)
    .selectFrom('policy_grant_list')
    .select(['id', 'clause_id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The clause's active matches not yet in one of its lists, by enterprise id. */
export async function listGrantCandidates(db: Db, clauseId: string): Promise<string[]> {
  const rows = await policyDb(db)
    .selectFrom('policy_match as m')
    .select('m.enterprise_id')
    .where('m.clause_id', '=', clauseId)
    .where('m.active', '=', true)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('policy_grant as g')
            .select('g.id')
            .whereRef('g.enterprise_id', '=', 'm.enterprise_id')
            .where('g.clause_id', '=', clauseId),
        ),
      ),
    )
    .orderBy('m.enterprise_id')
    .execute();
  return rows.map((r) => r.enterprise_id);
}

/** A new list, `building` until its entries are written. */
export async function insertGrantList(
  trx: Db,
  list: { clauseId: string; departmentId: string; createdBy: string },
): Promise<string> {
  const row = await policyDb(trx)
    .insertInto('policy_grant_list')
    .values({
      clause_id: list.clauseId,
      department_id: list.departmentId,
      created_by: list.createdBy,
      status: 'building',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type GrantEntryWrite = Pick<
  PolicyGrant,
  'enterprise_id' | 'included' | 'exclusion_reason' | 'amount' | 'formula'
>;

/** Writes a list's entries (an enterprise already listed for the clause is skipped) and marks it pending. */
export async function completeGrantListRows(
  trx: Db,
  listId: string,
  clauseId: string,
  entries: readonly GrantEntryWrite[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    await policyDb(trx)
      .insertInto('policy_grant')
      .values(entries.slice(i, i + 500).map((e) => ({ ...e, list_id: listId, clause_id: clauseId })))
      .onConflict((oc) => oc.columns(['clause_id', 'enterprise_id']).doNothing())
      .execute();
  }
  await policyDb(trx)
    .updateTable('policy_grant_list')
    .set({ status: 'pending' })
    .where('id', '=', listId)
    .where('status', '=', 'building')
    .execute();
}

/** Approves a pending list; false when it was not pending (already approved). */
export async function approveGrantListRow(trx: Db, id: string, userId: string, now: Date): Promise<boolean> {
  const updated = await policyDb(trx)
    .updateTable('policy_grant_list')
    .set({ status: 'approved', approved_by: userId, approved_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

/** Records the enterprise's confirmation; false when it was already confirmed. */
export async function confirmGrantRow(trx: Db, id: string, userId: string, now: Date): Promise<boolean> {
  const done = await policyDb(trx)
    .updateTable('policy_grant')
    .set({ confirmed_at: now, confirmed_by: userId })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return done !== undefined;
}

/** Records the disbursement; false when it was already recorded. */
export async function disburseGrantRow(
  trx: Db,
  id: string,
  d: { userId: string; now: Date; amount: number; reference: string },
): Promise<boolean> {
  const done = await policyDb(trx)
    .updateTable('policy_grant')
    .set({
      disbursed_at: d.now,
      disbursed_by: d.userId,
      disbursed_amount: d.amount,
      reference: d.reference,
    })
    .where('id', '=', id)
    .where('disbursed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return done !== undefined;
}

/** Included entries of lists approved by `asOf`, and those confirmed by then. */
export async function countGrantConfirmations(
  db: Db,
  asOf: Date,
): Promise<{ offered: number; confirmed: number }> {
  const r = await sql<{ offered: number; confirmed: number }>`
    select count(*)::int as offered,
           count(g.confirmed_at) filter (where g.confirmed_at <= ${asOf})::int as confirmed
      from policy_grant g join policy_grant_list l on l.id = g.list_id
     where g.included and l.status = 'approved' and l.approved_at <= ${asOf}`.execute(db);
  return r.rows[0] ?? { offered: 0, confirmed: 0 };
}
