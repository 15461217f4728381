import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../../kernel/clock.ts';
import {
  buildTestApp,
  createDepartment,
  createEnterprise,
  createTestUser,
  loginCookie,
  type TestApp,
  type TestUser,
} from '../../test/harness.ts';

let t: TestApp;
const clock = new FixedClock('2024-10-10T02:00:00Z'); // 10:00 in China
let officer: string;
let otherOfficer: string;
let office: string;
let enterpriseUser: string;
let deptId: string;
let enterprise: { id: string; uscc: string };

const penaltyBody = (over: Record<string, unknown> = {}) => ({
  categoryCode: 'penalty',
  uscc: enterprise.uscc,
  entityName: '苏州测试科技有限公司',
  decisionNo: '相市监罚〔2024〕101号',
  decisionDate: '2024-09-27',
  data: {
    penalty_type: '罚款',
    severity: '一般',
    facts: '未按规定公示年报信息',
    basis: '《企业信息公示暂行条例》',
    amount: 1,
  },
  ...over,
});

beforeAll(async () => {
  t = await buildTestApp({ clock });
  deptId = await createDepartment(t, 'TSTSAMR');
  enterprise = await createEnterprise(t);
  users = [
    await createTestUser(t, 'officer', { departmentId: deptId }),
    await createTestUser(t, 'officer'),
    await createTestUser(t, 'office'),
    await createTestUser(t, 'enterprise'),
  ];
  await relogin();
});

let users: TestUser[] = [];
/** Sessions expire when the clock jumps a day: sign in again at the new time. */
async function setClock(iso: string): Promise<void> {
  clock.set(iso);
  await relogin();
}
async function relogin(): Promise<void> {
  const cookies = await Promise.all(users.map((u) => loginCookie(t, u)));
  [officer, otherOfficer, office, enterpriseUser] = cookies as [string, string, string, string];
}
afterAll(async () => t?.close());

const post = (cookie: string | undefined, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/credit/records',
    payload: payload as Record<string, unknown>,
    headers: { ...(cookie ? { cookie } : {}), ...headers },
  });

describe('POST /api/credit/records — ladder', () => {
  it('401 without a session', async () => {
    expect((await post(undefined, penaltyBody())).statusCode).toBe(401);
  });
  it('400 on a malformed body, naming the field', async () => {
    const res = await post(officer, { ...penaltyBody(), uscc: undefined });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/uscc/);
  });
  it('403 for an enterprise user', async () => {
    expect((await post(enterpriseUser, penaltyBody())).statusCode).toBe(403);
  });
  it("404 for another department's category (outside competence) and for an unknown one", async () => {
    const foreign = await post(officer, {
      ...penaltyBody(),
      categoryCode: 'water_payment',
      data: { month: '2024-09', amount_due: 10, status: '正常' },
    });
    expect(foreign.statusCode).toBe(404);
    expect((await post(officer, { ...penaltyBody(), categoryCode: 'no_such' })).statusCode).toBe(404);
  });
  it('400 on category-schema violations: field and rule named, USCC reason given', async () => {
    const bad = enterprise.uscc.slice(0, 17) + (enterprise.uscc.endsWith('1') ? '2' : '1');
    const res = await post(
      officer,
      penaltyBody({ uscc: bad, data: { penalty_type: '拘留', severity: '一般', facts: 'x', basis: 'y' } }),
    );
    expect(res.statusCode).toBe(400);
    const errors = res.json<{ errors: { field: string; rule: string; message: string }[] }>().errors;
    expect(errors.map((e) => `${e.field}:${e.rule}`).sort()).toEqual([
      '/body/data/penalty_type:enum',
      '/body/uscc:uscc',
    ]);
    expect(errors.find((e) => e.rule === 'uscc')?.message).toMatch(/校验码/);
    const future = await post(officer, penaltyBody({ decisionDate: '2024-10-11' }));
    expect(future.statusCode).toBe(400);
    expect(future.body).toMatch(/future/);
  });
});

describe('timeliness in working days across the National Day holiday', () => {
  it('decision 2024-09-27 entered 2024-10-10 is the 5th working day: timely', async () => {
    const res = await post(officer, penaltyBody());
    expect(res.statusCode).toBe(201);
    const body = res.json<{ outcome: string; record: Record<string, unknown> }>();
    expect(body.outcome).toBe('created');
    expect(body.record).toMatchObject({
      entryWorkdays: 5,
      timely: true,
      enterpriseId: enterprise.id,
      severity: 'ordinary',
      publication: 'published',
      publishMinUntil: '2024-12-27',
      publishUntil: '2025-09-27',
    });
  });

  it('entered 2024-10-11 is the 6th working day: stored and flagged late', async () => {
    await setClock('2024-10-11T02:00:00Z');
    const res = await post(officer, penaltyBody({ decisionNo: '相市监罚〔2024〕102号' }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ record: { entryWorkdays: 6, timely: false } });
  });
});

describe('idempotent re-entry and corrections', () => {
  it('the same content again changes nothing; different content is a correction', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(t.ctx.db);
    const again = await post(officer, penaltyBody());
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ outcome: 'unchanged', record: { entryWorkdays: 5, timely: true } });
    const mid = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(t.ctx.db);
    expect(mid.rows[0]!.n).toBe(before.rows[0]!.n);

    const corrected = await post(officer, penaltyBody({ data: { ...penaltyBody().data, severity: '严重' } }));
    expect(corrected.statusCode).toBe(200);
    // A correction keeps the first entry time, so its timeliness stays that of the first entry.
    expect(corrected.json()).toMatchObject({
      outcome: 'updated',
      record: { severity: 'serious', publishUntil: '2027-09-27', entryWorkdays: 5, timely: true },
    });
    const audit = await sql<{
      action: string;
    }>`select action from audit_log order by seq desc limit 1`.execute(t.ctx.db);
    expect(audit.rows[0]!.action).toBe('credit.record-corrected');
    const rows = await sql<{
      n: number;
    }>`select count(*)::int as n from credit_record where decision_no = '相市监罚〔2024〕101号'`.execute(
      t.ctx.db,
    );
    expect(rows.rows[0]!.n).toBe(1);
  });

  it('an Idempotency-Key replays the first answer', async () => {
    const body = penaltyBody({ decisionNo: '相市监罚〔2024〕103号' });
    const a = await post(officer, body, { 'idempotency-key': 'credit-k1' });
    const b = await post(officer, body, { 'idempotency-key': 'credit-k1' });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
  });
});

describe('reads are scoped', () => {
  it('an officer sees only their department; the office sees all; filters apply', async () => {
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/credit/records?timely=false',
      headers: { cookie: officer },
    });
    expect(mine.statusCode).toBe(200);
    expect(
      mine
        .json<{ items: { decisionNo: string }[] }>()
        .items.map((r) => r.decisionNo)
        .sort(),
    ).toEqual(['相市监罚〔2024〕102号', '相市监罚〔2024〕103号']);
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/credit/records',
      headers: { cookie: otherOfficer },
    });
    expect(other.json()).toMatchObject({ total: 0 });
    const all = await t.app.inject({
      method: 'GET',
      url: '/api/credit/records?department=TSTSAMR',
      headers: { cookie: office },
    });
    expect(all.json<{ total: number }>().total).toBe(3);
    const id = all.json<{ items: { id: string }[] }>().items[0]!.id;
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/credit/records/${id}`,
          headers: { cookie: otherOfficer },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/credit/records/${id}`, headers: { cookie: officer } }))
        .statusCode,
    ).toBe(200);
  });
});

describe('catalogue', () => {
  it('is public and has license, penalty and 47 further categories', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/credit/categories' });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { code: string; kind: string; collection: string }[] }>().items;
    // The plan's 47 collected categories; `commitment_breach` is generated by the platform from verifications.
    expect(items.filter((c) => c.kind === 'other' && c.code !== 'commitment_breach')).toHaveLength(47);
    expect(items.find((c) => c.code === 'commitment_breach')?.collection).toBe('on_event');
    expect(
      items
        .map((c) => c.kind)
        .filter((k) => k !== 'other')
        .sort(),
    ).toEqual(['license', 'penalty']);
  });

  it('is edited by the office only, with field rules checked', async () => {
    const url = '/api/credit/categories/water_payment';
    expect(
      (await t.app.inject({ method: 'PUT', url, payload: { public: true }, headers: { cookie: officer } }))
        .statusCode,
    ).toBe(403);
    const bad = await t.app.inject({
      method: 'PUT',
      url,
      payload: { fields: [{ key: 'uscc', label: 'x', type: 'string', required: true }] },
      headers: { cookie: office },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: 'PUT',
      url,
      payload: { departmentCodes: ['TSTSAMR'] },
      headers: { cookie: office },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ departmentCodes: ['TSTSAMR'] });
    // Now within competence.
    const res = await post(officer, {
      ...penaltyBody(),
      categoryCode: 'water_payment',
      decisionNo: 'W-2024-09-001',
      decisionDate: '2024-09-30',
      data: { month: '2024-09', amount_due: 120.5, status: '正常' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ record: { publication: 'not_published' } });
  });
});

describe('statistics and metric providers', () => {
  it('timeliness per department and the KPI figures agree', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/credit/stats/timeliness?period=2024-09',
      headers: { cookie: office },
    });
    expect(res.statusCode).toBe(200);
    const row = res
      .json<{ departments: Record<string, unknown>[]; closesOn: string }>()
      .departments.find((d) => d.departmentCode === 'TSTSAMR');
    // 101 (timely), 102 (late), 103 (entered 2024-10-11, late); close = 5th working day after 09-30 = 2024-10-12.
    expect(row).toMatchObject({ entered: 3, timely: 1, enteredByClose: 3, timelyRate: 33.3, entryRate: 100 });
    expect(res.json<{ closesOn: string }>().closesOn).toBe('2024-10-12');

    const asOf = t.clock.now();
    const timely = await t.ctx.metrics.find('credit.dsgs-timely-rate')!.compute(t.ctx, '2024-09', asOf);
    expect(timely.value).toBe(33.3);
    const entry = await t.ctx.metrics.find('credit.dsgs-entry-rate')!.compute(t.ctx, '2024-09', asOf);
    expect(entry.value).toBe(100);
    expect(entry.detail).toMatchObject({ provisional: true });
    const empty = await t.ctx.metrics.find('credit.dsgs-timely-rate')!.compute(t.ctx, '2024-05', asOf);
    expect(empty.value).toBeNull();

    const collected = await t.ctx.metrics
      .find('credit.categories-collected')!
      .compute(t.ctx, '2024-09', asOf);
    expect(collected).toMatchObject({ value: 1 });
    expect(collected.detail?.categories).toBeGreaterThan(30);
    const coll = await t.app.inject({
      method: 'GET',
      url: '/api/credit/stats/collection?period=2024-09',
      headers: { cookie: office },
    });
    const cell = coll
      .json<{ cells: Record<string, unknown>[] }>()
      .cells.find((c) => c.categoryCode === 'water_payment' && c.departmentCode === 'TSTSAMR');
    expect(cell).toMatchObject({ records: 1, collected: true });
  });

  it('a record entered after the close lowers the entry rate', async () => {
    await setClock('2024-10-16T02:00:00Z');
    const res = await post(
      officer,
      penaltyBody({ decisionNo: '相市监罚〔2024〕104号', decisionDate: '2024-09-30' }),
    );
    expect(res.json()).toMatchObject({ record: { timely: false } });
    const entry = await t.ctx.metrics.find('credit.dsgs-entry-rate')!.compute(t.ctx, '2024-09', clock.now());
    expect(entry).toMatchObject({ value: 75, detail: { entered: 4, enteredByClose: 3, provisional: false } });
  });

  it('statistics need credit.read', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/credit/stats/timeliness?period=2024-09',
      headers: { cookie: enterpriseUser },
    });
    expect(res.statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/credit/stats/timeliness?period=2024-13',
      headers: { cookie: office },
    });
    expect(bad.statusCode).toBe(400);
  });
});
