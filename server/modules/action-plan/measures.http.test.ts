import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.ts';
import {
  buildTestApp,
  createDepartment,
  createTestUser,
  loginCookie,
  type TestApp,
  type TestUser,
} from '../../test/harness.ts';
import { findDepartmentByCode } from '../identity/index.ts';
import { insertPlanStructure } from './plan.test-support.ts';
import { linkUnmatchedUnits } from './plan-import.service.ts';
import { superviseJob } from './supervision.jobs.ts';

/** The registry is seeded from config/departments.json on start; older trees start empty. */
async function ensureDepartment(app: TestApp, code: string, name: string): Promise<string> {
  return (await findDepartmentByCode(app.ctx.db, code))?.id ?? (await createDepartment(app, code, name));
}

// 2026-11-27 10:00 in China. The fixture plan started on 2026-06-01, so monthly reports are owed from June on and
// October's (due 2026-11-06, the 5th working day of November) is overdue today.
const clock = new FixedClock('2026-11-27T02:00:00Z');
let t: TestApp;
let filesDir: string;
const dept = { a: '', b: '', c: '', lgo: '' };
const user: Record<'officerA' | 'officerB' | 'officerC' | 'office' | 'enterprise' | 'auditor', TestUser> =
  {} as never;
const cookie: Record<keyof typeof user, string> = {} as never;

async function call(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  who?: string,
  payload?: object,
  headers = {},
) {
  return t.app.inject({
    method,
    url,
    headers: { ...(who ? { cookie: who } : {}), ...headers },
    ...(payload ? { payload } : {}),
  });
}

function pdf(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

async function upload(who: string, filename: string, content: Buffer): Promise<string> {
  const boundary = `----ys${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/files',
    payload,
    headers: { cookie: who, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function auditCount(action: string): Promise<number> {
  const res = await call('GET', `/api/admin/audit?action=${action}&pageSize=100`, cookie.auditor);
  expect(res.statusCode).toBe(200);
  return (res.json().items as { action: string }[]).filter((i) => i.action === action).length;
}

const report = (over: object = {}) => ({
  period: '2026-10',
  percent: 40,
  body: '已完成方案制定，正在推进。',
  ...over,
});

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ys-plan-'));
  t = await buildTestApp({ clock, config: { filesDir } });
  dept.a = await createDepartment(t, 'DEPT_A', '区甲局');
  dept.b = await createDepartment(t, 'DEPT_B', '区乙局');
  dept.c = await createDepartment(t, 'DEPT_C', '区丙局');
  dept.lgo = await ensureDepartment(t, 'LGO', '区优化营商环境工作领导小组办公室');
  // The fixture is the plan in force: the shipped plan (imported at start) is removed first.
  await sql`delete from plan`.execute(t.ctx.db);
  await insertPlanStructure(t.ctx.db, {
    code: 'fixture-plan',
    title: '测试行动方案',
    createdAt: new Date('2026-06-01T00:00:00+08:00'),
    parts: [
      {
        ordinal: 2,
        label: '二',
        title: '优化提升市场环境',
        sections: [
          {
            ordinal: 1,
            label: '（一）',
            title: '降低市场准入门槛',
            measures: [
              {
                no: 1,
                title: '全面落实市场准入负面清单',
                body: '贯彻落实国家市场准入负面清单。',
                units: [
                  { name: '区甲局', role: 'lead', departmentId: dept.a },
                  { name: '区乙局', role: 'responsible', departmentId: dept.b },
                  { name: '各镇（街道、区）', role: 'scope', departmentId: null },
                ],
              },
            ],
          },
          {
            ordinal: 2,
            label: '（二）',
            title: '降低企业融资成本',
            measures: [
              {
                no: 2,
                title: '推动资本要素服务实体经济发展',
                body: '用好专项资金。',
                units: [
                  { name: '区乙局', role: 'responsible', departmentId: dept.b },
                  { name: '区某未登记中心', role: 'responsible', departmentId: null },
                ],
              },
            ],
          },
        ],
      },
    ],
  });
  user.officerA = await createTestUser(t, 'officer', { departmentId: dept.a });
  user.officerB = await createTestUser(t, 'officer', { departmentId: dept.b });
  user.officerC = await createTestUser(t, 'officer', { departmentId: dept.c });
  user.office = await createTestUser(t, 'office');
  user.enterprise = await createTestUser(t, 'enterprise');
  user.auditor = await createTestUser(t, 'auditor');
  for (const k of Object.keys(user) as (keyof typeof user)[]) cookie[k] = await loginCookie(t, user[k]);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

type Summary = {
  no: number;
  part: string;
  section: string;
  partNo: number;
  sectionNo: number;
  units: { name: string; role: string; departmentId: string | null; departmentCode: string | null }[];
  status: string;
  progress: number;
  nextDueOn: string | null;
  overdue: boolean;
};

async function measures(query = ''): Promise<Summary[]> {
  const res = await call('GET', `/api/action-plan/measures${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('GET /api/action-plan/measures (public)', () => {
  it('lists measures by number with headings, units and derived status', async () => {
    const list = await measures();
    expect(list.map((m) => m.no)).toEqual([1, 2]);
    expect(list[0]).toMatchObject({
      part: '二、优化提升市场环境',
      section: '（一）降低市场准入门槛',
      partNo: 2,
      sectionNo: 1,
      units: [
        { name: '区甲局', role: 'lead', departmentId: dept.a, departmentCode: 'DEPT_A' },
        { name: '区乙局', role: 'responsible', departmentId: dept.b, departmentCode: 'DEPT_B' },
        { name: '各镇（街道、区）', role: 'scope', departmentId: null, departmentCode: null },
      ],
      // Nobody has reported for October, due on 2026-11-06.
      status: 'lagging',
      progress: 0,
      overdue: true,
      nextDueOn: '2026-11-06',
    });
  });

  it('filters by department code, part, section and status', async () => {
    const nos = async (q: string) => (await measures(q)).map((m) => m.no);
    expect(await nos('?department=DEPT_A')).toEqual([1]);
    expect(await nos('?department=DEPT_B')).toEqual([1, 2]);
    expect(await nos('?department=DEPT_C')).toEqual([]);
    expect(await nos('?department=NOPE')).toEqual([]);
    expect(await nos('?sectionNo=2')).toEqual([2]);
    expect(await nos('?partNo=2')).toEqual([1, 2]);
    expect(await nos('?partNo=3')).toEqual([]);
    expect(await nos('?status=lagging')).toEqual([1, 2]);
    expect(await nos('?status=completed')).toEqual([]);
    const bad = await call('GET', '/api/action-plan/measures?status=done');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/querystring/status');
  });

  it('404 for a measure number the plan does not have', async () => {
    const res = await call('GET', '/api/action-plan/measures/99');
    expect(res.statusCode).toBe(404);
    expect((await call('GET', '/api/action-plan/measures/abc')).statusCode).toBe(400);
  });
});

describe('POST /api/action-plan/measures/{no}/reports', () => {
  const url = '/api/action-plan/measures/1/reports';

  it('401 for anonymous callers', async () => {
    const res = await call('POST', url, undefined, report());
    expect(res.statusCode).toBe(401);
  });

  it('400 names the malformed fields', async () => {
    const res = await call('POST', url, cookie.officerA, {
      period: '2026-13',
      percent: 101,
      body: '',
      evidenceFileIds: ['not-a-uuid'],
      surprise: true,
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        '/body/period',
        '/body/percent',
        '/body/body',
        '/body/evidenceFileIds/0',
        '/body/surprise',
      ]),
    );
    const fraction = await call('POST', url, cookie.officerA, report({ percent: 12.5 }));
    expect(fraction.statusCode).toBe(400);
    const long = await call('POST', url, cookie.officerA, report({ body: '长'.repeat(5001) }));
    expect(long.statusCode).toBe(400);
  });

  it('403 for accounts without plan.report (the office, enterprises)', async () => {
    for (const who of [cookie.office, cookie.enterprise]) {
      const res = await call('POST', url, who, report());
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
  });

  it('404 for a department that is not a lead or responsible unit of the measure, and for unknown measures', async () => {
    expect((await call('POST', url, cookie.officerC, report())).statusCode).toBe(404);
    // B is a unit of measure 2, A is not.
    expect(
      (await call('POST', '/api/action-plan/measures/2/reports', cookie.officerA, report())).statusCode,
    ).toBe(404);
    expect(
      (await call('POST', '/api/action-plan/measures/99/reports', cookie.officerA, report())).statusCode,
    ).toBe(404);
  });

  it('422 for a period that is not the current or the previous one', async () => {
    for (const period of ['2026-09', '2026-12', '2026-Q4']) {
      const res = await call('POST', url, cookie.officerA, report({ period }));
      expect(res.statusCode, period).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'PLAN_REPORT_PERIOD_CLOSED',
        params: { period, previous: '2026-10', current: '2026-11' },
        openPeriods: ['2026-10', '2026-11'],
        errors: [{ field: '/body/period', rule: 'open_period' }],
      });
    }
  });

  it('201: a unit reports with evidence; the measure’s progress and status follow', async () => {
    const evidence = await upload(cookie.officerA, '工作方案.pdf', pdf('plan'));
    const before = await auditCount('plan.report_submitted');
    const res = await call('POST', url, cookie.officerA, report({ evidenceFileIds: [evidence] }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      measureNo: 1,
      department: { id: dept.a, code: 'DEPT_A', name: '区甲局' },
      period: '2026-10',
      percent: 40,
      submittedBy: '测试officer',
      submittedAt: '2026-11-27T02:00:00.000Z',
      evidence: [{ id: evidence, name: '工作方案.pdf', contentType: 'application/pdf' }],
      completedMilestoneIds: [],
    });
    expect(await auditCount('plan.report_submitted')).toBe(before + 1);

    // B still owes October: lagging, progress (40 + 0) / 2.
    expect((await measures()).find((m) => m.no === 1)).toMatchObject({ status: 'lagging', progress: 20 });
    const b = await call('POST', url, cookie.officerB, report({ period: '2026-11', percent: 61 }));
    expect(b.statusCode).toBe(201);
    // Both units are up to date; A owes November next (due 2026-12-07).
    expect((await measures()).find((m) => m.no === 1)).toMatchObject({
      status: 'in_progress',
      progress: 51,
      overdue: false,
      nextDueOn: '2026-12-07',
    });

    // Officials may download the evidence; others may not.
    expect((await call('GET', `/api/files/${evidence}`, cookie.officerC)).statusCode).toBe(200);
    expect((await call('GET', `/api/files/${evidence}`, cookie.office)).statusCode).toBe(200);
    expect((await call('GET', `/api/files/${evidence}`, cookie.enterprise)).statusCode).toBe(404);
  });

  it('refuses evidence that is not the caller’s own unattached document or image, and writes nothing', async () => {
    const reportsBefore = (await call('GET', '/api/action-plan/measures/1', cookie.office)).json().reports
      .length;
    const othersFile = await upload(cookie.officerA, 'a.pdf', pdf('a'));
    const notMine = await call('POST', url, cookie.officerB, report({ evidenceFileIds: [othersFile] }));
    expect(notMine.statusCode).toBe(422);
    expect(notMine.json()).toMatchObject({
      code: 'PLAN_EVIDENCE_REJECTED',
      errors: [{ field: '/body/evidenceFileIds/0', rule: 'own_unattached_upload' }],
    });
    const text = await upload(cookie.officerA, 'notes.txt', Buffer.from('纯文本说明', 'utf8'));
    const wrongType = await call(
      'POST',
      url,
      cookie.officerA,
      report({ evidenceFileIds: [othersFile, text] }),
    );
    expect(wrongType.statusCode).toBe(422);
    expect(wrongType.json().errors).toEqual([
      expect.objectContaining({ field: '/body/evidenceFileIds/1', rule: 'evidence_type' }),
    ]);
    // The rolled-back report left the good file unattached: it can still be used.
    const ok = await call('POST', url, cookie.officerA, report({ evidenceFileIds: [othersFile] }));
    expect(ok.statusCode).toBe(201);
    const reused = await call('POST', url, cookie.officerA, report({ evidenceFileIds: [othersFile] }));
    expect(reused.statusCode).toBe(422);
    const after = (await call('GET', '/api/action-plan/measures/1', cookie.office)).json().reports.length;
    expect(after).toBe(reportsBefore + 1);
  });

  it('an Idempotency-Key makes a retried submission return the first result', async () => {
    const key = { 'idempotency-key': `report-${randomBytes(4).toString('hex')}` };
    const first = await call('POST', url, cookie.officerA, report({ percent: 45 }), key);
    expect(first.statusCode).toBe(201);
    const again = await call('POST', url, cookie.officerA, report({ percent: 45 }), key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const reports = (await call('GET', '/api/action-plan/measures/1', cookie.office)).json().reports as {
      id: string;
    }[];
    expect(reports.filter((r) => r.id === first.json().id)).toHaveLength(1);
    const different = await call('POST', url, cookie.officerA, report({ percent: 46 }), key);
    expect(different.statusCode).toBe(422);
    expect(different.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('milestones (leading-group office)', () => {
  const url = '/api/action-plan/measures/1/milestones';
  const body = (over: object = {}) => ({
    title: '出台实施细则',
    dueOn: '2026-12-15',
    ownerDepartmentCode: 'DEPT_A',
    ...over,
  });
  let milestoneId = '';

  it('401 for anonymous callers', async () => {
    expect((await call('POST', url, undefined, body())).statusCode).toBe(401);
    expect(
      (await call('PUT', `/api/action-plan/milestones/${randomUuid()}`, undefined, body())).statusCode,
    ).toBe(401);
    expect((await call('DELETE', `/api/action-plan/milestones/${randomUuid()}`)).statusCode).toBe(401);
  });

  it('400 for an impossible date, an empty title or an unknown field', async () => {
    const res = await call('POST', url, cookie.office, {
      title: '',
      dueOn: '2026-02-30',
      ownerDepartmentCode: 'DEPT_A',
      x: 1,
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['/body/title', '/body/dueOn', '/body/x']));
    // Overdue days are counted with the working-day calendar, which starts in 2022.
    const early = await call('POST', url, cookie.office, body({ dueOn: '2019-05-01' }));
    expect(early.statusCode).toBe(400);
    expect(early.json().errors).toEqual([
      expect.objectContaining({ field: '/body/dueOn', rule: 'calendar_range' }),
    ]);
  });

  it('403 for officers and enterprises', async () => {
    for (const who of [cookie.officerA, cookie.enterprise]) {
      expect((await call('POST', url, who, body())).statusCode).toBe(403);
    }
  });

  it('404 for an unknown measure or milestone', async () => {
    expect(
      (await call('POST', '/api/action-plan/measures/99/milestones', cookie.office, body())).statusCode,
    ).toBe(404);
    expect(
      (
        await call(
          'PUT',
          `/api/action-plan/milestones/${randomUuid()}`,
          cookie.office,
          body({ description: '' }),
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await call('DELETE', `/api/action-plan/milestones/${randomUuid()}`, cookie.office)).statusCode,
    ).toBe(404);
  });

  it('422 when the owner is not a lead or responsible unit of the measure', async () => {
    for (const code of ['DEPT_C', 'NOPE', 'LGO']) {
      const res = await call('POST', url, cookie.office, body({ ownerDepartmentCode: code }));
      expect(res.statusCode, code).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'PLAN_MILESTONE_OWNER_NOT_UNIT',
        params: { code },
        errors: [{ field: '/body/ownerDepartmentCode' }],
      });
    }
  });

  it('201 creates, 200 updates, 204 deletes — each audited', async () => {
    clock.advance(60_000); // after the reports above, so the new milestone has no report since it was set
    const counts = {
      created: await auditCount('plan.milestone_created'),
      updated: await auditCount('plan.milestone_updated'),
      deleted: await auditCount('plan.milestone_deleted'),
    };
    const res = await call('POST', url, cookie.office, body({ description: '细则报区政府' }));
    expect(res.statusCode, res.body).toBe(201);
    milestoneId = res.json().id;
    expect(res.json()).toMatchObject({
      measureNo: 1,
      title: '出台实施细则',
      description: '细则报区政府',
      dueOn: '2026-12-15',
      ownerDepartment: { id: dept.a, code: 'DEPT_A', name: '区甲局' },
      status: 'not_started',
      completedAt: null,
      overdueWorkdays: 0,
    });

    const put = await call('PUT', `/api/action-plan/milestones/${milestoneId}`, cookie.office, {
      title: '出台并印发实施细则',
      description: '',
      dueOn: '2026-11-20',
      ownerDepartmentCode: 'DEPT_A',
    });
    expect(put.statusCode, put.body).toBe(200);
    // Due Friday 2026-11-20: five working days overdue on Friday 2026-11-27.
    expect(put.json()).toMatchObject({ title: '出台并印发实施细则', status: 'lagging', overdueWorkdays: 5 });
    const badOwner = await call('PUT', `/api/action-plan/milestones/${milestoneId}`, cookie.office, {
      ...body(),
      description: '',
      ownerDepartmentCode: 'DEPT_C',
    });
    expect(badOwner.statusCode).toBe(422);

    const spare = await call(
      'POST',
      url,
      cookie.office,
      body({ title: '临时节点', ownerDepartmentCode: 'DEPT_B' }),
    );
    expect(spare.statusCode).toBe(201);
    const del = await call('DELETE', `/api/action-plan/milestones/${spare.json().id}`, cookie.office);
    expect(del.statusCode).toBe(204);

    const detail = (await call('GET', '/api/action-plan/measures/1')).json();
    expect(detail.milestones.map((m: { id: string }) => m.id)).toEqual([milestoneId]);
    expect(await auditCount('plan.milestone_created')).toBe(counts.created + 2);
    expect(await auditCount('plan.milestone_updated')).toBe(counts.updated + 1);
    expect(await auditCount('plan.milestone_deleted')).toBe(counts.deleted + 1);
  });

  it('a report completes only its own department’s open milestones of that measure', async () => {
    const reportUrl = '/api/action-plan/measures/1/reports';
    const byB = await call(
      'POST',
      reportUrl,
      cookie.officerB,
      report({ completedMilestoneIds: [milestoneId] }),
    );
    expect(byB.statusCode).toBe(422);
    expect(byB.json()).toMatchObject({
      code: 'PLAN_MILESTONE_NOT_COMPLETABLE',
      errors: [{ field: '/body/completedMilestoneIds/0', rule: 'open_own_milestone' }],
    });
    const unknown = await call(
      'POST',
      reportUrl,
      cookie.officerA,
      report({ completedMilestoneIds: [randomUuid()] }),
    );
    expect(unknown.statusCode).toBe(422);

    const byA = await call(
      'POST',
      reportUrl,
      cookie.officerA,
      report({ period: '2026-11', percent: 70, completedMilestoneIds: [milestoneId] }),
    );
    expect(byA.statusCode, byA.body).toBe(201);
    expect(byA.json().completedMilestoneIds).toEqual([milestoneId]);
    const milestone = (await call('GET', '/api/action-plan/measures/1')).json().milestones[0];
    expect(milestone).toMatchObject({ id: milestoneId, status: 'completed', overdueWorkdays: 0 });
    expect(milestone.completedAt).toBe(clock.now().toISOString());

    const twice = await call(
      'POST',
      reportUrl,
      cookie.officerA,
      report({ completedMilestoneIds: [milestoneId] }),
    );
    expect(twice.statusCode).toBe(422);
    const edit = await call('PUT', `/api/action-plan/milestones/${milestoneId}`, cookie.office, {
      ...body(),
      description: '',
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('PLAN_MILESTONE_COMPLETED');
    expect(
      (await call('DELETE', `/api/action-plan/milestones/${milestoneId}`, cookie.office)).statusCode,
    ).toBe(409);
  });
});

describe('who sees what', () => {
  it('the public detail has the text and milestones but no reports or notices', async () => {
    for (const who of [undefined, cookie.enterprise]) {
      const res = await call('GET', '/api/action-plan/measures/1', who);
      expect(res.statusCode).toBe(200);
      const d = res.json();
      expect(d).toMatchObject({ no: 1, body: '贯彻落实国家市场准入负面清单。', reports: [], notices: [] });
      expect(d.milestones.length).toBeGreaterThan(0);
    }
    const official = (await call('GET', '/api/action-plan/measures/1', cookie.officerC)).json();
    expect(official.reports.length).toBeGreaterThan(0);
    // Newest period first.
    expect(official.reports[0].period).toBe('2026-11');
  });

  it('the supervise job issues notices; an officer sees only their department’s, the office all', async () => {
    // A milestone of A's, due Friday 2026-11-20, is five working days overdue: reminder and 督办单.
    const late = await call('POST', '/api/action-plan/measures/1/milestones', cookie.office, {
      title: '完成政策评估',
      dueOn: '2026-11-20',
      ownerDepartmentCode: 'DEPT_A',
    });
    expect(late.statusCode).toBe(201);
    const run = await superviseJob(t.ctx).handler(
      {},
      { jobId: 'test', logger: t.ctx.logger, progress: () => undefined },
    );
    // A's milestone, and B's missing October report on measure 2 (15 working days late): each reminded and escalated.
    expect(run).toMatchObject({ reminders: 2, escalations: 2 });

    type Notice = { kind: string; reason: string; department: { id: string }; measureNo: number };
    const list = async (who: string, q = '') => {
      const res = await call('GET', `/api/action-plan/notices${q}`, who);
      expect(res.statusCode).toBe(200);
      return res.json<{ items: Notice[]; total: number }>();
    };
    const a = await list(cookie.officerA);
    expect(a.total).toBe(2);
    expect(a.items.every((n) => n.department.id === dept.a && n.reason === 'milestone_overdue')).toBe(true);
    const b = await list(cookie.officerB);
    expect(b.items.map((n) => [n.measureNo, n.reason, n.department.id])).toEqual([
      [2, 'report_missing', dept.b],
      [2, 'report_missing', dept.b],
    ]);
    expect((await list(cookie.officerC)).total).toBe(0);
    expect((await list(cookie.office)).total).toBe(4);
    expect((await list(cookie.office, '?kind=escalation')).items.map((n) => n.kind)).toEqual([
      'escalation',
      'escalation',
    ]);
    expect((await call('GET', '/api/action-plan/notices', cookie.enterprise)).statusCode).toBe(403);
    expect((await call('GET', '/api/action-plan/notices')).statusCode).toBe(401);

    // The measure's detail shows its notices to officials only.
    expect((await call('GET', '/api/action-plan/measures/1', cookie.officerB)).json().notices).toHaveLength(
      2,
    );
    expect((await call('GET', '/api/action-plan/measures/1')).json().notices).toEqual([]);
  });

  it('my: an officer sees only their department’s measures, milestones and notices', async () => {
    const mine = async (who: string) => {
      const res = await call('GET', '/api/action-plan/my', who);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const a = await mine(cookie.officerA);
    expect(a.department).toEqual({ id: dept.a, code: 'DEPT_A', name: '区甲局' });
    expect(a.measures.map((m: { no: number; role: string }) => [m.no, m.role])).toEqual([[1, 'lead']]);
    expect(a.measures[0].myLatestReport).toMatchObject({ period: '2026-11', percent: 70 });
    // Next owed: December, due in January 2027 — a year with no loaded schedule, so not computed.
    expect(a.measures[0].reportDue).toBeNull();
    expect(
      a.milestones.every((m: { ownerDepartment: { id: string } }) => m.ownerDepartment.id === dept.a),
    ).toBe(true);
    // Open first.
    expect(a.milestones.map((m: { status: string }) => m.status)).toEqual(['lagging', 'completed']);
    expect(a.notices.every((n: { department: { id: string } }) => n.department.id === dept.a)).toBe(true);

    const b = await mine(cookie.officerB);
    expect(b.measures.map((m: { no: number; role: string }) => [m.no, m.role])).toEqual([
      [1, 'responsible'],
      [2, 'responsible'],
    ]);
    expect(b.measures[1].reportDue).toEqual({ period: '2026-10', dueOn: '2026-11-06', overdue: true });
    expect(b.milestones).toEqual([]);
    expect((await mine(cookie.officerC)).measures).toEqual([]);
    expect((await call('GET', '/api/action-plan/my', cookie.office)).statusCode).toBe(403);
    expect((await call('GET', '/api/action-plan/my')).statusCode).toBe(401);
  });

  it('dashboard: progress by part, section and department, and the overdue list', async () => {
    expect((await call('GET', '/api/action-plan/dashboard')).statusCode).toBe(401);
    expect((await call('GET', '/api/action-plan/dashboard', cookie.enterprise)).statusCode).toBe(403);
    const res = await call('GET', '/api/action-plan/dashboard', cookie.office);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.summary).toEqual({
      measures: 2,
      byStatus: { not_started: 0, in_progress: 0, completed: 0, lagging: 2 },
      // Measure 1: (70 + 61) / 2 → 66; measure 2: 0.
      averageProgress: 33,
    });
    expect(d.byPart).toEqual([expect.objectContaining({ no: 2, label: '二', measures: 2 })]);
    expect(
      d.bySection.map((s: { no: number; partNo: number; measures: number }) => [s.no, s.partNo, s.measures]),
    ).toEqual([
      [1, 2, 1],
      [2, 2, 1],
    ]);
    const byCode = new Map(d.byDepartment.map((x: { code: string }) => [x.code, x]));
    expect(byCode.get('DEPT_A')).toMatchObject({
      measures: 1,
      averageProgress: 70,
      overdueMilestones: 1,
      missingReports: 0,
    });
    expect(byCode.get('DEPT_B')).toMatchObject({
      measures: 2,
      averageProgress: 30.5,
      overdueMilestones: 0,
      missingReports: 1,
    });
    expect(byCode.has('DEPT_C')).toBe(false);
    expect(
      d.overdue.map((o: { kind: string; measureNo: number; overdueWorkdays: number; escalated: boolean }) => [
        o.kind,
        o.measureNo,
        o.overdueWorkdays,
        o.escalated,
      ]),
    ).toEqual([
      ['report', 2, 15, true],
      ['milestone', 1, 5, true],
    ]);
    expect(Array.isArray(d.kpis)).toBe(true);
    expect((await call('GET', '/api/action-plan/dashboard', cookie.officerA)).statusCode).toBe(200);
  });
});

describe('with the shipped plan (config/plan/xiangcheng-2022.txt)', () => {
  let shipped: TestApp;
  beforeAll(async () => {
    shipped = await buildTestApp({ clock: new FixedClock('2026-11-27T02:00:00Z') });
    await ensureDepartment(shipped, 'SAMR', '区市场监管局');
    // Imported at start, before the registry had departments: link the units by name now, as a later start would.
    await linkUnmatchedUnits(shipped.ctx, { system: 'test' });
  });
  afterAll(async () => {
    await shipped?.close();
  });

  it('lists its 58 measures in order; a unit reports only on its own measures', async () => {
    const res = await shipped.app.inject({ method: 'GET', url: '/api/action-plan/measures' });
    expect(res.statusCode).toBe(200);
    const list = res.json<Summary[]>();
    expect(list.map((m) => m.no)).toEqual(Array.from({ length: 58 }, (_, i) => i + 1));
    expect(list[0]).toMatchObject({
      part: '二、优化提升市场环境，营造更好的创新创业氛围',
      section: '（一）降低市场准入门槛',
      partNo: 2,
      sectionNo: 1,
      // Imported today: nothing is due before the first full period (December).
      status: 'not_started',
      overdue: false,
    });
    expect(list[0]?.units).toContainEqual(
      expect.objectContaining({ name: '区市场监管局', departmentCode: 'SAMR' }),
    );

    const samr = await createTestUser(shipped, 'officer', {
      departmentId: list[0]?.units.find((u) => u.departmentCode === 'SAMR')?.departmentId ?? '',
    });
    const who = await loginCookie(shipped, samr);
    const onOwn = await shipped.app.inject({
      method: 'POST',
      url: '/api/action-plan/measures/1/reports',
      headers: { cookie: who },
      payload: report({ period: '2026-11' }),
    });
    expect(onOwn.statusCode, onOwn.body).toBe(201);
    const notOwn = list.find((m) => !m.units.some((u) => u.departmentCode === 'SAMR'));
    const onOther = await shipped.app.inject({
      method: 'POST',
      url: `/api/action-plan/measures/${notOwn?.no}/reports`,
      headers: { cookie: who },
      payload: report({ period: '2026-11' }),
    });
    expect(onOther.statusCode).toBe(404);
    const after = (await shipped.app.inject({ method: 'GET', url: '/api/action-plan/measures/1' })).json();
    expect(after.status).toBe('in_progress');
  });
});

function randomUuid(): string {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
