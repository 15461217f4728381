import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, formatNumber, toDay } from './format.ts';
import { readPaging } from '../components/paging.ts';
import { currentMonth, isMonth, shiftMonth } from '../features/calendar/calendar.api.ts';

describe('format', () => {
  it('shows empty values as a dash and bad instants as given', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('not a date');
    expect(formatDateTime('2026-01-02T03:04:00')).toBe('2026-01-02 03:04');
    expect(formatDay(undefined)).toBe('—');
    expect(formatNumber(12345, 'en-US')).toBe('12,345');
    expect(toDay(dayjs('2026-03-04T23:59:00'))).toBe('2026-03-04');
  });
});

describe('readPaging', () => {
  it('reads page and size, capped at the server limit, with defaults for junk', () => {
    expect(readPaging(new URLSearchParams('page=3&pageSize=50'))).toEqual({ page: 3, pageSize: 50 });
    expect(readPaging(new URLSearchParams('page=0&pageSize=1000'))).toEqual({ page: 1, pageSize: 100 });
    expect(readPaging(new URLSearchParams('page=x'), 10)).toEqual({ page: 1, pageSize: 10 });
  });
});

describe('calendar months', () => {
  it('shifts across years and validates', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-09')).toBe(true);
    expect(currentMonth(new Date(2026, 4, 9))).toBe('2026-05');
  });
});
