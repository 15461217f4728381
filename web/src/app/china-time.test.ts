import { describe, expect, it } from 'vitest';
import { chinaDate, chinaMonth } from './china-time.ts';

describe('China time', () => {
  it('turns the day at 16:00 UTC', () => {
    expect(chinaDate('2026-12-31T15:59:59Z')).toBe('2026-12-31');
    expect(chinaDate('2026-12-31T16:00:00Z')).toBe('2027-01-01');
    expect(chinaMonth('2026-12-31T16:00:00Z')).toBe('2027-01');
  });
  it('reads instants as numbers and dates too', () => {
    const t = Date.UTC(2024, 1, 28, 16, 30);
    expect(chinaDate(t)).toBe('2024-02-29');
    expect(chinaDate(new Date(t))).toBe('2024-02-29');
  });
});
