/**
 * The catalogue end to end over HTTP: demo policies seeded (idempotently) and published because their tests pass,
 * public list and jieba search, the three calculators with explanations, effective dates, rule validation naming
 * the bad fact, and publication refused while a test case fails (then queueing a re-match of everyone).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../kernel/clock.ts';
import {
  buildTestApp,
  createTestUser,
  loginCookie,
  type TestApp,
  type TestUser,
} from '../../test/harness.ts';
import { listPolicyRows } from './catalogue.repository.ts';
import { runPolicyTests } from './catalogue.service.ts';
import { readSeedPolicies, seedPolicies } from './policy.seed.ts';
import { queryTokens } from './search.ts';

let t: TestApp;
let officer: TestUser;
let cookie: string;

beforeAll(async () => {
  t = await buildTestApp();
  officer = await createTestUser(t, 'officer');
  cookie = await loginCookie(t, officer);
});
afterAll(async () => {
  await t?.close();
});

async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, auth = true) {
  return t.app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: auth ? { cookie } : {},
  });
}

interface Calc {
  policyCode: string;
  clauseNo: number;
  eligible: boolean;
  missing: number;
  summary: string;
  conditions: { label: string; fact: string | null; actual: unknown; required: string; passed: boolean }[];
  benefit: { amount: number | null; formula: string } | null;
}

describe('demo policies', () => {
  it('ships at least 20 policies, each citing a measure of the plan, several granted without application', () => {
    const seed = readSeedPolicies();
    expect(seed.length).toBeGreaterThanOrEqual(20);
    for (const p of seed) {
      expect(p.measureNos?.length, p.code).toBeGreaterThan(0);
      expect(p.documentNo, p.code).toMatch(/（演示）$/);
      for (const c of p.clauses) {
        expect(c.citation, p.code).toContain('相城区优化营商环境创新行动2022');
        expect(c.tests.length, p.code).toBeGreaterThanOrEqual(2);
      }
    }
    const auto = seed.flatMap((p) => p.clauses).filter((c) => c.mode === 'auto');
    expect(auto.length).toBeGreaterThanOrEqual(5);
    expect(new Set(seed.flatMap((p) => p.clauses.map((c) => c.subject)))).toEqual(
      new Set(['enterprise', 'individual', 'connection']),
    );
  });

  it('are seeded on start, published, and every test case of every policy passes', async () => {
    const rows = await listPolicyRows(t.ctx.db, {});
    const seeded = readSeedPolicies().map((p) => p.code);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    for (const code of seeded) expect(byCode.get(code)?.status, code).toBe('published');
    const today = chinaDate(t.clock.now());
    for (const code of seeded) {
      const results = await runPolicyTests(t.ctx.db, byCode.get(code)!.id, today);
      expect(results.length, code).toBeGreaterThan(0);
      expect(results.filter((r) => !r.passed).map((r) => `${code} ${r.name}: ${r.message}`)).toEqual([]);
    }
  });

  it('seeding again inserts nothing (idempotent)', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from policy_clause`.execute(t.ctx.db);
    const again = await seedPolicies(t.ctx);
    expect(again).toEqual({ inserted: 0, published: 0, failed: [] });
    const after = await sql<{ n: number }>`select count(*)::int as n from policy_clause`.execute(t.ctx.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});

describe('public catalogue and search', () => {
  it('lists published policies with clauses, citations, modes and readable benefits', async () => {
    const res = await call('GET', '/api/policies', undefined, false);
    expect(res.statusCode).toBe(200);
    const list = res.json<
      {
        code: string;
        department: { code: string };
        clauses: { citation: string; mode: string; benefitText: string | null }[];
      }[]
    >();
    expect(list.length).toBeGreaterThanOrEqual(20);
    const loan = list.find((p) => p.code === 'XC-KJ-2022-01')!;
    expect(loan.department.code).toBe('SCITECH');
    expect(loan.clauses[0]!.mode).toBe('auto');
    expect(loan.clauses[0]!.benefitText).toContain('50');
    const auto = await call('GET', '/api/policies?mode=auto', undefined, false);
    expect(auto.json<typeof list>().every((p) => p.clauses.some((c) => c.mode === 'auto'))).toBe(true);
    const talent = await call('GET', '/api/policies?topic=talent', undefined, false);
    expect(talent.json<typeof list>().length).toBeGreaterThanOrEqual(3);
    const power = await call('GET', '/api/policies?department=POWER', undefined, false);
    expect(power.json<typeof list>().every((p) => p.department.code === 'POWER')).toBe(true);
  });

  it('高新技术 finds the 高新技术企业 policies, best match first', async () => {
    expect(queryTokens('高新技术')).toEqual(['高新技术']);
    const res = await call('GET', `/api/policies?q=${encodeURIComponent('高新技术')}`, undefined, false);
    const hits = res.json<{ code: string; title: string; summary: string; score: number }[]>();
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.code).toBe('XC-KJ-2022-02'); // 高新技术企业培育和认定奖励办法: in the title
    for (const h of hits) expect(`${h.title}${h.summary}`.length).toBeGreaterThan(0);
    const scores = hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // Every hit contains the words; a policy without them is not returned.
    const all = (await call('GET', '/api/policies', undefined, false)).json<
      {
        code: string;
        title: string;
        summary: string;
      }[]
    >();
    const power = all.find((p) => p.code === 'XC-GD-2022-01')!;
    expect(hits.some((h) => h.code === power.code)).toBe(false);
  });

  it('finds 用电报装 and 人才公寓, and nothing for a word no policy has', async () => {
    const power = (
      await call('GET', `/api/policies?q=${encodeURIComponent('用电报装')}`, undefined, false)
    ).json<{ code: string }[]>();
    expect(power.map((p) => p.code)).toContain('XC-GD-2022-01');
    const flats = (
      await call('GET', `/api/policies?q=${encodeURIComponent('人才公寓')}`, undefined, false)
    ).json<{ code: string }[]>();
    expect(flats[0]!.code).toBe('XC-RC-2022-01');
    const none = await call('GET', `/api/policies?q=${encodeURIComponent('火箭发射')}`, undefined, false);
    expect(none.json()).toEqual([]);
  });

  it('finds policies by the issuing department’s name', async () => {
    const hits = (
      await call('GET', `/api/policies?q=${encodeURIComponent('供电公司')}`, undefined, false)
    ).json<{ department: { code: string } }[]>();
    expect(hits.length).toBeGreaterThanOrEqual(3);
    expect(hits.every((h) => h.department.code === 'POWER')).toBe(true);
  });

  it('serves one published policy with its rules and requirements, 404 otherwise', async () => {
    const list = (await call('GET', '/api/policies', undefined, false)).json<
      {
        id: string;
        code: string;
      }[]
    >();
    const id = list.find((p) => p.code === 'XC-KJ-2022-03')!.id;
    const res = await call('GET', `/api/policies/${id}`, undefined, false);
    expect(res.statusCode).toBe(200);
    const detail = res.json<{ clauses: { rule: unknown; conditions: { fact: string | null }[] }[] }>();
    expect(detail.clauses[0]!.rule).toHaveProperty('and');
    expect(detail.clauses[0]!.conditions.map((c) => c.fact)).toContain('rd_ratio');
    expect(
      (await call('GET', '/api/policies/00000000-0000-4000-8000-000000000000', undefined, false)).statusCode,
    ).toBe(404);
  });

  it('serves the fact catalogue and topics', async () => {
    const facts = (await call('GET', '/api/policies/facts?subject=connection', undefined, false)).json<
      {
        name: string;
        subject: string;
      }[]
    >();
    expect(facts.map((f) => f.name)).toContain('capacity_kva');
    expect(facts.every((f) => f.subject === 'connection')).toBe(true);
    const topics = (await call('GET', '/api/policies/topics', undefined, false)).json<{ code: string }[]>();
    expect(topics.map((x) => x.code)).toContain('talent');
  });
});

describe('calculator', () => {
  it('explains an enterprise condition by condition with the estimated amount', async () => {
    const res = await call(
      'POST',
      '/api/policies/calculate',
      { subject: 'enterprise', facts: { qualifications: ['high_tech'], rd_ratio: 3.1, rd_spending: 400 } },
      false,
    );
    expect(res.statusCode).toBe(200);
    const results = res.json<Calc[]>();
    const rd = results.find((r) => r.policyCode === 'XC-KJ-2022-03')!;
    expect(rd.eligible).toBe(false);
    expect(rd.missing).toBe(1);
    expect(rd.summary).toBe('差 1 项：研发费用占比 3.1% < 5%');
    const ratio = rd.conditions.find((c) => c.fact === 'rd_ratio')!;
    expect(ratio).toMatchObject({ actual: 3.1, passed: false });
    expect(ratio.required).toContain('5');
    const award = results.find((r) => r.policyCode === 'XC-KJ-2022-02' && r.clauseNo === 1)!;
    expect(award.eligible).toBe(true);
    expect(award.benefit?.amount).toBe(30);
    // Eligible results come first.
    const firstIneligible = results.findIndex((r) => !r.eligible);
    expect(results.slice(firstIneligible).every((r) => !r.eligible)).toBe(true);

    const better = (
      await call(
        'POST',
        '/api/policies/calculate',
        { subject: 'enterprise', facts: { qualifications: ['high_tech'], rd_ratio: 6, rd_spending: 400 } },
        false,
      )
    ).json<Calc[]>();
    const rd2 = better.find((r) => r.policyCode === 'XC-KJ-2022-03')!;
    expect(rd2.eligible).toBe(true);
    expect(rd2.benefit?.amount).toBeCloseTo(40, 6);
  });

  it('works for talents (individual) and electricity connections', async () => {
    const talent = (
      await call(
        'POST',
        '/api/policies/calculate',
        {
          subject: 'individual',
          facts: {
            age: 28,
            education: 'master',
            talent_tier: 'none',
            employer_in_district: true,
            years_in_district: 1,
            owns_home_in_district: false,
          },
        },
        false,
      )
    ).json<Calc[]>();
    expect(talent.find((r) => r.policyCode === 'XC-TW-2022-01')).toMatchObject({
      eligible: true,
      benefit: { amount: 2 },
    });
    expect(talent.find((r) => r.policyCode === 'XC-RC-2022-01')).toMatchObject({
      eligible: true,
      benefit: { amount: 1.2 },
    });
    expect(talent.find((r) => r.policyCode === 'XC-RC-2022-02')?.eligible).toBe(false);
    expect(talent.some((r) => r.policyCode === 'XC-KJ-2022-01')).toBe(false); // enterprise clauses are not offered

    const power = (
      await call(
        'POST',
        '/api/policies/calculate',
        {
          subject: 'connection',
          facts: {
            customer_kind: 'low_voltage_small_micro',
            capacity_kva: 100,
            distance_m: 150,
            small_micro: true,
            voltage_kv: 0.4,
          },
        },
        false,
      )
    ).json<Calc[]>();
    expect(power.find((r) => r.policyCode === 'XC-GD-2022-01')).toMatchObject({
      eligible: true,
      benefit: { amount: 3 },
    });
    expect(power.find((r) => r.policyCode === 'XC-GD-2023-01')).toMatchObject({
      eligible: true,
      benefit: { amount: 5 },
    });
    expect(power.find((r) => r.policyCode === 'XC-GD-2022-02' && r.clauseNo === 1)?.eligible).toBe(false);
  });

  it('honours effective dates: an expired clause is not offered', async () => {
    const res = (
      await call(
        'POST',
        '/api/policies/calculate',
        {
          subject: 'enterprise',
          facts: { size_class: 'small', industry_section: 'C', equipment_investment: 200 },
        },
        false,
      )
    ).json<Calc[]>();
    // 中小企业技改贷款贴息 ran 2023-01-10 … 2025-12-31; the test clock is 2026-11-27.
    expect(res.some((r) => r.policyCode === 'XC-CZ-2023-01')).toBe(false);
    expect(res.some((r) => r.policyCode === 'XC-GX-2022-03')).toBe(true);
  });

  it('names unknown facts and wrong types (400)', async () => {
    const unknown = await call(
      'POST',
      '/api/policies/calculate',
      { subject: 'enterprise', facts: { rd_ratoi: 3 } },
      false,
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      code: 'POLICY_FACT_UNKNOWN',
      errors: [{ field: '/body/facts/rd_ratoi', rule: 'unknown_fact' }],
    });
    const type = await call(
      'POST',
      '/api/policies/calculate',
      { subject: 'enterprise', facts: { rd_ratio: 'high' } },
      false,
    );
    expect(type.statusCode).toBe(400);
    expect(type.json()).toMatchObject({
      code: 'POLICY_FACT_TYPE',
      errors: [{ field: '/body/facts/rd_ratio', rule: 'type' }],
    });
    const wrongSubject = await call(
      'POST',
      '/api/policies/calculate',
      { subject: 'individual', facts: { revenue: 10 } },
      false,
    );
    expect(wrongSubject.json()).toMatchObject({ code: 'POLICY_FACT_UNKNOWN' });
  });
});

describe('authoring and publication', () => {
  const clause = (over: Record<string, unknown> = {}) => ({
    title: '研发投入奖励',
    citation: '《相城区优化营商环境创新行动2022》第14条；测试文件第一条',
    subject: 'enterprise',
    mode: 'auto',
    rule: { and: [{ '>=': [{ var: 'rd_ratio' }, 5] }, { in: ['high_tech', { var: 'qualifications' }] }] },
    benefit: { kind: 'rate', fact: 'rd_spending', rate: 0.1, cap: 30 },
    effectiveFrom: '2026-01-01',
    effectiveTo: null,
    tests: [
      {
        name: '达标',
        facts: { rd_ratio: 6, qualifications: ['high_tech'], rd_spending: 100 },
        expectEligible: true,
        expectAmount: 10,
      },
      {
        name: '不达标',
        facts: { rd_ratio: 4, qualifications: ['high_tech'], rd_spending: 100 },
        expectEligible: false,
      },
    ],
    ...over,
  });
  let policyId = '';

  it('creates a draft, rejects a rule naming an unknown fact or with a wrong type, saves a valid clause', async () => {
    const created = await call('POST', '/api/policies', {
      title: '测试研发投入奖励办法',
      documentNo: '测试〔2026〕1号（演示）',
      issuedOn: '2026-01-01',
      summary: '研发投入达标的高新技术企业给予奖励。',
      topics: ['tech'],
      measureNos: [14],
    });
    expect(created.statusCode).toBe(201);
    policyId = created.json<{ id: string; status: string }>().id;
    expect(created.json<{ status: string }>().status).toBe('draft');

    const unknown = await call(
      'POST',
      `/api/policies/${policyId}/clauses`,
      clause({ rule: { '>=': [{ var: 'rd_ratoi' }, 5] } }),
    );
    expect(unknown.statusCode).toBe(400);
    const u = unknown.json<{
      code: string;
      params: { count: number; fields: string };
      errors: { field: string; rule: string; message: string }[];
    }>();
    expect(u.code).toBe('POLICY_RULE_INVALID');
    expect(u.params).toEqual({ count: u.errors.length, fields: u.errors.map((e) => e.field).join(', ') });
    expect(u.errors[0]!.message).toContain('rd_ratoi');
    expect(u.errors[0]!.field.startsWith('/body/rule')).toBe(true);
    expect(u.errors[0]!.rule).toBe('unknown_fact');

    const wrongType = await call(
      'POST',
      `/api/policies/${policyId}/clauses`,
      clause({ rule: { '>=': [{ var: 'rd_ratio' }, 'five'] } }),
    );
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json<{ errors: { rule: string }[] }>().errors[0]!.rule).toBe('type');

    const badTest = await call(
      'POST',
      `/api/policies/${policyId}/clauses`,
      clause({ tests: [{ name: 'x', facts: { nope: 1 }, expectEligible: true }] }),
    );
    expect(badTest.json()).toMatchObject({
      code: 'POLICY_FACT_UNKNOWN',
      errors: [{ field: '/body/tests/0/facts/nope' }],
    });

    const ok = await call(
      'POST',
      `/api/policies/${policyId}/clauses`,
      clause({ tests: [{ ...clause().tests[0], expectAmount: 12 }, clause().tests[1]] }),
    );
    expect(ok.statusCode).toBe(201);
    // Drafts are not public.
    expect((await call('GET', `/api/policies/${policyId}`, undefined, false)).statusCode).toBe(404);
  });

  it('refuses publication while a test fails (422 POLICY_TESTS_FAILING with the failures)', async () => {
    const res = await call('POST', `/api/policies/${policyId}/publish`);
    expect(res.statusCode).toBe(422);
    const body = res.json<{
      code: string;
      failures: { name: string; amount: number; expectAmount: number }[];
    }>();
    expect(body.code).toBe('POLICY_TESTS_FAILING');
    expect(body.failures).toHaveLength(1);
    expect(body.failures[0]).toMatchObject({ name: '达标', amount: 10, expectAmount: 12 });
    const status = await sql<{ status: string }>`select status from policy where id = ${policyId}`.execute(
      t.ctx.db,
    );
    expect(status.rows[0]!.status).toBe('draft');
  });

  it('publishes once the tests pass and queues a re-match of every enterprise', async () => {
    const managed = (await call('GET', `/api/policies/manage/${policyId}`)).json<{
      clauses: { id: string }[];
    }>();
    const clauseId = managed.clauses[0]!.id;
    const fixed = await call('PUT', `/api/policies/clauses/${clauseId}`, clause());
    expect(fixed.statusCode).toBe(200);
    const tests = (await call('POST', `/api/policies/clauses/${clauseId}/run-tests`)).json<
      {
        passed: boolean;
      }[]
    >();
    expect(tests.map((r) => r.passed)).toEqual([true, true]);
    const published = await call('POST', `/api/policies/${policyId}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json<{ status: string }>().status).toBe('published');
    const queued = await sql<{
      n: number;
    }>`select count(*)::int as n from pgboss.job where name = 'policy.match-all'`.execute(t.ctx.db);
    expect(queued.rows[0]!.n).toBeGreaterThanOrEqual(1);
    const search = (
      await call('GET', `/api/policies?q=${encodeURIComponent('研发投入奖励')}`, undefined, false)
    ).json<{ id: string }[]>();
    expect(search[0]!.id).toBe(policyId);
    // A clause of a published policy cannot be deleted; a policy with no tests cannot be published.
    expect((await call('DELETE', `/api/policies/clauses/${clauseId}`)).json()).toMatchObject({
      code: 'POLICY_NOT_DRAFT',
    });
  });

  it('refuses to publish a policy without clauses', async () => {
    const created = await call('POST', '/api/policies', {
      title: '空政策',
      documentNo: '测试〔2026〕2号（演示）',
      issuedOn: '2026-01-01',
      summary: '',
      topics: [],
    });
    const id = created.json<{ id: string }>().id;
    expect((await call('POST', `/api/policies/${id}/publish`)).json()).toMatchObject({
      code: 'POLICY_NO_CLAUSES',
    });
    expect(
      (
        await call('POST', '/api/policies', {
          title: 'x政策',
          documentNo: '1',
          issuedOn: '2026-01-01',
          summary: '',
          topics: ['nope'],
        })
      ).json(),
    ).toMatchObject({
      code: 'POLICY_TOPIC_UNKNOWN',
    });
  });

  it('validates rules for the editor', async () => {
    const ok = (
      await call('POST', '/api/policies/validate-rule', {
        subject: 'individual',
        rule: { '==': [{ var: 'education' }, 'master'] },
      })
    ).json<{ ok: boolean; conditions: unknown[] }>();
    expect(ok.ok).toBe(true);
    expect(ok.conditions.length).toBe(1);
    const bad = (
      await call('POST', '/api/policies/validate-rule', {
        subject: 'individual',
        rule: { '==': [{ var: 'revenue' }, 1] },
      })
    ).json<{ ok: boolean; errors: { message: string }[] }>();
    expect(bad.ok).toBe(false);
    expect(bad.errors[0]!.message).toContain('revenue');
  });
});
