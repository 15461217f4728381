/**
 * Facts store and matcher on the test database (PGlite, or PostgreSQL with TEST_DATABASE_URL): typed facts with
 * sources, derived age, rejections; matchAll in SQL and in the JS fallback agreeing with the compiled rules;
 * effective dates and publication status; matches ending and returning; matchEnterprise.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/harness.ts';
import type { DatabaseHandle } from '../../kernel/db/database.ts';
import { FixedClock } from '../../kernel/clock.ts';
import { AppError, ErrorRegistry } from '../../kernel/errors.ts';
import { PolicyEngineErrors } from './facts.errors.ts';
import { makeUscc } from '../../kernel/identifiers/uscc.ts';
import { compileRule } from './engine/compile.ts';
import { ruleToSql } from './engine/sql.ts';
import { requireKnownFacts } from './engine/known.ts';
import {
  enterpriseColumnOf,
  getEnterpriseFacts,
  rowToFacts,
  findFactRow,
  setEnterpriseFacts,
} from './facts.repository.ts';
import { matchAll, matchEnterprise } from './matching.service.ts';

let handle: DatabaseHandle;
let clock: FixedClock;
let ctx: { db: DatabaseHandle['db']; clock: FixedClock; database: DatabaseHandle };
let departmentId: string;
const ORG = '0123456789ABCDEFGHJKLMNPQRTUWXY';
let n = 0;

async function enterprise(): Promise<string> {
  n++;
  let body = '';
  for (let i = 0; i < 8; i++) body += ORG[(n * 7 + i * 13 + Math.floor(Math.random() * 31)) % ORG.length];
  const uscc = makeUscc({ authority: '9', type: '1', division: '320507', orgBody8: body });
  const r = await sql<{ id: string }>`
    insert into enterprise (uscc, name, legal_representative, industry_section, industry_division, industry_name, size,
      entity_type, registered_capital, employees, annual_revenue, founded_on, town, address, phone)
    values (${uscc}, ${`测试企业${n}`}, '张三', 'C', '39', '计算机、通信和其他电子设备制造业', 'small', 'company', 100, 50,
      1000, '2018-03-01', '元和街道', '测试路', '13800000000')
    returning id`.execute(handle.db);
  return r.rows[0]!.id;
}

async function policyWithClause(
  status: 'draft' | 'published' | 'withdrawn',
  rule: unknown,
  dates: { from?: string; to?: string | null } = {},
): Promise<{ policyId: string; clauseId: string }> {
  const p = await sql<{ id: string }>`
    insert into policy (code, title, department_id, document_no, issued_on, status)
    values (${`T-${randomUUID()}`}, '测试政策', ${departmentId}, '测〔2026〕1号', '2026-01-01', ${status}) returning id`.execute(
    handle.db,
  );
  const c = await sql<{ id: string }>`
    insert into policy_clause (policy_id, no, title, citation, subject, mode, rule, effective_from, effective_to)
    values (${p.rows[0]!.id}, 1, '测试条款', '第一条', 'enterprise', 'auto', ${JSON.stringify(rule)}::jsonb,
            ${dates.from ?? '2026-01-01'}, ${dates.to ?? null}) returning id`.execute(handle.db);
  return { policyId: p.rows[0]!.id, clauseId: c.rows[0]!.id };
}

async function matchRows(clauseId: string) {
  const r = await sql<{
    enterprise_id: string;
    active: boolean;
    notified_at: Date | null;
    first_matched_at: Date;
    ended_at: Date | null;
    via: string;
  }>`
    select enterprise_id, active, notified_at, first_matched_at, ended_at, via from policy_match
     where clause_id = ${clauseId} order by enterprise_id`.execute(handle.db);
  return r.rows;
}

const FEED = { kind: 'feed' as const, label: '区税务局数据', verified: true };

beforeAll(async () => {
  handle = await openTestDatabase();
  clock = new FixedClock('2026-11-27T02:00:00Z');
  ctx = { db: handle.db, clock, database: handle };
  const d = await sql<{ id: string }>`
    insert into department (code, name, short_name, kind) values ('TPOL', '测试科技局', '科技局', 'district_department')
    returning id`.execute(handle.db);
  departmentId = d.rows[0]!.id;
});
afterAll(async () => {
  await handle?.close();
});

describe('enterprise facts store', () => {
  it('stores typed facts with their sources, derives age_years, merges later writes', async () => {
    const id = await enterprise();
    await setEnterpriseFacts(
      handle.db,
      id,
      { rd_ratio: 6.5, qualifications: ['high_tech'], founded_on: '2019-12-01' },
      FEED,
      {
        at: new Date('2026-11-01T00:00:00Z'),
      },
    );
    await setEnterpriseFacts(
      handle.db,
      id,
      { tech_loan_interest: 30 },
      { kind: 'declared', label: '企业自行申报', verified: false },
    );
    const got = await getEnterpriseFacts(ctx, id);
    expect(got.values).toEqual({
      rd_ratio: 6.5,
      qualifications: ['high_tech'],
      founded_on: '2019-12-01',
      tech_loan_interest: 30,
      age_years: 6,
    });
    expect(got.sources.rd_ratio).toMatchObject({
      kind: 'feed',
      label: '区税务局数据',
      verified: true,
      at: '2026-11-01T00:00:00.000Z',
    });
    expect(got.sources.tech_loan_interest).toMatchObject({ kind: 'declared', verified: false });
    expect(got.sources.age_years?.kind).toBe('platform');
    // A null clears a fact; other facts stay.
    await setEnterpriseFacts(handle.db, id, { rd_ratio: null }, FEED);
    expect((await getEnterpriseFacts(ctx, id)).values.rd_ratio).toBeUndefined();
    expect((await getEnterpriseFacts(ctx, id)).values.tech_loan_interest).toBe(30);
  });

  it('rejects unknown facts, wrong types and derived facts, naming each', async () => {
    const id = await enterprise();
    const err = await setEnterpriseFacts(
      handle.db,
      id,
      { no_such_fact: 1, rd_ratio: '5%', size_class: 'huge', age_years: 3, founded_on: '2020-02-30' },
      FEED,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('POLICY_FACTS_REJECTED');
    expect(new ErrorRegistry([PolicyEngineErrors]).spec(e.code)?.status).toBe(400);
    expect(e.errors?.map((x) => `${x.field}:${x.rule}`).sort()).toEqual([
      '/facts/age_years:derived',
      '/facts/founded_on:type',
      '/facts/no_such_fact:unknown_fact',
      '/facts/rd_ratio:type',
      '/facts/size_class:type',
    ]);
    expect(await findFactRow(handle.db, id)).toBeUndefined();
  });
});

describe('matching', () => {
  it('matchAll evaluates SQL and JS-fallback clauses consistently with the compiled rules, honouring status and dates', async () => {
    const ids = [await enterprise(), await enterprise(), await enterprise(), await enterprise()];
    const facts = [
      { rd_ratio: 6, size_class: 'small', qualifications: ['high_tech', 'tech_sme'], employees: 80 },
      { rd_ratio: 4.9, size_class: 'medium', qualifications: ['specialized'], employees: 400 },
      { rd_ratio: 12, size_class: 'large', qualifications: [], employees: 2000, credit_class: 'D' },
      { size_class: 'micro' },
    ];
    for (let i = 0; i < ids.length; i++) await setEnterpriseFacts(handle.db, ids[i]!, facts[i]!, FEED);

    const sqlRule = { and: [{ '>=': [{ var: 'rd_ratio' }, 5] }, { '!=': [{ var: 'credit_class' }, 'D'] }] };
    // `%` is outside the SQL subset: evaluated in JS.
    const jsRule = { '==': [{ '%': [{ var: 'employees' }, 2] }, 0] };
    const qualRule = { in: ['high_tech', { var: 'qualifications' }] };
    expect(ruleToSql(sqlRule, enterpriseColumnOf('2026-11-27'))).not.toBeNull();
    expect(ruleToSql(jsRule, enterpriseColumnOf('2026-11-27'))).toBeNull();

    const a = await policyWithClause('published', sqlRule);
    const b = await policyWithClause('published', jsRule);
    const q = await policyWithClause('published', qualRule);
    const draft = await policyWithClause('draft', true);
    const expired = await policyWithClause('published', true, { from: '2025-01-01', to: '2026-11-26' });
    const future = await policyWithClause('published', true, { from: '2026-11-28' });
    const lastDay = await policyWithClause('published', true, { from: '2026-01-01', to: '2026-11-27' });

    const result = await matchAll(ctx);
    expect(result.viaJs).toBe(1);
    expect(result.clauses).toBeGreaterThanOrEqual(4);

    const expected = async (rule: unknown) => {
      const out: string[] = [];
      for (const id of ids) {
        const row = await findFactRow(handle.db, id);
        // Eligibility holds unknown facts against a comparison (engine/known.ts).
        if (compileRule(requireKnownFacts(rule))(rowToFacts(row!, '2026-11-27'))) out.push(id);
      }
      return out.sort();
    };
    const active = async (clauseId: string) =>
      (await matchRows(clauseId))
        .filter((r) => r.active && ids.includes(r.enterprise_id))
        .map((r) => r.enterprise_id);
    expect(await active(a.clauseId)).toEqual(await expected(sqlRule));
    expect(await active(a.clauseId)).toEqual([ids[0]!].sort());
    expect(await active(b.clauseId)).toEqual(await expected(jsRule));
    expect((await matchRows(b.clauseId)).every((r) => r.via === 'js')).toBe(true);
    expect(await active(q.clauseId)).toEqual([ids[0]!]);
    expect(await matchRows(draft.clauseId)).toEqual([]);
    expect(await matchRows(expired.clauseId)).toEqual([]);
    expect(await matchRows(future.clauseId)).toEqual([]);
    expect((await active(lastDay.clauseId)).length).toBeGreaterThanOrEqual(ids.length);
    expect((await matchRows(a.clauseId)).every((r) => r.notified_at === null)).toBe(true);

    // Running again changes nothing.
    const again = await matchAll(ctx, { clauseIds: [a.clauseId, b.clauseId, q.clauseId] });
    expect(again.newMatches).toBe(0);
    expect(again.ended).toBe(0);
  });

  it('a match that stops holding becomes inactive, and a returning one is new again (first match kept)', async () => {
    const id = await enterprise();
    await setEnterpriseFacts(handle.db, id, { rd_ratio: 8 }, FEED);
    const { clauseId } = await policyWithClause('published', { '>=': [{ var: 'rd_ratio' }, 5] });
    await matchAll(ctx, { clauseIds: [clauseId] });
    const [first] = await matchRows(clauseId).then((rows) => rows.filter((r) => r.enterprise_id === id));
    expect(first?.active).toBe(true);
    await sql`update policy_match set notified_at = now() where clause_id = ${clauseId}`.execute(handle.db);

    await setEnterpriseFacts(handle.db, id, { rd_ratio: 3 }, FEED);
    const r1 = await matchAll(ctx, { clauseIds: [clauseId] });
    expect(r1.ended).toBeGreaterThanOrEqual(1);
    const [ended] = (await matchRows(clauseId)).filter((r) => r.enterprise_id === id);
    expect(ended?.active).toBe(false);
    expect(ended?.ended_at).not.toBeNull();

    clock.set('2026-11-27T03:00:00Z');
    await setEnterpriseFacts(handle.db, id, { rd_ratio: 9 }, FEED);
    const r2 = await matchAll(ctx, { clauseIds: [clauseId] });
    expect(r2.newMatches).toBeGreaterThanOrEqual(1);
    const [back] = (await matchRows(clauseId)).filter((r) => r.enterprise_id === id);
    expect(back?.active).toBe(true);
    expect(back?.notified_at).toBeNull();
    expect(back?.ended_at).toBeNull();
    expect(back?.first_matched_at.toISOString()).toBe(first?.first_matched_at.toISOString());
  });

  it('withdrawing a policy ends its matches at the next run', async () => {
    const id = await enterprise();
    await setEnterpriseFacts(handle.db, id, { listed: true }, FEED);
    const { policyId, clauseId } = await policyWithClause('published', { var: 'listed' });
    await matchAll(ctx);
    expect((await matchRows(clauseId)).filter((r) => r.active).map((r) => r.enterprise_id)).toContain(id);
    await sql`update policy set status = 'withdrawn' where id = ${policyId}`.execute(handle.db);
    await matchAll(ctx);
    expect((await matchRows(clauseId)).filter((r) => r.active)).toEqual([]);
  });

  it('matchEnterprise re-matches one enterprise and agrees with matchAll', async () => {
    const id = await enterprise();
    const rule = {
      and: [{ '<': [0, { var: 'employees' }, 300] }, { in: [{ var: 'size_class' }, ['small', 'micro']] }],
    };
    const { clauseId } = await policyWithClause('published', rule);
    await setEnterpriseFacts(handle.db, id, { employees: 120, size_class: 'small' }, FEED);
    const r = await matchEnterprise(ctx, id);
    expect(r.newMatches).toBeGreaterThanOrEqual(1);
    expect((await matchRows(clauseId)).find((x) => x.enterprise_id === id)?.active).toBe(true);
    // matchAll sees the same outcome: nothing new, nothing ended for this clause.
    const all = await matchAll(ctx, { clauseIds: [clauseId] });
    expect((await matchRows(clauseId)).find((x) => x.enterprise_id === id)?.via).toBe('js');
    expect(all.matches).toBe((await matchRows(clauseId)).filter((x) => x.active).length);

    await setEnterpriseFacts(handle.db, id, { employees: 301 }, FEED);
    const r2 = await matchEnterprise(ctx, id);
    // (Other clauses of this file may end too, e.g. the even-employees one.)
    expect(r2.ended).toBeGreaterThanOrEqual(1);
    expect((await matchRows(clauseId)).find((x) => x.enterprise_id === id)?.active).toBe(false);
  });
});
