import { ApiError, type ApiData } from '../../api/client.ts';

/** Shapes read by the calendar pages, named from the generated schema (never re-declared by hand). */
export type CalendarYearSummary = ApiData<'get', '/api/calendar/years'>[number];
export type CalendarYear = ApiData<'get', '/api/calendar/years/{year}'>;
export type CalendarDay = ApiData<'get', '/api/calendar/months/{month}'>['days'][number];
export type DayKind = CalendarDay['kind'];

export const CALENDAR_YEAR_NOT_LOADED = 'CALENDAR_YEAR_NOT_LOADED';

export function isYearNotLoaded(error: unknown): boolean {
  return error instanceof ApiError && error.code === CALENDAR_YEAR_NOT_LOADED;
}

/** `2026-11` for the current month, in the browser's local time. */
export function currentMonth(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

export function isMonth(value: string | null): value is string {
  return value !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
