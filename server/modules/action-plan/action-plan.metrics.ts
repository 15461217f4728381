/**
 * Figures the action plan computes about itself, registered as metric providers like any module's:
 * - measures-completed-share: % of the plan's measures whose status is 已完成;
 * - milestones-on-time-rate: of the milestones whose deadline has passed, % completed on or before it;
 * - report-submission-rate: of the progress reports whose deadline has passed (every lead/responsible department
 *   of every measure, every period from the plan's first full period), % submitted by the deadline.
 * Deadlines, periods and statuses follow the rules of status.ts, so these figures agree with the dashboard.
 * Each is cumulative as of the computation and about the plan in force; with nothing to measure yet (no
 * milestone due, no report due) the value is null, never 0 % or 100 %.
 */
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { MetricProvider, MetricValue } from '../../kernel/metrics.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import type { PlanRow } from './action-plan.tables.ts';
import { computeMeasureStates } from './measure-status.service.ts';
import { listReportingUnitRows } from './measures.repository.ts';
import { listDueMilestoneRows } from './milestones.repository.ts';
import { findCurrentPlan } from './plan.repository.ts';
import { listSubmissionRows } from './reports.repository.ts';
import {
  comparePeriods,
  firstFullPeriod,
  lastDuePeriod,
  nextPeriod,
  overdueWorkdays,
  reportDueOn,
  type PlanRules,
} from './status.ts';

/** The context with its clock pinned to `asOf`, so "overdue" and "due" are judged as of the computation. */
function contextAt(ctx: AppContext, asOf: Date): AppContext {
  return { ...ctx, clock: { now: () => new Date(asOf.getTime()) } };
}

const NO_PLAN: MetricValue = { value: null, detail: { reason: 'no_plan' } };

function percent(part: number, whole: number): number {
  return Math.round((1000 * part) / whole) / 10;
}

export async function measuresCompletedShare(ctx: AppContext, plan: PlanRow): Promise<MetricValue> {
  const states = await computeMeasureStates(ctx, plan.id);
  const measures = states.size;
  if (measures === 0) return { value: null, detail: { plan: plan.code, measures: 0 } };
  let completed = 0;
  for (const s of states.values()) if (s.status === 'completed') completed++;
  return { value: percent(completed, measures), detail: { plan: plan.code, measures, completed } };
}

function rulesOf(plan: PlanRow): PlanRules {
  return {
    cycle: plan.reporting_period,
    dueWorkdays: plan.report_due_workdays,
    planStart: chinaDate(plan.created_at),
  };
}

/**
 * Deadlines as status.ts judges them: a due date on a rest day moves to the next working day, and an item is due
 * (counted here) once that deadline has passed.
 */
export async function milestonesOnTimeRate(ctx: AppContext, plan: PlanRow, asOf: Date): Promise<MetricValue> {
  const today = chinaDate(asOf);
  const calendar = await getWorkCalendar(ctx);
  let due = 0;
  let onTime = 0;
  for (const m of await listDueMilestoneRows(ctx.db, plan.id, today)) {
    if (overdueWorkdays(calendar, m.due_on, today) === 0) continue;
    due++;
    if (m.completed_at !== null && chinaDate(m.completed_at) <= calendar.addWorkdays(m.due_on, 0)) onTime++;
  }
  if (due === 0) return { value: null, detail: { plan: plan.code, due: 0, asOf: today } };
  return { value: percent(onTime, due), detail: { plan: plan.code, due, onTime, asOf: today } };
}

/**
 * Reports owed (status.ts rules): every reporting department of every measure, for every period from the plan's
 * first full period to the last one whose deadline has passed — except periods after the department reported
 * 100 %. On time: first submitted on or before that period's deadline.
 */
export async function reportSubmissionRate(ctx: AppContext, plan: PlanRow, asOf: Date): Promise<MetricValue> {
  const today = chinaDate(asOf);
  const calendar = await getWorkCalendar(ctx);
  const rules = rulesOf(plan);
  const lastDue = lastDuePeriod(calendar, rules, today);
  const periods: { period: string; dueOn: string }[] = [];
  if (lastDue !== null) {
    for (
      let p = firstFullPeriod(rules.planStart, rules.cycle);
      comparePeriods(p, lastDue) <= 0;
      p = nextPeriod(p)
    ) {
      periods.push({ period: p, dueOn: reportDueOn(calendar, p, rules.dueWorkdays) });
    }
  }
  const units = await listReportingUnitRows(ctx.db, plan.id);
  if (periods.length === 0 || units.length === 0) {
    return { value: null, detail: { plan: plan.code, due: 0, units: units.length, periods: 0, asOf: today } };
  }
  const submissions = new Map<string, { period: string; firstAt: Date; percent: number }[]>();
  for (const s of await listSubmissionRows(ctx.db, plan.id)) {
    const key = `${s.measure_id}|${s.department_id}`;
    const list = submissions.get(key) ?? [];
    list.push({ period: s.period, firstAt: new Date(s.first_at), percent: s.percent });
    submissions.set(key, list);
  }
  let due = 0;
  let onTime = 0;
  for (const u of units) {
    const own = submissions.get(`${u.measure_id}|${u.department_id}`) ?? [];
    for (const { period, dueOn } of periods) {
      if (own.some((r) => r.percent >= 100 && comparePeriods(r.period, period) < 0)) break;
      due++;
      const report = own.find((r) => r.period === period);
      if (report && chinaDate(report.firstAt) <= dueOn) onTime++;
    }
  }
  if (due === 0)
    return { value: null, detail: { plan: plan.code, due: 0, units: units.length, asOf: today } };
  return {
    value: percent(onTime, due),
    detail: { plan: plan.code, due, onTime, units: units.length, periods: periods.length, asOf: today },
  };
}

// ---------------------------------------------------------------------------------------------------------------

function provider(
  id: string,
  name: string,
  unit: string,
  description: string,
  compute: (ctx: AppContext, plan: PlanRow, asOf: Date) => Promise<MetricValue>,
): MetricProvider {
  return {
    id,
    name,
    unit,
    description,
    async compute(ctx, _period, asOf) {
      const plan = await findCurrentPlan(ctx.db);
      if (!plan) return NO_PLAN;
      return compute(contextAt(ctx, asOf), plan, asOf);
    },
  };
}

/** Figures the action plan computes about itself (measures completed, milestones on time, reports submitted). */
export function actionPlanMetrics(): MetricProvider[] {
  return [
    provider(
      'action-plan.measures-completed-share',
      '已完成措施占比',
      '%',
      '现行方案全部措施中状态为“已完成”的比例。',
      (ctx, plan) => measuresCompletedShare(ctx, plan),
    ),
    provider(
      'action-plan.milestones-on-time-rate',
      '节点按期完成率',
      '%',
      '截至统计日已过到期日的节点中，在到期日当天或之前完成的比例；没有到期节点时无数值。',
      (ctx, plan, asOf) => milestonesOnTimeRate(ctx, plan, asOf),
    ),
    provider(
      'action-plan.report-submission-rate',
      '进展报告按时报送率',
      '%',
      '自方案导入起，各措施牵头/责任单位已过报送截止日的各期进展报告中，按时（截止日当天或之前）提交的比例；没有到期报告时无数值。',
      (ctx, plan, asOf) => reportSubmissionRate(ctx, plan, asOf),
    ),
  ];
}
