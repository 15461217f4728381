/**
 * `policy_match`: the only writer of matches (batch match, single re-match, the 直达 notifier's "told" mark) and
 * their read models. The set-based statements stay set-based: one statement per batch of translated clauses.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import { factsDb } from './facts.tables.ts';
import { policyDb, type ClauseMode, type PolicySubject } from './policy.tables.ts';

export interface ActiveClause {
  id: string;
  rule: unknown;
}

/** Effective clauses on `today`: published policy, subject enterprise, effective_from ≤ today ≤ effective_to. */
export async function listEffectiveEnterpriseClauses(
  db: Db,
  today: string,
  clauseIds?: readonly string[],
): Promise<ActiveClause[]> {
  const filter = clauseIds ? sql`and c.id = any(${[...clauseIds]}::uuid[])` : sql``;
  const r = await sql<ActiveClause>`
    select c.id, c.rule
      from policy_clause c
      join policy p on p.id = c.policy_id
     where p.status = 'published'
       and c.subject = 'enterprise'
       and c.effective_from <= ${today}::date
       and (c.effective_to is null or c.effective_to >= ${today}::date)
       ${filter}
     order by c.id`.execute(db);
  return r.rows;
}

/** Fingerprint of the effective enterprise clauses (ids, update times, policy status): a cache key. */
export async function effectiveClausesFingerprint(db: Db, today: string): Promise<string> {
  const r = await sql<{ fp: string | null }>`
    select md5(string_agg(c.id::text || ':' || c.updated_at::text || ':' || p.updated_at::text, ',' order by c.id)) as fp
      from policy_clause c
      join policy p on p.id = c.policy_id
     where p.status = 'published'
       and c.subject = 'enterprise'
       and c.effective_from <= ${today}::date
       and (c.effective_to is null or c.effective_to >= ${today}::date)`.execute(db);
  return r.rows[0]?.fp ?? '';
}

/**
 * Evaluates a batch of translated clauses in one scan of the facts table: each row yields the ids of the clauses
 * it satisfies (`unnest(array[case when <rule> then <clause id> end, …])`), then new matches are inserted,
 * returning ones re-activated and those of the batch's clauses that no longer hold ended — one statement.
 */
export async function matchBatchInSql(
  db: Db,
  batch: readonly { id: string; predicate: RawBuilder<boolean> }[],
  now: Date,
): Promise<{ newMatches: number; ended: number }> {
  const cases = sql.join(
    batch.map((c) => sql`case when ${c.predicate} then ${c.id}::uuid end`),
    sql`, `,
  );
  const ids = batch.map((c) => c.id);
  const statement = sql<{ new_matches: number; ended: number }>`
    with hits as materialized (
      select h.clause_id, f.enterprise_id
        from policy_enterprise_fact f
        cross join lateral unnest(array[${cases}]::uuid[]) as h(clause_id)
       where h.clause_id is not null
    ), ins as (
      insert into policy_match (clause_id, enterprise_id, first_matched_at, last_matched_at, active, via)
      select h.clause_id, h.enterprise_id, ${now}::timestamptz, ${now}::timestamptz, true, 'sql' from hits h
       -- Enterprise order turns both indexes' inserts into near-appends (clause-first PK: one run per clause).
       order by h.enterprise_id, h.clause_id
      on conflict (clause_id, enterprise_id) do update
         set active = true, last_matched_at = excluded.last_matched_at, notified_at = null, ended_at = null,
             via = 'sql'
       where policy_match.active = false
      returning 1
    ), ended as (
      update policy_match m set active = false, ended_at = ${now}::timestamptz
       where m.active and m.clause_id = any(${ids}::uuid[])
         and not exists (select 1 from hits h where h.clause_id = m.clause_id and h.enterprise_id = m.enterprise_id)
      returning 1
    )
    select (select count(*) from ins)::int as new_matches, (select count(*) from ended)::int as ended`;
  const r = await db.transaction().execute(async (trx) => {
    // Room to sort a batch's hits in memory (scoped to this statement's transaction).
    await sql`set local work_mem = '64MB'`.execute(trx);
    return statement.execute(trx);
  });
  return { newMatches: r.rows[0]!.new_matches, ended: r.rows[0]!.ended };
}

/**
 * Writes the outcome of evaluating `clauseIds` on a set of enterprises: `hits` pairs become (or stay) active,
 * every other active match of those clauses among `enterpriseIds` ends.
 */
export async function applyEvaluated(
  db: Db,
  clauseIds: readonly string[] | 'all',
  enterpriseIds: readonly string[],
  hits: readonly { clauseId: string; enterpriseId: string }[],
  now: Date,
  via: 'sql' | 'js',
): Promise<{ newMatches: number; ended: number }> {
  if (clauseIds.length === 0 || enterpriseIds.length === 0) return { newMatches: 0, ended: 0 };
  // 'all': every active match of these enterprises is re-decided (one enterprise: the enterprise index is used).
  const clauseFilter = clauseIds === 'all' ? sql`` : sql`and m.clause_id = any(${[...clauseIds]}::uuid[])`;
  const r = await sql<{ new_matches: number; ended: number }>`
    with hits as materialized (
      select * from unnest(${hits.map((h) => h.clauseId)}::uuid[], ${hits.map((h) => h.enterpriseId)}::uuid[])
        as t(clause_id, enterprise_id)
    ), ins as (
      insert into policy_match (clause_id, enterprise_id, first_matched_at, last_matched_at, active, via)
      select h.clause_id, h.enterprise_id, ${now}::timestamptz, ${now}::timestamptz, true, ${via} from hits h
      on conflict (clause_id, enterprise_id) do update
         set active = true, last_matched_at = excluded.last_matched_at, notified_at = null, ended_at = null,
             via = excluded.via
       where policy_match.active = false
      returning 1
    ), ended as (
      update policy_match m set active = false, ended_at = ${now}::timestamptz
       where m.active
         ${clauseFilter}
         and m.enterprise_id = any(${[...enterpriseIds]}::uuid[])
         and not exists (select 1 from hits h where h.clause_id = m.clause_id and h.enterprise_id = m.enterprise_id)
      returning 1
    )
    select (select count(*) from ins)::int as new_matches, (select count(*) from ended)::int as ended`.execute(
    db,
  );
  return { newMatches: r.rows[0]!.new_matches, ended: r.rows[0]!.ended };
}

/** Ends the active matches of clauses that are no longer effective (withdrawn, expired, changed subject). */
export async function endStaleClauses(
  db: Db,
  effective: readonly string[],
  scope: readonly string[] | undefined,
  now: Date,
): Promise<number> {
  const inScope = scope ? sql`and clause_id = any(${[...scope]}::uuid[])` : sql``;
  const r = await sql<{ n: number }>`
    with ended as (
      update policy_match set active = false, ended_at = ${now}::timestamptz
       where active and not (clause_id = any(${[...effective]}::uuid[])) ${inScope}
      returning 1
    ) select count(*)::int as n from ended`.execute(db);
  return r.rows[0]!.n;
}

/** Enterprises with stored facts, and the active matches of `clauseIds`. */
export async function countMatchPopulation(
  db: Db,
  clauseIds: readonly string[],
): Promise<{ enterprises: number; matches: number }> {
  const counts = await sql<{ enterprises: number; matches: number }>`
    select (select count(*) from policy_enterprise_fact)::int as enterprises,
           (select count(*) from policy_match where active and clause_id = any(${[...clauseIds]}::uuid[]))::int
             as matches`.execute(db);
  return counts.rows[0]!;
}

/** The enterprise's active matches: clause id → first matched. */
export async function activeMatchesOf(db: Db, enterpriseId: string): Promise<Map<string, Date>> {
  const rows = await factsDb(db)
    .selectFrom('policy_match')
    .select(['clause_id', 'first_matched_at'])
    .where('enterprise_id', '=', enterpriseId)
    .where('active', '=', true)
    .execute();
  return new Map(rows.map((r) => [r.clause_id, new Date(r.first_matched_at)]));
}

export interface PendingMatchRow {
  enterprise_id: string;
  clause_id: string;
  clause_no: number;
  clause_title: string;
  mode: ClauseMode;
  subject: PolicySubject;
  rule: unknown;
  benefit: unknown;
  policy_title: string;
  topics: string[];
}

/** Active matches of published policies nobody has been told about, by enterprise, at most `limit`. */
export async function listUnnotifiedMatches(
  db: Db,
  limit: number,
  enterpriseId?: string,
): Promise<PendingMatchRow[]> {
  let q = policyDb(db)
    .selectFrom('policy_match as m')
    .innerJoin('policy_clause as c', 'c.id', 'm.clause_id')
    .innerJoin('policy as p', 'p.id', 'c.policy_id')
    .select([
      'm.enterprise_id',
      'm.clause_id',
      'c.no as clause_no',
      'c.title as clause_title',
      'c.mode',
      'c.subject',
      'c.rule',
      'c.benefit',
      'p.title as policy_title',
      'p.topics',
    ])
    .where('m.active', '=', true)
    .where('m.notified_at', 'is', null)
    .where('p.status', '=', 'published');
  if (enterpriseId) q = q.where('m.enterprise_id', '=', enterpriseId);
  return q.orderBy('m.enterprise_id').limit(limit).execute();
}

/** Marks matches as told (inside the caller's transaction, with the notifications). */
export async function markMatchesNotified(
  trx: Db,
  pairs: readonly { enterpriseId: string; clauseId: string }[],
): Promise<void> {
  if (pairs.length === 0) return;
  const tuples = pairs.map((p) => sql`(${p.enterpriseId}::uuid, ${p.clauseId}::uuid)`);
  await factsDb(trx)
    .updateTable('policy_match')
    .set({ notified_at: sql<Date>`now()` })
    .where(sql<boolean>`(enterprise_id, clause_id) in (${sql.join(tuples)})`)
    .where('notified_at', 'is', null)
    .execute();
}

/** Enterprises with an active match, and those of them the 直达 notifier has handled. */
export async function countReachedEnterprises(db: Db): Promise<{ matched: number; reached: number }> {
  const r = await sql<{ matched: number; reached: number }>`
    select count(distinct enterprise_id)::int as matched,
           count(distinct enterprise_id) filter (where notified_at is not null)::int as reached
      from policy_match where active`.execute(db);
  return r.rows[0] ?? { matched: 0, reached: 0 };
}
