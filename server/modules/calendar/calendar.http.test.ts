import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { YearSchedule } from '../../kernel/calendar/calendar.ts';
import { buildTestApp, createTestUser, loginCookie, type TestApp } from '../../test/harness.ts';
import { CALENDAR_CONFIG_DIR } from './calendar.service.ts';

let t: TestApp;
let sysadminCookie: string;

function configYear(year: number): YearSchedule {
  return JSON.parse(readFileSync(path.join(CALENDAR_CONFIG_DIR, `${year}.json`), 'utf8')) as YearSchedule;
}

async function get(url: string) {
  return t.app.inject({ method: 'GET', url });
}

async function put(url: string, payload: unknown, cookie?: string) {
  return t.app.inject({ method: 'PUT', url, payload: payload as object, headers: cookie ? { cookie } : {} });
}

/** A test fixture for a year no notice has been published for yet (not an official schedule). */
const fixture2027 = {
  notice: '测试用 2027 年安排',
  publishedOn: '2026-11-20',
  holidays: [
    { name: '元旦', start: '2027-01-01', end: '2027-01-03' },
    { name: '春节', start: '2027-02-06', end: '2027-02-14' },
  ],
  makeupWorkdays: [{ date: '2027-02-20', name: '春节' }],
};

/** Independent count with Date: weekdays, minus weekday rest days, plus make-up days. */
function expectedWorkdays(year: number, s: typeof fixture2027): number {
  const rest = new Set<string>();
  for (const h of s.holidays) {
    for (
      let d = new Date(`${h.start}T00:00:00Z`);
      d <= new Date(`${h.end}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 1)
    ) {
      rest.add(d.toISOString().slice(0, 10));
    }
  }
  let n = 0;
  for (
    let d = new Date(Date.UTC(year, 0, 1));
    d.getUTCFullYear() === year;
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6 && !rest.has(d.toISOString().slice(0, 10))) n++;
  }
  return n + s.makeupWorkdays.length;
}

beforeAll(async () => {
  t = await buildTestApp();
  sysadminCookie = await loginCookie(t, await createTestUser(t, 'sysadmin'));
});
afterAll(async () => {
  await t?.close();
});

describe('public working-day queries (DOMAIN §1 examples)', () => {
  it('the 5th working day after 2024-09-27 is 2024-10-10; the 20th after 2024-12-31 is 2025-02-05', async () => {
    const a = await get('/api/calendar/add-workdays?from=2024-09-27&days=5');
    expect(a.statusCode).toBe(200);
    expect(a.json()).toEqual({ from: '2024-09-27', days: 5, date: '2024-10-10' });
    const b = await get('/api/calendar/add-workdays?from=2024-12-31&days=20');
    expect(b.json()).toEqual({ from: '2024-12-31', days: 20, date: '2025-02-05' });
    const back = await get('/api/calendar/add-workdays?from=2024-10-10&days=-5');
    expect(back.json().date).toBe('2024-09-27');
  });

  it('day kinds: 除夕 2024 was a working day, 2024-09-29 a make-up working day, 2024-10-01 a holiday', async () => {
    const eve = await get('/api/calendar/days/2024-02-09');
    expect(eve.statusCode).toBe(200);
    expect(eve.json()).toEqual({ date: '2024-02-09', workday: true, kind: 'workday', holiday: null });
    expect((await get('/api/calendar/days/2024-09-29')).json()).toEqual({
      date: '2024-09-29',
      workday: true,
      kind: 'makeup_workday',
      holiday: '国庆节',
    });
    expect((await get('/api/calendar/days/2024-10-01')).json()).toMatchObject({
      workday: false,
      kind: 'holiday',
      holiday: '国庆节',
    });
    expect((await get('/api/calendar/days/2024-10-13')).json()).toMatchObject({
      workday: false,
      kind: 'weekend',
    });
  });

  it('workdays-between is the inverse of add-workdays and antisymmetric', async () => {
    const res = await get('/api/calendar/workdays-between?from=2024-09-27&to=2024-10-10');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ from: '2024-09-27', to: '2024-10-10', workdays: 5 });
    expect((await get('/api/calendar/workdays-between?from=2024-10-10&to=2024-09-27')).json().workdays).toBe(
      -5,
    );
  });

  it('months list every day of the month', async () => {
    const res = await get('/api/calendar/months/2024-10');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ month: string; days: { date: string; kind: string }[] }>();
    expect(body.month).toBe('2024-10');
    expect(body.days).toHaveLength(31);
    expect(body.days[0]?.date).toBe('2024-10-01');
    expect(body.days.filter((d) => d.kind === 'holiday').map((d) => d.date)).toEqual([
      '2024-10-01',
      '2024-10-02',
      '2024-10-03',
      '2024-10-04',
      '2024-10-05',
      '2024-10-06',
      '2024-10-07',
    ]);
    expect(body.days.filter((d) => d.kind === 'makeup_workday').map((d) => d.date)).toEqual(['2024-10-12']);
    expect((await get('/api/calendar/months/2024-13')).statusCode).toBe(400);
  });

  it('years: working days per year as in DOMAIN §1', async () => {
    const res = await get('/api/calendar/years');
    expect(res.statusCode).toBe(200);
    const years = res.json<{ year: number; workdays: number; version: number; updatedBy: string }[]>();
    expect(years.map((y) => [y.year, y.workdays])).toEqual([
      [2022, 249],
      [2023, 249],
      [2024, 251],
      [2025, 248],
      [2026, 248],
    ]);
    expect(years.every((y) => y.version === 1 && y.updatedBy === 'system:config')).toBe(true);
  });

  it('a year in detail matches its config file, with its history', async () => {
    const res = await get('/api/calendar/years/2023');
    expect(res.statusCode).toBe(200);
    const file = configYear(2023);
    expect(res.json()).toMatchObject({
      year: 2023,
      notice: file.notice,
      version: 1,
      publishedOn: file.publishedOn ?? null,
      holidays: file.holidays,
      makeupWorkdays: file.makeupWorkdays,
      workdays: 249,
    });
    const versions = await get('/api/calendar/years/2023/versions');
    expect(versions.statusCode).toBe(200);
    expect(versions.json()).toEqual([
      expect.objectContaining({ year: 2023, version: 1, createdBy: 'system:config' }),
    ]);
  });

  it('400 problem+json for malformed dates and out-of-range days', async () => {
    for (const url of [
      '/api/calendar/days/2024-13-01',
      '/api/calendar/days/2023-02-29',
      '/api/calendar/days/20240101',
      '/api/calendar/add-workdays?from=2024-13-01&days=1',
      '/api/calendar/add-workdays?from=2024-01-01&days=3651',
      '/api/calendar/add-workdays?from=2024-01-01&days=1.5',
      '/api/calendar/add-workdays?from=2024-01-01',
      '/api/calendar/workdays-between?from=2024-01-01&to=2024-02-30',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
      expect(res.json().code, url).toBe('VALIDATION_FAILED');
    }
    const named = (await get('/api/calendar/days/2024-13-01')).json();
    expect(named.errors).toContainEqual(expect.objectContaining({ field: '/params/date', rule: 'format' }));
  });

  it('422 CALENDAR_YEAR_NOT_LOADED when a calculation reaches 2027, which has no schedule', async () => {
    for (const url of [
      '/api/calendar/add-workdays?from=2026-12-31&days=1',
      '/api/calendar/add-workdays?from=2027-03-01&days=1',
      '/api/calendar/days/2027-01-04',
      '/api/calendar/months/2027-01',
      '/api/calendar/workdays-between?from=2026-12-01&to=2027-01-10',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(422);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
      expect(res.json(), url).toMatchObject({ code: 'CALENDAR_YEAR_NOT_LOADED', year: 2027 });
    }
    // Still fine inside the loaded years, up to the last working day of 2026.
    expect((await get('/api/calendar/add-workdays?from=2026-12-30&days=1')).json().date).toBe('2026-12-31');
  });
});

describe('PUT /api/calendar/years/{year}', () => {
  it('401 for an anonymous caller', async () => {
    const res = await put('/api/calendar/years/2027', fixture2027);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('400 names the malformed fields (schema, then schedule rules)', async () => {
    const schema = await put(
      '/api/calendar/years/2027',
      {
        ...fixture2027,
        holidays: [...fixture2027.holidays, { name: '清明节', start: '2027-04-31', end: '2027-04-05' }],
        surprise: true,
      },
      sysadminCookie,
    );
    expect(schema.statusCode).toBe(400);
    expect(schema.headers['content-type']).toContain('application/problem+json');
    const fields = (schema.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toContain('/body/holidays/2/start');
    expect(fields).toContain('/body/surprise');

    const rules = await put(
      '/api/calendar/years/2027',
      {
        ...fixture2027,
        makeupWorkdays: [
          { date: '2027-02-22', name: '春节' },
          { date: '2027-02-20', name: '春假' },
        ],
      },
      sysadminCookie,
    );
    expect(rules.statusCode).toBe(400);
    expect(rules.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: '/body/makeupWorkdays/0/date', rule: 'not_weekend' }),
        expect.objectContaining({ field: '/body/makeupWorkdays/1/name', rule: 'unknown_holiday' }),
      ]),
    );

    const year = await put('/api/calendar/years/2027', { ...fixture2027, year: 2028 }, sysadminCookie);
    expect(year.statusCode).toBe(400);
    expect(year.json().errors).toEqual([expect.objectContaining({ field: '/body/year' })]);

    const conflict = await put(
      '/api/calendar/years/2022',
      {
        ...configYear(2022),
        holidays: [...configYear(2022).holidays, { name: '年末', start: '2022-12-31', end: '2022-12-31' }],
      },
      sysadminCookie,
    );
    expect(conflict.statusCode).toBe(400);
    expect(conflict.json().code).toBe('CALENDAR_YEARS_INCONSISTENT');
    expect(conflict.json().errors[0].field).toBe(`/body/holidays/${configYear(2022).holidays.length}`);
  });

  it('403 for an officer and for the security administrator', async () => {
    for (const kind of ['officer', 'secadmin'] as const) {
      const cookie = await loginCookie(t, await createTestUser(t, kind));
      const res = await put('/api/calendar/years/2027', fixture2027, cookie);
      expect(res.statusCode, kind).toBe(403);
      expect(res.json().code, kind).toBe('FORBIDDEN');
    }
  });

  it('404 for an unloaded year', async () => {
    expect((await get('/api/calendar/years/2027')).statusCode).toBe(404);
    expect((await get('/api/calendar/years/2027/versions')).statusCode).toBe(404);
    const res = await get('/api/calendar/years/2027');
    expect(res.json().code).toBe('NOT_FOUND');
  });

  it('200: the system administrator loads 2027, after which calculations into 2027 work', async () => {
    const res = await put('/api/calendar/years/2027', { ...fixture2027, reason: '测试加载' }, sysadminCookie);
    expect(res.statusCode).toBe(200);
    const saved = res.json();
    expect(saved).toMatchObject({
      year: 2027,
      version: 1,
      notice: fixture2027.notice,
      publishedOn: '2026-11-20',
      holidays: fixture2027.holidays,
      makeupWorkdays: fixture2027.makeupWorkdays,
    });
    expect(saved.workdays).toBe(expectedWorkdays(2027, fixture2027));

    const next = await get('/api/calendar/add-workdays?from=2026-12-31&days=1');
    expect(next.statusCode).toBe(200);
    expect(next.json().date).toBe('2027-01-04');
    expect((await get('/api/calendar/days/2027-02-20')).json()).toMatchObject({
      kind: 'makeup_workday',
      workday: true,
    });
    expect((await get('/api/calendar/years/2027')).statusCode).toBe(200);

    const amended = await put(
      '/api/calendar/years/2027',
      {
        ...fixture2027,
        holidays: fixture2027.holidays.slice(0, 1),
        makeupWorkdays: [],
        reason: '撤销春节（测试）',
      },
      sysadminCookie,
    );
    expect(amended.statusCode).toBe(200);
    expect(amended.json().version).toBe(2);
    expect((await get('/api/calendar/days/2027-02-08')).json().workday).toBe(true);
    const versions = (await get('/api/calendar/years/2027/versions')).json<
      { version: number; reason: string }[]
    >();
    expect(versions.map((v) => [v.version, v.reason])).toEqual([
      [2, '撤销春节（测试）'],
      [1, '测试加载'],
    ]);
  });

  it('is documented in OpenAPI with its request and response schemas', async () => {
    const doc = (await get('/api/openapi.json')).json();
    const op = doc.paths['/api/calendar/years/{year}'].put;
    expect(op['x-permission']).toBe('calendar.manage');
    expect(Object.keys(op.requestBody.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['notice', 'publishedOn', 'holidays', 'makeupWorkdays', 'reason']),
    );
    expect(doc.paths['/api/calendar/add-workdays'].get.responses['200']).toBeDefined();
  });
});
