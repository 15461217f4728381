import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../kernel/calendar/calendar.ts';
import {
  comparePeriods,
  evaluateMeasure,
  firstFullPeriod,
  lastDuePeriod,
  milestoneState,
  nextPeriod,
  overdueWorkdays,
  periodCycle,
  periodEnd,
  periodOf,
  periodStart,
  previousPeriod,
  reportDueOn,
  reportOwed,
  type MeasureFacts,
  type PlanRules,
} from './status.ts';

// The official schedules shipped in config/calendar (2022–2026; 2027 is not loaded).
const cal = WorkCalendar.fromConfigDir(fileURLToPath(new URL('../../../config/calendar/', import.meta.url)));

const monthly: PlanRules = { cycle: 'monthly', dueWorkdays: 5, planStart: '2026-01-01' };
const quarterly: PlanRules = { cycle: 'quarterly', dueWorkdays: 5, planStart: '2026-01-01' };
const at = (iso: string) => Date.parse(iso);

describe('periods', () => {
  it('names the month or quarter a date falls in', () => {
    expect(periodOf('2026-11-27', 'monthly')).toBe('2026-11');
    expect(periodOf('2026-11-27', 'quarterly')).toBe('2026-Q4');
    expect(periodOf('2026-03-31', 'quarterly')).toBe('2026-Q1');
    expect(periodOf('2026-04-01', 'quarterly')).toBe('2026-Q2');
    expect(periodOf('2026-01-01', 'monthly')).toBe('2026-01');
    expect(() => periodOf('2026-02-30', 'monthly')).toThrow(RangeError);
  });

  it('steps back and forth across year ends', () => {
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(previousPeriod('2026-11')).toBe('2026-10');
    expect(nextPeriod('2025-12')).toBe('2026-01');
    expect(nextPeriod('2026-Q4')).toBe('2027-Q1');
    expect(() => previousPeriod('2026-13')).toThrow(RangeError);
  });

  it('knows first and last days, including leap February and quarter ends', () => {
    expect(periodStart('2026-Q4')).toBe('2026-10-01');
    expect(periodEnd('2026-Q4')).toBe('2026-12-31');
    expect(periodEnd('2024-02')).toBe('2024-02-29');
    expect(periodEnd('2026-02')).toBe('2026-02-28');
    expect(periodCycle('2026-Q3')).toBe('quarterly');
    expect(periodCycle('2026-09')).toBe('monthly');
    expect(periodCycle('2026-9')).toBeUndefined();
    expect(comparePeriods('2026-11', '2026-Q4')).toBeLessThan(0);
    expect(comparePeriods('2026-12', '2026-Q4')).toBe(0);
  });
});

describe('report due date: the Nth working day of the following period', () => {
  it('in an ordinary month', () => {
    // November 2026 starts on a Sunday: 2, 3, 4, 5, 6 November are its first five working days.
    expect(reportDueOn(cal, '2026-10', 5)).toBe('2026-11-06');
    expect(reportDueOn(cal, '2026-11', 5)).toBe('2026-12-07');
  });

  it('after 国庆: holidays are skipped and the make-up Saturday counts', () => {
    // 2026-10-01…07 rest, 10-10 (Saturday) is a make-up working day: 8, 9, 10, 12, 13 October.
    expect(reportDueOn(cal, '2026-09', 5)).toBe('2026-10-13');
    expect(reportDueOn(cal, '2026-09', 3)).toBe('2026-10-10');
    expect(reportDueOn(cal, '2026-Q3', 5)).toBe('2026-10-13');
  });

  it('cannot be computed into a year without a loaded schedule', () => {
    expect(() => reportDueOn(cal, '2026-12', 5)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_YEAR_NOT_LOADED' }),
    );
  });
});

describe('overdue working days', () => {
  it('a deadline on a holiday moves to the next working day', () => {
    // Due 2026-10-01 (国庆) → due 2026-10-08; a naive count would already say 1 day late on the 8th.
    expect(cal.workdaysBetween('2026-10-01', '2026-10-08')).toBe(1);
    expect(overdueWorkdays(cal, '2026-10-01', '2026-10-08')).toBe(0);
    expect(overdueWorkdays(cal, '2026-10-01', '2026-10-09')).toBe(1);
    // 9 Oct, 10 Oct (make-up Saturday), 12 Oct.
    expect(overdueWorkdays(cal, '2026-10-01', '2026-10-12')).toBe(3);
  });

  it('the weekend after a Friday deadline is not yet overdue', () => {
    expect(overdueWorkdays(cal, '2026-11-20', '2026-11-19')).toBe(0);
    expect(overdueWorkdays(cal, '2026-11-20', '2026-11-20')).toBe(0);
    expect(overdueWorkdays(cal, '2026-11-20', '2026-11-21')).toBe(0);
    expect(overdueWorkdays(cal, '2026-11-20', '2026-11-22')).toBe(0);
    expect(overdueWorkdays(cal, '2026-11-20', '2026-11-23')).toBe(1);
    expect(overdueWorkdays(cal, '2026-11-20', '2026-11-27')).toBe(5);
  });
});

describe('plan start and the last due period', () => {
  it('the first full period begins on or after the plan start', () => {
    expect(firstFullPeriod('2026-11-10', 'monthly')).toBe('2026-12');
    expect(firstFullPeriod('2026-11-01', 'monthly')).toBe('2026-11');
    expect(firstFullPeriod('2026-10-01', 'quarterly')).toBe('2026-Q4');
    expect(firstFullPeriod('2026-10-02', 'quarterly')).toBe('2027-Q1');
  });

  it('is the latest period whose deadline has passed', () => {
    expect(lastDuePeriod(cal, monthly, '2026-11-27')).toBe('2026-10');
    // 2026-11-06 is October's deadline day itself; 7–8 November are a weekend.
    expect(lastDuePeriod(cal, monthly, '2026-11-06')).toBe('2026-09');
    expect(lastDuePeriod(cal, monthly, '2026-11-08')).toBe('2026-09');
    expect(lastDuePeriod(cal, monthly, '2026-11-09')).toBe('2026-10');
    expect(lastDuePeriod(cal, quarterly, '2026-11-27')).toBe('2026-Q3');
    expect(lastDuePeriod(cal, quarterly, '2026-10-13')).toBe('2026-Q2');
    expect(lastDuePeriod(cal, quarterly, '2026-10-14')).toBe('2026-Q3');
  });

  it('is none before the first full period has come due', () => {
    expect(lastDuePeriod(cal, { ...monthly, planStart: '2026-11-10' }, '2026-11-27')).toBeNull();
    expect(lastDuePeriod(cal, { ...monthly, planStart: '2026-10-02' }, '2026-11-27')).toBeNull();
    expect(lastDuePeriod(cal, { ...monthly, planStart: '2026-10-01' }, '2026-11-27')).toBe('2026-10');
  });
});

describe('milestone status', () => {
  const m = { id: 'm', dueOn: '2026-11-20', createdAt: at('2026-10-01T02:00:00Z'), completedAt: null };

  it('completed when completed_at is set, even past its due date', () => {
    expect(
      milestoneState(cal, { ...m, completedAt: at('2026-11-25T02:00:00Z') }, '2026-11-27', null),
    ).toEqual({
      status: 'completed',
      overdueWorkdays: 0,
    });
  });

  it('lagging once overdue, with the working days overdue', () => {
    expect(milestoneState(cal, m, '2026-11-27', at('2026-11-01T02:00:00Z'))).toEqual({
      status: 'lagging',
      overdueWorkdays: 5,
    });
  });

  it('in progress when the measure has a report since the milestone was set', () => {
    expect(milestoneState(cal, m, '2026-11-13', at('2026-10-15T02:00:00Z')).status).toBe('in_progress');
  });

  it('not started when the only reports predate it, or there are none', () => {
    expect(milestoneState(cal, m, '2026-11-13', at('2026-09-15T02:00:00Z')).status).toBe('not_started');
    expect(milestoneState(cal, m, '2026-11-13', null)).toEqual({ status: 'not_started', overdueWorkdays: 0 });
  });
});

describe('the report a unit owes', () => {
  it('without any report: the last due period, missing and overdue', () => {
    const due = reportOwed(cal, monthly, '2026-11-27', undefined, '2026-10');
    // 9–13, 16–20, 23–27 November.
    expect(due).toEqual({ period: '2026-10', dueOn: '2026-11-06', overdue: true, overdueWorkdays: 15 });
  });

  it('after a report for the last due period: the next period, not yet due', () => {
    const due = reportOwed(cal, monthly, '2026-11-27', { period: '2026-10', percent: 60 }, '2026-10');
    expect(due).toEqual({ period: '2026-11', dueOn: '2026-12-07', overdue: false, overdueWorkdays: 0 });
  });

  it('an old gap is superseded by the newest deadline', () => {
    const due = reportOwed(cal, monthly, '2026-11-27', { period: '2026-06', percent: 20 }, '2026-10');
    expect(due?.period).toBe('2026-10');
  });

  it('nothing after 100 %', () => {
    expect(reportOwed(cal, monthly, '2026-11-27', { period: '2026-10', percent: 100 }, '2026-10')).toBeNull();
  });

  it('nothing computable when the deadline falls in an unloaded year', () => {
    expect(reportOwed(cal, monthly, '2026-11-27', { period: '2026-11', percent: 50 }, '2026-10')).toBeNull();
  });

  it('the first full period after the plan starts, and not before', () => {
    const rules: PlanRules = { cycle: 'monthly', dueWorkdays: 5, planStart: '2026-05-20' };
    expect(lastDuePeriod(cal, rules, '2026-06-15')).toBeNull();
    // May is partial, so June is the first period owed; due on the 5th working day of July (1–3, 6, 7 July).
    expect(reportOwed(cal, rules, '2026-06-15', undefined, null)).toEqual({
      period: '2026-06',
      dueOn: '2026-07-07',
      overdue: false,
      overdueWorkdays: 0,
    });
    expect(lastDuePeriod(cal, rules, '2026-07-08')).toBe('2026-06');
    expect(reportOwed(cal, rules, '2026-07-08', undefined, '2026-06')).toMatchObject({
      period: '2026-06',
      overdue: true,
      overdueWorkdays: 1,
    });
  });
});

describe('measure status, progress and next due date', () => {
  const A = 'dept-a';
  const B = 'dept-b';
  // Nothing is due yet for a plan that started on 2026-11-10 (first report: December, due in 2027).
  const fresh: PlanRules = { cycle: 'monthly', dueWorkdays: 5, planStart: '2026-11-10' };
  const base: MeasureFacts = {
    reportingDepartmentIds: [A, B],
    milestones: [],
    latestReports: new Map(),
    lastReportAt: null,
  };
  const open = { id: 'm1', dueOn: '2026-12-15', createdAt: at('2026-11-11T02:00:00Z'), completedAt: null };

  it('not started: no report, no completed milestone, nothing overdue', () => {
    const e = evaluateMeasure(cal, fresh, '2026-11-27', { ...base, milestones: [open] });
    expect(e).toMatchObject({ status: 'not_started', progress: 0, overdue: false, nextDueOn: '2026-12-15' });
    expect(e.milestones.get('m1')?.status).toBe('not_started');
  });

  it('in progress: a report, with progress the mean over reporting units (0 for the silent one)', () => {
    const e = evaluateMeasure(cal, fresh, '2026-11-27', {
      ...base,
      milestones: [open],
      latestReports: new Map([[A, { period: '2026-11', percent: 45 }]]),
      lastReportAt: at('2026-11-20T02:00:00Z'),
    });
    expect(e).toMatchObject({ status: 'in_progress', progress: 23, overdue: false });
    expect(e.milestones.get('m1')?.status).toBe('in_progress');
  });

  it('in progress: a completed milestone alone', () => {
    const done = { ...open, completedAt: at('2026-11-20T02:00:00Z') };
    expect(evaluateMeasure(cal, fresh, '2026-11-27', { ...base, milestones: [done] }).status).toBe(
      'in_progress',
    );
  });

  it('lagging: an overdue milestone', () => {
    const late = { ...open, id: 'm0', dueOn: '2026-11-20' };
    const e = evaluateMeasure(cal, fresh, '2026-11-27', { ...base, milestones: [late, open] });
    expect(e).toMatchObject({ status: 'lagging', overdue: true, nextDueOn: '2026-11-20' });
    expect(e.milestones.get('m0')).toEqual({ status: 'lagging', overdueWorkdays: 5 });
    expect(e.milestones.get('m1')?.status).toBe('not_started');
  });

  it('lagging: a reporting unit missed the last due period', () => {
    const e = evaluateMeasure(cal, monthly, '2026-11-27', {
      ...base,
      latestReports: new Map([[A, { period: '2026-10', percent: 30 }]]),
      lastReportAt: at('2026-11-02T02:00:00Z'),
    });
    expect(e.status).toBe('lagging');
    expect(e.units.find((u) => u.departmentId === B)).toMatchObject({
      missing: true,
      reportDue: { period: '2026-10', dueOn: '2026-11-06' },
    });
    expect(e.units.find((u) => u.departmentId === A)?.missing).toBe(false);
    expect(e.nextDueOn).toBe('2026-11-06');
  });

  it('not lagging for a missing report before the plan’s first full period', () => {
    const e = evaluateMeasure(cal, fresh, '2026-11-27', base);
    expect(e.status).toBe('not_started');
    expect(e.units.every((u) => !u.missing)).toBe(true);
  });

  it('completed: every reporting unit at 100 % and every milestone completed', () => {
    const done = { ...open, completedAt: at('2026-11-20T02:00:00Z') };
    const reports = new Map([
      [A, { period: '2026-11', percent: 100 }],
      [B, { period: '2026-10', percent: 100 }],
    ]);
    const e = evaluateMeasure(cal, monthly, '2026-11-27', {
      ...base,
      milestones: [done],
      latestReports: reports,
      lastReportAt: at('2026-11-20T02:00:00Z'),
    });
    expect(e).toMatchObject({ status: 'completed', progress: 100, overdue: false, nextDueOn: null });
    // One open milestone keeps it in progress.
    const notYet = evaluateMeasure(cal, monthly, '2026-11-27', {
      ...base,
      milestones: [done, open],
      latestReports: reports,
      lastReportAt: at('2026-11-20T02:00:00Z'),
    });
    expect(notYet.status).toBe('in_progress');
    expect(notYet.nextDueOn).toBe('2026-12-15');
  });

  it('never completed without a reporting unit; progress 0', () => {
    const e = evaluateMeasure(cal, monthly, '2026-11-27', { ...base, reportingDepartmentIds: [] });
    expect(e).toMatchObject({ status: 'not_started', progress: 0, nextDueOn: null });
  });

  it('rounds progress and ignores a unit listed twice', () => {
    const e = evaluateMeasure(cal, fresh, '2026-11-27', {
      ...base,
      reportingDepartmentIds: [A, B, A],
      latestReports: new Map([
        [A, { period: '2026-11', percent: 50 }],
        [B, { period: '2026-11', percent: 51 }],
      ]),
      lastReportAt: at('2026-11-20T02:00:00Z'),
    });
    expect(e.units).toHaveLength(2);
    expect(e.progress).toBe(51);
  });
});
