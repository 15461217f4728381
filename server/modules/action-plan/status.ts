/**
 * Status of measures and milestones (未启动 / 推进中 / 已完成 / 滞后), derived from dates and reports — never typed by
 * hand. Pure: the caller passes today's China date, the working-day calendar and the rows; nothing here reads the
 * clock or the database, so every rule below is unit-tested in status.test.ts.
 *
 * Rules (each one is a function below):
 *
 * - Periods. A plan reports monthly (`2026-11`) or quarterly (`2026-Q4`). A period's report is due on the Nth
 *   working day of the following period (N = plan.report_due_workdays, at least 1): "the Nth working day after the
 *   period's last day", counted with the working-day calendar (DOMAIN §1: the start day is not counted, make-up
 *   days count, holidays do not).
 * - Overdue, in working days. A deadline on a rest day moves to the next working day (DOMAIN §1). An item is
 *   overdue from the first working day after its (moved) deadline; the number of working days overdue is
 *   workdaysBetween(deadline, today). The weekend after a Friday deadline is therefore not yet overdue, and a
 *   milestone due on 2026-10-01 (国庆) is due on 2026-10-08 and lagging from 2026-10-09.
 * - Plan start. Reports are owed from the plan's first *full* period: the first period that begins on or after the
 *   plan's start date, which is the China date of `plan.created_at` (when the plan was imported, i.e. when
 *   supervision in this system began — not the plan's issue date, which may be years earlier). A plan created on
 *   2026-11-10 owes its first monthly report for 2026-12; one created on 2026-11-01 owes 2026-11.
 * - The last due period is the latest period whose report deadline has passed (is overdue today); none before the
 *   plan's first full period.
 * - Reporting units of a measure: the departments listed as lead or responsible unit (牵头单位 / 责任单位) that are
 *   matched to a department. "Scope" units (各镇（街道、区）…) do not report.
 * - A unit's latest report is the one for its latest period (ties: the latest submitted). A unit whose latest
 *   report says 100 % owes no further reports. Otherwise it owes the period after its latest report (or the first
 *   full period), but never one older than the last due period: older gaps are superseded by the newest deadline.
 *   A report is missing when the owed period is the last due period (its deadline has passed).
 * - Milestone: completed when completed_at is set; lagging when overdue (above); in_progress when the measure has
 *   any report submitted since the milestone was created; else not_started. overdueWorkdays > 0 only when lagging.
 * - Measure, first rule that holds: completed when it has at least one reporting unit, every reporting unit's
 *   latest report is 100 % and every milestone is completed; lagging when a milestone is lagging or a reporting
 *   unit's report is missing; in_progress when there is any report or completed milestone; else not_started.
 * - Progress: the mean over the reporting units of their latest percent (0 for a unit without a report), rounded
 *   to an integer; 0 when the measure has no reporting unit.
 * - nextDueOn: the earliest deadline of anything still open — an open milestone's due date or the due date of a
 *   report a unit owes — overdue ones included (so a lagging measure shows the date it has been due since); null
 *   when nothing is open. A deadline in a year without a loaded schedule cannot be computed and is left out
 *   rather than guessed (DOMAIN §1).
 */
import type { WorkCalendar } from '../../kernel/calendar/calendar.ts';
import { formatEpochDay, isValidIsoDate, parseIsoDate } from '../../kernel/calendar/date.ts';
import { AppError } from '../../kernel/errors.ts';
import type { MeasureStatus } from './action-plan.tables.ts';

export type ReportingCycle = 'monthly' | 'quarterly';

/** The two working-day operations the rules need. */
export type WorkdayCounter = Pick<WorkCalendar, 'addWorkdays' | 'workdaysBetween'>;

const MONTHLY = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTERLY = /^(\d{4})-Q([1-4])$/;

interface ParsedPeriod {
  cycle: ReportingCycle;
  year: number;
  /** Month (1–12) or quarter (1–4). */
  index: number;
}

function parsePeriod(period: string): ParsedPeriod {
  const m = MONTHLY.exec(period);
  if (m) return { cycle: 'monthly', year: Number(m[1]), index: Number(m[2]) };
  const q = QUARTERLY.exec(period);
  if (q) return { cycle: 'quarterly', year: Number(q[1]), index: Number(q[2]) };
  throw new RangeError(`not a reporting period: ${period}`);
}

function formatPeriod(p: ParsedPeriod): string {
  return p.cycle === 'monthly' ? `${p.year}-${String(p.index).padStart(2, '0')}` : `${p.year}-Q${p.index}`;
}

/** The cycle a period string belongs to, or undefined when it is not a period. */
export function periodCycle(period: string): ReportingCycle | undefined {
  if (MONTHLY.test(period)) return 'monthly';
  if (QUARTERLY.test(period)) return 'quarterly';
  return undefined;
}

/** The period containing a `YYYY-MM-DD` date: `2026-11` (monthly) or `2026-Q4` (quarterly). */
export function periodOf(date: string, cycle: ReportingCycle): string {
  if (!isValidIsoDate(date)) throw new RangeError(`not a date: ${date}`);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return cycle === 'monthly'
    ? formatPeriod({ cycle, year, index: month })
    : formatPeriod({ cycle, year, index: Math.ceil(month / 3) });
}

function shift(period: string, by: 1 | -1): string {
  const p = parsePeriod(period);
  const perYear = p.cycle === 'monthly' ? 12 : 4;
  const zeroBased = p.year * perYear + (p.index - 1) + by;
  return formatPeriod({
    cycle: p.cycle,
    year: Math.floor(zeroBased / perYear),
    index: (zeroBased % perYear) + 1,
  });
}

export function previousPeriod(period: string): string {
  return shift(period, -1);
}

export function nextPeriod(period: string): string {
  return shift(period, 1);
}

/** First day of a period. */
export function periodStart(period: string): string {
  const p = parsePeriod(period);
  const month = p.cycle === 'monthly' ? p.index : (p.index - 1) * 3 + 1;
  return `${p.year}-${String(month).padStart(2, '0')}-01`;
}

/** Last day of a period. */
export function periodEnd(period: string): string {
  return formatEpochDay(parseIsoDate(periodStart(nextPeriod(period))) - 1);
}

/** Orders periods by the day they end, so that a monthly and a quarterly period still compare sensibly. */
export function comparePeriods(a: string, b: string): number {
  const ea = periodEnd(a);
  const eb = periodEnd(b);
  return ea < eb ? -1 : ea > eb ? 1 : 0;
}

/** The period of `cycle` that follows `period` (which may be of the other cycle, after a plan changed cycle). */
function periodAfter(period: string, cycle: ReportingCycle): string {
  return periodOf(formatEpochDay(parseIsoDate(periodEnd(period)) + 1), cycle);
}

/** The Nth working day of the period after `period` (N ≥ 1): the day that period's report is due. */
export function reportDueOn(cal: WorkdayCounter, period: string, dueWorkdays: number): string {
  return cal.addWorkdays(periodEnd(period), Math.max(1, Math.trunc(dueWorkdays)));
}

/** The first full period of a plan that started on `planStart`: reports are owed from this one on. */
export function firstFullPeriod(planStart: string, cycle: ReportingCycle): string {
  const p = periodOf(planStart, cycle);
  return periodStart(p) === planStart ? p : nextPeriod(p);
}

/**
 * Working days `today` is past a deadline; 0 when not overdue. A deadline on a rest day moves to the next working
 * day first (DOMAIN §1), so 0 is also the answer on the rest days right after a deadline.
 */
export function overdueWorkdays(cal: WorkdayCounter, dueOn: string, today: string): number {
  if (today <= dueOn) return 0;
  const deadline = cal.addWorkdays(dueOn, 0);
  if (today <= deadline) return 0;
  return cal.workdaysBetween(deadline, today);
}

function isYearNotLoaded(err: unknown): boolean {
  return err instanceof AppError && err.code === 'CALENDAR_YEAR_NOT_LOADED';
}

export interface PlanRules {
  cycle: ReportingCycle;
  /** plan.report_due_workdays */
  dueWorkdays: number;
  /** China date of plan.created_at: see "Plan start" above. */
  planStart: string;
}

/** The latest period whose report deadline has passed today, or null when none is owed yet. */
export function lastDuePeriod(cal: WorkdayCounter, rules: PlanRules, today: string): string | null {
  const previous = previousPeriod(periodOf(today, rules.cycle));
  const candidate =
    overdueWorkdays(cal, reportDueOn(cal, previous, rules.dueWorkdays), today) > 0
      ? previous
      : previousPeriod(previous);
  return comparePeriods(candidate, firstFullPeriod(rules.planStart, rules.cycle)) < 0 ? null : candidate;
}

export interface MilestoneFacts {
  id: string;
  dueOn: string;
  /** Instant the milestone was set, epoch ms. */
  createdAt: number;
  completedAt: number | null;
}

export interface MilestoneState {
  status: MeasureStatus;
  overdueWorkdays: number;
}

/**
 * A milestone's status. `lastReportAt` is when the measure's most recent report (by any unit) was submitted, epoch
 * ms, or null.
 */
export function milestoneState(
  cal: WorkdayCounter,
  m: MilestoneFacts,
  today: string,
  lastReportAt: number | null,
): MilestoneState {
  if (m.completedAt !== null) return { status: 'completed', overdueWorkdays: 0 };
  const overdue = overdueWorkdays(cal, m.dueOn, today);
  if (overdue > 0) return { status: 'lagging', overdueWorkdays: overdue };
  if (lastReportAt !== null && lastReportAt >= m.createdAt)
    return { status: 'in_progress', overdueWorkdays: 0 };
  return { status: 'not_started', overdueWorkdays: 0 };
}

export interface LatestReport {
  period: string;
  percent: number;
}

export interface ReportDue {
  period: string;
  dueOn: string;
  /** The deadline has passed: the report is missing. */
  overdue: boolean;
  overdueWorkdays: number;
}

/**
 * The report a unit owes next, or null when it owes none (its latest report is 100 %, or the deadline falls in a
 * year without a loaded schedule and cannot be computed).
 */
export function reportOwed(
  cal: WorkdayCounter,
  rules: PlanRules,
  today: string,
  latest: LatestReport | undefined,
  lastDue: string | null,
): ReportDue | null {
  if (latest && latest.percent >= 100) return null;
  let period = firstFullPeriod(rules.planStart, rules.cycle);
  if (latest) {
    const after = periodAfter(latest.period, rules.cycle);
    if (comparePeriods(after, period) > 0) period = after;
  }
  if (lastDue !== null && comparePeriods(period, lastDue) < 0) period = lastDue;
  let dueOn: string;
  try {
    dueOn = reportDueOn(cal, period, rules.dueWorkdays);
  } catch (err) {
    if (isYearNotLoaded(err)) return null;
    throw err;
  }
  const overdue = overdueWorkdays(cal, dueOn, today);
  return { period, dueOn, overdue: overdue > 0, overdueWorkdays: overdue };
}

export interface MeasureFacts {
  /** Departments of the lead and responsible units (deduplicated by the caller or not; duplicates are ignored). */
  reportingDepartmentIds: readonly string[];
  milestones: readonly MilestoneFacts[];
  /** Latest report per reporting department. */
  latestReports: ReadonlyMap<string, LatestReport>;
  /** Submission instant of the measure's most recent report by anyone, epoch ms, or null. */
  lastReportAt: number | null;
}

export interface UnitState {
  departmentId: string;
  latest: LatestReport | null;
  reportDue: ReportDue | null;
  /** The report for the last due period is missing. */
  missing: boolean;
}

export interface MeasureEvaluation {
  status: MeasureStatus;
  progress: number;
  nextDueOn: string | null;
  overdue: boolean;
  milestones: Map<string, MilestoneState>;
  units: UnitState[];
}

/** Everything derived about one measure (see the rules at the top of this file). */
export function evaluateMeasure(
  cal: WorkdayCounter,
  rules: PlanRules,
  today: string,
  facts: MeasureFacts,
  lastDue: string | null = lastDuePeriod(cal, rules, today),
): MeasureEvaluation {
  const departments = [...new Set(facts.reportingDepartmentIds)];
  const units: UnitState[] = departments.map((departmentId) => {
    const latest = facts.latestReports.get(departmentId);
    const reportDue = reportOwed(cal, rules, today, latest, lastDue);
    return {
      departmentId,
      latest: latest ?? null,
      reportDue,
      missing: reportDue !== null && reportDue.overdue,
    };
  });
  const milestones = new Map<string, MilestoneState>();
  for (const m of facts.milestones) milestones.set(m.id, milestoneState(cal, m, today, facts.lastReportAt));
  const states = [...milestones.values()];

  const progress =
    units.length === 0
      ? 0
      : Math.round(units.reduce((sum, u) => sum + (u.latest?.percent ?? 0), 0) / units.length);

  let status: MeasureStatus;
  const allMilestonesDone = states.every((s) => s.status === 'completed');
  if (units.length > 0 && units.every((u) => (u.latest?.percent ?? 0) >= 100) && allMilestonesDone) {
    status = 'completed';
  } else if (states.some((s) => s.status === 'lagging') || units.some((u) => u.missing)) {
    status = 'lagging';
  } else if (facts.lastReportAt !== null || states.some((s) => s.status === 'completed')) {
    status = 'in_progress';
  } else {
    status = 'not_started';
  }

  let nextDueOn: string | null = null;
  if (status !== 'completed') {
    const open = [
      ...facts.milestones.filter((m) => m.completedAt === null).map((m) => m.dueOn),
      ...units.flatMap((u) => (u.reportDue ? [u.reportDue.dueOn] : [])),
    ].sort();
    nextDueOn = open[0] ?? null;
  }

  return { status, progress, nextDueOn, overdue: status === 'lagging', milestones, units };
}
