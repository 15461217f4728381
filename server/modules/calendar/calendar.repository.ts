import { sql, type Kysely } from 'kysely';
import type { HolidayBlock, MakeupDay } from '../../kernel/calendar/calendar.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { CalendarTables, YearRow } from './calendar.tables.ts';

export function calendarDb(db: Db): Kysely<CalendarTables> {
  return db.withTables<CalendarTables>();
}

/**
 * Serialises every write to the calendar (saves and start-up seeding, across processes) for the rest of the
 * transaction, so "version n + 1" and the neighbour check always see the latest committed years.
 * The key is an arbitrary constant owned by this module.
 */
const CALENDAR_LOCK_KEY = 7_320_507_001;

export async function lockCalendarForWrite(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CALENDAR_LOCK_KEY}::bigint)`.execute(trx);
}

export async function listYearRows(db: Db): Promise<YearRow[]> {
  return calendarDb(db).selectFrom('calendar_year').selectAll().orderBy('year').execute();
}

/**
 * What changes whenever any year is inserted or amended: versions only grow and years are never deleted, so the
 * row count and the sum of versions together identify the state. One aggregate over a handful of rows.
 */
export async function readCalendarStamp(db: Db): Promise<{ years: number; versionSum: number }> {
  const r = await calendarDb(db)
    .selectFrom('calendar_year')
    .select([
      sql<number>`count(*)::int`.as('years'),
      sql<number>`coalesce(sum(version), 0)::int`.as('versionSum'),
    ])
    .executeTakeFirstOrThrow();
  return { years: r.years, versionSum: r.versionSum };
}

export async function findYearVersion(db: Db, year: number): Promise<number | undefined> {
  const r = await calendarDb(db)
    .selectFrom('calendar_year')
    .select('version')
    .where('year', '=', year)
    .executeTakeFirst();
  return r?.version;
}

export interface YearWrite {
  year: number;
  version: number;
  notice: string;
  publishedOn: string | null;
  holidays: HolidayBlock[];
  makeupWorkdays: MakeupDay[];
  reason: string | null;
  at: Date;
  by: string;
}

/** Writes the version in force and its history row. Call inside the use case's transaction, after the lock. */
export async function writeYearVersion(trx: Db, w: YearWrite): Promise<void> {
  const c = calendarDb(trx);
  const holidays = JSON.stringify(w.holidays);
  const makeup = JSON.stringify(w.makeupWorkdays);
  await c
    .insertInto('calendar_year_version')
    .values({
      year: w.year,
      version: w.version,
      notice: w.notice,
      published_on: w.publishedOn,
      holidays,
      makeup_workdays: makeup,
      reason: w.reason,
      created_at: w.at,
      created_by: w.by,
    })
    .execute();
  await c
    .insertInto('calendar_year')
    .values({
      year: w.year,
      version: w.version,
      notice: w.notice,
      published_on: w.publishedOn,
      holidays,
      makeup_workdays: makeup,
      updated_at: w.at,
      updated_by: w.by,
    })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({
        version: w.version,
        notice: w.notice,
        published_on: w.publishedOn,
        holidays,
        makeup_workdays: makeup,
        updated_at: w.at,
        updated_by: w.by,
      }),
    )
    .execute();
}

export async function listVersionRows(db: Db, year: number) {
  return calendarDb(db)
    .selectFrom('calendar_year_version')
    .selectAll()
    .where('year', '=', year)
    .orderBy('version', 'desc')
    .execute();
}
