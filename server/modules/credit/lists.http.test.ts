/**
 * The lists half end to end over HTTP: repair gating by publication periods, review deadlines in working days
 * across 国庆 2026, automatic end of publication, sanctions decisions, classification with its explanation and
 * history, the public query (contract, masking), the permission ladder and cross-enterprise invisibility.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.ts';
import { generateDemoEnterprises } from '../../kernel/demo/enterprises.ts';
import {
  buildTestApp,
  createEnterprise,
  createTestUser,
  loginCookie,
  type TestApp,
  type TestUser,
} from '../../test/harness.ts';
import { insertEnterprises } from '../enterprise/index.ts';
import { classifyAllEnterprises, getCreditClass } from './classification.service.ts';
import { creditStatusOfMany } from './credit-status.service.ts';
import { classifyEnterprisesJob, expirePublicationJob } from './credit.jobs.ts';
import { checkSanctions } from './sanctions.service.ts';

const clock = new FixedClock('2026-03-01T02:00:00Z');
let t: TestApp;
let officerA: TestUser; // department A enters the records
let officerB: TestUser; // another department
let office: TestUser;
let entUser: TestUser; // enterprise E
let otherUser: TestUser; // enterprise F
let ent = { id: '', uscc: '' };
let other = { id: '', uscc: '' };
let individual: TestUser;

const sessions = new Map<string, string>();
async function cookieOf(u: TestUser): Promise<string> {
  const key = `${u.id}@${clock.now().toISOString()}`;
  let c = sessions.get(key);
  if (!c) {
    c = await loginCookie(t, u);
    sessions.set(key, c);
  }
  return c;
}
async function call(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  u?: TestUser,
  payload?: object,
  headers = {},
) {
  return t.app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: { ...(u ? { cookie: await cookieOf(u) } : {}), ...headers },
  });
}
function at(date: string): void {
  clock.set(`${date}T02:00:00Z`);
}
/** Runs the daily job's handler directly, as the worker would. */
async function sweep(): Promise<Record<string, unknown>> {
  return (
    (await expirePublicationJob(t.ctx).handler(
      {},
      { jobId: 'test', logger: t.ctx.logger, progress: () => undefined },
    )) ?? {}
  );
}

/** Inserts a credit record directly (the records half's service is not needed here). */
async function record(r: {
  enterpriseId: string | null;
  uscc: string;
  name?: string;
  category?: string;
  severity?: 'minor' | 'ordinary' | 'serious' | null;
  decisionDate: string;
  minUntil: string | null;
  until: string | null;
  publication?: string;
  data?: object;
  departmentId?: string;
}): Promise<string> {
  const no = `相罚〔2026〕${randomUUID().slice(0, 8)}号`;
  const res = await sql<{ id: string }>`
    insert into credit_record (category_code, uscc, entity_name, enterprise_id, department_id, decision_no,
      decision_date, entry_workdays, timely, data, severity, publish_from, publish_min_until, publish_until,
      publication, source, content_hash)
    values (${r.category ?? 'test-penalty'}, ${r.uscc}, ${r.name ?? '测试企业'}, ${r.enterpriseId},
      ${r.departmentId ?? officerA.departmentId}, ${no}, ${r.decisionDate}, 1, true,
      ${JSON.stringify(r.data ?? {})}::jsonb, ${r.severity === undefined ? 'ordinary' : r.severity},
      ${r.minUntil ? r.decisionDate : null}, ${r.minUntil}, ${r.until}, ${r.publication ?? 'published'}, 'form',
      ${createHash('sha256').update(no).digest('hex')})
    returning id`.execute(t.ctx.db);
  return res.rows[0]!.id;
}

beforeAll(async () => {
  t = await buildTestApp({ clock });
  // Fixture categories (`commitment_breach` also ships in config/credit/categories.json).
  await sql`insert into credit_category (code, name, kind, public) values
      ('test-penalty', '行政处罚', 'penalty', true),
      ('test-internal', '内部信息', 'other', false),
      ('commitment_breach', '违背信用承诺', 'other', true)
    on conflict (code) do nothing`.execute(t.ctx.db);
  officerA = await createTestUser(t, 'officer');
  officerB = await createTestUser(t, 'officer');
  office = await createTestUser(t, 'office');
  individual = await createTestUser(t, 'individual');
  ent = await createEnterprise(t, { name: '苏州信用测试科技有限公司' });
  other = await createEnterprise(t, { name: '苏州另一家贸易有限公司' });
  entUser = await createTestUser(t, 'enterprise', { enterpriseId: ent.id });
  otherUser = await createTestUser(t, 'enterprise', { enterpriseId: other.id });
});
afterAll(async () => {
  await t.close();
});

describe('repair (信用修复)', () => {
  let ordinary = '';
  let serious = '';
  let repairId = '';

  it('refuses an ordinary penalty before 3 months with the date it becomes possible, accepts it after', async () => {
    at('2026-03-01');
    // Decision 2026-01-10, ordinary: minimum 3 months → repair possible from 2026-04-10.
    ordinary = await record({
      enterpriseId: ent.id,
      uscc: ent.uscc,
      decisionDate: '2026-01-10',
      minUntil: '2026-04-10',
      until: '2027-01-10',
    });
    const early = await call('POST', `/api/credit/records/${ordinary}/repair`, entUser, {
      statement: '已缴纳罚款',
    });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'CREDIT_REPAIR_TOO_EARLY' });
    expect(early.json().detail).toContain('2026-04-10');

    at('2026-09-29');
    const ok = await call(
      'POST',
      `/api/credit/records/${ordinary}/repair`,
      entUser,
      { statement: '已缴纳罚款并整改' },
      { 'idempotency-key': 'repair-1' },
    );
    expect(ok.statusCode, ok.body).toBe(201);
    repairId = ok.json().id;
    // 5 working days after Tue 2026-09-29 across 国庆 (10-01…10-07 rest, Sat 10-10 make-up): 09-30, 10-08, 10-09, 10-10, 10-12.
    expect(ok.json().reviewDueOn).toBe('2026-10-12');
    const replay = await call(
      'POST',
      `/api/credit/records/${ordinary}/repair`,
      entUser,
      { statement: '已缴纳罚款并整改' },
      { 'idempotency-key': 'repair-1' },
    );
    expect(replay.statusCode).toBe(201);
    expect(replay.json().id).toBe(repairId);
    const again = await call('POST', `/api/credit/records/${ordinary}/repair`, entUser, {
      statement: '再次申请',
    });
    expect(again.statusCode).toBe(409);
  });

  it('needs a year for a serious penalty', async () => {
    serious = await record({
      enterpriseId: ent.id,
      uscc: ent.uscc,
      severity: 'serious',
      decisionDate: '2025-11-20',
      minUntil: '2026-11-20',
      until: '2028-11-20',
    });
    const early = await call('POST', `/api/credit/records/${serious}/repair`, entUser, {
      statement: '已整改',
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().detail).toContain('2026-11-20');
  });

  it('walks the permission ladder: 401, 400, 403, 404 (another enterprise, another department)', async () => {
    expect(
      (await call('POST', `/api/credit/records/${ordinary}/repair`, undefined, { statement: 'x' }))
        .statusCode,
    ).toBe(401);
    expect((await call('POST', `/api/credit/records/${ordinary}/repair`, entUser, {})).statusCode).toBe(400);
    expect(
      (await call('POST', `/api/credit/records/${ordinary}/repair`, officerA, { statement: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await call('POST', `/api/credit/records/${ordinary}/repair`, otherUser, { statement: 'x' }))
        .statusCode,
    ).toBe(404);
    expect((await call('GET', '/api/credit/repairs', entUser)).statusCode).toBe(403);
    expect(
      (await call('POST', `/api/credit/repairs/${repairId}/review`, entUser, { decision: 'approve' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('POST', `/api/credit/repairs/${repairId}/review`, officerB, { decision: 'approve' }))
        .statusCode,
    ).toBe(404);
    expect((await call('GET', '/api/credit/repairs', officerB)).json().total).toBe(0);
    expect(
      (await call('POST', `/api/credit/repairs/${repairId}/review`, officerA, { decision: 'reject' }))
        .statusCode,
    ).toBe(400);
  });

  it('flags the review as overdue only after the deadline, in working days across the holiday', async () => {
    const deptNotices = async () =>
      (await call('GET', '/api/notifications?pageSize=100', officerA))
        .json()
        .items.filter((n: { title: string }) => n.title.includes('逾期'));
    at('2026-10-12');
    expect((await sweep()).overdueReviews).toBe(0);
    expect((await call('GET', '/api/credit/repairs?status=pending', officerA)).json().items[0].overdue).toBe(
      false,
    );
    at('2026-10-13');
    expect((await sweep()).overdueReviews).toBe(1);
    expect((await call('GET', '/api/credit/repairs?status=pending', officerA)).json().items[0].overdue).toBe(
      true,
    );
    expect(await deptNotices()).toHaveLength(1);
    // Running again reports nothing new.
    expect((await sweep()).overdueReviews).toBe(0);
  });

  it('approval ends publication, is audited and tells the enterprise', async () => {
    const res = await call('POST', `/api/credit/repairs/${repairId}/review`, officerA, {
      decision: 'approve',
      comment: '材料齐全',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('approved');
    const rec = await sql<{
      publication: string;
      publication_ended_at: Date | null;
    }>`select publication, publication_ended_at from credit_record where id = ${ordinary}`.execute(t.ctx.db);
    expect(rec.rows[0]!.publication).toBe('ended_repaired');
    expect(rec.rows[0]!.publication_ended_at).not.toBeNull();
    const audit = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_log where action = 'credit.repair_approved' and subject_id = ${repairId}`.execute(
      t.ctx.db,
    );
    expect(audit.rows[0]!.n).toBe(1);
    const notes = (await call('GET', '/api/notifications?pageSize=100', entUser)).json().items;
    expect(notes.some((n: { title: string }) => n.title.startsWith('信用修复已通过'))).toBe(true);
    expect(
      (await call('POST', `/api/credit/repairs/${repairId}/review`, officerA, { decision: 'approve' }))
        .statusCode,
    ).toBe(409);
  });

  it('ends publication automatically at the maximum period', async () => {
    at('2026-10-13');
    const id = await record({
      enterpriseId: ent.id,
      uscc: ent.uscc,
      decisionDate: '2025-10-14',
      minUntil: '2026-01-14',
      until: '2026-10-14',
    });
    await sweep();
    const before = await sql<{
      publication: string;
    }>`select publication from credit_record where id = ${id}`.execute(t.ctx.db);
    expect(before.rows[0]!.publication).toBe('published');
    at('2026-10-14');
    const out = await sweep();
    expect(out.expired).toBeGreaterThanOrEqual(1);
    const after = await sql<{
      publication: string;
    }>`select publication from credit_record where id = ${id}`.execute(t.ctx.db);
    expect(after.rows[0]!.publication).toBe('ended_expired');
  });

  it('a serious published penalty blocks 告知承诺 until it is repaired', async () => {
    at('2026-11-02');
    const before = await checkSanctions(t.ctx, { enterpriseId: ent.id }, 'commitment');
    expect(before.decision).toBe('block');
    expect(before.reasons.map((r) => r.code)).toContain('serious-penalty-published');
    const refused = await call('POST', '/api/credit/commitments', entUser, {
      kind: 'notification',
      departmentId: officerA.departmentId,
      subject: '食品经营许可',
      content: '承诺符合条件',
      verifyBy: '2026-12-01',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('CREDIT_COMMITMENT_EXCLUDED');
    at('2026-11-20');
    const applied = await call('POST', `/api/credit/records/${serious}/repair`, entUser, {
      statement: '已整改到位',
    });
    expect(applied.statusCode, applied.body).toBe(201);
    await call('POST', `/api/credit/repairs/${applied.json().id}/review`, officerA, { decision: 'approve' });
    expect((await checkSanctions(t.ctx, { enterpriseId: ent.id }, 'commitment')).decision).toBe('allow');
  });
});

describe('commitments (信用承诺 / 告知承诺)', () => {
  it('a broken commitment becomes a record and blocks 告知承诺 until repaired', async () => {
    at('2026-11-20');
    const made = await call('POST', '/api/credit/commitments', entUser, {
      kind: 'notification',
      departmentId: officerA.departmentId,
      subject: '食品经营许可',
      content: '承诺经营场所符合要求',
      verifyBy: '2026-12-20',
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id;
    expect(
      (await call('POST', `/api/credit/commitments/${id}/verify`, officerB, { outcome: 'broken', note: 'x' }))
        .statusCode,
    ).toBe(404);
    const broken = await call('POST', `/api/credit/commitments/${id}/verify`, officerA, {
      outcome: 'broken',
      note: '现场核查发现场所不符合承诺',
    });
    expect(broken.statusCode, broken.body).toBe(200);
    expect(broken.json().recordId).toBeTruthy();
    const check = await call('POST', '/api/credit/sanctions/check', entUser, {
      enterpriseId: ent.id,
      purpose: 'commitment',
    });
    expect(check.json().decision).toBe('block');
    expect(check.json().reasons[0].code).toBe('false-commitment-unrepaired');
    expect(
      (await call('POST', `/api/credit/commitments/${id}/verify`, officerA, { outcome: 'fulfilled' }))
        .statusCode,
    ).toBe(409);
  });
});

describe('lists and sanctions', () => {
  let entryId = '';
  it('enters a black-list entry (officer, own department) that blocks commitment and policy', async () => {
    const body = {
      listCode: 'serious-dishonesty',
      uscc: other.uscc,
      reason: '拒不履行行政处罚决定',
      basis: '《XX条例》第X条',
      enteredOn: '2026-11-01',
      exitCondition: '履行完毕法定义务',
    };
    expect((await call('POST', '/api/credit/list-entries', undefined, body)).statusCode).toBe(401);
    expect(
      (await call('POST', '/api/credit/list-entries', officerA, { ...body, exitCondition: undefined }))
        .statusCode,
    ).toBe(400);
    expect((await call('POST', '/api/credit/list-entries', office, body)).statusCode).toBe(403);
    expect(
      (await call('POST', '/api/credit/list-entries', officerA, { ...body, uscc: '91350100M000100Y4Z' }))
        .statusCode,
    ).toBe(400);
    const res = await call('POST', '/api/credit/list-entries', officerA, body);
    expect(res.statusCode, res.body).toBe(201);
    entryId = res.json().id;
    expect(res.json().entityName).toBe('苏州另一家贸易有限公司');
    for (const purpose of ['commitment', 'policy', 'procurement'] as const) {
      const d = await call('POST', '/api/credit/sanctions/check', officerB, { uscc: other.uscc, purpose });
      expect(d.json().decision, purpose).toBe('block');
      expect(d.json().reasons[0].list.code).toBe('serious-dishonesty');
    }
    expect(
      (
        await call('POST', '/api/credit/sanctions/check', officerB, {
          uscc: other.uscc,
          purpose: 'application',
        })
      ).json().decision,
    ).toBe('flag');
    // An enterprise may check itself only.
    expect(
      (await call('POST', '/api/credit/sanctions/check', entUser, { uscc: other.uscc, purpose: 'policy' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await call('POST', '/api/credit/sanctions/check', individual, { uscc: other.uscc, purpose: 'policy' }))
        .statusCode,
    ).toBe(403);
    // The batch look-up the policy facts refresh uses agrees with checkSanctions / getCreditClass.
    const batch = await creditStatusOfMany(t.ctx, [other.id, ent.id], 'policy');
    expect(batch.get(other.id)?.listRestricted).toBe(true);
    expect(batch.get(ent.id)?.listRestricted).toBe(false);
    for (const id of [other.id, ent.id]) {
      expect(batch.get(id)?.class, id).toBe((await getCreditClass(t.ctx, id)).class);
    }
    const pub = (await call('GET', '/api/credit/lists/serious-dishonesty/entries')).json();
    expect(pub.items.map((i: { uscc: string }) => i.uscc)).toContain(other.uscc);
    expect(JSON.stringify(pub)).not.toContain('拒不履行');
  });

  it('the office maintains the measures: one switched off no longer blocks; bad input changes nothing', async () => {
    const list = await call('GET', '/api/credit/sanctions/measures', office);
    expect(list.statusCode).toBe(200);
    const measure = list
      .json()
      .items.find((m: { code: string }) => m.code === 'black-no-procurement') as Record<string, unknown>;
    expect(measure).toMatchObject({ decision: 'block', active: true });
    const { code: _code, ...body } = measure;
    expect((await call('GET', '/api/credit/sanctions/measures', officerA)).statusCode).toBe(403);
    expect((await call('GET', '/api/credit/sanctions/measures')).statusCode).toBe(401);
    expect(
      (await call('PUT', '/api/credit/sanctions/measures/black-no-procurement', officerA, body)).statusCode,
    ).toBe(403);
    const check = async () =>
      (
        await call('POST', '/api/credit/sanctions/check', officerB, {
          uscc: other.uscc,
          purpose: 'procurement',
        })
      ).json().decision;
    expect(await check()).toBe('block');

    // An unknown list, a bad code, an empty purpose list: 400 naming the field, nothing stored.
    const unknown = await call('PUT', '/api/credit/sanctions/measures/black-no-procurement', office, {
      ...body,
      trigger: { type: 'list', list: 'no-such-list' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('/trigger/list');
    expect((await call('PUT', '/api/credit/sanctions/measures/Bad_Code', office, body)).statusCode).toBe(400);
    expect(
      (
        await call('PUT', '/api/credit/sanctions/measures/black-no-procurement', office, {
          ...body,
          purposes: [],
        })
      ).statusCode,
    ).toBe(400);
    expect(await check()).toBe('block');

    const off = await call('PUT', '/api/credit/sanctions/measures/black-no-procurement', office, {
      ...body,
      active: false,
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(await check()).toBe('allow');
    const pub = (await call('GET', '/api/credit/sanctions')).json();
    expect(pub.measures.map((m: { code: string }) => m.code)).not.toContain('black-no-procurement');

    // A new measure: flag applications of black-listed entities for a purpose that had none.
    const created = await call('PUT', '/api/credit/sanctions/measures/black-honour', office, {
      name: '限制评优评先',
      trigger: { type: 'list', list: 'serious-dishonesty' },
      purposes: ['honour'],
      decision: 'block',
      effect: 'restriction',
      message: '严重失信主体不得参加评优评先。',
      basis: '（演示）',
      active: true,
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(
      (
        await call('POST', '/api/credit/sanctions/check', officerB, { uscc: other.uscc, purpose: 'honour' })
      ).json().decision,
    ).toBe('block');
    const audits = await sql<{ action: string }>`
      select action from audit_log where action like 'credit.sanction\_%' order by seq`.execute(t.ctx.db);
    expect(audits.rows.map((a) => a.action)).toEqual(['credit.sanction_changed', 'credit.sanction_created']);

    // Back as they were, for the tests that follow.
    expect(
      (await call('PUT', '/api/credit/sanctions/measures/black-no-procurement', office, body)).statusCode,
    ).toBe(200);
    expect(
      (
        await call('PUT', '/api/credit/sanctions/measures/black-honour', office, {
          ...created.json(),
          code: undefined,
          active: false,
        })
      ).statusCode,
    ).toBe(200);
    expect(await check()).toBe('block');
  });

  it('exits with a reason; another department cannot touch it', async () => {
    expect(
      (await call('POST', `/api/credit/list-entries/${entryId}/exit`, officerB, { reason: 'x' })).statusCode,
    ).toBe(404);
    const res = await call('POST', `/api/credit/list-entries/${entryId}/exit`, officerA, {
      reason: '已履行法定义务',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ current: false, exitReason: '已履行法定义务' });
    expect((await checkSanctions(t.ctx, { uscc: other.uscc }, 'policy')).decision).toBe('allow');
    expect(
      (await call('POST', `/api/credit/list-entries/${entryId}/exit`, officerA, { reason: 'again' }))
        .statusCode,
    ).toBe(409);
  });

  it('flags a red-listed entity with an incentive', async () => {
    await call('POST', '/api/credit/list-entries', officerA, {
      listCode: 'tax-credit-a',
      uscc: other.uscc,
      reason: '2025年度纳税信用A级',
      basis: '《纳税信用管理办法》',
      enteredOn: '2026-11-01',
      exitOn: '2027-11-01',
    });
    const d = await checkSanctions(t.ctx, { uscc: other.uscc }, 'application');
    expect(d.decision).toBe('flag');
    expect(d.reasons.map((r) => r.code)).toEqual(['red-fast-track']);
    expect(d.reasons[0]!.effect).toBe('incentive');
  });
});

describe('classification', () => {
  it('explains the score, keeps history per period, and D blocks 免申即享', async () => {
    at('2026-11-20');
    const d = await createEnterprise(t, { name: '苏州高风险测试有限公司' });
    for (let i = 0; i < 2; i++) {
      await record({
        enterpriseId: d.id,
        uscc: d.uscc,
        decisionDate: '2026-09-01',
        minUntil: '2026-12-01',
        until: '2027-09-01',
      });
    }
    await call('POST', '/api/credit/list-entries', officerA, {
      listCode: 'dishonest-executee',
      uscc: d.uscc,
      reason: '失信被执行',
      basis: '人民法院决定',
      enteredOn: '2026-10-01',
      exitCondition: '履行完毕',
    });
    const job =
      (await classifyEnterprisesJob(t.ctx).handler(
        { asOf: '2026-11-01' },
        { jobId: 'test', logger: t.ctx.logger, progress: () => undefined },
      )) ?? {};
    expect(job.period).toBe('2026-11');
    const cls = (await call('GET', `/api/credit/enterprises/${d.id}/class`, office)).json();
    expect(cls.current.parts).toEqual([
      { code: 'penalty-ordinary', label: '行政处罚（一般）2 条', points: -30 },
      { code: 'black-list', label: '列入失信名单 1 条', points: -60 },
    ]);
    expect(cls.current).toMatchObject({ class: 'D', score: 10, period: '2026-11', stored: true });
    expect(cls.current.explanation).toContain('行政处罚（一般）2 条，-30');
    expect(
      (await checkSanctions(t.ctx, { enterpriseId: d.id }, 'grant')).reasons.map((r) => r.code),
    ).toContain('class-d-no-auto-grant');

    await classifyAllEnterprises(t.ctx, classifyEnterprisesJob(t.ctx).actor, { asOf: '2026-12-01' });
    const hist = (await call('GET', `/api/credit/enterprises/${d.id}/class`, office)).json().history;
    expect(hist.map((h: { period: string }) => h.period)).toEqual(['2026-12', '2026-11']);
    const clean = (await call('GET', `/api/credit/enterprises/${other.id}/class`, office)).json().current;
    expect(clean.parts[0].label).toBe('无不良记录');

    const sum = await call('GET', '/api/credit/classes/summary?period=2026-11', office);
    expect(sum.statusCode).toBe(200);
    const counts = sum.json().counts;
    expect(counts.D).toBeGreaterThanOrEqual(1);
    expect(counts.A + counts.B + counts.C + counts.D).toBe(sum.json().registered);
    expect((await call('GET', '/api/credit/classes/summary', entUser)).statusCode).toBe(403);
    expect((await call('GET', '/api/credit/classes/summary?period=2026-13', office)).statusCode).toBe(400);
  });

  it('classifies 2,000 demo enterprises in seconds', async () => {
    const demo = generateDemoEnterprises(2000, 7);
    await insertEnterprises(
      t.ctx.db,
      demo.map((e) => ({
        uscc: e.uscc,
        name: e.name,
        legal_representative: e.legalRepresentative,
        industry_section: 'I',
        industry_division: '65',
        industry_name: '软件和信息技术服务业',
        size: 'small',
        entity_type: 'company',
        registered_capital: 100,
        employees: 10,
        annual_revenue: 100,
        founded_on: '2020-01-01',
        town: '元和街道',
        address: '苏州市相城区',
        phone: '13800000000',
        high_tech: false,
        specialised_sme: false,
        status: 'active',
      })),
    );
    const result = await classifyAllEnterprises(t.ctx, classifyEnterprisesJob(t.ctx).actor, {
      asOf: '2026-12-01',
    });
    expect(result.enterprises).toBeGreaterThanOrEqual(2000);
    console.info(`classification: ${result.enterprises} enterprises in ${result.ms} ms`);
    expect(result.ms).toBeLessThan(15_000);
  });
});

describe('public query and own view', () => {
  it('keeps the contract: 400 with the reason, 404 for unknown, published public records only, masked', async () => {
    const bad = await call('GET', '/api/credit/entities/91350100M000100Y4Z');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('CREDIT_USCC_INVALID');
    expect(bad.json().params).toMatchObject({ reason: 'charset', uscc: '91350100M000100Y4Z' });
    expect((await call('GET', '/api/credit/entities/91350100M000100Y43')).statusCode).toBe(404);

    const person = '11010519491231002X';
    await record({
      enterpriseId: other.id,
      uscc: other.uscc,
      decisionDate: '2026-11-01',
      minUntil: '2027-02-01',
      until: '2027-11-01',
      data: { 当事人: '李四', 说明: `身份证号${person}，已处罚`, 联系电话: '13912345678' },
    });
    await record({
      enterpriseId: other.id,
      uscc: other.uscc,
      decisionDate: '2026-10-01',
      minUntil: null,
      until: null,
      severity: 'minor',
      publication: 'not_published',
    });
    await record({
      enterpriseId: other.id,
      uscc: other.uscc,
      category: 'test-internal',
      severity: null,
      decisionDate: '2026-10-02',
      minUntil: null,
      until: null,
    });

    const res = await call('GET', `/api/credit/entities/${other.uscc}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ uscc: other.uscc, name: '苏州另一家贸易有限公司' });
    expect(['A', 'B', 'C', 'D', null]).toContain(body.class);
    expect(body.records).toHaveLength(1);
    expect(body.records[0]).toMatchObject({
      kind: 'penalty',
      category: '行政处罚',
      decisionDate: '2026-11-01',
      publishedUntil: '2027-11-01',
    });
    const text = JSON.stringify(body);
    expect(text).not.toContain(person);
    expect(text).toContain('110105********002X');
    expect(text).not.toContain('李四');
    expect(text).not.toContain('13912345678');

    const search = (await call('GET', `/api/credit/entities?q=${encodeURIComponent('另一家')}`)).json();
    expect(search.items.map((i: { uscc: string }) => i.uscc)).toContain(other.uscc);
    expect((await call('GET', '/api/credit/entities?q=x')).statusCode).toBe(400);
  });

  it("an enterprise sees its own unpublished records and repair options, never another one's", async () => {
    const mine = await call('GET', '/api/credit/my', otherUser);
    expect(mine.statusCode).toBe(200);
    const recs = mine.json().records;
    expect(recs.some((r: { publication: string }) => r.publication === 'not_published')).toBe(true);
    expect(recs.find((r: { decisionDate: string }) => r.decisionDate === '2026-11-01').repair).toMatchObject({
      status: 'too_early',
      eligibleFrom: '2027-02-01',
    });
    expect(JSON.stringify(recs)).toContain('李四');

    const theirs = (await call('GET', '/api/credit/my', entUser)).json();
    expect(theirs.uscc).toBe(ent.uscc);
    expect(JSON.stringify(theirs)).not.toContain(other.uscc);
    const pub = (await call('GET', `/api/credit/entities/${other.uscc}`, entUser)).json();
    expect(pub.records.every((r: { decisionDate: string }) => r.decisionDate !== '2026-10-01')).toBe(true);
    expect((await call('GET', '/api/credit/my')).statusCode).toBe(401);
    expect((await call('GET', '/api/credit/my', officerA)).statusCode).toBe(403);
  });
});
