import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorRegistry, KernelErrors } from '../errors.ts';
import { WorkCalendar, isValidIsoDate, validateYearSchedule, type YearSchedule } from './calendar.ts';

const CONFIG_DIR = fileURLToPath(new URL('../../../config/calendar/', import.meta.url));
const YEARS = [2022, 2023, 2024, 2025, 2026] as const;

function loadYear(year: number): YearSchedule {
  return JSON.parse(readFileSync(join(CONFIG_DIR, `${year}.json`), 'utf8')) as YearSchedule;
}

const cal = WorkCalendar.fromConfigDir(CONFIG_DIR);

/**
 * Independent reference: walks real `Date` objects day by day over the raw JSON, sharing no code with the index,
 * so a bug in the cumulative tables cannot hide behind the same bug in the oracle.
 */
function naiveOracle(schedules: readonly YearSchedule[]) {
  const rest = new Set<string>();
  const makeup = new Set<string>();
  for (const s of schedules) {
    for (const h of s.holidays) {
      for (
        let d = new Date(`${h.start}T00:00:00Z`);
        d <= new Date(`${h.end}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() + 1)
      ) {
        rest.add(d.toISOString().slice(0, 10));
      }
    }
    for (const m of s.makeupWorkdays) makeup.add(m.date);
  }
  const isWork = (d: Date): boolean => {
    const key = d.toISOString().slice(0, 10);
    if (makeup.has(key)) return true;
    if (rest.has(key)) return false;
    const wd = d.getUTCDay();
    return wd !== 0 && wd !== 6;
  };
  return {
    add(from: string, days: number): string {
      const d = new Date(`${from}T00:00:00Z`);
      if (days === 0) {
        while (!isWork(d)) d.setUTCDate(d.getUTCDate() + 1);
        return d.toISOString().slice(0, 10);
      }
      const step = days > 0 ? 1 : -1;
      for (let left = Math.abs(days); left > 0;) {
        d.setUTCDate(d.getUTCDate() + step);
        if (isWork(d)) left--;
      }
      return d.toISOString().slice(0, 10);
    },
    between(from: string, to: string): number {
      const sign = to >= from ? 1 : -1;
      const [lo, hi] = sign > 0 ? [from, to] : [to, from];
      let n = 0;
      const d = new Date(`${lo}T00:00:00Z`);
      const end = new Date(`${hi}T00:00:00Z`);
      for (d.setUTCDate(d.getUTCDate() + 1); d <= end; d.setUTCDate(d.getUTCDate() + 1)) if (isWork(d)) n++;
      return sign * n;
    },
  };
}

/** Deterministic PRNG so a failing random case reproduces. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomDate(rnd: () => number, first: string, last: string): string {
  const lo = Date.parse(`${first}T00:00:00Z`);
  const hi = Date.parse(`${last}T00:00:00Z`);
  const day = Math.floor(rnd() * ((hi - lo) / 86_400_000 + 1));
  return new Date(lo + day * 86_400_000).toISOString().slice(0, 10);
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to throw');
}

function expectNotLoaded(fn: () => unknown, year: number): void {
  const e = catchError(fn);
  expect(e).toBeInstanceOf(AppError);
  const err = e as AppError;
  expect(err.code).toBe('CALENDAR_YEAR_NOT_LOADED');
  expect(new ErrorRegistry([KernelErrors]).spec(err.code)?.status).toBe(422);
  expect(err.extra).toEqual({ year });
  expect(err.params).toEqual({ year });
  expect(err.detail).toContain(String(year));
  // English fallback only: the web renders errors.CALENDAR_YEAR_NOT_LOADED in the user's language from params.
  expect(err.detail).not.toMatch(/[\u4e00-\u9fff]/);
  expect(err.detail).toMatch(/not loaded|No working-day schedule/);
}

function violations(input: unknown): { field: string; rule: string }[] {
  const r = validateYearSchedule(input);
  if (r.ok) return [];
  return r.errors.map(({ field, rule }) => ({ field, rule }));
}

describe('DOMAIN.md §1 examples', () => {
  it('the 5th working day after 2024-09-27 is 2024-10-10 (国庆 block and the 09-29 make-up Sunday)', () => {
    expect(cal.addWorkdays('2024-09-27', 5)).toBe('2024-10-10');
  });

  it('the 20th working day after 2024-12-31 is 2025-02-05 (across the year boundary and 春节)', () => {
    expect(cal.addWorkdays('2024-12-31', 20)).toBe('2025-02-05');
  });

  it('2024-02-09 (除夕) was an ordinary working day', () => {
    expect(cal.isWorkday('2024-02-09')).toBe(true);
    expect(cal.dayInfo('2024-02-09')).toEqual({
      date: '2024-02-09',
      workday: true,
      kind: 'workday',
      holiday: null,
    });
  });

  it.each([
    [2022, 249],
    [2023, 249],
    [2024, 251],
    [2025, 248],
    [2026, 248],
  ])('%i has %i working days', (year, expected) => {
    expect(cal.workdaysInYear(year)).toBe(expected);
    const counted = Array.from({ length: 12 }, (_, m) =>
      cal.month(`${year}-${String(m + 1).padStart(2, '0')}`),
    )
      .flat()
      .filter((d) => d.workday).length;
    expect(counted).toBe(expected);
  });
});

describe('day kinds', () => {
  it('classifies holidays, make-up days, weekends and weekdays', () => {
    expect(cal.dayInfo('2024-10-01')).toEqual({
      date: '2024-10-01',
      workday: false,
      kind: 'holiday',
      holiday: '国庆节',
    });
    expect(cal.dayInfo('2024-02-04')).toEqual({
      date: '2024-02-04',
      workday: true,
      kind: 'makeup_workday',
      holiday: '春节',
    });
    expect(cal.dayInfo('2024-03-02')).toEqual({
      date: '2024-03-02',
      workday: false,
      kind: 'weekend',
      holiday: null,
    });
    expect(cal.dayInfo('2023-10-03').holiday).toBe('中秋节、国庆节');
    expect(cal.isWorkday('2023-10-07')).toBe(true);
  });

  it('attributes 2022-12-31 (start of the 2023 元旦 block) to 2022, and ignores it when only 2022 is loaded', () => {
    expect(cal.dayInfo('2022-12-31')).toEqual({
      date: '2022-12-31',
      workday: false,
      kind: 'holiday',
      holiday: '元旦',
    });
    const only2022 = new WorkCalendar([loadYear(2022)]);
    expect(only2022.dayInfo('2022-12-31').kind).toBe('weekend');
    expect(only2022.workdaysInYear(2022)).toBe(249);
    const only2023 = new WorkCalendar([loadYear(2023)]);
    expect(only2023.dayInfo('2023-01-01').kind).toBe('holiday');
    expectNotLoaded(() => only2023.dayInfo('2022-12-31'), 2022);
  });

  it('month() lists every day of the month in order', () => {
    const feb = cal.month('2024-02');
    expect(feb).toHaveLength(29);
    expect(feb[0]?.date).toBe('2024-02-01');
    expect(feb[28]?.date).toBe('2024-02-29');
    expect(feb.filter((d) => d.kind === 'holiday').map((d) => d.date)).toEqual([
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
      '2024-02-15',
      '2024-02-16',
      '2024-02-17',
    ]);
    expect(feb.filter((d) => d.kind === 'makeup_workday').map((d) => d.date)).toEqual([
      '2024-02-04',
      '2024-02-18',
    ]);
    expect(cal.month('2023-02')).toHaveLength(28);
  });
});

describe('addWorkdays', () => {
  it('rolls a rest day forward to the next working day when days = 0', () => {
    expect(cal.addWorkdays('2024-10-01', 0)).toBe('2024-10-08');
    expect(cal.addWorkdays('2024-10-05', 0)).toBe('2024-10-08');
    expect(cal.addWorkdays('2024-10-13', 0)).toBe('2024-10-14');
    expect(cal.addWorkdays('2022-12-31', 0)).toBe('2023-01-03');
  });

  it('returns the day itself for days = 0 on a working day, including a make-up weekend day', () => {
    expect(cal.addWorkdays('2024-10-08', 0)).toBe('2024-10-08');
    expect(cal.addWorkdays('2024-10-12', 0)).toBe('2024-10-12');
  });

  it('does not count the start day', () => {
    expect(cal.addWorkdays('2024-10-08', 1)).toBe('2024-10-09');
    expect(cal.addWorkdays('2024-10-05', 1)).toBe('2024-10-08');
    expect(cal.addWorkdays('2024-10-11', 1)).toBe('2024-10-12');
  });

  it('counts backwards for negative days, symmetrically', () => {
    expect(cal.addWorkdays('2024-10-10', -5)).toBe('2024-09-27');
    expect(cal.addWorkdays('2024-10-08', -1)).toBe('2024-09-30');
    expect(cal.addWorkdays('2024-10-07', -1)).toBe('2024-09-30');
    expect(cal.addWorkdays('2025-02-05', -20)).toBe('2024-12-31');
    expect(cal.addWorkdays('2023-01-03', -1)).toBe('2022-12-30');
  });

  it('agrees with a day-by-day oracle and inverts workdaysBetween on random inputs', () => {
    const oracle = naiveOracle(YEARS.map(loadYear));
    const rnd = mulberry32(20240927);
    for (let k = 0; k < 3000; k++) {
      // Far enough from both ends that ±100 working days stays inside 2022–2026.
      const a = randomDate(rnd, '2022-07-01', '2026-06-30');
      const n = Math.floor(rnd() * 201) - 100;
      const b = cal.addWorkdays(a, n);
      expect(b, `addWorkdays(${a}, ${n})`).toBe(oracle.add(a, n));
      expect(cal.isWorkday(b), `addWorkdays(${a}, ${n}) = ${b} is a working day`).toBe(true);
      if (n > 0) expect(cal.workdaysBetween(a, b), `workdaysBetween(${a}, ${b})`).toBe(n);
      if (n < 0 && cal.isWorkday(a)) expect(cal.workdaysBetween(a, b), `workdaysBetween(${a}, ${b})`).toBe(n);
    }
  });

  it('rejects a non-integer day count', () => {
    expect(() => cal.addWorkdays('2024-10-08', 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkdays('2024-10-08', Number.NaN)).toThrow(RangeError);
    expect(() => cal.addWorkdays('2024-10-08', Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('workdaysBetween', () => {
  it('counts working days d with from < d <= to', () => {
    expect(cal.workdaysBetween('2024-09-27', '2024-10-10')).toBe(5);
    expect(cal.workdaysBetween('2024-10-01', '2024-10-07')).toBe(0);
    expect(cal.workdaysBetween('2024-10-08', '2024-10-08')).toBe(0);
    // 2022-01-01 is a holiday, so excluding it still leaves every working day of the five years.
    expect(cal.workdaysBetween('2022-01-01', '2026-12-31')).toBe(249 + 249 + 251 + 248 + 248);
  });

  it('is antisymmetric and agrees with the oracle on random pairs', () => {
    const oracle = naiveOracle(YEARS.map(loadYear));
    const rnd = mulberry32(7);
    for (let k = 0; k < 500; k++) {
      const a = randomDate(rnd, '2022-01-01', '2026-12-31');
      const b = randomDate(rnd, '2022-01-01', '2026-12-31');
      const n = cal.workdaysBetween(a, b);
      expect(n, `workdaysBetween(${a}, ${b})`).toBe(oracle.between(a, b));
      expect(cal.workdaysBetween(b, a), `workdaysBetween(${b}, ${a})`).toBe(n === 0 ? 0 : -n);
    }
  });
});

describe('years without a loaded schedule', () => {
  it('throws CALENDAR_YEAR_NOT_LOADED for dates in 2027 and 2021', () => {
    expectNotLoaded(() => cal.dayInfo('2027-01-04'), 2027);
    expectNotLoaded(() => cal.isWorkday('2021-12-31'), 2021);
    expectNotLoaded(() => cal.addWorkdays('2027-03-01', 1), 2027);
    expectNotLoaded(() => cal.workdaysBetween('2026-12-01', '2027-01-10'), 2027);
    expectNotLoaded(() => cal.workdaysInYear(2027), 2027);
    expectNotLoaded(() => cal.month('2021-12'), 2021);
  });

  it('throws when a result runs past 2026-12-31 or before 2022-01-01', () => {
    expectNotLoaded(() => cal.addWorkdays('2026-12-31', 1), 2027);
    expectNotLoaded(() => cal.addWorkdays('2026-12-20', 30), 2027);
    expectNotLoaded(() => cal.addWorkdays('2022-01-05', -10), 2021);
    expectNotLoaded(() => cal.addWorkdays('2022-01-04', -1), 2021);
    // The last working day of 2026 is still reachable.
    expect(cal.addWorkdays('2026-12-30', 1)).toBe('2026-12-31');
    expect(cal.addWorkdays('2022-01-05', -1)).toBe('2022-01-04');
  });

  it('treats a gap between loaded years as not loaded', () => {
    const gap = new WorkCalendar([loadYear(2022), loadYear(2024)]);
    expect(gap.loadedYears()).toEqual([2022, 2024]);
    expectNotLoaded(() => gap.dayInfo('2023-05-05'), 2023);
    expectNotLoaded(() => gap.addWorkdays('2022-12-30', 1), 2023);
    // A rest day rolls forward into the missing year, so days = 0 must fail too.
    expectNotLoaded(() => gap.addWorkdays('2022-12-31', 0), 2023);
    expectNotLoaded(() => gap.addWorkdays('2024-01-02', -1), 2023);
    expectNotLoaded(() => gap.workdaysBetween('2022-06-01', '2024-06-01'), 2023);
    expectNotLoaded(() => gap.workdaysBetween('2024-06-01', '2022-06-01'), 2023);
    expect(gap.addWorkdays('2022-12-29', 1)).toBe('2022-12-30');
    expect(gap.workdaysInYear(2024)).toBe(251);
  });

  it('an empty calendar refuses every date', () => {
    const empty = new WorkCalendar([]);
    expect(empty.loadedYears()).toEqual([]);
    expectNotLoaded(() => empty.addWorkdays('2024-01-02', 1), 2024);
  });
});

describe('malformed input', () => {
  it.each([
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-2-1',
    '20240201',
    '',
    '2024-02-1x',
    ' 2024-02-01',
  ])('rejects %j with a RangeError', (bad) => {
    expect(() => cal.dayInfo(bad)).toThrow(RangeError);
    expect(() => cal.addWorkdays(bad, 1)).toThrow(RangeError);
    expect(isValidIsoDate(bad)).toBe(false);
  });

  it('rejects a malformed month', () => {
    expect(() => cal.month('2024-13')).toThrow(RangeError);
    expect(() => cal.month('2024-1')).toThrow(RangeError);
  });

  it('isValidIsoDate follows the Gregorian leap-year rule', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2000-02-29')).toBe(true);
    expect(isValidIsoDate('1900-02-29')).toBe(false);
    expect(isValidIsoDate('2026-12-31')).toBe(true);
  });
});

describe('validateYearSchedule', () => {
  const base = (): YearSchedule => loadYear(2024);

  it('accepts every shipped year, including the 2023 block that starts on 2022-12-31', () => {
    for (const year of YEARS) {
      const r = validateYearSchedule(loadYear(year));
      expect(r.ok, `config/calendar/${year}.json`).toBe(true);
    }
  });

  it('checks the year, the notice and publishedOn', () => {
    expect(violations({ ...base(), year: 1999 })).toContainEqual({ field: '/year', rule: 'range' });
    expect(violations({ ...base(), year: 2024.5 })).toContainEqual({ field: '/year', rule: 'type' });
    expect(violations({ ...base(), notice: '  ' })).toContainEqual({ field: '/notice', rule: 'required' });
    expect(violations({ ...base(), publishedOn: '2023-10-32' })).toContainEqual({
      field: '/publishedOn',
      rule: 'format',
    });
    expect(violations({ ...base(), publishedOn: undefined })).toEqual([]);
    expect(violations({ ...base(), makeupWorkday: [] })).toContainEqual({
      field: '/makeupWorkday',
      rule: 'unknown_field',
    });
    expect(violations('2024')).toEqual([{ field: '', rule: 'type' }]);
  });

  it('checks dates, ordering and the year boundary of holiday blocks', () => {
    const s = base();
    s.holidays = [
      { name: '元旦', start: '2024-01-01', end: '2024-02-30' },
      { name: '春节', start: '2024-02-17', end: '2024-02-10' },
      { name: '国庆节', start: '2024-12-31', end: '2025-01-01' },
      { name: '元旦', start: '2023-11-30', end: '2024-01-01' },
    ];
    s.makeupWorkdays = [];
    expect(violations(s)).toEqual([
      { field: '/holidays/0/end', rule: 'format' },
      { field: '/holidays/1', rule: 'order' },
      { field: '/holidays/2/end', rule: 'outside_year' },
      { field: '/holidays/3/start', rule: 'outside_year' },
    ]);
  });

  it('rejects overlapping holiday blocks', () => {
    const s = base();
    s.holidays.push({ name: '春节', start: '2024-02-17', end: '2024-02-18' });
    s.makeupWorkdays = s.makeupWorkdays.filter((m) => m.date !== '2024-02-18');
    expect(violations(s)).toEqual([{ field: '/holidays/7', rule: 'overlap' }]);
  });

  it('checks make-up days: weekend, inside the year, no duplicate, not inside a holiday, known holiday name', () => {
    const s = base();
    s.makeupWorkdays = [
      { date: '2024-02-05', name: '春节' },
      { date: '2024-02-04', name: '春节' },
      { date: '2024-02-04', name: '春节' },
      { date: '2024-02-10', name: '春节' },
      { date: '2025-01-04', name: '元旦' },
      { date: '2024-04-07', name: '清明' },
    ];
    expect(violations(s)).toEqual([
      { field: '/makeupWorkdays/0/date', rule: 'not_weekend' },
      { field: '/makeupWorkdays/2/date', rule: 'duplicate' },
      { field: '/makeupWorkdays/3/date', rule: 'overlap' },
      { field: '/makeupWorkdays/4/date', rule: 'outside_year' },
      { field: '/makeupWorkdays/5/name', rule: 'unknown_holiday' },
    ]);
  });

  it('allows a make-up day in the previous December (the 2012 notice made 2011-12-31 a working day)', () => {
    const r = validateYearSchedule({
      year: 2012,
      notice: '国务院办公厅关于2012年部分节假日安排的通知',
      holidays: [{ name: '元旦', start: '2012-01-01', end: '2012-01-03' }],
      makeupWorkdays: [{ date: '2011-12-31', name: '元旦' }],
    });
    expect(r.ok).toBe(true);
  });
});

describe('WorkCalendar construction', () => {
  it('rejects the same year twice and invalid schedules', () => {
    const e = catchError(() => new WorkCalendar([loadYear(2024), loadYear(2024)]));
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('VALIDATION_FAILED');
    expect((e as AppError).errors).toContainEqual(
      expect.objectContaining({ field: '/1/year', rule: 'duplicate' }),
    );
    const bad = { ...loadYear(2024), notice: '' };
    const e2 = catchError(() => new WorkCalendar([bad]));
    expect((e2 as AppError).errors).toContainEqual(
      expect.objectContaining({ field: '/0/notice', rule: 'required' }),
    );
  });

  it('rejects a spill-over day that the previous year classifies differently', () => {
    const y2022 = loadYear(2022);
    y2022.makeupWorkdays.push({ date: '2022-12-31', name: '国庆节' });
    const e = catchError(() => new WorkCalendar([y2022, loadYear(2023)]));
    expect((e as AppError).code).toBe('VALIDATION_FAILED');
    expect((e as AppError).errors).toContainEqual(
      expect.objectContaining({ field: '/1/holidays/0', rule: 'conflict' }),
    );
    // Agreeing with the spill-over (same kind and name) is fine.
    const agreeing = loadYear(2022);
    agreeing.holidays.push({ name: '元旦', start: '2022-12-31', end: '2022-12-31' });
    expect(new WorkCalendar([agreeing, loadYear(2023)]).dayInfo('2022-12-31').holiday).toBe('元旦');
  });

  it('fromConfigDir requires YYYY.json to hold that year', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
    try {
      writeFileSync(join(dir, '2024.json'), JSON.stringify({ ...loadYear(2025) }));
      const e = catchError(() => WorkCalendar.fromConfigDir(dir));
      expect((e as AppError).errors).toContainEqual(
        expect.objectContaining({ field: '2024.json/year', rule: 'file_name' }),
      );
      writeFileSync(join(dir, '2024.json'), '{ not json');
      const e2 = catchError(() => WorkCalendar.fromConfigDir(dir));
      expect((e2 as AppError).errors).toContainEqual(
        expect.objectContaining({ field: '2024.json', rule: 'json' }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fromConfigDir loads the shipped years 2022–2026', () => {
    expect(cal.loadedYears()).toEqual([...YEARS]);
  });
});
