import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import {
  policyDb,
  type ClauseMode,
  type Policy,
  type PolicyClause,
  type PolicyStatus,
  type PolicySubject,
  type PolicyTestCase,
} from './policy.tables.ts';

const POLICY_COLUMNS = [
  'id',
  'code',
  'title',
  'department_id',
  'document_no',
  'issued_on',
  'status',
  'summary',
  'topics',
  'measure_nos',
  'demo',
  'published_at',
  'updated_at',
] as const;

const CLAUSE_COLUMNS = [
  'id',
  'policy_id',
  'no',
  'title',
  'citation',
  'subject',
  'mode',
  'rule',
  'benefit',
  'effective_from',
  'effective_to',
] as const;

/** Projections of the one row type per table (policy.tables.ts): the columns the catalogue reads. */
export type PolicyRow = Pick<Policy, (typeof POLICY_COLUMNS)[number]>;
export type ClauseRow = Pick<PolicyClause, (typeof CLAUSE_COLUMNS)[number]>;
export type TestRow = PolicyTestCase;

export interface PolicyFilter {
  statuses?: readonly PolicyStatus[];
  departmentId?: string;
  ids?: readonly string[];
  topic?: string;
}

export async function listPolicyRows(db: Db, f: PolicyFilter): Promise<PolicyRow[]> {
  let q = policyDb(db).selectFrom('policy').select(POLICY_COLUMNS);
  if (f.statuses) q = q.where('status', 'in', [...f.statuses]);
  if (f.departmentId) q = q.where('department_id', '=', f.departmentId);
  if (f.ids) {
    if (f.ids.length === 0) return [];
    q = q.where('id', 'in', [...f.ids]);
  }
  if (f.topic) q = q.where(sql<boolean>`${f.topic} = any(topics)`);
  return q.orderBy('issued_on', 'desc').orderBy('code').execute();
}

export async function findPolicyRow(db: Db, id: string): Promise<PolicyRow | undefined> {
  return policyDb(db).selectFrom('policy').select(POLICY_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function findPolicyIdByCode(db: Db, code: string): Promise<string | undefined> {
  return (await policyDb(db).selectFrom('policy').select('id').where('code', '=', code).executeTakeFirst())
    ?.id;
}

export async function clauseRowsOf(db: Db, policyIds: readonly string[]): Promise<ClauseRow[]> {
  if (policyIds.length === 0) return [];
  return policyDb(db)
    .selectFrom('policy_clause')
    .select(CLAUSE_COLUMNS)
    .where('policy_id', 'in', [...policyIds])
    .orderBy('policy_id')
    .orderBy('no')
    .execute();
}

export async function findClauseRow(db: Db, id: string): Promise<ClauseRow | undefined> {
  return policyDb(db)
    .selectFrom('policy_clause')
    .select(CLAUSE_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function testRowsOf(db: Db, clauseIds: readonly string[]): Promise<TestRow[]> {
  if (clauseIds.length === 0) return [];
  return policyDb(db)
    .selectFrom('policy_test_case')
    .select(['id', 'clause_id', 'position', 'name', 'facts', 'expect_eligible', 'expect_amount'])
    .where('clause_id', 'in', [...clauseIds])
    .orderBy('clause_id')
    .orderBy('position')
    .execute();
}

/** Clauses of published policies with this subject in force on `today`, with their policy. */
export async function effectiveClauseRows(
  db: Db,
  subject: PolicySubject,
  today: string,
): Promise<(ClauseRow & { policy_code: string; policy_title: string; topics: string[] })[]> {
  return policyDb(db)
    .selectFrom('policy_clause as c')
    .innerJoin('policy as p', 'p.id', 'c.policy_id')
    .select([
      'c.id',
      'c.policy_id',
      'c.no',
      'c.title',
      'c.citation',
      'c.subject',
      'c.mode',
      'c.rule',
      'c.benefit',
      'c.effective_from',
      'c.effective_to',
      'p.code as policy_code',
      'p.title as policy_title',
      'p.topics',
    ])
    .where('p.status', '=', 'published')
    .where('c.subject', '=', subject)
    .where('c.effective_from', '<=', today)
    .where((eb) => eb.or([eb('c.effective_to', 'is', null), eb('c.effective_to', '>=', today)]))
    .orderBy('p.issued_on', 'desc')
    .orderBy('p.code')
    .orderBy('c.no')
    .execute();
}

export interface PolicyWrite {
  code: string;
  title: string;
  department_id: string;
  document_no: string;
  issued_on: string;
  summary: string;
  topics: string[];
  measure_nos: number[];
  demo: boolean;
}

export async function insertPolicy(
  trx: Db,
  row: PolicyWrite & { created_by: string | null },
): Promise<string> {
  const r = await policyDb(trx).insertInto('policy').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePolicyRow(
  trx: Db,
  id: string,
  row: Omit<PolicyWrite, 'department_id'>,
): Promise<void> {
  await policyDb(trx)
    .updateTable('policy')
    .set({ ...row, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function setPolicyStatus(
  trx: Db,
  id: string,
  status: PolicyStatus,
  by: string | null,
  at: Date,
): Promise<void> {
  await policyDb(trx)
    .updateTable('policy')
    .set({
      status,
      updated_at: at,
      ...(status === 'published' ? { published_at: at, published_by: by, withdrawn_at: null } : {}),
      ...(status === 'withdrawn' ? { withdrawn_at: at } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function touchPolicy(trx: Db, id: string): Promise<void> {
  await policyDb(trx)
    .updateTable('policy')
    .set({ updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export interface ClauseWrite {
  no: number;
  title: string;
  citation: string;
  subject: PolicySubject;
  mode: ClauseMode;
  rule: unknown;
  benefit: unknown;
  effective_from: string;
  effective_to: string | null;
}

function clauseValues(c: ClauseWrite) {
  return {
    ...c,
    rule: JSON.stringify(c.rule),
    benefit: c.benefit === null || c.benefit === undefined ? null : JSON.stringify(c.benefit),
  };
}

export async function insertClause(trx: Db, policyId: string, c: ClauseWrite): Promise<string> {
  const r = await policyDb(trx)
    .insertInto('policy_clause')
    .values({ policy_id: policyId, ...clauseValues(c) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateClauseRow(trx: Db, id: string, c: ClauseWrite): Promise<void> {
  await policyDb(trx)
    .updateTable('policy_clause')
    .set({ ...clauseValues(c), updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function deleteClauseRow(trx: Db, id: string): Promise<void> {
  await policyDb(trx).deleteFrom('policy_clause').where('id', '=', id).execute();
}

export async function nextClauseNo(db: Db, policyId: string): Promise<number> {
  const r = await policyDb(db)
    .selectFrom('policy_clause')
    .select((eb) => eb.fn.max('no').as('n'))
    .where('policy_id', '=', policyId)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

export interface TestWrite {
  name: string;
  facts: Record<string, unknown>;
  expectEligible: boolean;
  expectAmount?: number | null | undefined;
}

export async function replaceTests(trx: Db, clauseId: string, tests: readonly TestWrite[]): Promise<void> {
  const p = policyDb(trx);
  await p.deleteFrom('policy_test_case').where('clause_id', '=', clauseId).execute();
  if (tests.length === 0) return;
  await p
    .insertInto('policy_test_case')
    .values(
      tests.map((t, i) => ({
        clause_id: clauseId,
        position: i + 1,
        name: t.name,
        facts: JSON.stringify(t.facts),
        expect_eligible: t.expectEligible,
        expect_amount: t.expectAmount ?? null,
      })),
    )
    .execute();
}

// Search tokens belong to the policy document: written with it, in its transaction.

/** Replaces a policy's tokens (inside the caller's transaction). */
export async function replaceSearchTokens(
  trx: Db,
  policyId: string,
  tokens: readonly { token: string; weight: number }[],
): Promise<void> {
  const p = policyDb(trx);
  await p.deleteFrom('policy_search_token').where('policy_id', '=', policyId).execute();
  const rows = tokens.map((t) => ({ policy_id: policyId, token: t.token, weight: t.weight }));
  for (let i = 0; i < rows.length; i += 500) {
    await p
      .insertInto('policy_search_token')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/**
 * Policies holding every one of `tokens`, with the raw score (weights scaled by how rare each token is across
 * policies), best first. Plain SQL, so PGlite and PostgreSQL rank the same.
 */
export async function searchTokenScores(
  db: Db,
  tokens: readonly string[],
): Promise<{ policy_id: string; raw: number }[]> {
  const rows = await sql<{ policy_id: string; raw: number }>`
    with df as (
      select token, count(*)::float8 as n from policy_search_token where token = any(${[...tokens]}::text[]) group by token
    ), total as (select greatest(count(distinct policy_id), 1)::float8 as n from policy_search_token)
    select t.policy_id, sum(t.weight * ln(1 + total.n / df.n))::float8 as raw
      from policy_search_token t join df on df.token = t.token cross join total
     where t.token = any(${[...tokens]}::text[])
     group by t.policy_id
    having count(*) = ${tokens.length}
     order by raw desc, t.policy_id`.execute(db);
  return rows.rows;
}

/** Which of `codes` the catalogue already has. */
export async function existingPolicyCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await policyDb(db)
    .selectFrom('policy')
    .select('code')
    .where('code', 'in', [...codes])
    .execute();
  return new Set(rows.map((r) => r.code));
}
