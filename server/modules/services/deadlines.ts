/**
 * Working-day arithmetic of applications, pure (the calendar is passed in).
 *
 * Time limits: a task's limit counts working days after the day it starts (《行政许可法》第八十二条 “期限以工作日
 * 计算，不含法定节假日”; the start day itself is not counted, 《民法典》第二百零一条).
 *
 * Supplements (补正) — the rule implemented:
 *   1. When an officer requests a supplement on day P, the clock stops. The task keeps the working days it had left:
 *      remaining = max(0, workdaysBetween(P, due)) — the working days after P up to and including the due date.
 *   2. While the applicant prepares the supplement no working day is consumed (补正期间不计入办理时限).
 *   3. When the applicant answers on day R, the clock restarts with what was left:
 *      due' = addWorkdays(R, remaining), and the paused span workdaysBetween(P, R) is recorded.
 *   Basis: 《行政许可法》第三十二条第一款第（四）项 (an incomplete application is told once, in full, what to
 *   supplement, and counts as accepted from the day the supplement arrives) and the common 办事指南 wording
 *   “补正材料时间不计入承诺办理时限”. The statute does not fix whether the clock resumes or restarts; resuming with
 *   the remaining days is the choice made here (it never gives a department more time than the promised limit).
 *   A district that restarts the full limit instead would change only `resumeAfterSupplement`.
 *
 * Opening time in working days (the KPI of measure 19, target 0.5): only office hours of working days count —
 * [officeStart, officeEnd) China time — and one working day is that span (8 hours by default). An application
 * submitted at 16:00 on a Friday and finished at 10:00 on Monday took 2 office hours = 0.25 working day.
 */
import { chinaDate, chinaDayStart } from '../../kernel/china-time.ts';
import type { WorkCalendarLike } from './services.workflow.ts';

export function remainingAtPause(dueDate: string, pausedOn: string, cal: WorkCalendarLike): number {
  return Math.max(0, cal.workdaysBetween(pausedOn, dueDate));
}

export function resumeAfterSupplement(
  paused: { pausedOn: string; remainingWorkdays: number },
  answeredOn: string,
  cal: WorkCalendarLike,
): { dueDate: string; pausedWorkdays: number } {
  return {
    dueDate: cal.addWorkdays(answeredOn, paused.remainingWorkdays),
    pausedWorkdays: Math.max(0, cal.workdaysBetween(paused.pausedOn, answeredOn)),
  };
}

/** Working days left until `due` (negative: overdue by that many). */
export function remainingWorkdays(today: string, due: string, cal: WorkCalendarLike): number {
  return cal.workdaysBetween(today, due);
}

export interface OfficeHours {
  start: string; // HH:MM China time
  end: string;
}

const DAY_MS = 24 * 3600_000;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function chinaDay(ms: number): string {
  return chinaDate(new Date(ms));
}

/** Office time between two instants, in working days (office span = 1). */
export function officeWorkdaysBetween(
  from: Date,
  to: Date,
  hours: OfficeHours,
  isWorkday: (date: string) => boolean,
): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  const startMin = minutesOf(hours.start);
  const endMin = minutesOf(hours.end);
  const span = (endMin - startMin) * 60_000;
  if (span <= 0) throw new RangeError('office hours must end after they start');
  let total = 0;
  // Walk China calendar days from the day of `from` to the day of `to`.
  let dayStart = chinaDayStart(chinaDay(a)).getTime();
  for (; dayStart <= b; dayStart += DAY_MS) {
    const date = chinaDay(dayStart);
    if (!isWorkday(date)) continue;
    const open = dayStart + startMin * 60_000;
    const close = dayStart + endMin * 60_000;
    const s = Math.max(a, open);
    const e = Math.min(b, close);
    if (e > s) total += e - s;
  }
  return total / span;
}

/** Median of a sample (null when empty). */
export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

/** Linear-interpolated quantile (q in [0, 1]); null when empty. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((x, y) => x - y);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/** `date` plus `days` calendar days (notice periods and commitment checks count calendar days, not working days). */
export function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
