/**
 * Delivery end to end with the real matcher: explanations with fact sources and near misses, a declared fact
 * re-matching the enterprise at once, 直达 notifications (subscriptions honoured, nothing sent twice), a policy
 * change re-matching everyone, and 免申即享 from grant list (credit exclusions with reasons) through approval,
 * one-click confirmation (Idempotency-Key) and disbursement, all audited.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  createEnterprise,
  createTestUser,
  loginCookie,
  type TestApp,
  type TestUser,
} from '../../test/harness.ts';
import { findDepartmentByCode } from '../identity/index.ts';
import { setEnterpriseFacts } from './facts.repository.ts';
import { matchAll } from './matching.service.ts';
import { notifyNewMatches } from './notify.service.ts';
import type { FixedClock } from '../../kernel/clock.ts';
import type { Actor } from '../../kernel/policy.ts';
import { buildGrantList } from './grants.service.ts';
import { buildGrantListJob, matchAllJob } from './policy.jobs.ts';

let t: TestApp;
let industry: TestUser;
let scitech: TestUser;
let good: TestUser; // 专精特新 + 高企, clean credit
let blacklisted: TestUser; // on the 严重失信主体名单
let classD: TestUser; // credit class D
let quiet: TestUser; // subscribed to electricity only
const ids = { good: '', blacklisted: '', classD: '', quiet: '' };
const cookies = new Map<string, string>();
const noop = { jobId: 'test', logger: undefined as never, progress: () => undefined };

async function call(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  u: TestUser,
  payload?: object,
  headers: Record<string, string> = {},
) {
  const cookie = cookies.get(u.id) ?? (await loginCookie(t, u));
  cookies.set(u.id, cookie);
  return t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { cookie, ...headers } });
}

async function clauseId(code: string, no: number): Promise<string> {
  const r = await sql<{ id: string }>`
    select c.id from policy_clause c join policy p on p.id = c.policy_id where p.code = ${code} and c.no = ${no}`.execute(
    t.ctx.db,
  );
  return r.rows[0]!.id;
}

async function activeMatch(enterpriseId: string, clause: string): Promise<boolean> {
  const r = await sql<{ active: boolean }>`
    select active from policy_match where enterprise_id = ${enterpriseId} and clause_id = ${clause}`.execute(
    t.ctx.db,
  );
  return r.rows[0]?.active ?? false;
}

interface Explanation {
  policyCode: string;
  clauseNo: number;
  clauseId: string;
  eligible: boolean;
  missing: number;
  summary: string;
  conditions: {
    fact: string | null;
    actual: unknown;
    passed: boolean;
    source: { kind: string; label: string; verified: boolean } | null;
  }[];
  benefit: { amount: number | null; formula: string } | null;
  grant: { id: string; status: string } | null;
}

beforeAll(async () => {
  t = await buildTestApp();
  industry = await createTestUser(t, 'officer', {
    departmentId: (await findDepartmentByCode(t.ctx.db, 'INDUSTRY'))!.id,
  });
  scitech = await createTestUser(t, 'officer', {
    departmentId: (await findDepartmentByCode(t.ctx.db, 'SCITECH'))!.id,
  });
  for (const k of Object.keys(ids) as (keyof typeof ids)[]) ids[k] = (await createEnterprise(t)).id;
  good = await createTestUser(t, 'enterprise', { enterpriseId: ids.good });
  blacklisted = await createTestUser(t, 'enterprise', { enterpriseId: ids.blacklisted });
  classD = await createTestUser(t, 'enterprise', { enterpriseId: ids.classD });
  quiet = await createTestUser(t, 'enterprise', { enterpriseId: ids.quiet });
  const base = {
    qualifications: ['high_tech', 'specialized'],
    rd_ratio: 3.1,
    rd_spending: 400,
    revenue: 800,
    size_class: 'small',
    industry_section: 'C',
    founded_on: '2015-03-01',
    employees: 20,
  };
  await t.ctx.db.transaction().execute(async (trx) => {
    for (const id of Object.values(ids)) {
      await setEnterpriseFacts(trx, id, base, { kind: 'feed', label: '区税务局数据', verified: true });
      await setEnterpriseFacts(
        trx,
        id,
        { credit_class: 'A', serious_dishonest: false },
        { kind: 'platform', label: '平台信用分类', verified: true },
      );
    }
  });
  // Credit: one enterprise on a black list, one classified D.
  const dept = (await findDepartmentByCode(t.ctx.db, 'DRC'))!.id;
  const uscc = await sql<{ uscc: string }>`select uscc from enterprise where id = ${ids.blacklisted}`.execute(
    t.ctx.db,
  );
  await sql`insert into credit_list_entry (list_code, uscc, entity_name, enterprise_id, department_id, reason, basis, entered_on, exit_condition)
            values ('serious-dishonesty', ${uscc.rows[0]!.uscc}, '测试', ${ids.blacklisted}, ${dept}, '拒不履行', '测试依据', '2026-01-05', '履行完毕')`.execute(
    t.ctx.db,
  );
  await sql`insert into credit_class (enterprise_id, period, class, score, parts, computed_at)
            values (${ids.classD}, '2026-11', 'D', 30, '[]'::jsonb, now())`.execute(t.ctx.db);
  await call('PUT', '/api/policies/my/subscriptions', quiet, { topics: ['electricity'] });
  await matchAll(t.ctx);
});
afterAll(async () => {
  await t?.close();
});

describe('explanations', () => {
  it('lists matches with each condition, its actual value and the source of the fact', async () => {
    const res = await call('GET', '/api/policies/my/matches', good);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ matches: Explanation[]; nearMisses: Explanation[] }>();
    const award = body.matches.find((m) => m.policyCode === 'XC-GX-2022-01' && m.clauseNo === 1)!;
    expect(award.eligible).toBe(true);
    expect(award.benefit?.amount).toBe(20);
    expect(award.conditions[0]).toMatchObject({
      fact: 'qualifications',
      passed: true,
      source: { kind: 'feed', label: '区税务局数据', verified: true },
    });
    const loan = body.matches.find((m) => m.policyCode === 'XC-JR-2022-01' && m.clauseNo === 1)!;
    expect(loan.benefit?.amount).toBe(300); // 高企贷 tier for revenue 800
    const credit = loan.conditions.find((c) => c.fact === 'credit_class')!;
    expect(credit.source).toMatchObject({ kind: 'platform' });
    // Every listed match really is an active match of this enterprise.
    for (const m of body.matches) expect(await activeMatch(ids.good, m.clauseId), m.policyCode).toBe(true);
  });

  it('shows near misses as a checklist (差 1 项：研发费用占比 3.1% < 5%)', async () => {
    const body = (await call('GET', '/api/policies/my/matches', good)).json<{
      nearMisses: Explanation[];
    }>();
    const rd = body.nearMisses.find((m) => m.policyCode === 'XC-KJ-2022-03')!;
    expect(rd).toMatchObject({ eligible: false, missing: 1, summary: '差 1 项：研发费用占比 3.1% < 5%' });
    expect(rd.conditions.filter((c) => !c.passed).map((c) => c.fact)).toEqual(['rd_ratio']);
    expect(body.nearMisses.every((m) => m.missing <= 2 && !m.eligible)).toBe(true);
    const one = (await call('GET', `/api/policies/my/explain/${rd.clauseId}`, good)).json<Explanation>();
    expect(one.summary).toBe(rd.summary);
  });

  it('a declared fact is marked unverified and re-matches the enterprise at once', async () => {
    const rdClause = await clauseId('XC-KJ-2022-03', 1);
    expect(await activeMatch(ids.good, rdClause)).toBe(false);
    const put = await call('PUT', '/api/policies/my/facts', good, { facts: { rd_ratio: 6.2 } });
    expect(put.statusCode).toBe(200);
    expect(
      put.json<{ sources: Record<string, { kind: string; verified: boolean }> }>().sources.rd_ratio,
    ).toMatchObject({ kind: 'declared', verified: false });
    expect(await activeMatch(ids.good, rdClause)).toBe(true);
    const body = (await call('GET', '/api/policies/my/matches', good)).json<{ matches: Explanation[] }>();
    const rd = body.matches.find((m) => m.clauseId === rdClause)!;
    expect(rd.benefit?.amount).toBeCloseTo(40, 6);
    expect(rd.conditions.find((c) => c.fact === 'rd_ratio')).toMatchObject({
      actual: 6.2,
      source: { kind: 'declared', verified: false },
    });
    const refused = await call('PUT', '/api/policies/my/facts', good, { facts: { credit_class: 'A' } });
    expect(refused.json()).toMatchObject({ code: 'POLICY_FACT_NOT_DECLARABLE' });
  });
});

describe('直达', () => {
  it('notifies new matches once, honouring subscriptions', async () => {
    const first = await notifyNewMatches(t.ctx);
    expect(first.notified).toBeGreaterThan(0);
    const rows = await sql<{ title: string; body: string; user_id: string }>`
      select title, body, user_id from notification where category = 'policy.match'`.execute(t.ctx.db);
    const mine = rows.rows.filter((r) => r.user_id === good.id);
    expect(mine.some((r) => r.title.includes('专精特新') && r.body.includes('符合'))).toBe(true);
    // The quiet enterprise subscribed to electricity only: its matches are marked, not announced.
    expect(rows.rows.some((r) => r.user_id === quiet.id)).toBe(false);
    const pending = await sql<{
      n: number;
    }>`select count(*)::int as n from policy_match where active and notified_at is null`.execute(t.ctx.db);
    expect(pending.rows[0]!.n).toBe(0);
    const again = await notifyNewMatches(t.ctx);
    expect(again).toEqual({ notified: 0, skipped: 0, notifications: 0 });
    const after = await sql<{
      n: number;
    }>`select count(*)::int as n from notification where category = 'policy.match'`.execute(t.ctx.db);
    expect(after.rows[0]!.n).toBe(rows.rows.length);
  });
});

describe('a policy change re-matches every enterprise', () => {
  it('tightening a rule ends the matches that no longer hold', async () => {
    const id = await clauseId('XC-KJ-2022-02', 1); // 高新技术企业认定奖励 (SCITECH, auto)
    expect(await activeMatch(ids.quiet, id)).toBe(true);
    const managed = (await call('GET', '/api/policies/manage', scitech)).json<
      {
        code: string;
        clauses: Record<string, unknown>[];
      }[]
    >();
    const clause = managed.find((p) => p.code === 'XC-KJ-2022-02')!.clauses[0]!;
    const res = await call('PUT', `/api/policies/clauses/${id}`, scitech, {
      title: clause.title,
      citation: clause.citation,
      subject: 'enterprise',
      mode: 'auto',
      rule: { and: [{ in: ['high_tech', { var: 'qualifications' }] }, { '>=': [{ var: 'rd_ratio' }, 5] }] },
      benefit: clause.benefit,
      effectiveFrom: clause.effectiveFrom,
      effectiveTo: null,
      tests: [
        {
          name: '研发达标的高企',
          facts: { qualifications: ['high_tech'], rd_ratio: 6 },
          expectEligible: true,
          expectAmount: 30,
        },
        { name: '研发不达标', facts: { qualifications: ['high_tech'], rd_ratio: 3 }, expectEligible: false },
      ],
    });
    expect(res.statusCode).toBe(200);
    const queued = await sql<{
      n: number;
    }>`select count(*)::int as n from pgboss.job where name = 'policy.match-all'`.execute(t.ctx.db);
    expect(queued.rows[0]!.n).toBeGreaterThanOrEqual(1);
    await matchAllJob(t.ctx).handler({}, noop);
    expect(await activeMatch(ids.quiet, id)).toBe(false); // rd_ratio 3.1
    expect(await activeMatch(ids.good, id)).toBe(true); // declared 6.2
  });
});

describe('免申即享', () => {
  let listId = '';
  let grantGood = '';
  it('builds a grant list from an auto clause, excluding D class and serious 失信 with the reason', async () => {
    const id = await clauseId('XC-GX-2022-01', 1);
    const notAuto = await call(
      'POST',
      `/api/policies/clauses/${await clauseId('XC-GX-2022-03', 1)}/grant-lists`,
      industry,
    );
    expect(notAuto.json()).toMatchObject({ code: 'POLICY_CLAUSE_NOT_AUTO' });
    const res = await call('POST', `/api/policies/clauses/${id}/grant-lists`, industry);
    expect(res.statusCode).toBe(201);
    const list = res.json<{
      id: string;
      status: string;
      counts: { included: number; excluded: number };
      entries: {
        id: string;
        enterprise: { id: string };
        included: boolean;
        exclusionReason: string | null;
        amount: number | null;
        status: string;
      }[];
    }>();
    listId = list.id;
    expect(list.status).toBe('pending');
    const entry = (e: string) => list.entries.find((x) => x.enterprise.id === e)!;
    expect(entry(ids.good)).toMatchObject({ included: true, amount: 20, status: 'pending' });
    expect(entry(ids.blacklisted).included).toBe(false);
    expect(entry(ids.blacklisted).exclusionReason).toContain('严重失信主体名单');
    expect(entry(ids.classD).included).toBe(false);
    expect(entry(ids.classD).exclusionReason).toContain('D');
    expect(list.counts).toMatchObject({ included: 2, excluded: 2 });
    grantGood = entry(ids.good).id;
    // Nothing is offered before approval.
    expect((await call('GET', '/api/policies/my/grants', good)).json()).toEqual([]);
    expect((await call('POST', `/api/policies/grants/${grantGood}/confirm`, good)).json()).toMatchObject({
      code: 'POLICY_GRANT_NOT_CONFIRMABLE',
    });
    // A second list finds nobody new.
    expect((await call('POST', `/api/policies/clauses/${id}/grant-lists`, industry)).json()).toMatchObject({
      code: 'POLICY_GRANT_LIST_EMPTY',
    });
  });

  it('the department approves; the enterprise confirms with one click; the disbursement is recorded', async () => {
    const approved = await call('POST', `/api/policies/grant-lists/${listId}/approve`, industry);
    expect(approved.json()).toMatchObject({ status: 'approved' });
    expect(
      (await call('POST', `/api/policies/grant-lists/${listId}/approve`, industry)).json(),
    ).toMatchObject({ code: 'POLICY_GRANT_LIST_APPROVED' });
    const note = await sql<{
      n: number;
    }>`select count(*)::int as n from notification where user_id = ${good.id} and category = 'policy.grant'`.execute(
      t.ctx.db,
    );
    expect(note.rows[0]!.n).toBe(1);

    const mine = (await call('GET', '/api/policies/my/grants', good)).json<
      {
        id: string;
        status: string;
      }[]
    >();
    expect(mine).toMatchObject([{ id: grantGood, status: 'awaiting_confirmation' }]);
    expect(
      (
        await call('POST', `/api/policies/grants/${grantGood}/disburse`, industry, {
          amount: 20,
          reference: 'GK-1',
        })
      ).json(),
    ).toMatchObject({ code: 'POLICY_GRANT_NOT_CONFIRMED' });

    const key = { 'idempotency-key': 'confirm-grant-1' };
    const first = await call('POST', `/api/policies/grants/${grantGood}/confirm`, good, undefined, key);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'confirmed' });
    const replay = await call('POST', `/api/policies/grants/${grantGood}/confirm`, good, undefined, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());

    const excluded = (await call('GET', `/api/policies/grant-lists/${listId}`, industry)).json<{
      entries: { id: string; enterprise: { id: string } }[];
    }>();
    const blockedId = excluded.entries.find((e) => e.enterprise.id === ids.blacklisted)!.id;
    expect(
      (await call('POST', `/api/policies/grants/${blockedId}/confirm`, blacklisted)).json(),
    ).toMatchObject({ code: 'POLICY_GRANT_NOT_CONFIRMABLE' });
    expect((await call('GET', '/api/policies/my/grants', classD)).json()).toEqual([]);

    const paid = await call('POST', `/api/policies/grants/${grantGood}/disburse`, industry, {
      amount: 20,
      reference: 'GK-2026-001',
    });
    expect(paid.json()).toMatchObject({ status: 'disbursed', disbursedAmount: 20, reference: 'GK-2026-001' });
    expect(
      (
        await call('POST', `/api/policies/grants/${grantGood}/disburse`, industry, {
          amount: 20,
          reference: 'GK-2',
        })
      ).json(),
    ).toMatchObject({ code: 'POLICY_GRANT_DISBURSED' });

    const detail = (await call('GET', `/api/policies/grant-lists/${listId}`, industry)).json<{
      counts: { confirmed: number; disbursed: number };
    }>();
    expect(detail.counts).toMatchObject({ confirmed: 1, disbursed: 1 });
    const audit = await sql<{ action: string }>`
      select action from audit_log where action like 'policy.grant%' order by seq`.execute(t.ctx.db);
    expect(audit.rows.map((r) => r.action)).toEqual([
      'policy.grant_list_built',
      'policy.grant_list_approved',
      'policy.grant_confirmed',
      'policy.grant_disbursed',
    ]);
    const rate = await t.ctx.metrics
      .find('policy.auto-grant-confirmation-rate')!
      .compute(t.ctx, '2026-11', t.clock.now());
    expect(rate).toMatchObject({ value: 50, detail: { offered: 2, confirmed: 1 } });
    const reached = await t.ctx.metrics
      .find('policy.reached-enterprises')!
      .compute(t.ctx, '2026-11', t.clock.now());
    expect(reached.value).toBeGreaterThanOrEqual(3);

    const matches = (await call('GET', '/api/policies/my/matches', good)).json<{
      matches: Explanation[];
    }>();
    expect(matches.matches.find((m) => m.policyCode === 'XC-GX-2022-01')?.grant).toMatchObject({
      id: grantGood,
      status: 'disbursed',
    });
  });
});

describe('免申即享 for many enterprises', () => {
  it('a large list is built by a job; it cannot be approved while building', async () => {
    const fund = await createTestUser(t, 'officer', {
      departmentId: (await findDepartmentByCode(t.ctx.db, 'HOUSING_FUND'))!.id,
    });
    const actor: Actor = {
      userId: fund.id,
      username: fund.username,
      displayName: '公积金',
      kind: 'officer',
      permissions: new Set(['policy.grant']),
      departmentId: fund.departmentId,
      enterpriseId: null,
      via: 'session',
      sessionId: null,
    };
    const id = await clauseId('XC-GJJ-2022-02', 1); // 小微企业降低公积金缴存比例 (auto)
    const built = await buildGrantList(t.ctx, actor, id, { system: 'test' }, { syncLimit: 0 });
    expect(built.building).toBe(true);
    expect(built.list).toMatchObject({ status: 'building', entries: [] });
    const early = await call('POST', `/api/policies/grant-lists/${built.list.id}/approve`, fund);
    expect(early.json()).toMatchObject({ code: 'POLICY_GRANT_LIST_BUILDING' });
    const queued = await sql<{ n: number }>`
      select count(*)::int as n from pgboss.job where name = 'policy.build-grant-list'`.execute(t.ctx.db);
    expect(queued.rows[0]!.n).toBe(1);
    const done = await buildGrantListJob(t.ctx).handler({ listId: built.list.id }, noop);
    expect(done).toEqual({ entries: 4 });
    const list = (await call('GET', `/api/policies/grant-lists/${built.list.id}`, fund)).json<{
      status: string;
      entries: { enterprise: { id: string }; included: boolean; amount: number | null }[];
    }>();
    expect(list.status).toBe('pending');
    expect(list.entries.find((e) => e.enterprise.id === ids.good)).toMatchObject({
      included: true,
      amount: 2,
    });
    expect(list.entries.find((e) => e.enterprise.id === ids.classD)?.included).toBe(false);
    // Running the job again changes nothing.
    expect(await buildGrantListJob(t.ctx).handler({ listId: built.list.id }, noop)).toEqual({
      skipped: true,
    });
  });
});

describe('effective dates', () => {
  it('a clause is matched and offered only from its effective date to its end date', async () => {
    const created = await call('POST', '/api/policies', scitech, {
      title: '明年起施行的研发奖励',
      documentNo: '测试〔2026〕9号（演示）',
      issuedOn: '2026-11-20',
      summary: '2026年12月1日起施行，至2026年12月31日止。',
      topics: ['tech'],
    });
    const policyId = created.json<{ id: string }>().id;
    const added = await call('POST', `/api/policies/${policyId}/clauses`, scitech, {
      title: '高企研发奖励',
      citation: '《相城区优化营商环境创新行动2022》第14条；测试文件第一条',
      subject: 'enterprise',
      mode: 'apply',
      rule: { in: ['high_tech', { var: 'qualifications' }] },
      benefit: { kind: 'fixed', amount: 5 },
      effectiveFrom: '2026-12-01',
      effectiveTo: '2026-12-31',
      tests: [
        { name: '高企', facts: { qualifications: ['high_tech'] }, expectEligible: true, expectAmount: 5 },
        { name: '非高企', facts: { qualifications: [] }, expectEligible: false },
      ],
    });
    const clause = added.json<{ clauses: { id: string }[] }>().clauses[0]!.id;
    expect((await call('POST', `/api/policies/${policyId}/publish`, scitech)).statusCode).toBe(200);
    const offered = async () =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/policies/calculate',
          payload: { subject: 'enterprise', facts: { qualifications: ['high_tech'] } },
        })
      )
        .json<{ clauseId: string }[]>()
        .some((r) => r.clauseId === clause);
    const saved = t.clock.now().toISOString();
    try {
      await matchAll(t.ctx);
      expect(await activeMatch(ids.good, clause)).toBe(false); // 2026-11-27: not yet in force
      expect(await offered()).toBe(false);
      (t.clock as FixedClock).set('2026-12-15T02:00:00Z');
      await matchAll(t.ctx);
      expect(await activeMatch(ids.good, clause)).toBe(true);
      expect(await offered()).toBe(true);
      (t.clock as FixedClock).set('2027-01-05T02:00:00Z');
      await matchAll(t.ctx);
      expect(await activeMatch(ids.good, clause)).toBe(false); // ended on 2026-12-31
      expect(await offered()).toBe(false);
    } finally {
      (t.clock as FixedClock).set(saved);
    }
  });
});
