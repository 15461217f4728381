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
import { superviseJob } from './supervision.jobs.ts';

/** The registry is seeded from config/departments.json on start; older trees start empty. */
async function ensureDepartment(app: TestApp, code: string, name: string): Promise<string> {
  return (await findDepartmentByCode(app.ctx.db, code))?.id ?? (await createDepartment(app, code, name));
}

/**
 * The daily sweep run across 国庆 2026 (rest 10-01…10-07, make-up working day Saturday 10-10), with a plan that
 * escalates after 3 working days. The plan started on 2026-09-01, so September's report is the first one owed,
 * due on the 5th working day of October: 8, 9, 10, 12, 13 → 2026-10-13.
 */
const clock = new FixedClock('2026-09-28T02:00:00Z');
let t: TestApp;
const dept = { a: '', b: '', lgo: '' };
let officerA: TestUser;
let officerB: TestUser;
let officerLgo: TestUser;
let office: TestUser;
let auditor: TestUser;
const milestone = { a: '', b: '' };

/** 08:30 in China on `date`, when the job is scheduled. */
function morningOf(date: string): void {
  clock.set(`${date}T00:30:00Z`);
}

const sessions = new Map<string, string>();
/** Sessions expire as the clock moves on; log in again at each new time. */
async function cookieOf(u: TestUser): Promise<string> {
  const key = `${u.id}@${clock.now().toISOString()}`;
  let c = sessions.get(key);
  if (!c) {
    c = await loginCookie(t, u);
    sessions.set(key, c);
  }
  return c;
}

async function get(u: TestUser, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: await cookieOf(u) } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function send(u: TestUser, method: 'POST' | 'PUT', url: string, payload: object) {
  return t.app.inject({ method, url, payload, headers: { cookie: await cookieOf(u) } });
}

async function supervise() {
  return superviseJob(t.ctx).handler({}, { jobId: 'test', logger: t.ctx.logger, progress: () => undefined });
}

type Notification = { title: string; body: string; category: string; link: string | null; scope: string };
async function notifications(u: TestUser): Promise<Notification[]> {
  return (await get(u, '/api/notifications?pageSize=100')).items;
}
async function unread(u: TestUser): Promise<number> {
  return (await get(u, '/api/notifications/unread-count')).unread;
}

type Notice = {
  kind: string;
  reason: string;
  measureNo: number;
  milestoneId: string | null;
  department: { id: string };
  period: string | null;
  dueOn: string;
  overdueWorkdays: number;
  resolvedAt: string | null;
};
async function notices(u: TestUser): Promise<Notice[]> {
  return (await get(u, '/api/action-plan/notices?pageSize=100')).items;
}

async function auditCount(action: string): Promise<number> {
  return (await get(auditor, `/api/admin/audit?action=${action}&pageSize=100`)).total;
}

beforeAll(async () => {
  t = await buildTestApp({ clock });
  dept.a = await createDepartment(t, 'DEPT_A', '区甲局');
  dept.b = await createDepartment(t, 'DEPT_B', '区乙局');
  dept.lgo = await ensureDepartment(t, 'LGO', '区优化营商环境工作领导小组办公室');
  // The fixture is the plan in force: the shipped plan (imported at start) is removed first.
  await sql`delete from plan`.execute(t.ctx.db);
  await insertPlanStructure(t.ctx.db, {
    code: 'fixture-plan',
    title: '测试行动方案',
    escalationWorkdays: 3,
    createdAt: new Date('2026-09-01T00:00:00+08:00'),
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
                body: '……',
                units: [
                  { name: '区甲局', role: 'lead', departmentId: dept.a },
                  { name: '区乙局', role: 'responsible', departmentId: dept.b },
                ],
              },
              {
                no: 2,
                title: '打造国际开放创新平台',
                body: '……',
                units: [{ name: '区乙局', role: 'responsible', departmentId: dept.b }],
              },
            ],
          },
        ],
      },
    ],
  });
  officerA = await createTestUser(t, 'officer', { departmentId: dept.a });
  officerB = await createTestUser(t, 'officer', { departmentId: dept.b });
  officerLgo = await createTestUser(t, 'officer', { departmentId: dept.lgo });
  office = await createTestUser(t, 'office');
  auditor = await createTestUser(t, 'auditor');

  // Set on Monday 2026-09-28: A's milestone is due Wednesday 09-30, B's on 10-01 (国庆), i.e. on 10-08.
  const a = await send(office, 'POST', '/api/action-plan/measures/1/milestones', {
    title: '印发实施方案',
    dueOn: '2026-09-30',
    ownerDepartmentCode: 'DEPT_A',
  });
  const b = await send(office, 'POST', '/api/action-plan/measures/2/milestones', {
    title: '完成平台评估',
    dueOn: '2026-10-01',
    ownerDepartmentCode: 'DEPT_B',
  });
  expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
  milestone.a = a.json().id;
  milestone.b = b.json().id;
});
afterAll(async () => {
  await t?.close();
});

describe('action-plan.supervise', () => {
  it('is declared daily at 08:30', () => {
    const job = superviseJob(t.ctx);
    expect(job.id).toBe('action-plan.supervise');
    expect(job.schedule).toBe('30 8 * * *');
    expect(t.ctx.jobs.definitions().map((d) => d.id)).toContain('action-plan.supervise');
  });

  it('says nothing on the due day or over the holiday that follows', async () => {
    for (const day of ['2026-09-30', '2026-10-01', '2026-10-07']) {
      morningOf(day);
      expect(await supervise(), day).toMatchObject({ reminders: 0, escalations: 0 });
    }
    expect(await notices(office)).toEqual([]);
    expect(await unread(officerA)).toBe(0);
  });

  it('reminds on the first working day after the deadline, once', async () => {
    morningOf('2026-10-08');
    expect(await supervise()).toMatchObject({ overdue: 1, reminders: 1, escalations: 0 });
    // Running again the same day changes nothing.
    expect(await supervise()).toMatchObject({ overdue: 1, reminders: 0, escalations: 0 });
    const list = await notices(office);
    expect(list).toEqual([
      expect.objectContaining({
        kind: 'reminder',
        reason: 'milestone_overdue',
        milestoneId: milestone.a,
        department: expect.objectContaining({ id: dept.a }),
        dueOn: '2026-09-30',
        overdueWorkdays: 1,
        resolvedAt: null,
      }),
    ]);
    const toA = await notifications(officerA);
    expect(toA).toEqual([
      expect.objectContaining({
        scope: 'department',
        category: 'action-plan.reminder',
        link: '/action-plan/measures/1',
      }),
    ]);
    expect(toA[0]?.title).toContain('措施 1');
    expect(toA[0]?.body).toContain('已逾期 1 个工作日');
    expect(await unread(officerA)).toBe(1);
    // B's milestone was due on a holiday, which moved it to today: not yet overdue.
    expect(await unread(officerB)).toBe(0);
    expect(await unread(officerLgo)).toBe(0);
  });

  it('counts working days across the make-up Saturday and escalates at the configured threshold', async () => {
    morningOf('2026-10-09');
    expect(await supervise()).toMatchObject({ reminders: 1, escalations: 0 });
    expect(await unread(officerB)).toBe(1);
    // B reports on measure 1 for September before it is due.
    const early = await send(officerB, 'POST', '/api/action-plan/measures/1/reports', {
      period: '2026-09',
      percent: 30,
      body: '九月进展',
    });
    expect(early.statusCode, early.body).toBe(201);

    morningOf('2026-10-10'); // a Saturday, but a working day: A's milestone is 3 working days late
    expect(await supervise()).toMatchObject({ reminders: 0, escalations: 1 });
    const escalation = (await notices(office)).find((n) => n.kind === 'escalation');
    expect(escalation).toMatchObject({ milestoneId: milestone.a, overdueWorkdays: 3 });
    for (const who of [officerA, officerLgo, office]) {
      const esc = (await notifications(who)).filter((n) => n.category === 'action-plan.escalation');
      expect(esc, who.username).toHaveLength(1);
      expect(esc[0]?.title).toContain('督办单');
    }
    expect((await notifications(officerB)).some((n) => n.category === 'action-plan.escalation')).toBe(false);

    morningOf('2026-10-11'); // Sunday: nothing moves
    expect(await supervise()).toMatchObject({ reminders: 0, escalations: 0 });
    morningOf('2026-10-12');
    expect(await supervise()).toMatchObject({ reminders: 0, escalations: 1 });
    expect((await notices(officerB)).map((n) => [n.kind, n.milestoneId, n.overdueWorkdays])).toEqual(
      expect.arrayContaining([
        ['reminder', milestone.b, 1],
        ['escalation', milestone.b, 3],
      ]),
    );
  });

  it('reminds and escalates missing reports per measure, department and period', async () => {
    morningOf('2026-10-13'); // September's reports are due today
    expect(await supervise()).toMatchObject({ reminders: 0, escalations: 0 });
    morningOf('2026-10-14');
    expect(await supervise()).toMatchObject({ reminders: 2, escalations: 0 });
    const missing = (await notices(office)).filter((n) => n.reason === 'report_missing');
    expect(
      missing.map((n) => [n.measureNo, n.department.id, n.period, n.dueOn, n.overdueWorkdays]).sort(),
    ).toEqual(
      [
        [1, dept.a, '2026-09', '2026-10-13', 1],
        [2, dept.b, '2026-09', '2026-10-13', 1],
      ].sort(),
    );
    morningOf('2026-10-16');
    expect(await supervise()).toMatchObject({ reminders: 0, escalations: 2 });
    expect(await supervise()).toMatchObject({ reminders: 0, escalations: 0 });
  });

  it('resolves notices when the milestone is completed and the report arrives', async () => {
    const res = await send(officerA, 'POST', '/api/action-plan/measures/1/reports', {
      period: '2026-09',
      percent: 50,
      body: '方案已印发',
      completedMilestoneIds: [milestone.a],
    });
    expect(res.statusCode, res.body).toBe(201);
    const mine = await notices(officerA);
    expect(mine).toHaveLength(4);
    expect(mine.every((n) => n.resolvedAt === clock.now().toISOString())).toBe(true);
    expect((await notices(officerB)).every((n) => n.resolvedAt === null)).toBe(true);
    expect(await supervise()).toMatchObject({ reminders: 0, escalations: 0 });
    expect(await notices(office)).toHaveLength(8);
  });

  it('records every reminder and escalation in the audit log, and counts unread notifications', async () => {
    expect(await auditCount('plan.reminder_sent')).toBe(4);
    expect(await auditCount('plan.escalated')).toBe(4);
    expect(await unread(officerA)).toBe(4);
    expect(await unread(officerB)).toBe(4);
    // Escalations only, to the office's department and to each office account.
    expect(await unread(officerLgo)).toBe(4);
    expect(await unread(office)).toBe(4);
  });

  it('a rescheduled milestone is reminded again if it falls behind under its new date', async () => {
    const put = await send(office, 'PUT', `/api/action-plan/milestones/${milestone.b}`, {
      title: '完成平台评估',
      description: '',
      dueOn: '2026-10-30',
      ownerDepartmentCode: 'DEPT_B',
    });
    expect(put.statusCode, put.body).toBe(200);
    const ofB = (await notices(officerB)).filter((n) => n.milestoneId === milestone.b);
    expect(ofB.every((n) => n.resolvedAt !== null)).toBe(true);
    expect(await supervise()).toMatchObject({ reminders: 0, escalations: 0 });

    morningOf('2026-11-03'); // due Friday 10-30: 2 working days late
    expect(await supervise()).toMatchObject({ reminders: 1, escalations: 0 });
    const open = (await notices(officerB)).filter(
      (n) => n.milestoneId === milestone.b && n.resolvedAt === null,
    );
    expect(open).toEqual([
      expect.objectContaining({ kind: 'reminder', dueOn: '2026-10-30', overdueWorkdays: 2 }),
    ]);
  });
});
