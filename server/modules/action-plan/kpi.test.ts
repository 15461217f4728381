import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.ts';
import type { MetricProvider } from '../../kernel/metrics.ts';
import {
  buildTestApp,
  createDepartment,
  createEnterprise,
  createTestUser,
  loginCookie,
  type TestApp,
} from '../../test/harness.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { measuresCompletedShare, milestonesOnTimeRate, reportSubmissionRate } from './action-plan.metrics.ts';
import { kpiJobs } from './kpi.jobs.ts';
import type { PlanRow } from './action-plan.tables.ts';
import type { KpiDto } from './kpi.schemas.ts';
import { listKpis, PLAN_CONFIG_DIR, refreshKpis, seedShippedKpis } from './kpi.service.ts';
import { insertPlanStructure } from './plan.test-support.ts';
import { findCurrentPlan, findPlan } from './plan.repository.ts';

const clock = new FixedClock('2026-11-27T02:00:00Z');
let t: TestApp;
let planId = '';
let office = '';
let officer = '';

interface ShippedFile {
  planCode: string;
  kpis: { code: string; provider: string | null; measureNos: number[]; target: number; direction: string }[];
}
const shipped = JSON.parse(
  readFileSync(path.join(PLAN_CONFIG_DIR, 'xiangcheng-2022.kpis.json'), 'utf8'),
) as ShippedFile;

const noop = { jobId: 'test', logger: undefined as never, progress: () => undefined };

async function kpisByCode(): Promise<Map<string, KpiDto>> {
  return new Map((await listKpis(t.ctx, planId)).map((k) => [k.code, k]));
}

async function enterpriseCount(): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from enterprise`.execute(t.ctx.db);
  return r.rows[0]?.n ?? -1;
}

beforeAll(async () => {
  t = await buildTestApp({ clock });
  const plan = await findCurrentPlan(t.ctx.db);
  if (!plan) throw new Error('the shipped plan was not imported on start');
  planId = plan.id;
  office = await loginCookie(t, await createTestUser(t, 'office'));
  officer = await loginCookie(t, await createTestUser(t, 'officer'));
});
afterAll(async () => {
  await t?.close();
});

describe('shipped KPIs', () => {
  it('are seeded once on start, in the order of the config file, for the shipped plan', async () => {
    const kpis = await listKpis(t.ctx, planId);
    expect(kpis.map((k) => k.code)).toEqual(shipped.kpis.map((k) => k.code));
    for (const [i, k] of kpis.entries()) {
      const s = shipped.kpis[i]!;
      expect(k.provider).toBe(s.provider);
      expect(k.measureNos).toEqual(s.measureNos);
      expect(k.target).toBe(s.target);
      expect(k.direction).toBe(s.direction);
      expect(k.latest).toBeNull();
      expect(k.history).toEqual([]);
    }
    // The plan's own targets point at the measures that state them.
    const byCode = await kpisByCode();
    expect(byCode.get('enterprise-opening-time')).toMatchObject({
      target: 0.5,
      direction: 'at_most',
      measureNos: [19],
    });
    expect(byCode.get('new-one-thing-bundles')).toMatchObject({ target: 15, measureNos: [21] });
    expect(byCode.get('credit-categories-collected')).toMatchObject({ target: 47, measureNos: [47] });
    expect(byCode.get('bad-rating-rectification-rate')?.measureNos).toEqual([50]);
  });

  it('every measure number a shipped KPI cites says what the KPI quotes', async () => {
    const text = readFileSync(path.join(PLAN_CONFIG_DIR, 'xiangcheng-2022.txt'), 'utf8').replace(/\s+/g, '');
    const quotes: Record<string, string[]> = {
      'enterprise-opening-time': ['0.5个工作日最优化'],
      'dsgs-entry-rate': ['5个工作日内录入', '入库率、时效率达100%'],
      'service-rating-rate': ['办件100%评价'],
      'bad-rating-rectification-rate': ['差评整改率100%'],
      'new-one-thing-bundles': ['再推出15个“一件事”套餐办'],
      'credit-categories-collected': ['47项其他信用信息的归集'],
    };
    const kpis = await kpisByCode();
    for (const [code, phrases] of Object.entries(quotes)) {
      const no = kpis.get(code)?.measureNos[0];
      expect(no, code).toBeDefined();
      // The measure's text runs from "**<no>." to the next measure.
      const start = text.indexOf(`**${no}.`);
      const end = text.indexOf(`**${Number(no) + 1}.`, start + 1);
      const measure = text.slice(start, end === -1 ? undefined : end);
      for (const p of phrases) expect(measure, `${code} → measure ${no}`).toContain(p);
    }
  });

  it('a second start adds nothing, and a KPI the office deleted stays deleted', async () => {
    expect(await seedShippedKpis(t.ctx)).toEqual([]);
    const del = await t.app.inject({
      method: 'DELETE',
      url: '/api/action-plan/kpis/registered-market-entities',
      headers: { cookie: office },
    });
    expect(del.statusCode).toBe(204);
    expect(await seedShippedKpis(t.ctx)).toEqual([]);
    expect((await kpisByCode()).has('registered-market-entities')).toBe(false);
    // Put it back for the tests below (as the office would).
    const s = shipped.kpis.find((k) => k.code === 'registered-market-entities')!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/action-plan/kpis',
      headers: { cookie: office },
      payload: { ...s },
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('KPI values', () => {
  it('a KPI whose provider is not registered shows no source and never a number', async () => {
    // 好差评 (the cases module) is not built yet, so its KPI has no provider.
    expect(t.ctx.metrics.find('cases.rating-rate')).toBeUndefined();
    await refreshKpis(t.ctx, planId, clock.now());
    const res = await t.app.inject({ method: 'GET', url: '/api/action-plan/kpis' });
    expect(res.statusCode).toBe(200);
    const opening = res.json<KpiDto[]>().find((k) => k.code === 'service-rating-rate');
    expect(opening?.provider).toBe('cases.rating-rate');
    expect(opening?.source).toBeNull();
    expect(opening?.latest).toMatchObject({ period: '2026-11', value: null, status: 'no_source', met: null });
    expect(opening?.history).toEqual([{ period: '2026-11', value: null, status: 'no_source' }]);
    const stored = await sql<{ value: number | null; status: string }>`
      select v.value, v.status from kpi_value v join kpi k on k.id = v.kpi_id
      where k.code = 'service-rating-rate'`.execute(t.ctx.db);
    expect(stored.rows).toEqual([{ value: null, status: 'no_source' }]);
  });

  it("a registered provider's value lands in history, one value per month, the month's last computation kept", async () => {
    const seen: [string, number][] = [];
    clock.set('2026-08-31T15:30:00Z'); // 23:30 on 31 August in China
    await refreshKpis(t.ctx, planId, clock.now());
    seen.push(['2026-08', await enterpriseCount()]);

    clock.set('2026-08-31T16:30:00Z'); // already 1 September in China
    await createEnterprise(t);
    await refreshKpis(t.ctx, planId, clock.now());
    await createEnterprise(t);
    await createEnterprise(t);
    clock.set('2026-09-20T02:00:00Z');
    await refreshKpis(t.ctx, planId, clock.now());
    seen.push(['2026-09', await enterpriseCount()]);

    clock.set('2026-10-10T02:00:00Z');
    await createEnterprise(t);
    const job = kpiJobs(t.ctx).find((j) => j.id === 'action-plan.refresh-kpis')!;
    expect(job.schedule).toBe('0 1 * * *');
    expect(await job.handler({}, noop)).toMatchObject({ period: '2026-10', kpis: shipped.kpis.length });
    seen.push(['2026-10', await enterpriseCount()]);

    clock.set('2026-11-27T02:00:00Z');
    await createEnterprise(t);
    await refreshKpis(t.ctx, planId, clock.now());
    seen.push(['2026-11', await enterpriseCount()]);

    const k = (await kpisByCode()).get('registered-market-entities');
    expect(k?.source).toEqual({ id: 'enterprise.registered-count', name: '登记在册市场主体数' });
    expect(k?.history).toEqual(seen.map(([period, value]) => ({ period, value, status: 'ok' })));
    expect(new Set(seen.map(([, v]) => v)).size).toBe(4);
    expect(k?.latest).toMatchObject({ period: '2026-11', value: seen[3]![1], status: 'ok', met: true });
  });

  it('met follows the direction and the target', async () => {
    const n = await enterpriseCount();
    const put = (target: number, direction: string) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/action-plan/kpis/registered-market-entities',
        headers: { cookie: office },
        payload: {
          name: '登记在册市场主体数',
          unit: '户',
          target,
          direction,
          provider: 'enterprise.registered-count',
        },
      });
    const cases: [number, string, boolean][] = [
      [n, 'at_least', true],
      [n + 1, 'at_least', false],
      [n, 'at_most', true],
      [n - 1, 'at_most', false],
    ];
    for (const [target, direction, met] of cases) {
      const res = await put(target, direction);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().latest, `${direction} ${target}`).toMatchObject({ value: n, met });
    }
  });

  it('a provider that throws or returns a non-number is stored as an error with its message', async () => {
    const failing: MetricProvider = {
      id: 'test.failing',
      name: '测试：出错',
      unit: '%',
      description: 'throws',
      compute: () => Promise.reject(new Error('source table missing')),
    };
    const nan: MetricProvider = {
      id: 'test.not-a-number',
      name: '测试：NaN',
      unit: '%',
      description: 'NaN',
      compute: () => Promise.resolve({ value: Number.NaN }),
    };
    t.ctx.metrics.register(failing);
    t.ctx.metrics.register(nan);
    for (const [code, provider] of [
      ['test-failing', failing.id],
      ['test-nan', nan.id],
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/action-plan/kpis',
        headers: { cookie: office },
        payload: { code, name: code, unit: '%', target: 100, direction: 'at_least', provider },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    await refreshKpis(t.ctx, planId, clock.now());
    const kpis = await kpisByCode();
    expect(kpis.get('test-failing')?.latest).toMatchObject({ value: null, status: 'error', met: null });
    expect(kpis.get('test-nan')?.latest).toMatchObject({ value: null, status: 'error', met: null });
    const detail = await sql<{ detail: { message: string } }>`
      select v.detail from kpi_value v join kpi k on k.id = v.kpi_id where k.code = 'test-failing'`.execute(
      t.ctx.db,
    );
    expect(detail.rows[0]?.detail.message).toBe('source table missing');
  });

  it('history holds the newest 24 periods, oldest first', async () => {
    const kpi = (await kpisByCode()).get('test-nan')!;
    const periods: string[] = [];
    for (let i = 0; i < 30; i++) {
      const d = new Date(Date.UTC(2023, i, 1));
      periods.push(d.toISOString().slice(0, 7));
    }
    for (const [i, p] of periods.entries()) {
      await sql`insert into kpi_value (kpi_id, period, value, status) values (${kpi.id}, ${p}, ${i}, 'ok')
        on conflict (kpi_id, period) do nothing`.execute(t.ctx.db);
    }
    const history = (await kpisByCode()).get('test-nan')!.history;
    const all = [...periods, '2026-11'].sort();
    expect(history.map((h) => h.period)).toEqual(all.slice(-24));
  });
});

describe("the action plan's own metrics", () => {
  let fixture: PlanRow;
  let measureIds: Map<number, string>;
  let deptA = '';
  let deptB = '';
  const asOf = new Date('2026-11-20T02:00:00Z'); // China date 2026-11-20

  async function report(no: number, dept: string, period: string, percent: number, chinaDay: string) {
    await sql`insert into progress_report (measure_id, department_id, period, percent, body, submitted_at)
      values (${measureIds.get(no)}, ${dept}, ${period}, ${percent}, '测试进展', ${`${chinaDay}T10:00:00+08:00`})`.execute(
      t.ctx.db,
    );
  }

  async function milestone(no: number, dueOn: string, completedChinaDay: string | null) {
    await sql`insert into milestone (measure_id, title, due_on, owner_department_id, created_at, completed_at)
      values (${measureIds.get(no)}, ${`节点 ${dueOn}`}, ${dueOn}, ${deptA}, '2026-08-01T00:00:00Z',
              ${completedChinaDay ? `${completedChinaDay}T18:00:00+08:00` : null})`.execute(t.ctx.db);
  }

  beforeAll(async () => {
    deptA = await createDepartment(t);
    deptB = await createDepartment(t);
    const unit = (name: string, role: 'lead' | 'responsible' | 'scope', departmentId: string | null) => ({
      name,
      role,
      departmentId,
    });
    const created = await insertPlanStructure(t.ctx.db, {
      code: 'kpi-fixture',
      title: '指标测试方案',
      createdAt: new Date('2026-07-31T16:00:00Z'), // 2026-08-01 00:00 in China: August is its first full period
      parts: [
        {
          ordinal: 2,
          label: '二',
          title: '测试部分',
          sections: [
            {
              ordinal: 1,
              label: '（一）',
              title: '测试小节',
              measures: [
                {
                  no: 1,
                  title: '措施一',
                  body: '',
                  units: [
                    unit('甲', 'lead', deptA),
                    unit('乙', 'responsible', deptB),
                    unit('各镇', 'scope', null),
                  ],
                },
                { no: 2, title: '措施二', body: '', units: [unit('甲', 'responsible', deptA)] },
                { no: 3, title: '措施三', body: '', units: [unit('乙', 'lead', deptB)] },
                { no: 4, title: '措施四', body: '', units: [unit('各镇', 'scope', null)] },
                { no: 5, title: '措施五', body: '', units: [unit('甲', 'lead', deptA)] },
              ],
            },
          ],
        },
      ],
    });
    measureIds = created.measureIds;
    fixture = (await findPlan(t.ctx.db, created.planId))!;
  });

  it('with nothing due yet, each figure is null rather than 0 % or 100 %', async () => {
    const early = new Date('2026-08-20T02:00:00Z');
    expect((await milestonesOnTimeRate(t.ctx, fixture, early)).value).toBeNull();
    expect((await reportSubmissionRate(t.ctx, fixture, early)).value).toBeNull();
  });

  it('report submission rate: reports first submitted by each deadline, over every period owed', async () => {
    const cal = await getWorkCalendar(t.ctx);
    const due = (periodEnd: string) => cal.addWorkdays(periodEnd, 5);
    const [aug, sep, oct] = [due('2026-08-31'), due('2026-09-30'), due('2026-10-31')];
    expect(oct < '2026-11-20').toBe(true);
    const dayAfter = (d: string) => cal.addWorkdays(d, 1);
    // Measure 1, department A: August and October on time, September a day late.
    await report(1, deptA, '2026-08', 30, aug);
    await report(1, deptA, '2026-09', 50, dayAfter(sep));
    await report(1, deptA, '2026-10', 70, '2026-11-02');
    // Measure 1, department B: nothing (3 missing).
    // Measure 2, department A: 100 % in August, on time: owes nothing after.
    await report(2, deptA, '2026-08', 100, '2026-09-01');
    // Measure 3, department B: August late; September on time, then resubmitted late; October missing.
    await report(3, deptB, '2026-08', 20, dayAfter(aug));
    await report(3, deptB, '2026-09', 40, sep);
    await report(3, deptB, '2026-09', 45, dayAfter(sep));
    // Measure 5, department A: done in August.
    await report(5, deptA, '2026-08', 100, '2026-08-31');

    const r = await reportSubmissionRate(t.ctx, fixture, asOf);
    // Owed: 1/A 3, 1/B 3, 2/A 1, 3/B 3, 5/A 1 = 11; on time: 1/A 2, 2/A 1, 3/B 1, 5/A 1 = 5.
    expect(r.detail).toMatchObject({ due: 11, onTime: 5, periods: 3, units: 5 });
    expect(r.value).toBe(Math.round((1000 * 5) / 11) / 10);
  });

  it('milestones on time: completed by the (moved) deadline, of those whose deadline has passed', async () => {
    const cal = await getWorkCalendar(t.ctx);
    const nationalDayDeadline = cal.addWorkdays('2026-10-01', 0);
    expect(nationalDayDeadline > '2026-10-01').toBe(true);
    await milestone(1, '2026-09-15', '2026-09-14'); // on time
    await milestone(1, '2026-10-01', nationalDayDeadline); // on time: the deadline moved past the holiday
    await milestone(2, '2026-10-20', null); // overdue
    await milestone(3, '2026-11-02', '2026-11-05'); // late
    await milestone(3, '2026-12-15', null); // not due
    await milestone(2, '2026-11-20', null); // due today: not yet late
    const r = await milestonesOnTimeRate(t.ctx, fixture, asOf);
    expect(r.detail).toMatchObject({ due: 4, onTime: 2 });
    expect(r.value).toBe(50);
  });

  it('measures completed: only a measure whose every reporting unit reported 100 % and all milestones are done', async () => {
    const at = new FixedClock(asOf.toISOString());
    const r = await measuresCompletedShare({ ...t.ctx, clock: at }, fixture);
    // Measure 5 is the only one: 2 has open milestones, 4 has no reporting unit.
    expect(r.detail).toMatchObject({ measures: 5, completed: 1 });
    expect(r.value).toBe(20);
  });

  it('are registered as metric providers and computed for the plan in force, null when nothing is due', async () => {
    for (const id of [
      'action-plan.measures-completed-share',
      'action-plan.milestones-on-time-rate',
      'action-plan.report-submission-rate',
    ]) {
      expect(t.ctx.metrics.find(id), id).toBeDefined();
    }
    const kpis = await refreshKpis(t.ctx, planId, clock.now());
    const byCode = new Map(kpis.map((k) => [k.code, k]));
    // The shipped plan was imported today: no milestone, no report is due yet.
    expect(byCode.get('milestones-on-time-rate')?.latest).toMatchObject({
      status: 'ok',
      value: null,
      met: null,
    });
    expect(byCode.get('report-submission-rate')?.latest).toMatchObject({
      status: 'ok',
      value: null,
      met: null,
    });
    expect(byCode.get('measures-completed-share')?.latest).toMatchObject({
      status: 'ok',
      value: 0,
      met: false,
    });
  });
});

describe('KPI routes', () => {
  const body = {
    code: 'office-kpi',
    name: '办公室自定指标',
    unit: '户',
    target: 10,
    direction: 'at_least',
    provider: 'enterprise.registered-count',
    measureNos: [19, 20],
  };

  it('401 for anonymous writers; the list is public', async () => {
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/action-plan/kpis', payload: body })).statusCode,
    ).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/action-plan/metric-providers' })).statusCode).toBe(
      401,
    );
    expect((await t.app.inject({ method: 'POST', url: '/api/action-plan/kpis/refresh' })).statusCode).toBe(
      401,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/action-plan/kpis' })).statusCode).toBe(200);
  });

  it('400 names the field and the rule', async () => {
    const post = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/action-plan/kpis', headers: { cookie: office }, payload });
    const badCode = await post({ ...body, code: 'Bad Code' });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().errors).toContainEqual(
      expect.objectContaining({ field: '/body/code', rule: 'pattern' }),
    );
    const badTarget = await post({ ...body, target: 'lots' });
    expect(badTarget.json().errors).toContainEqual(expect.objectContaining({ field: '/body/target' }));
    const unknownProvider = await post({ ...body, provider: 'services.made-up' });
    expect(unknownProvider.statusCode).toBe(400);
    expect(unknownProvider.json().errors).toEqual([
      expect.objectContaining({ field: '/body/provider', rule: 'registered' }),
    ]);
    const unknownMeasure = await post({ ...body, measureNos: [19, 99] });
    expect(unknownMeasure.json().errors).toEqual([
      expect.objectContaining({ field: '/body/measureNos/1', rule: 'exists' }),
    ]);
  });

  it('403 for an officer', async () => {
    const { code: _code, ...update } = body;
    for (const [method, url, payload] of [
      ['POST', '/api/action-plan/kpis', body],
      ['PUT', '/api/action-plan/kpis/office-kpi', update],
      ['DELETE', '/api/action-plan/kpis/office-kpi', undefined],
      ['POST', '/api/action-plan/kpis/refresh', undefined],
      ['GET', '/api/action-plan/metric-providers', undefined],
    ] as const) {
      const res = await t.app.inject({
        method,
        url,
        headers: { cookie: officer },
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('404 for a KPI that does not exist', async () => {
    const { code: _code, ...update } = body;
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/action-plan/kpis/no-such-kpi',
      headers: { cookie: office },
      payload: update,
    });
    expect(put.statusCode).toBe(404);
    const del = await t.app.inject({
      method: 'DELETE',
      url: '/api/action-plan/kpis/no-such-kpi',
      headers: { cookie: office },
    });
    expect(del.statusCode).toBe(404);
  });

  it('the office lists providers, creates, refreshes, updates and deletes a KPI — audited; a taken code is 409', async () => {
    const providers = await t.app.inject({
      method: 'GET',
      url: '/api/action-plan/metric-providers',
      headers: { cookie: office },
    });
    expect(providers.statusCode).toBe(200);
    const ids = providers.json<{ id: string }[]>().map((p) => p.id);
    expect(ids).toEqual(
      expect.arrayContaining(['enterprise.registered-count', 'action-plan.report-submission-rate']),
    );
    expect(ids).toContain('services.opening-time-workdays');
    expect(ids).not.toContain('cases.rating-rate');

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/action-plan/kpis',
      headers: { cookie: office },
      payload: body,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'office-kpi',
      measureNos: [19, 20],
      latest: null,
      history: [],
    });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/action-plan/kpis',
      headers: { cookie: office },
      payload: body,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('KPI_CODE_TAKEN');
    expect(again.json().params).toEqual({ code: body.code });

    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/api/action-plan/kpis/refresh',
      headers: { cookie: office },
    });
    expect(refreshed.statusCode).toBe(200);
    const mine = refreshed.json<KpiDto[]>().find((k) => k.code === 'office-kpi');
    expect(mine?.latest).toMatchObject({ period: '2026-11', value: await enterpriseCount(), status: 'ok' });

    const { code: _code, ...update } = body;
    const noSource = await t.app.inject({
      method: 'PUT',
      url: '/api/action-plan/kpis/office-kpi',
      headers: { cookie: office },
      payload: { ...update, provider: null },
    });
    expect(noSource.statusCode).toBe(200);
    expect(noSource.json()).toMatchObject({ provider: null, source: null });
    const del = await t.app.inject({
      method: 'DELETE',
      url: '/api/action-plan/kpis/office-kpi',
      headers: { cookie: office },
    });
    expect(del.statusCode).toBe(204);
    const audit = await sql<{ action: string }>`
      select action from audit_log where subject_type = 'kpi' and detail->>'code' = 'office-kpi' order by seq`.execute(
      t.ctx.db,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'action_plan.kpi_created',
      'action_plan.kpi_updated',
      'action_plan.kpi_deleted',
    ]);
  });
});
