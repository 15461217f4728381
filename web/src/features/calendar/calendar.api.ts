import { ApiError, withQuery } from '../../api/client.ts';

export const CALENDAR_YEAR_NOT_LOADED = 'CALENDAR_YEAR_NOT_LOADED';

export const calendarPaths = {
  years: '/api/calendar/years',
  year: (year: number) => `/api/calendar/years/${year}`,
  month: (month: string) => `/api/calendar/months/${month}`,
  addWorkdays: (from: string, days: number) => withQuery('/api/calendar/add-workdays', { from, days }),
  workdaysBetween: (from: string, to: string) => withQuery('/api/calendar/workdays-between', { from, to }),
};

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
