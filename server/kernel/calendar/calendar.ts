/**
 * Working-day calendar kernel (DOMAIN.md §1). Each year's official schedule (国务院办公厅节假日安排通知) is data;
 * `WorkCalendar` turns the loaded years into a precomputed index so every query is O(1).
 *
 * A calculation that reaches a year with no loaded schedule throws `CALENDAR_YEAR_NOT_LOADED` rather than
 * silently assuming Monday–Friday: a wrong statutory deadline is worse than a visible error.
 *
 * Days that a notice places before 1 January (2023's 元旦 block starts 2022-12-31; the 2012 notice made
 * 2011-12-31 a make-up working day) belong to the year they fall in. They are applied to that previous year when it
 * is loaded, must not contradict what the previous year's own file says about the same day, and are ignored when
 * the previous year is not loaded (any date in that year is "not loaded" anyway). The later notice thus acts as an
 * amendment of the earlier year, which is what it legally is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, type FieldViolation } from '../errors.ts';
import {
  SATURDAY,
  SUNDAY,
  civilFromEpochDay,
  daysInMonth,
  epochDay,
  formatEpochDay,
  isValidIsoDate,
  parseIsoDate,
  parseIsoMonth,
  weekdayOfEpochDay,
} from './date.ts';

export { isValidIsoDate } from './date.ts';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

/** A block of consecutive rest days, `YYYY-MM-DD` inclusive. */
export interface HolidayBlock {
  name: string;
  start: string;
  end: string;
}

/** A weekend day declared a working day (调休上班); `name` is the holiday it serves. */
export interface MakeupDay {
  date: string;
  name: string;
}

export interface YearSchedule {
  year: number;
  notice: string;
  publishedOn?: string;
  holidays: HolidayBlock[];
  makeupWorkdays: MakeupDay[];
}

export interface DayInfo {
  date: string;
  workday: boolean;
  kind: DayKind;
  holiday: string | null;
}

export const MIN_SCHEDULE_YEAR = 2000;
export const MAX_SCHEDULE_YEAR = 2100;

export type ScheduleValidation = { ok: true; value: YearSchedule } | { ok: false; errors: FieldViolation[] };

const SCHEDULE_KEYS = new Set(['year', 'notice', 'publishedOn', 'holidays', 'makeupWorkdays']);
const BLOCK_KEYS = new Set(['name', 'start', 'end']);
const MAKEUP_KEYS = new Set(['date', 'name']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

/**
 * Validates one year's schedule as entered by an administrator or read from `config/calendar/*.json`.
 * Unknown keys are rejected because a misspelt `makeupWorkday` would otherwise silently drop every make-up day.
 * Checks that need the neighbouring year (spill-over days agreeing with it) happen in `WorkCalendar`.
 */
export function validateYearSchedule(input: unknown): ScheduleValidation {
  const errors: FieldViolation[] = [];
  const fail = (field: string, rule: string, message: string): void => {
    errors.push({ field, rule, message });
  };
  if (!isRecord(input)) {
    fail('', 'type', 'schedule must be an object');
    return { ok: false, errors };
  }
  for (const key of Object.keys(input)) {
    if (!SCHEDULE_KEYS.has(key)) fail(`/${key}`, 'unknown_field', `unknown field "${key}"`);
  }

  const year = input.year;
  let yearOk = false;
  if (typeof year !== 'number' || !Number.isInteger(year)) {
    fail('/year', 'type', 'year must be an integer');
  } else if (year < MIN_SCHEDULE_YEAR || year > MAX_SCHEDULE_YEAR) {
    fail('/year', 'range', `year must be between ${MIN_SCHEDULE_YEAR} and ${MAX_SCHEDULE_YEAR}`);
  } else {
    yearOk = true;
  }
  // Only used when yearOk; the earliest spill-over day is 1 December of the previous year.
  const y = yearOk ? (year as number) : 0;
  const firstAllowed = `${y - 1}-12-01`;
  const yearStart = `${y}-01-01`;
  const yearEnd = `${y}-12-31`;

  if (!nonEmptyString(input.notice))
    fail('/notice', 'required', 'notice (通知文号或标题) must be a non-empty string');
  if (
    input.publishedOn !== undefined &&
    !(typeof input.publishedOn === 'string' && isValidIsoDate(input.publishedOn))
  ) {
    fail('/publishedOn', 'format', 'publishedOn must be a real date in YYYY-MM-DD form');
  }

  const dateField = (v: unknown, field: string): string | null => {
    if (typeof v === 'string' && isValidIsoDate(v)) return v;
    fail(
      field,
      'format',
      `${field.slice(field.lastIndexOf('/') + 1)} must be a real date in YYYY-MM-DD form`,
    );
    return null;
  };

  const holidays: HolidayBlock[] = [];
  const blocksForOverlap: { index: number; start: string; end: string }[] = [];
  if (!Array.isArray(input.holidays)) {
    fail('/holidays', 'type', 'holidays must be an array');
  } else {
    input.holidays.forEach((item: unknown, i: number) => {
      const at = `/holidays/${i}`;
      if (!isRecord(item)) {
        fail(at, 'type', 'holiday block must be an object');
        return;
      }
      for (const key of Object.keys(item)) {
        if (!BLOCK_KEYS.has(key)) fail(`${at}/${key}`, 'unknown_field', `unknown field "${key}"`);
      }
      if (!nonEmptyString(item.name))
        fail(`${at}/name`, 'required', 'holiday name must be a non-empty string');
      const start = dateField(item.start, `${at}/start`);
      const end = dateField(item.end, `${at}/end`);
      if (start === null || end === null) return;
      if (start > end) {
        fail(at, 'order', `start ${start} is after end ${end}`);
        return;
      }
      if (yearOk) {
        if (end < yearStart || end > yearEnd) {
          fail(`${at}/end`, 'outside_year', `holiday block must end in ${y}`);
        } else if (start < firstAllowed) {
          fail(`${at}/start`, 'outside_year', `holiday block may start no earlier than ${firstAllowed}`);
        }
      }
      blocksForOverlap.push({ index: i, start, end });
      if (typeof item.name === 'string') holidays.push({ name: item.name, start, end });
    });
  }

  const sorted = [...blocksForOverlap].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1];
    const cur = sorted[k];
    if (prev && cur && cur.start <= prev.end) {
      fail(`/holidays/${cur.index}`, 'overlap', `overlaps holiday block /holidays/${prev.index}`);
    }
  }

  const blockNames = new Set(holidays.map((h) => h.name));
  const makeupWorkdays: MakeupDay[] = [];
  if (!Array.isArray(input.makeupWorkdays)) {
    fail('/makeupWorkdays', 'type', 'makeupWorkdays must be an array');
  } else {
    const seen = new Map<string, number>();
    input.makeupWorkdays.forEach((item: unknown, i: number) => {
      const at = `/makeupWorkdays/${i}`;
      if (!isRecord(item)) {
        fail(at, 'type', 'make-up day must be an object');
        return;
      }
      for (const key of Object.keys(item)) {
        if (!MAKEUP_KEYS.has(key)) fail(`${at}/${key}`, 'unknown_field', `unknown field "${key}"`);
      }
      if (!nonEmptyString(item.name)) {
        fail(`${at}/name`, 'required', 'make-up day name must be a non-empty string');
      } else if (Array.isArray(input.holidays) && !blockNames.has(item.name)) {
        // A make-up day always serves a holiday of the same notice; a name that matches none is a typo.
        fail(
          `${at}/name`,
          'unknown_holiday',
          `"${item.name}" is not the name of a holiday block in this schedule`,
        );
      }
      const date = dateField(item.date, `${at}/date`);
      if (date === null) return;
      if (yearOk && (date < firstAllowed || date > yearEnd)) {
        fail(`${at}/date`, 'outside_year', `make-up day must fall between ${firstAllowed} and ${yearEnd}`);
      }
      const wd = weekdayOfEpochDay(parseIsoDate(date));
      if (wd !== SATURDAY && wd !== SUNDAY)
        fail(`${at}/date`, 'not_weekend', `${date} is not a Saturday or Sunday`);
      const first = seen.get(date);
      if (first !== undefined) {
        fail(`${at}/date`, 'duplicate', `${date} is already listed at /makeupWorkdays/${first}`);
      } else {
        seen.set(date, i);
      }
      for (const b of blocksForOverlap) {
        if (date >= b.start && date <= b.end) {
          fail(`${at}/date`, 'overlap', `${date} lies inside holiday block /holidays/${b.index}`);
        }
      }
      if (typeof item.name === 'string') makeupWorkdays.push({ date, name: item.name });
    });
  }

  if (errors.length > 0) return { ok: false, errors };
  const value: YearSchedule = {
    year: y,
    notice: input.notice as string,
    holidays,
    makeupWorkdays,
  };
  if (typeof input.publishedOn === 'string') value.publishedOn = input.publishedOn;
  return { ok: true, value };
}

// Kind codes stored in the per-day index; GAP marks days of years that are inside the span but not loaded.
const K_WORKDAY = 0;
const K_WEEKEND = 1;
const K_HOLIDAY = 2;
const K_MAKEUP = 3;
const K_GAP = 4;
const KIND_NAMES: readonly DayKind[] = ['workday', 'weekend', 'holiday', 'makeup_workday'];

function yearNotLoaded(year: number): AppError {
  return new AppError(
    'CALENDAR_YEAR_NOT_LOADED',
    `No working-day schedule is loaded for ${year}; load the State Council holiday notice for ${year} first.`,
    { params: { year }, extra: { year } },
  );
}

function malformedDate(s: unknown): RangeError {
  return new RangeError(`invalid calendar date ${JSON.stringify(s)}: expected a real date as YYYY-MM-DD`);
}

function invalidSchedules(detail: string, errors: FieldViolation[]): AppError {
  return new AppError('VALIDATION_FAILED', detail, { errors });
}

export class WorkCalendar {
  readonly #years: number[];
  /** Epoch day of 1 January of the first loaded year: day index 0. */
  readonly #base: number;
  readonly #size: number;
  readonly #kind: Uint8Array;
  /** 1 for working days; kept separate from `#kind` so the hot path reads one byte without a comparison chain. */
  readonly #work: Uint8Array;
  /** Index into `#names`, -1 for none. */
  readonly #nameIdx: Int16Array;
  readonly #names: string[];
  /** Working days in [0, i], inclusive. */
  readonly #cum: Int32Array;
  /** Day index of the working day of rank r (0-based). */
  readonly #workAt: Int32Array;
  /** Runs of consecutive loaded years: a result in another run crossed a gap year. -1 for gap days. */
  readonly #run: Int16Array;
  readonly #runFirstYear: number[];
  readonly #runLastYear: number[];
  readonly #text: string[];

  constructor(years: readonly YearSchedule[]) {
    const errors: FieldViolation[] = [];
    const schedules: YearSchedule[] = [];
    const byYear = new Map<number, number>();
    years.forEach((input, k) => {
      const r = validateYearSchedule(input);
      if (!r.ok) {
        for (const e of r.errors) errors.push({ ...e, field: `/${k}${e.field}` });
        return;
      }
      const dup = byYear.get(r.value.year);
      if (dup !== undefined) {
        errors.push({
          field: `/${k}/year`,
          rule: 'duplicate',
          message: `year ${r.value.year} is also given at /${dup}`,
        });
        return;
      }
      byYear.set(r.value.year, k);
      schedules.push(r.value);
    });
    if (errors.length > 0) throw invalidSchedules('Invalid working-day schedule', errors);
    schedules.sort((a, b) => a.year - b.year);

    this.#years = schedules.map((s) => s.year);
    const loaded = new Set(this.#years);
    const first = this.#years[0];
    const last = this.#years[this.#years.length - 1];
    this.#base = first === undefined ? 0 : epochDay(first, 1, 1);
    this.#size = first === undefined || last === undefined ? 0 : epochDay(last + 1, 1, 1) - this.#base;
    const n = this.#size;

    this.#kind = new Uint8Array(n);
    this.#work = new Uint8Array(n);
    this.#nameIdx = new Int16Array(n).fill(-1);
    this.#run = new Int16Array(n);
    this.#runFirstYear = [];
    this.#runLastYear = [];
    this.#text = new Array<string>(n);
    this.#names = [];

    if (first !== undefined && last !== undefined) {
      let run = -1;
      for (let year = first; year <= last; year++) {
        const from = epochDay(year, 1, 1) - this.#base;
        const to = epochDay(year + 1, 1, 1) - this.#base;
        const isLoaded = loaded.has(year);
        if (isLoaded) {
          if (!loaded.has(year - 1)) {
            run++;
            this.#runFirstYear.push(year);
            this.#runLastYear.push(year);
          } else {
            this.#runLastYear[run] = year;
          }
        }
        for (let i = from; i < to; i++) {
          const wd = weekdayOfEpochDay(this.#base + i);
          this.#kind[i] = !isLoaded ? K_GAP : wd === SATURDAY || wd === SUNDAY ? K_WEEKEND : K_WORKDAY;
          this.#run[i] = isLoaded ? run : -1;
        }
      }
      for (let i = 0; i < n; i++) this.#text[i] = formatEpochDay(this.#base + i);
    }

    const nameIds = new Map<string, number>();
    const nameId = (name: string): number => {
      let id = nameIds.get(name);
      if (id === undefined) {
        id = this.#names.length;
        this.#names.push(name);
        nameIds.set(name, id);
      }
      return id;
    };
    // Who marked each day, to reject a spill-over day that another year's file classifies differently.
    const claimedBy = new Map<number, { year: number; field: string }>();
    const mark = (epoch: number, kind: number, name: string, year: number, field: string): void => {
      const i = epoch - this.#base;
      if (i < 0 || i >= n || this.#kind[i] === K_GAP) return;
      const id = nameId(name);
      const prior = claimedBy.get(i);
      if (prior) {
        if (this.#kind[i] !== kind || this.#nameIdx[i] !== id) {
          const text = this.#text[i] ?? formatEpochDay(epoch);
          errors.push({
            field: `/${byYear.get(year) ?? year}${field}`,
            rule: 'conflict',
            message: `${text} is classified differently by the ${prior.year} schedule (${prior.field})`,
          });
        }
        return;
      }
      claimedBy.set(i, { year, field });
      this.#kind[i] = kind;
      this.#nameIdx[i] = id;
    };
    for (const s of schedules) {
      s.holidays.forEach((h, k) => {
        const end = parseIsoDate(h.end);
        for (let e = parseIsoDate(h.start); e <= end; e++)
          mark(e, K_HOLIDAY, h.name, s.year, `/holidays/${k}`);
      });
      s.makeupWorkdays.forEach((m, k) => {
        mark(parseIsoDate(m.date), K_MAKEUP, m.name, s.year, `/makeupWorkdays/${k}`);
      });
    }
    if (errors.length > 0) throw invalidSchedules('Working-day schedules of adjacent years disagree', errors);

    let count = 0;
    this.#cum = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const kind = this.#kind[i];
      if (kind === K_WORKDAY || kind === K_MAKEUP) {
        this.#work[i] = 1;
        count++;
      }
      this.#cum[i] = count;
    }
    this.#workAt = new Int32Array(count);
    for (let i = 0, r = 0; i < n; i++) if (this.#work[i] === 1) this.#workAt[r++] = i;
  }

  /**
   * Loads every `*.json` in `dir` (sorted by name). A file named `YYYY.json` must hold that year, so a copied file
   * whose `year` was not updated cannot shadow another year.
   */
  static fromConfigDir(dir: string): WorkCalendar {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    const years: YearSchedule[] = [];
    const errors: FieldViolation[] = [];
    for (const file of files) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      } catch (cause) {
        errors.push({ field: file, rule: 'json', message: `not valid JSON: ${(cause as Error).message}` });
        continue;
      }
      const r = validateYearSchedule(parsed);
      if (!r.ok) {
        for (const e of r.errors) errors.push({ ...e, field: `${file}${e.field}` });
        continue;
      }
      const named = /^(\d{4})\.json$/.exec(file);
      if (named && Number(named[1]) !== r.value.year) {
        errors.push({
          field: `${file}/year`,
          rule: 'file_name',
          message: `file ${file} holds year ${r.value.year}`,
        });
        continue;
      }
      years.push(r.value);
    }
    if (errors.length > 0) throw invalidSchedules(`Invalid working-day schedule in ${dir}`, errors);
    return new WorkCalendar(years);
  }

  loadedYears(): number[] {
    return [...this.#years];
  }

  /** Day index of a loaded date; RangeError when malformed, CALENDAR_YEAR_NOT_LOADED when outside loaded years. */
  #index(date: string): number {
    const e = parseIsoDate(date);
    if (e !== e) throw malformedDate(date);
    const i = e - this.#base;
    if (i < 0 || i >= this.#size || this.#kind[i] === K_GAP) throw yearNotLoaded(civilFromEpochDay(e).year);
    return i;
  }

  /** The first year not loaded when walking from day `i` forwards (`dir` >= 0) or backwards (`dir` < 0). */
  #edgeYear(i: number, dir: number): number {
    const run = this.#run[i] ?? 0;
    return dir >= 0 ? (this.#runLastYear[run] ?? 0) + 1 : (this.#runFirstYear[run] ?? 0) - 1;
  }

  #info(i: number): DayInfo {
    const kind = this.#kind[i] ?? K_GAP;
    const nameIdx = this.#nameIdx[i] ?? -1;
    return {
      date: this.#text[i] ?? '',
      workday: this.#work[i] === 1,
      kind: KIND_NAMES[kind] ?? 'workday',
      holiday: nameIdx < 0 ? null : (this.#names[nameIdx] ?? null),
    };
  }

  dayInfo(date: string): DayInfo {
    return this.#info(this.#index(date));
  }

  isWorkday(date: string): boolean {
    return this.#work[this.#index(date)] === 1;
  }

  /**
   * The `days`-th working day after `from`, not counting `from` (《民法典》第201条). `days = 0` gives `from` itself
   * when it is a working day, else the next working day (a deadline on a rest day moves to the next working day).
   * Negative `days` gives the |days|-th working day before `from`, again not counting `from`.
   */
  addWorkdays(from: string, days: number): string {
    const i = this.#index(from);
    if (!Number.isSafeInteger(days)) throw new RangeError(`days must be an integer, got ${String(days)}`);
    const cum = this.#cum[i] ?? 0;
    let rank: number;
    if (days > 0) {
      rank = cum + days - 1;
    } else if (days === 0) {
      if (this.#work[i] === 1) return this.#text[i] ?? from;
      rank = cum;
    } else {
      rank = cum - (this.#work[i] ?? 0) + days;
    }
    if (rank < 0 || rank >= this.#workAt.length) throw yearNotLoaded(this.#edgeYear(i, days));
    const j = this.#workAt[rank] ?? 0;
    // Gap days are never working days, so a count that crosses a gap year lands in another run.
    if (this.#run[j] !== this.#run[i]) throw yearNotLoaded(this.#edgeYear(i, days));
    return this.#text[j] ?? '';
  }

  /**
   * Working days d with from < d <= to, so `addWorkdays(a, n) = b` implies `workdaysBetween(a, b) = n` for n > 0.
   * When to < from the result is `-workdaysBetween(to, from)`: antisymmetric, so "days left" and "days overdue"
   * are the same number with opposite signs.
   */
  workdaysBetween(from: string, to: string): number {
    const i = this.#index(from);
    const j = this.#index(to);
    if (this.#run[i] !== this.#run[j]) throw yearNotLoaded(this.#edgeYear(i, j - i));
    return (this.#cum[j] ?? 0) - (this.#cum[i] ?? 0);
  }

  workdaysInYear(year: number): number {
    if (!Number.isInteger(year)) throw new RangeError(`year must be an integer, got ${String(year)}`);
    if (!this.#years.includes(year)) throw yearNotLoaded(year);
    const start = epochDay(year, 1, 1) - this.#base;
    const end = epochDay(year, 12, 31) - this.#base;
    return (this.#cum[end] ?? 0) - (start > 0 ? (this.#cum[start - 1] ?? 0) : 0);
  }

  /** Every day of a `YYYY-MM` month, in order. */
  month(yyyyMm: string): DayInfo[] {
    const m = parseIsoMonth(yyyyMm);
    if (!m) throw new RangeError(`invalid month ${JSON.stringify(yyyyMm)}: expected YYYY-MM`);
    if (!this.#years.includes(m.year)) throw yearNotLoaded(m.year);
    const start = epochDay(m.year, m.month, 1) - this.#base;
    const out: DayInfo[] = [];
    for (let d = 0, len = daysInMonth(m.year, m.month); d < len; d++) out.push(this.#info(start + d));
    return out;
  }
}
