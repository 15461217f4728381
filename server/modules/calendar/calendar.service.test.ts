import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { YearSchedule } from '../../kernel/calendar/calendar.ts';
import { FixedClock } from '../../kernel/clock.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { buildTestApp, createTestUser, testConfig, type TestApp } from '../../test/harness.ts';
import {
  CALENDAR_CONFIG_DIR,
  CALENDAR_RECHECK_MS,
  getWorkCalendar,
  listCalendarYears,
  listCalendarYearVersions,
  saveCalendarYear,
  seedCalendarYearsFromConfig,
} from './calendar.service.ts';

const clock = new FixedClock('2026-11-27T02:00:00Z');
let t: TestApp;
let admin: Actor;

const configFiles = readdirSync(CALENDAR_CONFIG_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
function configYear(year: number): YearSchedule {
  return JSON.parse(readFileSync(path.join(CALENDAR_CONFIG_DIR, `${year}.json`), 'utf8')) as YearSchedule;
}
const configYears = configFiles.map((f) => Number(f.slice(0, 4)));

function actorFor(id: string, username: string, kind: Actor['kind'], permissions: string[]): Actor {
  return {
    userId: id,
    username,
    displayName: username,
    kind,
    permissions: new Set(permissions),
    departmentId: null,
    enterpriseId: null,
    via: 'session',
    sessionId: null,
  };
}

async function rows<T>(query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(t.ctx.db)).rows;
}

async function auditEntries(action: string) {
  return rows<{ actor_name: string | null; subject_id: string | null; detail: Record<string, unknown> }>(
    sql`select actor_name, subject_id, detail from audit_log where action = ${action} order by seq`,
  );
}

beforeAll(async () => {
  t = await buildTestApp({ clock });
  const u = await createTestUser(t, 'sysadmin');
  admin = actorFor(u.id, u.username, 'sysadmin', ['calendar.manage']);
});
afterAll(async () => {
  await t?.close();
});

describe('seeding from config/calendar', () => {
  it('inserts every shipped year once, as version 1 by system:config, audited', async () => {
    const years = await rows<{ year: number; version: number; updated_by: string }>(
      sql`select year, version, updated_by from calendar_year order by year`,
    );
    expect(years.map((r) => r.year)).toEqual(configYears);
    expect(new Set(years.map((r) => r.version))).toEqual(new Set([1]));
    expect(new Set(years.map((r) => r.updated_by))).toEqual(new Set(['system:config']));
    const history = await rows<{ year: number; created_by: string }>(
      sql`select year, created_by from calendar_year_version order by year`,
    );
    expect(history.map((h) => h.year)).toEqual(configYears);
    const audit = await auditEntries('calendar.year_seeded');
    expect(audit.map((a) => Number(a.subject_id))).toEqual(configYears);
    expect(new Set(audit.map((a) => a.actor_name))).toEqual(new Set(['system:config']));
    const stored = (await listCalendarYears(t.ctx)).find((y) => y.year === 2024);
    expect(stored?.notice).toBe(configYear(2024).notice);
  });

  it('a second start inserts nothing', async () => {
    const before = await rows<{ n: number }>(sql`select count(*)::int as n from calendar_year_version`);
    expect(await seedCalendarYearsFromConfig(t.ctx)).toEqual([]);
    // A full second start of the platform on the same database, as another process would do it.
    const again = await buildApp({
      config: testConfig(),
      database: t.ctx.database,
      clock,
      migrate: false,
      httpLogger: false,
    });
    await again.close();
    const after = await rows<{ n: number }>(sql`select count(*)::int as n from calendar_year_version`);
    expect(after[0]?.n).toBe(before[0]?.n);
    expect(await auditEntries('calendar.year_seeded')).toHaveLength(configYears.length);
  });
});

describe('saveCalendarYear', () => {
  it('an amendment becomes version 2 with history, audit entry and an immediately refreshed calendar', async () => {
    const before = await getWorkCalendar(t.ctx);
    expect(before.isWorkday('2024-12-30')).toBe(true);
    const base = configYear(2024);
    const saved = await saveCalendarYear(
      t.ctx,
      admin,
      2024,
      {
        notice: `${base.notice}（测试修订）`,
        publishedOn: base.publishedOn ?? null,
        holidays: [...base.holidays, { name: '测试休息日', start: '2024-12-30', end: '2024-12-30' }],
        makeupWorkdays: base.makeupWorkdays,
        reason: '测试：补充一天',
      },
      { actor: admin, requestId: 'test-req-1' },
    );
    expect(saved.version).toBe(2);
    expect(saved.updatedBy).toBe(admin.username);
    expect(saved.workdays).toBe(before.workdaysInYear(2024) - 1);

    const after = await getWorkCalendar(t.ctx);
    expect(after).not.toBe(before);
    expect(after.dayInfo('2024-12-30')).toEqual({
      date: '2024-12-30',
      workday: false,
      kind: 'holiday',
      holiday: '测试休息日',
    });
    expect(after.addWorkdays('2024-12-27', 1)).toBe('2024-12-31');

    const versions = await listCalendarYearVersions(t.ctx, 2024);
    expect(versions.map((v) => [v.version, v.createdBy, v.reason])).toEqual([
      [2, admin.username, '测试：补充一天'],
      [1, 'system:config', expect.stringContaining('2024.json')],
    ]);
    expect(versions[1]?.holidays).toEqual(base.holidays);

    const audit = await auditEntries('calendar.year_saved');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_name: admin.username,
      subject_id: '2024',
      detail: { year: 2024, version: 2, notice: `${base.notice}（测试修订）`, reason: '测试：补充一天' },
    });
  });

  it('config never overwrites an amended year', async () => {
    expect(await seedCalendarYearsFromConfig(t.ctx)).toEqual([]);
    const y2024 = (await listCalendarYears(t.ctx)).find((y) => y.year === 2024);
    expect(y2024?.version).toBe(2);
    expect(y2024?.notice).toContain('测试修订');
  });

  it('rejects a schedule that contradicts a loaded neighbour, naming the body field, and writes nothing', async () => {
    // The 2023 notice starts 元旦 on 2022-12-31; a 2022 amendment calling that day something else contradicts it.
    const base = configYear(2022);
    const auditBefore = await auditEntries('calendar.year_saved');
    const err = await saveCalendarYear(
      t.ctx,
      admin,
      2022,
      {
        notice: base.notice,
        holidays: [...base.holidays, { name: '年末', start: '2022-12-31', end: '2022-12-31' }],
        makeupWorkdays: base.makeupWorkdays,
      },
      { actor: admin },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const appErr = err as AppError;
    expect(appErr.code).toBe('CALENDAR_YEARS_INCONSISTENT');
    expect(t.ctx.registry.errors.spec(appErr.code)?.status).toBe(400);
    expect(appErr.errors).toEqual([
      expect.objectContaining({
        field: `/body/holidays/${base.holidays.length}`,
        rule: 'neighbour_conflict',
      }),
    ]);
    expect(appErr.errors?.[0]?.message).toContain('2023');
    expect((await listCalendarYearVersions(t.ctx, 2022)).map((v) => v.version)).toEqual([1]);
    expect(await auditEntries('calendar.year_saved')).toEqual(auditBefore);
  });

  it('validation errors name body fields; a body year must match the path', async () => {
    const base = configYear(2025);
    const bad = await saveCalendarYear(
      t.ctx,
      admin,
      2025,
      {
        notice: base.notice,
        holidays: base.holidays,
        makeupWorkdays: [{ date: '2025-10-13', name: '国庆节' }],
      },
      { actor: admin },
    ).catch((e: unknown) => e as AppError);
    expect(bad).toBeInstanceOf(AppError);
    expect((bad as AppError).code).toBe('VALIDATION_FAILED');
    expect((bad as AppError).errors).toContainEqual(
      expect.objectContaining({ field: '/body/makeupWorkdays/0/date', rule: 'not_weekend' }),
    );
    const mismatch = await saveCalendarYear(
      t.ctx,
      admin,
      2025,
      { ...base, year: 2026 },
      { actor: admin },
    ).catch((e: unknown) => e as AppError);
    expect((mismatch as AppError).errors).toEqual([
      expect.objectContaining({ field: '/body/year', rule: 'matches_path' }),
    ]);
  });

  it('refuses an actor without calendar.manage', async () => {
    const u = await createTestUser(t, 'secadmin');
    const secadmin = actorFor(u.id, u.username, 'secadmin', ['user.read', 'user.unlock']);
    const err = await saveCalendarYear(t.ctx, secadmin, 2025, configYear(2025), { actor: secadmin }).catch(
      (e: unknown) => e as AppError,
    );
    expect((err as AppError).code).toBe('FORBIDDEN');
    expect((await listCalendarYearVersions(t.ctx, 2025)).map((v) => v.version)).toEqual([1]);
  });
});

describe('concurrent saves', () => {
  it('are serialised: two amendments at once become consecutive versions', async () => {
    const base = configYear(2026);
    const save = (reason: string) =>
      saveCalendarYear(t.ctx, admin, 2026, { ...base, reason }, { actor: admin });
    const results = await Promise.all([save('并发 A'), save('并发 B')]);
    expect(results.map((r) => r.version).sort()).toEqual([2, 3]);
    const versions = await listCalendarYearVersions(t.ctx, 2026);
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect((await listCalendarYears(t.ctx)).find((y) => y.year === 2026)?.version).toBe(3);
  });
});

describe('cache across processes', () => {
  it('answers from memory, and notices a change made elsewhere only after the recheck interval', async () => {
    const first = await getWorkCalendar(t.ctx);
    expect(first.isWorkday('2025-12-31')).toBe(true);
    // Another process amends 2025 directly in the database.
    await sql`
      update calendar_year
      set version = version + 1,
          holidays = holidays || ${JSON.stringify([{ name: '跨进程测试', start: '2025-12-31', end: '2025-12-31' }])}::jsonb
      where year = 2025`.execute(t.ctx.db);
    clock.advance(CALENDAR_RECHECK_MS - 1);
    const stillCached = await getWorkCalendar(t.ctx);
    expect(stillCached).toBe(first);
    expect(stillCached.isWorkday('2025-12-31')).toBe(true);

    clock.advance(2);
    const fresh = await getWorkCalendar(t.ctx);
    expect(fresh).not.toBe(first);
    expect(fresh.dayInfo('2025-12-31').holiday).toBe('跨进程测试');

    // Nothing changed since: after the next interval the same calendar is kept, not rebuilt.
    clock.advance(CALENDAR_RECHECK_MS + 1);
    expect(await getWorkCalendar(t.ctx)).toBe(fresh);
  });
});

describe('seeding a directory with new years', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ys-calendar-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads a missing year and skips one that contradicts a loaded neighbour', async () => {
    // Test fixtures, not official schedules.
    const y2027: YearSchedule = {
      year: 2027,
      notice: '测试 2027',
      holidays: [
        { name: '元旦', start: '2027-01-01', end: '2027-01-01' },
        { name: '年末测试', start: '2027-12-31', end: '2027-12-31' },
      ],
      makeupWorkdays: [],
    };
    const y2028: YearSchedule = {
      year: 2028,
      notice: '测试 2028',
      holidays: [{ name: '元旦', start: '2027-12-31', end: '2028-01-01' }],
      makeupWorkdays: [],
    };
    writeFileSync(path.join(dir, '2027.json'), JSON.stringify(y2027));
    writeFileSync(path.join(dir, '2028.json'), JSON.stringify(y2028));
    expect(await seedCalendarYearsFromConfig(t.ctx, dir)).toEqual([2027]);
    const cal = await getWorkCalendar(t.ctx);
    expect(cal.addWorkdays('2026-12-31', 1)).toBe('2027-01-04');
    expect(() => cal.dayInfo('2028-01-03')).toThrow(
      expect.objectContaining({ code: 'CALENDAR_YEAR_NOT_LOADED' }),
    );
    const versions = await listCalendarYearVersions(t.ctx, 2027);
    expect(versions.map((v) => [v.version, v.createdBy])).toEqual([[1, 'system:config']]);
  });

  it('refuses a directory with an invalid file', async () => {
    writeFileSync(
      path.join(dir, '2029.json'),
      JSON.stringify({ year: 2030, notice: 'x', holidays: [], makeupWorkdays: [] }),
    );
    await expect(seedCalendarYearsFromConfig(t.ctx, dir)).rejects.toThrow(/2029\.json: holds year 2030/);
  });
});
