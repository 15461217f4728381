/**
 * China time (UTC+8, no daylight saving since 1991) without the server's time zone: deadlines, working days,
 * report stamps and KPI periods all count in China calendar days, wherever the process runs. The one place the
 * server adds eight hours; everything else calls these.
 */

/** UTC+8, fixed: China has not observed daylight saving time since 1991. */
export const CHINA_UTC_OFFSET_MS = 8 * 3600_000;

const DAY_MS = 24 * 3600_000;

/** The calendar date in China (`YYYY-MM-DD`) at instant `at`. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The China calendar month (`YYYY-MM`) at instant `at`. */
export function chinaMonth(at: Date): string {
  return chinaDate(at).slice(0, 7);
}

/** China wall-clock time to the minute, `YYYY-MM-DD HH:MM`, as printed on reports and messages. */
export function chinaDateTime(at: Date): string {
  return new Date(at.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

export interface ChinaWallClock {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday, as `Date.getUTCDay`. */
  weekday: number;
}

/** The China wall-clock parts of instant `at`. */
export function chinaWallClock(at: Date): ChinaWallClock {
  const shifted = new Date(at.getTime() + CHINA_UTC_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    weekday: shifted.getUTCDay(),
  };
}

/** The instant China day `date` (`YYYY-MM-DD`) begins: 00:00 China time, i.e. 16:00 UTC the day before. */
export function chinaDayStart(date: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const t = Date.parse(`${date}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over into March; a date that does not come back unchanged does not exist.
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return new Date(t - CHINA_UTC_OFFSET_MS);
}

/** The instant China day `date` ends (exclusive): 00:00 China time of the next day. */
export function chinaDayEnd(date: string): Date {
  return new Date(chinaDayStart(date).getTime() + DAY_MS);
}
