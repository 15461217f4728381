/**
 * The plan's derived state: every measure's status, progress and next deadline, derived by status.ts from one bulk
 * read of the plan (`loadPlanSnapshot`), so it costs the same for one measure or 58.
 */
import type { WorkCalendar } from '../../kernel/calendar/calendar.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import type { MeasureStatus, PlanRow } from './action-plan.tables.ts';
import { isReportingRole } from './action-plan.policy.ts';
import {
  listMeasureRows,
  listUnitRows,
  type MeasureWithStructure,
  type UnitRow,
} from './measures.repository.ts';
import { listMilestoneRows, type MilestoneWithMeasure } from './milestones.repository.ts';
import { findPlan } from './plan.repository.ts';
import { listLastReportTimes, listLatestReportRows, type ReportWithMeasure } from './reports.repository.ts';
import {
  evaluateMeasure,
  lastDuePeriod,
  type LatestReport,
  type MeasureEvaluation,
  type PlanRules,
} from './status.ts';

export interface MeasureState {
  status: MeasureStatus;
  progress: number;
  nextDueOn: string | null;
  overdue: boolean;
}

export interface PlanSnapshot {
  plan: PlanRow;
  rules: PlanRules;
  today: string;
  calendar: WorkCalendar;
  /** The latest reporting period whose deadline has passed; null before the plan's first full period is due. */
  lastDue: string | null;
  measures: MeasureWithStructure[];
  units: Map<string, UnitRow[]>;
  milestones: Map<string, MilestoneWithMeasure[]>;
  /** measure id → department id → latest report */
  latestReports: Map<string, Map<string, ReportWithMeasure>>;
  lastReportAt: Map<string, Date>;
  evaluations: Map<string, MeasureEvaluation>;
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export function planRules(plan: PlanRow): PlanRules {
  return {
    cycle: plan.reporting_period,
    dueWorkdays: plan.report_due_workdays,
    planStart: chinaDate(plan.created_at),
  };
}

function reportingDepartments(units: readonly UnitRow[]): string[] {
  return units.flatMap((u) => (u.department_id !== null && isReportingRole(u.role) ? [u.department_id] : []));
}

/** Reads the plan's whole state in five queries (the calendar is cached) and derives every measure's status. */
export async function loadPlanSnapshot(ctx: AppContext, plan: PlanRow): Promise<PlanSnapshot> {
  const today = chinaDate(ctx.clock.now());
  const [calendar, measures, units, milestones, latest, lastReportAt] = await Promise.all([
    getWorkCalendar(ctx),
    listMeasureRows(ctx.db, plan.id),
    listUnitRows(ctx.db, plan.id),
    listMilestoneRows(ctx.db, plan.id),
    listLatestReportRows(ctx.db, plan.id),
    listLastReportTimes(ctx.db, plan.id),
  ]);
  const rules = planRules(plan);
  const lastDue = lastDuePeriod(calendar, rules, today);
  const unitsByMeasure = groupBy(units, (u) => u.measure_id);
  const milestonesByMeasure = groupBy(milestones, (m) => m.measure_id);
  const latestReports = new Map<string, Map<string, ReportWithMeasure>>();
  for (const r of latest) {
    let byDept = latestReports.get(r.measure_id);
    if (!byDept) latestReports.set(r.measure_id, (byDept = new Map()));
    byDept.set(r.department_id, r);
  }
  const evaluations = new Map<string, MeasureEvaluation>();
  for (const m of measures) {
    const reports = new Map<string, LatestReport>();
    for (const [dept, r] of latestReports.get(m.id) ?? [])
      reports.set(dept, { period: r.period, percent: r.percent });
    evaluations.set(
      m.id,
      evaluateMeasure(
        calendar,
        rules,
        today,
        {
          reportingDepartmentIds: reportingDepartments(unitsByMeasure.get(m.id) ?? []),
          milestones: (milestonesByMeasure.get(m.id) ?? []).map((ms) => ({
            id: ms.id,
            dueOn: ms.due_on,
            createdAt: new Date(ms.created_at).getTime(),
            completedAt: ms.completed_at ? new Date(ms.completed_at).getTime() : null,
          })),
          latestReports: reports,
          lastReportAt: lastReportAt.get(m.id)?.getTime() ?? null,
        },
        lastDue,
      ),
    );
  }
  return {
    plan,
    rules,
    today,
    calendar,
    lastDue,
    measures,
    units: unitsByMeasure,
    milestones: milestonesByMeasure,
    latestReports,
    lastReportAt,
    evaluations,
  };
}

/**
 * Status, progress, next due date and overdue flag of every measure of a plan, keyed by measure id. Six queries
 * for the whole plan. An unknown plan id gives an empty map.
 */
export async function computeMeasureStates(
  ctx: AppContext,
  planId: string,
): Promise<Map<string, MeasureState>> {
  const plan = await findPlan(ctx.db, planId);
  if (!plan) return new Map();
  const snapshot = await loadPlanSnapshot(ctx, plan);
  const out = new Map<string, MeasureState>();
  for (const [id, e] of snapshot.evaluations) {
    out.set(id, { status: e.status, progress: e.progress, nextDueOn: e.nextDueOn, overdue: e.overdue });
  }
  return out;
}
