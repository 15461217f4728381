import { describe, expect, it } from 'vitest';
import {
  chinaDate,
  chinaDateTime,
  chinaDayEnd,
  chinaDayStart,
  chinaMonth,
  chinaWallClock,
} from './china-time.ts';

describe('China time', () => {
  it('turns the date at midnight China time (16:00 UTC), not at midnight UTC', () => {
    expect(chinaDate(new Date('2026-11-27T15:59:59.999Z'))).toBe('2026-11-27');
    expect(chinaDate(new Date('2026-11-27T16:00:00.000Z'))).toBe('2026-11-28');
    expect(chinaDate(new Date('2026-11-28T00:00:00.000Z'))).toBe('2026-11-28');
    expect(chinaDate(new Date('2026-11-28T00:00:00+08:00'))).toBe('2026-11-28');
  });

  it('turns the month and the year at China midnight', () => {
    expect(chinaMonth(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12');
    expect(chinaMonth(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01');
    expect(chinaDate(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
  });

  it('prints wall-clock time to the minute', () => {
    expect(chinaDateTime(new Date('2026-11-27T02:05:30Z'))).toBe('2026-11-27 10:05');
    expect(chinaDateTime(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28 00:00');
    expect(chinaDateTime(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27 23:59');
  });

  it('gives the wall-clock parts, weekday included', () => {
    expect(chinaWallClock(new Date('2026-11-27T16:30:15Z'))).toEqual({
      year: 2026,
      month: 11,
      day: 28,
      hour: 0,
      minute: 30,
      second: 15,
      weekday: 6, // Saturday in China, still Friday in UTC
    });
  });

  it('finds the instant a China day starts and ends', () => {
    expect(chinaDayStart('2026-11-28').toISOString()).toBe('2026-11-27T16:00:00.000Z');
    expect(chinaDayEnd('2026-11-28').toISOString()).toBe('2026-11-28T16:00:00.000Z');
    expect(chinaDayStart('2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(chinaDate(chinaDayStart('2026-11-28'))).toBe('2026-11-28');
    expect(chinaDate(new Date(chinaDayEnd('2026-11-28').getTime() - 1))).toBe('2026-11-28');
  });

  it('does not depend on the process time zone', () => {
    // Dates are built from UTC milliseconds only; a local-time API would shift these under TZ=America/New_York.
    const at = new Date(Date.UTC(2026, 0, 1, 16, 0, 0));
    expect(chinaDate(at)).toBe('2026-01-02');
    expect(chinaDayStart('2026-01-02').getTime()).toBe(at.getTime());
  });

  it('refuses what is not a calendar date', () => {
    expect(() => chinaDayStart('2026-1-2')).toThrow(RangeError);
    expect(() => chinaDayStart('2026-13-01')).toThrow(RangeError);
    expect(() => chinaDayStart('2026-02-30')).toThrow(RangeError);
    expect(chinaDayStart('2028-02-29').toISOString()).toBe('2028-02-28T16:00:00.000Z');
  });
});
