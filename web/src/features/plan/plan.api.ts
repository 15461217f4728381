import { ApiError, type ApiData, type ApiInit } from '../../api/client.ts';
import { chinaDate } from '../../app/china-time.ts';

// Named types of the action-plan pages, derived from the schema (never written by hand).
export type PlanOverview = ApiData<'get', '/api/action-plan'>;
export type PlanSummary = PlanOverview['summary'];
export type ReportingPeriod = PlanOverview['plan']['reportingPeriod'];
export type MeasureSummary = ApiData<'get', '/api/action-plan/measures'>[number];
export type MeasureStatus = MeasureSummary['status'];
export type PlanUnit = MeasureSummary['units'][number];
export type UnitRole = PlanUnit['role'];
export type MeasureDetail = ApiData<'get', '/api/action-plan/measures/{no}'>;
export type Milestone = MeasureDetail['milestones'][number];
export type PlanReport = MeasureDetail['reports'][number];
export type PlanNotice = MeasureDetail['notices'][number];
export type MyWork = ApiData<'get', '/api/action-plan/my'>;
export type MyMeasure = MyWork['measures'][number];
export type Dashboard = ApiData<'get', '/api/action-plan/dashboard'>;
export type PlanRollup = Dashboard['byPart'][number];
export type DepartmentRollup = Dashboard['byDepartment'][number];
export type OverdueItem = Dashboard['overdue'][number];
export type Kpi = ApiData<'get', '/api/action-plan/kpis'>[number];
export type KpiDirection = Kpi['direction'];
export type KpiInput = NonNullable<ApiInit<'put', '/api/action-plan/kpis/{code}'>['body']>;
export type MetricProvider = ApiData<'get', '/api/action-plan/metric-providers'>[number];
export type ReportInput = NonNullable<ApiInit<'post', '/api/action-plan/measures/{no}/reports'>['body']>;
export type MilestoneInput = NonNullable<ApiInit<'put', '/api/action-plan/milestones/{id}'>['body']>;
export type PlanImportResult = ApiData<'post', '/api/action-plan/import'>;
export type PlanImport = ApiData<'get', '/api/action-plan/imports'>['items'][number];
export type UnmatchedUnit = PlanImport['unmatchedUnits'][number];
export type StoredFile = ApiData<'post', '/api/files'>;

/** The statuses in the order the pages show them (every one the schema knows: the type checks it). */
export const MEASURE_STATUSES = [
  'not_started',
  'in_progress',
  'completed',
  'lagging',
] as const satisfies readonly MeasureStatus[];

/** A typical case (典型案例) as the server returns it. */
export type TypicalCase = ApiData<'get', '/api/action-plan/cases/{id}'>;
export type CaseStatus = TypicalCase['status'];

/** Plan text files are parsed whole; the server takes at most 2 MB. */
export const MAX_PLAN_TEXT_BYTES = 2 * 1024 * 1024;

/** The reporting period a day falls in: `2026-11` (monthly) or `2026-Q4` (quarterly). */
export function periodOf(day: string, cycle: ReportingPeriod): string {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  return cycle === 'monthly' ? `${year}-${day.slice(5, 7)}` : `${year}-Q${Math.ceil(month / 3)}`;
}

export function previousPeriod(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const y = Number(quarter[1]);
    const q = Number(quarter[2]);
    return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
  }
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The periods a report may be filed for now: the current one and the one before. */
export function openPeriods(cycle: ReportingPeriod, now: Date = new Date()): [string, string] {
  const current = periodOf(chinaDate(now), cycle);
  return [current, previousPeriod(current)];
}

/** When the server disagrees about the open periods (clock skew, a plan that changed cycle), it says which. */
export function serverOpenPeriods(error: unknown): string[] | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const value = error.problem.openPeriods;
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** A measure number from a route parameter, or undefined when it is not one. */
export function parseMeasureNo(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,5}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}
