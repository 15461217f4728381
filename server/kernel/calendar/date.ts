/**
 * Calendar-day arithmetic on `YYYY-MM-DD` strings and integer "epoch days" (days since 1970-01-01, proleptic
 * Gregorian). `Date` is avoided on purpose: its parsing and getters depend on the process time zone, and it is
 * far too slow for the working-day hot path.
 */

const CH_0 = 48;
const CH_DASH = 45;

/** Day-of-week numbering as in `Date#getUTCDay`: 0 = Sunday … 6 = Saturday. */
export const SUNDAY = 0;
export const SATURDAY = 6;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Howard Hinnant's `days_from_civil`: exact for every proleptic Gregorian date, no tables, no `Date`. */
export function epochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function civilFromEpochDay(n: number): CivilDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function weekdayOfEpochDay(n: number): number {
  // 1970-01-01 was a Thursday (4); the double modulo keeps dates before 1970 non-negative.
  return (((n + 4) % 7) + 7) % 7;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function formatEpochDay(n: number): string {
  const c = civilFromEpochDay(n);
  return formatIsoDate(c.year, c.month, c.day);
}

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - CH_0;
  // NaN (past the end) and non-digits both map to -1 so one range check rejects them.
  return d >= 0 && d <= 9 ? d : -1;
}

/**
 * Parses a strict `YYYY-MM-DD` calendar date into its epoch day; `NaN` when the string is malformed or names a
 * day that does not exist (2023-02-29). Digits are read by char code so the hot path allocates nothing.
 */
export function parseIsoDate(s: string): number {
  if (typeof s !== 'string' || s.length !== 10) return NaN;
  if (s.charCodeAt(4) !== CH_DASH || s.charCodeAt(7) !== CH_DASH) return NaN;
  const y0 = digit(s, 0);
  const y1 = digit(s, 1);
  const y2 = digit(s, 2);
  const y3 = digit(s, 3);
  const m0 = digit(s, 5);
  const m1 = digit(s, 6);
  const d0 = digit(s, 8);
  const d1 = digit(s, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return epochDay(year, month, day);
}

export function isValidIsoDate(s: string): boolean {
  return !Number.isNaN(parseIsoDate(s));
}

/** Parses a strict `YYYY-MM` month; `null` when malformed. */
export function parseIsoMonth(s: string): { year: number; month: number } | null {
  if (typeof s !== 'string' || s.length !== 7 || s.charCodeAt(4) !== CH_DASH) return null;
  const y0 = digit(s, 0);
  const y1 = digit(s, 1);
  const y2 = digit(s, 2);
  const y3 = digit(s, 3);
  const m0 = digit(s, 5);
  const m1 = digit(s, 6);
  if ((y0 | y1 | y2 | y3 | m0 | m1) < 0) return null;
  const month = m0 * 10 + m1;
  if (month < 1 || month > 12) return null;
  return { year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month };
}
