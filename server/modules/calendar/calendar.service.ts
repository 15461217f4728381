/**
 * The working-day calendar as a service: loaded years live in `calendar_year` (version in force) and
 * `calendar_year_version` (history); the pure `WorkCalendar` index is built from them and cached per database.
 *
 * Cache: the hot path answers from memory. At most every CALENDAR_RECHECK_MS it runs one aggregate query
 * (row count + sum of versions) and rebuilds only when that changed, so an amendment made by another API process
 * is seen within a few seconds; an amendment made in this process is seen at once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { appendAudit, type AuditOrigin } from '../../kernel/audit.ts';
import {
  WorkCalendar,
  validateYearSchedule,
  type DayInfo,
  type YearSchedule,
} from '../../kernel/calendar/calendar.ts';
import { formatEpochDay, parseIsoDate } from '../../kernel/calendar/date.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError, type FieldViolation } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { CALENDAR_MANAGE, canManageCalendar } from './calendar.policy.ts';
import {
  listVersionRows,
  listYearRows,
  lockCalendarForWrite,
  readCalendarStamp,
  writeYearVersion,
} from './calendar.repository.ts';
import type { SaveYearInput, YearDto, YearSummaryDto, YearVersionDto } from './calendar.schemas.ts';
import type { YearRow } from './calendar.tables.ts';

/** `config/calendar/` of this checkout: the years shipped with the platform. */
export const CALENDAR_CONFIG_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'config', 'calendar');

/** How stale another process's amendment may be before this process notices it. */
export const CALENDAR_RECHECK_MS = 5_000;

const CONFIG_AUTHOR = 'config';

// ---------------------------------------------------------------------------------------------------------------
// Cache

interface LoadedYear {
  schedule: YearSchedule;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}

interface Snapshot {
  calendar: WorkCalendar;
  years: ReadonlyMap<number, LoadedYear>;
  yearCount: number;
  versionSum: number;
}

interface CacheState {
  snapshot: Snapshot | undefined;
  checkedAt: number;
  pending: Promise<Snapshot> | undefined;
  /** Reads are numbered when they start; a read that started earlier never replaces a later one's result. */
  reads: number;
  installedRead: number;
}

/** Keyed by database handle: tests and the CLI may hold several databases in one process. */
const caches = new WeakMap<Db, CacheState>();

function toSchedule(r: YearRow): YearSchedule {
  return {
    year: r.year,
    notice: r.notice,
    ...(r.published_on ? { publishedOn: r.published_on } : {}),
    holidays: r.holidays,
    makeupWorkdays: r.makeup_workdays,
  };
}

function buildSnapshot(rows: readonly YearRow[]): Snapshot {
  const calendar = new WorkCalendar(rows.map(toSchedule));
  const years = new Map<number, LoadedYear>();
  let versionSum = 0;
  for (const r of rows) {
    versionSum += r.version;
    years.set(r.year, {
      schedule: toSchedule(r),
      version: r.version,
      updatedAt: r.updated_at.toISOString(),
      updatedBy: r.updated_by,
    });
  }
  return { calendar, years, yearCount: rows.length, versionSum };
}

function cacheOf(db: Db): CacheState {
  let state = caches.get(db);
  if (!state) {
    state = { snapshot: undefined, checkedAt: 0, pending: undefined, reads: 0, installedRead: 0 };
    caches.set(db, state);
  }
  return state;
}

/** Reads every year and installs the result, unless a read that started later has already been installed. */
async function reload(ctx: AppContext, state: CacheState): Promise<Snapshot> {
  const read = ++state.reads;
  const snapshot = buildSnapshot(await listYearRows(ctx.db));
  if (read > state.installedRead) {
    state.snapshot = snapshot;
    state.installedRead = read;
  }
  state.checkedAt = ctx.clock.now().getTime();
  return state.snapshot ?? snapshot;
}

async function revalidate(ctx: AppContext, state: CacheState): Promise<Snapshot> {
  const current = state.snapshot;
  if (current) {
    const stamp = await readCalendarStamp(ctx.db);
    if (stamp.years === current.yearCount && stamp.versionSum === current.versionSum) {
      state.checkedAt = ctx.clock.now().getTime();
      return current;
    }
  }
  return reload(ctx, state);
}

async function snapshotOf(ctx: AppContext): Promise<Snapshot> {
  const state = cacheOf(ctx.db);
  const age = ctx.clock.now().getTime() - state.checkedAt;
  // A clock set backwards (tests, NTP step) makes the age negative: recheck rather than trust it forever.
  if (state.snapshot && age >= 0 && age < CALENDAR_RECHECK_MS) return state.snapshot;
  state.pending ??= revalidate(ctx, state).finally(() => {
    state.pending = undefined;
  });
  return state.pending;
}

/** Rebuilds this process's cache now (after a write here). */
async function refreshCalendar(ctx: AppContext): Promise<void> {
  await reload(ctx, cacheOf(ctx.db));
}

/**
 * The working-day calendar of every loaded year. Cheap to call per request: it is served from memory. Hold on to
 * it only for one computation; a later call may return a newer calendar after an amendment.
 */
export async function getWorkCalendar(ctx: AppContext): Promise<WorkCalendar> {
  return (await snapshotOf(ctx)).calendar;
}

// ---------------------------------------------------------------------------------------------------------------
// Queries

export async function getDay(ctx: AppContext, date: string): Promise<DayInfo> {
  return (await getWorkCalendar(ctx)).dayInfo(date);
}

export async function addWorkdaysFrom(
  ctx: AppContext,
  from: string,
  days: number,
): Promise<{ from: string; days: number; date: string }> {
  const date = (await getWorkCalendar(ctx)).addWorkdays(from, days);
  return { from, days, date };
}

export async function countWorkdaysBetween(
  ctx: AppContext,
  from: string,
  to: string,
): Promise<{ from: string; to: string; workdays: number }> {
  const workdays = (await getWorkCalendar(ctx)).workdaysBetween(from, to);
  return { from, to, workdays };
}

export async function getMonth(ctx: AppContext, month: string): Promise<{ month: string; days: DayInfo[] }> {
  return { month, days: (await getWorkCalendar(ctx)).month(month) };
}

function summaryDto(snapshot: Snapshot, y: LoadedYear): YearSummaryDto {
  return {
    year: y.schedule.year,
    notice: y.schedule.notice,
    version: y.version,
    publishedOn: y.schedule.publishedOn ?? null,
    workdays: snapshot.calendar.workdaysInYear(y.schedule.year),
    updatedAt: y.updatedAt,
    updatedBy: y.updatedBy,
  };
}

export async function listCalendarYears(ctx: AppContext): Promise<YearSummaryDto[]> {
  const snapshot = await snapshotOf(ctx);
  return [...snapshot.years.values()].map((y) => summaryDto(snapshot, y));
}

function yearNotFound(year: number): AppError {
  return new AppError('NOT_FOUND', `No working-day schedule is loaded for ${year}.`, {
    params: { reason: 'calendar-year', year },
    extra: { year },
  });
}

export async function getCalendarYear(ctx: AppContext, year: number): Promise<YearDto> {
  const snapshot = await snapshotOf(ctx);
  const y = snapshot.years.get(year);
  if (!y) throw yearNotFound(year);
  return {
    ...summaryDto(snapshot, y),
    holidays: y.schedule.holidays,
    makeupWorkdays: y.schedule.makeupWorkdays,
  };
}

/** Every saved version of a year, newest first. */
export async function listCalendarYearVersions(ctx: AppContext, year: number): Promise<YearVersionDto[]> {
  const rows = await listVersionRows(ctx.db, year);
  if (rows.length === 0) throw yearNotFound(year);
  return rows.map((r) => ({
    year: r.year,
    version: r.version,
    notice: r.notice,
    publishedOn: r.published_on,
    holidays: r.holidays,
    makeupWorkdays: r.makeup_workdays,
    reason: r.reason,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Writes

/**
 * Explains why `schedule` cannot join `others`: the days both claim but classify differently. The kernel decides
 * whether there is a conflict; this only names the body fields an administrator has to change.
 */
function neighbourConflicts(
  schedule: YearSchedule,
  others: readonly YearSchedule[],
  fieldPrefix: string,
): FieldViolation[] {
  type Claim = { kind: 'holiday' | 'makeup_workday'; name: string; field: string };
  const claims = (s: YearSchedule): Map<string, Claim> => {
    const out = new Map<string, Claim>();
    s.holidays.forEach((h, k) => {
      for (let e = parseIsoDate(h.start), end = parseIsoDate(h.end); e <= end; e++) {
        out.set(formatEpochDay(e), { kind: 'holiday', name: h.name, field: `/holidays/${k}` });
      }
    });
    s.makeupWorkdays.forEach((m, k) => {
      out.set(m.date, { kind: 'makeup_workday', name: m.name, field: `/makeupWorkdays/${k}` });
    });
    return out;
  };
  const mine = claims(schedule);
  const errors: FieldViolation[] = [];
  for (const other of others) {
    for (const [date, theirs] of claims(other)) {
      const own = mine.get(date);
      if (!own || (own.kind === theirs.kind && own.name === theirs.name)) continue;
      errors.push({
        field: `${fieldPrefix}${own.field}`,
        rule: 'neighbour_conflict',
        message:
          `${date} 在已加载的 ${other.year} 年安排（${theirs.field}）中为 ${theirs.name}（${theirs.kind}），两者不一致。` +
          ` ${date} is ${theirs.kind} (${theirs.name}) in the loaded ${other.year} schedule (${theirs.field}).`,
      });
    }
  }
  return errors;
}

/** Builds the trial calendar of all years; a contradiction with a loaded neighbour is a 400 naming the fields. */
function assertConsistent(schedule: YearSchedule, others: readonly YearSchedule[]): WorkCalendar {
  try {
    return new WorkCalendar([schedule, ...others]);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
    const explained = neighbourConflicts(schedule, others, '/body');
    throw new AppError(
      'CALENDAR_YEARS_INCONSISTENT',
      `The ${schedule.year} schedule contradicts a loaded neighbouring year.`,
      {
        params: { year: schedule.year },
        errors: explained.length > 0 ? explained : (err.errors ?? []),
        cause: err,
      },
    );
  }
}

/**
 * Loads a new year or amends a loaded one: validates, checks it against the neighbouring loaded years, writes
 * version n + 1 with its history row and the audit entry in one transaction, then refreshes this process's cache.
 *
 * `actor` is null only for trusted in-process callers (CLI, start-up), which must name themselves in
 * `origin.system`; they are recorded as `system:<name>`.
 */
export async function saveCalendarYear(
  ctx: AppContext,
  actor: Actor | null,
  year: number,
  input: SaveYearInput,
  origin: AuditOrigin,
): Promise<YearDto> {
  if (actor && !canManageCalendar(actor)) {
    throw new AppError('FORBIDDEN', `Permission ${CALENDAR_MANAGE} required.`, {
      params: { permission: CALENDAR_MANAGE },
      extra: { permission: CALENDAR_MANAGE },
    });
  }
  if (!actor && !origin.system) throw new Error('saveCalendarYear without an actor needs origin.system');
  const author = actor ? actor.username : `system:${origin.system ?? ''}`;

  // Unknown keys are passed on on purpose: validateYearSchedule rejects them (a misspelt key from a CLI file
  // must not silently drop data).
  const { reason: rawReason, year: bodyYear, publishedOn, ...rest } = input;
  if (bodyYear !== undefined && bodyYear !== year) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Body year ${String(bodyYear)} differs from the year ${year} in the path.`,
      {
        params: { reason: 'year-mismatch', year, bodyYear: String(bodyYear) },
        errors: [
          {
            field: '/body/year',
            rule: 'matches_path',
            message: `must equal the year in the path (${year})`,
            params: { year },
          },
        ],
      },
    );
  }
  const checked = validateYearSchedule({ ...rest, year, ...(publishedOn != null ? { publishedOn } : {}) });
  if (!checked.ok) {
    const errors = checked.errors.map((e) => ({ ...e, field: `/body${e.field}` }));
    throw new AppError(
      'VALIDATION_FAILED',
      `The ${year} schedule has ${errors.length} error${errors.length === 1 ? '' : 's'}.`,
      { params: { reason: 'calendar-schedule', year, count: errors.length }, errors },
    );
  }
  const schedule = checked.value;
  const reason = typeof rawReason === 'string' && rawReason.trim() ? rawReason.trim() : null;

  const at = ctx.clock.now();
  const saved = await ctx.db.transaction().execute(async (trx) => {
    await lockCalendarForWrite(trx);
    const rows = await listYearRows(trx);
    const trial = assertConsistent(schedule, rows.filter((r) => r.year !== year).map(toSchedule));
    const version = (rows.find((r) => r.year === year)?.version ?? 0) + 1;
    await writeYearVersion(trx, {
      year,
      version,
      notice: schedule.notice,
      publishedOn: schedule.publishedOn ?? null,
      holidays: schedule.holidays,
      makeupWorkdays: schedule.makeupWorkdays,
      reason,
      at,
      by: author,
    });
    await appendAudit(trx, origin, {
      action: 'calendar.year_saved',
      subjectType: 'calendar_year',
      subjectId: String(year),
      detail: { year, version, notice: schedule.notice, ...(reason ? { reason } : {}) },
    });
    return { version, workdays: trial.workdaysInYear(year) };
  });
  await refreshCalendar(ctx);
  // What this call saved, even if another save has already superseded it.
  return {
    year,
    notice: schedule.notice,
    version: saved.version,
    publishedOn: schedule.publishedOn ?? null,
    holidays: schedule.holidays,
    makeupWorkdays: schedule.makeupWorkdays,
    workdays: saved.workdays,
    updatedAt: at.toISOString(),
    updatedBy: author,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Start-up seeding from config/calendar

export interface ConfigYear {
  file: string;
  schedule: YearSchedule;
}

/** Reads and validates every `*.json` in `dir`; a file named `YYYY.json` must hold that year. Throws on any error. */
export function readConfigYears(dir: string): ConfigYear[] {
  const out: ConfigYear[] = [];
  const problems: string[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    } catch (cause) {
      problems.push(`${file}: not valid JSON (${(cause as Error).message})`);
      continue;
    }
    const r = validateYearSchedule(parsed);
    if (!r.ok) {
      for (const e of r.errors) problems.push(`${file}${e.field}: ${e.message}`);
      continue;
    }
    const named = /^(\d{4})\.json$/.exec(file);
    if (named && Number(named[1]) !== r.value.year) {
      problems.push(`${file}: holds year ${r.value.year}`);
      continue;
    }
    out.push({ file, schedule: r.value });
  }
  if (problems.length > 0) throw new Error(`invalid working-day schedule in ${dir}: ${problems.join('; ')}`);
  return out;
}

/**
 * Inserts, as version 1, every year found in `dir` but absent from the database. Years already in the database
 * are never touched: an administrator's amendment wins over the shipped file. A shipped year that contradicts an
 * amended neighbour is skipped with an error in the log rather than stopping the platform; an administrator loads
 * it by hand. Returns the years inserted.
 */
export async function seedCalendarYearsFromConfig(
  ctx: AppContext,
  dir: string = CALENDAR_CONFIG_DIR,
): Promise<number[]> {
  const fromConfig = readConfigYears(dir);
  const present = new Set((await listYearRows(ctx.db)).map((r) => r.year));
  // Every start after the first ends here, without taking the write lock.
  if (fromConfig.every((c) => present.has(c.schedule.year))) return [];

  const inserted = await ctx.db.transaction().execute(async (trx) => {
    await lockCalendarForWrite(trx);
    const loaded = (await listYearRows(trx)).map(toSchedule);
    const have = new Set(loaded.map((s) => s.year));
    const now = ctx.clock.now();
    const added: number[] = [];
    for (const { file, schedule } of fromConfig) {
      if (have.has(schedule.year)) continue;
      try {
        new WorkCalendar([...loaded, schedule]);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        ctx.logger.error(
          { year: schedule.year, file, errors: neighbourConflicts(schedule, loaded, file) },
          'calendar year from config contradicts a loaded year and was not loaded',
        );
        continue;
      }
      loaded.push(schedule);
      have.add(schedule.year);
      await writeYearVersion(trx, {
        year: schedule.year,
        version: 1,
        notice: schedule.notice,
        publishedOn: schedule.publishedOn ?? null,
        holidays: schedule.holidays,
        makeupWorkdays: schedule.makeupWorkdays,
        reason: `初始导入 config/calendar/${file} (initial load from config)`,
        at: now,
        by: `system:${CONFIG_AUTHOR}`,
      });
      await appendAudit(
        trx,
        { system: CONFIG_AUTHOR },
        {
          action: 'calendar.year_seeded',
          subjectType: 'calendar_year',
          subjectId: String(schedule.year),
          detail: { year: schedule.year, version: 1, notice: schedule.notice, file },
        },
      );
      added.push(schedule.year);
    }
    return added;
  });
  if (inserted.length > 0) await refreshCalendar(ctx);
  return inserted;
}
