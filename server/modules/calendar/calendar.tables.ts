import type { ColumnType, Selectable } from 'kysely';
import type { HolidayBlock, MakeupDay } from '../../kernel/calendar/calendar.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: read back parsed, written as JSON text (the same on PGlite and node-postgres). */
type Json<T> = ColumnType<T, string, string>;

export type CalendarTables = {
  /** The version in force of each loaded year. */
  calendar_year: {
    year: number;
    version: number;
    notice: string;
    published_on: string | null;
    holidays: Json<HolidayBlock[]>;
    makeup_workdays: Json<MakeupDay[]>;
    updated_at: Timestamp;
    updated_by: string | null;
  };
  /** Every version ever saved, including the one in force; never updated. */
  calendar_year_version: {
    year: number;
    version: number;
    notice: string;
    published_on: string | null;
    holidays: Json<HolidayBlock[]>;
    makeup_workdays: Json<MakeupDay[]>;
    reason: string | null;
    created_at: Timestamp;
    created_by: string | null;
  };
};

export type YearRow = Selectable<CalendarTables['calendar_year']>;
export type YearVersionRow = Selectable<CalendarTables['calendar_year_version']>;
