/**
 * Cross-checks every day of the shipped schedules against the independent npm package `chinese-days`
 * (DOMAIN.md §1). A disagreement means one of the two data sets is wrong and a human must read the notice.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from './calendar.ts';

// chinese-days parses through local time; in negative UTC offsets it shifts every date by a day, so pin the zone
// before the package is loaded.
process.env.TZ = 'Asia/Shanghai';
const loaded = await import('chinese-days');
const chineseDays = loaded.default ?? loaded;

const cal = WorkCalendar.fromConfigDir(fileURLToPath(new URL('../../../config/calendar/', import.meta.url)));

const FIRST = Date.UTC(2022, 0, 1);
const LAST = Date.UTC(2026, 11, 31);
const ALL_DAYS: string[] = [];
for (let t = FIRST; t <= LAST; t += 86_400_000) ALL_DAYS.push(new Date(t).toISOString().slice(0, 10));

/**
 * Days the official table (DOMAIN.md §1) names as part of a holiday block while chinese-days calls them plain
 * weekend days. Neither side changes whether the day is worked. 2024 端午: the notice says "6月10日放假，与周末连休"
 * and chinese-days marks only 06-10, while DOMAIN.md lists the block as 06-08–06-10.
 */
const KNOWN_NAMING_DIFFERENCES = ['2024-06-08', '2024-06-09'];

/** chinese-days names festivals "English,中文,days"; it abbreviates three of them. */
function festivalOf(name: string): string | null {
  const zh = name.split(',')[1];
  if (zh === undefined) return null;
  return ({ 清明: '清明节', 端午: '端午节', 中秋: '中秋节' } as Record<string, string>)[zh] ?? zh;
}

describe('schedule agrees with chinese-days for every day 2022-01-01…2026-12-31', () => {
  it('covers 1826 days and chinese-days does not shift dates (TZ pinned)', () => {
    expect(ALL_DAYS).toHaveLength(1826);
    for (const d of ['2022-01-01', '2024-02-29', '2026-12-31'])
      expect(chineseDays.getDayDetail(d).date).toBe(d);
  });

  it('working day or rest day', () => {
    const mismatches: string[] = [];
    for (const d of ALL_DAYS) {
      const ours = cal.isWorkday(d);
      const theirs = chineseDays.isWorkday(d);
      if (ours !== theirs)
        mismatches.push(`${d}: ours ${ours ? 'work' : 'rest'}, chinese-days ${theirs ? 'work' : 'rest'}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('holiday and make-up designations and festival names', () => {
    const naming: string[] = [];
    const mismatches: string[] = [];
    for (const d of ALL_DAYS) {
      const ours = cal.dayInfo(d);
      const detail = chineseDays.getDayDetail(d);
      const festival = festivalOf(detail.name);
      const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
      const isWeekend = weekday === 0 || weekday === 6;
      // chinese-days reports named days for both holidays and make-up days; weekday names otherwise.
      const theirKind =
        festival === null ? (isWeekend ? 'weekend' : 'workday') : detail.work ? 'makeup_workday' : 'holiday';
      if (ours.kind !== theirKind) {
        (ours.kind === 'holiday' && theirKind === 'weekend' ? naming : mismatches).push(
          `${d}: ours ${ours.kind}${ours.holiday ? ` ${ours.holiday}` : ''}, chinese-days ${theirKind} (${detail.name})`,
        );
        continue;
      }
      if (festival !== null && !(ours.holiday ?? '').split('、').includes(festival)) {
        mismatches.push(`${d}: ours ${ours.holiday ?? '-'}, chinese-days ${detail.name}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(naming.map((line) => line.slice(0, 10))).toEqual(KNOWN_NAMING_DIFFERENCES);
  });

  it('every chinese-days 调休 rest day (isInLieu) is a holiday-block day in ours', () => {
    const mismatches = ALL_DAYS.filter(
      (d) => chineseDays.isInLieu(d) && cal.dayInfo(d).kind !== 'holiday',
    ).map((d) => `${d}: chinese-days in-lieu rest day, ours ${cal.dayInfo(d).kind}`);
    expect(mismatches).toEqual([]);
  });
});
