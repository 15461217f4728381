import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  createDepartment,
  createTestUser,
  loginCookie,
  type TestApp,
} from '../../test/harness.ts';
import type { TypicalCaseDto } from './cases.schemas.ts';

let t: TestApp;
let deptA = '';
let deptB = '';
let officerA = '';
let officerA2 = '';
let officerB = '';
let office = '';
let enterprise = '';

const NO_CASE = '00000000-0000-4000-8000-000000000000';

function caseBody(title: string, extra: object = {}) {
  return { title, summary: `${title}：摘要`, body: `${title}：正文，讲清楚做法和成效。`, ...extra };
}

async function submit(cookie: string, payload: object, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/action-plan/cases',
    headers: { cookie, ...headers },
    payload,
  });
}

async function get(url: string, cookie?: string) {
  return t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
}

async function review(id: string, payload: object, cookie?: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/action-plan/cases/${id}/review`,
    headers: cookie ? { cookie } : {},
    payload,
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  deptA = await createDepartment(t, 'CASEA', '典型案例测试甲局');
  deptB = await createDepartment(t, 'CASEB', '典型案例测试乙局');
  officerA = await loginCookie(t, await createTestUser(t, 'officer', { departmentId: deptA }));
  officerA2 = await loginCookie(t, await createTestUser(t, 'officer', { departmentId: deptA }));
  officerB = await loginCookie(t, await createTestUser(t, 'officer', { departmentId: deptB }));
  office = await loginCookie(t, await createTestUser(t, 'office'));
  enterprise = await loginCookie(t, await createTestUser(t, 'enterprise'));
});
afterAll(async () => {
  await t?.close();
});

describe('POST /api/action-plan/cases', () => {
  it('401 for an anonymous caller', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/action-plan/cases',
      payload: caseBody('匿名'),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('400 names the missing and unexpected fields, and an unknown measure', async () => {
    const res = await submit(officerA, { title: '', summary: 'x', extra: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = (res.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['/body/title', '/body/body', '/body/extra']));
    const measure = await submit(officerA, caseBody('无此措施', { measureNo: 99 }));
    expect(measure.statusCode).toBe(400);
    expect(measure.json().errors).toEqual([
      expect.objectContaining({ field: '/body/measureNo', rule: 'exists' }),
    ]);
  });

  it('403 for the office and for an enterprise user (no plan.report)', async () => {
    for (const cookie of [office, enterprise]) {
      const res = await submit(cookie, caseBody('越权'));
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
  });

  it('201: an officer submits for their own department, audited; a retried request creates nothing new', async () => {
    const res = await submit(officerA, caseBody('“一件事”改革典型做法', { measureNo: 21 }), {
      'idempotency-key': 'case-retry-1',
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json<TypicalCaseDto>();
    expect(c).toMatchObject({
      title: '“一件事”改革典型做法',
      measureNo: 21,
      status: 'submitted',
      publishedAt: null,
      department: { id: deptA, code: 'CASEA', name: '典型案例测试甲局' },
    });
    const retry = await submit(officerA, caseBody('“一件事”改革典型做法', { measureNo: 21 }), {
      'idempotency-key': 'case-retry-1',
    });
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(c.id);
    const rows = await sql<{
      n: number;
    }>`select count(*)::int as n from typical_case where title = ${c.title}`.execute(t.ctx.db);
    expect(rows.rows[0]?.n).toBe(1);
    const audit = await sql<{ action: string; subject_id: string }>`
      select action, subject_id from audit_log where action = 'action_plan.case_submitted'`.execute(t.ctx.db);
    expect(audit.rows).toEqual([{ action: 'action_plan.case_submitted', subject_id: c.id }]);
  });
});

describe('departments see their own cases; the office reviews; the public sees published ones', () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    for (const [key, cookie, title] of [
      ['a1', officerA, '甲局案例一'],
      ['a2', officerA2, '甲局案例二'],
      ['a3', officerA, '甲局案例三'],
      ['b1', officerB, '乙局案例一'],
      ['b2', officerB, '乙局案例二'],
    ] as const) {
      const res = await submit(cookie, caseBody(title));
      expect(res.statusCode).toBe(201);
      ids[key] = res.json<TypicalCaseDto>().id;
    }
  });

  it('GET /cases/mine: 401, 400, 403, then only the department’s own cases', async () => {
    expect((await get('/api/action-plan/cases/mine')).statusCode).toBe(401);
    expect((await get('/api/action-plan/cases/mine?page=0', officerA)).statusCode).toBe(400);
    expect((await get('/api/action-plan/cases/mine', office)).statusCode).toBe(403);
    const mineA = await get('/api/action-plan/cases/mine?pageSize=100', officerA2);
    expect(mineA.statusCode).toBe(200);
    const itemsA = mineA.json<{ items: TypicalCaseDto[]; total: number }>();
    expect(new Set(itemsA.items.map((c) => c.department.id))).toEqual(new Set([deptA]));
    expect(itemsA.items.map((c) => c.id)).toEqual(expect.arrayContaining([ids.a1, ids.a2, ids.a3]));
    expect(itemsA.items.map((c) => c.id)).not.toContain(ids.b1);
    expect(itemsA.total).toBe(4);
    const mineB = (await get('/api/action-plan/cases/mine', officerB)).json<{ items: TypicalCaseDto[] }>();
    expect(mineB.items.map((c) => c.id).sort()).toEqual([ids.b1, ids.b2].sort());
    const paged = (await get('/api/action-plan/cases/mine?pageSize=2&page=2', officerA)).json();
    expect(paged.total).toBe(4);
    expect(paged.items).toHaveLength(2);
  });

  it('GET /cases/review: 401, 400, 403, then the queue oldest first', async () => {
    expect((await get('/api/action-plan/cases/review')).statusCode).toBe(401);
    expect((await get('/api/action-plan/cases/review?status=pending', office)).statusCode).toBe(400);
    expect((await get('/api/action-plan/cases/review', officerA)).statusCode).toBe(403);
    const res = await get('/api/action-plan/cases/review?pageSize=100', office);
    expect(res.statusCode).toBe(200);
    const queue = res.json<{ items: TypicalCaseDto[]; total: number }>();
    expect(queue.total).toBe(6);
    expect(queue.items.every((c) => c.status === 'submitted')).toBe(true);
    const times = queue.items.map((c) => c.submittedAt);
    expect([...times].sort()).toEqual(times);
  });

  it('POST /cases/{id}/review: 401, 400, 403, 404, then publish and reject, each notifying the department', async () => {
    expect((await review(ids.a1!, { decision: 'publish' })).statusCode).toBe(401);
    expect((await review(ids.a1!, { decision: 'approve' }, office)).statusCode).toBe(400);
    expect((await review('not-a-uuid', { decision: 'publish' }, office)).statusCode).toBe(400);
    expect((await review(ids.a1!, { decision: 'publish' }, officerA)).statusCode).toBe(403);
    const missing = await review(NO_CASE, { decision: 'publish' }, office);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('NOT_FOUND');
    expect(missing.json().params).toEqual({ reason: 'plan-typical-case', id: NO_CASE });

    const published = await review(ids.a1!, { decision: 'publish', comment: '做法可复制推广' }, office);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', reviewComment: '做法可复制推广' });
    expect(published.json().publishedAt).toEqual(expect.any(String));
    const rejected = await review(ids.b1!, { decision: 'reject', comment: '材料不全' }, office);
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      publishedAt: null,
      reviewComment: '材料不全',
    });
    await review(ids.b2!, { decision: 'publish' }, office);

    const twice = await review(ids.a1!, { decision: 'reject' }, office);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('TYPICAL_CASE_ALREADY_REVIEWED');
    // a1 was published above: the reason names the decision already made.
    expect(twice.json().params).toEqual({ reason: 'published', status: 'published' });

    const notesA = (await get('/api/notifications?pageSize=100', officerA2)).json<{
      items: { title: string; link: string }[];
    }>();
    expect(notesA.items).toContainEqual(
      expect.objectContaining({ title: '典型案例“甲局案例一”已发布', link: `/action-plan/cases/${ids.a1}` }),
    );
    const notesB = (await get('/api/notifications?pageSize=100', officerB)).json<{
      items: { title: string }[];
    }>();
    expect(notesB.items.map((n) => n.title)).toEqual(
      expect.arrayContaining(['典型案例“乙局案例一”未被采用', '典型案例“乙局案例二”已发布']),
    );
    expect(notesB.items.map((n) => n.title)).not.toContain('典型案例“甲局案例一”已发布');
    const audit = await sql<{ action: string; subject_id: string }>`
      select action, subject_id from audit_log where action in ('action_plan.case_published', 'action_plan.case_rejected')
      order by seq`.execute(t.ctx.db);
    expect(audit.rows).toEqual([
      { action: 'action_plan.case_published', subject_id: ids.a1 },
      { action: 'action_plan.case_rejected', subject_id: ids.b1 },
      { action: 'action_plan.case_published', subject_id: ids.b2 },
    ]);
  });

  it('the public list holds published cases only, without review comments', async () => {
    const res = await get('/api/action-plan/cases');
    expect(res.statusCode).toBe(200);
    const list = res.json<{ items: TypicalCaseDto[]; total: number }>();
    expect(list.total).toBe(2);
    expect(list.items.map((c) => c.id).sort()).toEqual([ids.a1, ids.b2].sort());
    expect(list.items.every((c) => c.status === 'published' && c.reviewComment === null)).toBe(true);
    // Signed-in callers get the same public list.
    expect((await get('/api/action-plan/cases', officerB)).json().total).toBe(2);
    expect((await get('/api/action-plan/cases?pageSize=101')).statusCode).toBe(400);
  });

  it('GET /cases/{id}: submitted and rejected cases are not found for the public and other departments', async () => {
    expect((await get(`/api/action-plan/cases/${ids.a1}`)).json()).toMatchObject({ status: 'published' });
    for (const id of [ids.a2, ids.b1]) {
      const res = await get(`/api/action-plan/cases/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
      expect((await get(`/api/action-plan/cases/${id}`, enterprise)).statusCode).toBe(404);
    }
    expect((await get(`/api/action-plan/cases/${ids.a2}`, officerB)).statusCode).toBe(404);
    expect((await get(`/api/action-plan/cases/${ids.b1}`, officerA)).statusCode).toBe(404);
    // The submitting department and the office see them, with the review comment.
    expect((await get(`/api/action-plan/cases/${ids.a2}`, officerA)).json()).toMatchObject({
      status: 'submitted',
    });
    expect((await get(`/api/action-plan/cases/${ids.b1}`, officerB)).json()).toMatchObject({
      status: 'rejected',
      reviewComment: '材料不全',
    });
    expect((await get(`/api/action-plan/cases/${ids.b1}`, office)).statusCode).toBe(200);
    expect((await get(`/api/action-plan/cases/${NO_CASE}`, office)).statusCode).toBe(404);
    expect((await get('/api/action-plan/cases/not-a-uuid')).statusCode).toBe(400);
  });

  it('the review queue filters by status', async () => {
    const all = (await get('/api/action-plan/cases/review?status=all&pageSize=100', office)).json();
    expect(all.total).toBe(6);
    const published = (await get('/api/action-plan/cases/review?status=published', office)).json<{
      items: TypicalCaseDto[];
    }>();
    expect(published.items.map((c) => c.id).sort()).toEqual([ids.a1, ids.b2].sort());
    const waiting = (await get('/api/action-plan/cases/review', office)).json();
    expect(waiting.total).toBe(3);
  });
});
