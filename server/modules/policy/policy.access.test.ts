/**
 * Who may see and do what in the policy module: the public reads the catalogue and calculates; an enterprise sees
 * only its own matches, facts and grants; an officer manages (authors, grants) only its own department's policies;
 * the office reads district figures. "Not yours" is 404. Matches are written directly here so the permission
 * ladder is tested independently of the matcher.
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

let t: TestApp;
let industry: TestUser; // 区工信局 officer: owns XC-GX-2022-01 (专精特新, 免申即享)
let scitech: TestUser; // 区科技局 officer
let office: TestUser;
let entA: TestUser;
let entB: TestUser;
let person: TestUser;
let entAId = '';
let entBId = '';
let clauseGx = ''; // XC-GX-2022-01 clause 1
let policyGx = '';
let policyKj = ''; // XC-KJ-2022-02 (SCITECH)
let clauseKj = '';
const cookies = new Map<string, string>();

async function call(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  u?: TestUser,
  payload?: object,
  headers: Record<string, string> = {},
) {
  let cookie: string | undefined;
  if (u) {
    cookie = cookies.get(u.id) ?? (await loginCookie(t, u));
    cookies.set(u.id, cookie);
  }
  return t.app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: { ...(cookie ? { cookie } : {}), ...headers },
  });
}

async function clauseOf(code: string, no: number): Promise<{ policyId: string; clauseId: string }> {
  const r = await sql<{ policy_id: string; id: string }>`
    select c.policy_id, c.id from policy_clause c join policy p on p.id = c.policy_id where p.code = ${code} and c.no = ${no}`.execute(
    t.ctx.db,
  );
  return { policyId: r.rows[0]!.policy_id, clauseId: r.rows[0]!.id };
}

beforeAll(async () => {
  t = await buildTestApp();
  const ind = await findDepartmentByCode(t.ctx.db, 'INDUSTRY');
  const sci = await findDepartmentByCode(t.ctx.db, 'SCITECH');
  industry = await createTestUser(t, 'officer', { departmentId: ind!.id });
  scitech = await createTestUser(t, 'officer', { departmentId: sci!.id });
  office = await createTestUser(t, 'office');
  entAId = (await createEnterprise(t, { name: '苏州甲精密机械有限公司' })).id;
  entBId = (await createEnterprise(t, { name: '苏州乙电子科技有限公司' })).id;
  entA = await createTestUser(t, 'enterprise', { enterpriseId: entAId });
  entB = await createTestUser(t, 'enterprise', { enterpriseId: entBId });
  person = await createTestUser(t, 'individual');
  ({ policyId: policyGx, clauseId: clauseGx } = await clauseOf('XC-GX-2022-01', 1));
  ({ policyId: policyKj, clauseId: clauseKj } = await clauseOf('XC-KJ-2022-02', 1));
  await t.ctx.db.transaction().execute(async (trx) => {
    for (const id of [entAId, entBId]) {
      await setEnterpriseFacts(
        trx,
        id,
        { qualifications: ['specialized'], size_class: 'small', industry_section: 'C' },
        {
          kind: 'feed',
          label: '区工信局数据',
          verified: true,
        },
      );
    }
  });
  // Both enterprises match the 专精特新 clause (as the matcher would record it).
  for (const id of [entAId, entBId]) {
    await sql`insert into policy_match (clause_id, enterprise_id, first_matched_at, last_matched_at, active)
              values (${clauseGx}, ${id}, now(), now(), true)`.execute(t.ctx.db);
  }
});
afterAll(async () => {
  await t?.close();
});

describe('anonymous', () => {
  it('reads the catalogue and calculates, but nothing else', async () => {
    expect((await call('GET', '/api/policies')).statusCode).toBe(200);
    expect((await call('GET', `/api/policies/${policyGx}`)).statusCode).toBe(200);
    const calc = await t.app.inject({
      method: 'POST',
      url: '/api/policies/calculate',
      payload: { subject: 'connection', facts: {} },
    });
    expect(calc.statusCode).toBe(200);
    for (const [m, url] of [
      ['GET', '/api/policies/my/matches'],
      ['GET', '/api/policies/my/grants'],
      ['GET', '/api/policies/manage'],
      ['GET', '/api/policies/stats'],
      ['GET', '/api/policies/grant-lists'],
    ] as const) {
      expect((await call(m, url)).statusCode, url).toBe(401);
    }
    expect((await t.app.inject({ method: 'POST', url: '/api/policies', payload: {} })).statusCode).toBe(401);
  });
});

describe('enterprise', () => {
  it('cannot author, grant or read statistics (403)', async () => {
    expect((await call('GET', '/api/policies/manage', entA)).statusCode).toBe(403);
    expect((await call('POST', `/api/policies/${policyGx}/publish`, entA)).statusCode).toBe(403);
    expect((await call('GET', '/api/policies/grant-lists', entA)).statusCode).toBe(403);
    expect((await call('POST', `/api/policies/clauses/${clauseGx}/grant-lists`, entA)).statusCode).toBe(403);
    expect((await call('GET', '/api/policies/stats', entA)).statusCode).toBe(403);
  });

  it('sees only its own matches and facts', async () => {
    const a = (await call('GET', '/api/policies/my/matches', entA)).json<{
      enterprise: { id: string };
      matches: { clauseId: string; conditions: { source: { kind: string } | null }[] }[];
    }>();
    expect(a.enterprise.id).toBe(entAId);
    expect(a.matches.map((m) => m.clauseId)).toEqual([clauseGx]);
    expect(a.matches[0]!.conditions[0]!.source?.kind).toBe('feed');
    await sql`update policy_match set active = false where enterprise_id = ${entBId}`.execute(t.ctx.db);
    const b = (await call('GET', '/api/policies/my/matches', entB)).json<{
      enterprise: { id: string };
      matches: unknown[];
    }>();
    expect(b.enterprise.id).toBe(entBId);
    expect(b.matches).toEqual([]);
    await sql`update policy_match set active = true where enterprise_id = ${entBId}`.execute(t.ctx.db);
    const facts = (await call('GET', '/api/policies/my/facts', entB)).json<{
      values: Record<string, unknown>;
    }>();
    expect(facts.values.qualifications).toEqual(['specialized']);
  });

  it('an individual has no enterprise view (403)', async () => {
    expect((await call('GET', '/api/policies/my/matches', person)).statusCode).toBe(403);
  });
});

describe('officers', () => {
  it('manage only their own department’s policies; others’ are 404', async () => {
    const own = (await call('GET', '/api/policies/manage', industry)).json<
      {
        department: { code: string };
      }[]
    >();
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((p) => p.department.code === 'INDUSTRY')).toBe(true);
    expect((await call('GET', `/api/policies/manage/${policyKj}`, industry)).statusCode).toBe(404);
    expect((await call('POST', `/api/policies/${policyKj}/publish`, industry)).statusCode).toBe(404);
    expect((await call('POST', `/api/policies/${policyKj}/withdraw`, industry)).statusCode).toBe(404);
    expect((await call('POST', `/api/policies/clauses/${clauseKj}/run-tests`, industry)).statusCode).toBe(
      404,
    );
    const body = {
      title: 'x',
      citation: 'y',
      subject: 'enterprise',
      mode: 'auto',
      rule: { in: ['high_tech', { var: 'qualifications' }] },
      benefit: { kind: 'fixed', amount: 1 },
      effectiveFrom: '2026-01-01',
      tests: [{ name: 'a', facts: { qualifications: ['high_tech'] }, expectEligible: true, expectAmount: 1 }],
    };
    expect((await call('PUT', `/api/policies/clauses/${clauseKj}`, industry, body)).statusCode).toBe(404);
    expect((await call('POST', `/api/policies/${policyKj}/clauses`, industry, body)).statusCode).toBe(404);
    expect((await call('POST', `/api/policies/clauses/${clauseKj}/grant-lists`, industry)).statusCode).toBe(
      404,
    );
    expect((await call('GET', `/api/policies/manage/${policyKj}`, scitech)).statusCode).toBe(200);
  });

  it('grant lists: another department cannot see, approve or disburse them; enterprises only their own grant', async () => {
    const built = await call('POST', `/api/policies/clauses/${clauseGx}/grant-lists`, industry);
    expect(built.statusCode).toBe(201);
    const list = built.json<{
      id: string;
      entries: { id: string; enterprise: { id: string }; included: boolean }[];
    }>();
    expect(list.entries.map((e) => e.enterprise.id).sort()).toEqual([entAId, entBId].sort());
    const grantA = list.entries.find((e) => e.enterprise.id === entAId)!.id;
    const grantB = list.entries.find((e) => e.enterprise.id === entBId)!.id;

    expect((await call('GET', `/api/policies/grant-lists/${list.id}`, scitech)).statusCode).toBe(404);
    expect((await call('POST', `/api/policies/grant-lists/${list.id}/approve`, scitech)).statusCode).toBe(
      404,
    );
    expect((await call('GET', '/api/policies/grant-lists', scitech)).json<unknown[]>().length).toBe(0);
    expect((await call('POST', `/api/policies/grant-lists/${list.id}/approve`, industry)).statusCode).toBe(
      200,
    );

    // Each enterprise sees and confirms only its own grant.
    const mine = (await call('GET', '/api/policies/my/grants', entA)).json<{ id: string }[]>();
    expect(mine.map((g) => g.id)).toEqual([grantA]);
    expect((await call('POST', `/api/policies/grants/${grantB}/confirm`, entA)).statusCode).toBe(404);
    expect((await call('POST', `/api/policies/grants/${grantA}/confirm`, entA)).statusCode).toBe(200);
    expect(
      (
        await call('POST', `/api/policies/grants/${grantA}/disburse`, scitech, {
          amount: 20,
          reference: 'X-1',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await call('POST', `/api/policies/grants/${grantA}/disburse`, entA, { amount: 20, reference: 'X-1' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await call('POST', `/api/policies/grants/${grantA}/disburse`, industry, {
          amount: 20,
          reference: 'X-1',
        })
      ).statusCode,
    ).toBe(200);
  });
});

describe('office', () => {
  it('reads district statistics but does not author', async () => {
    const stats = await call('GET', '/api/policies/stats', office);
    expect(stats.statusCode).toBe(200);
    const s = stats.json<{
      scope: string;
      grants: { disbursed: number; disbursedAmount: number };
      policies: { published: number };
    }>();
    expect(s.scope).toBe('district');
    expect(s.grants.disbursed).toBe(1);
    expect(s.grants.disbursedAmount).toBe(20);
    expect(s.policies.published).toBeGreaterThanOrEqual(20);
    expect((await call('GET', '/api/policies/manage', office)).statusCode).toBe(403);
    const dept = (await call('GET', '/api/policies/stats', scitech)).json<{
      scope: string;
      grants: { disbursed: number };
    }>();
    expect(dept).toMatchObject({ scope: 'department', grants: { disbursed: 0 } });
  });
});
