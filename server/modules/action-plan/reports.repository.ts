/** The progress report aggregate (进展报告): the only writer of `progress_report`. */
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import { actionPlanDb as planDb, type ProgressReportRow } from './action-plan.tables.ts';

/** A progress report as listed: with its measure's number. */
export type ReportWithMeasure = ProgressReportRow & { measure_no: number };

/** Sorts periods by their last month, so `2026-Q4` (ends in December) sorts with `2026-12`. */
const periodKey = sql<string>`case when substr(r.period, 6, 1) = 'Q'
  then substr(r.period, 1, 5) || lpad((cast(substr(r.period, 7, 1) as integer) * 3)::text, 2, '0')
  else r.period end`;

function reportsOfPlan(db: Db, planId: string) {
  return planDb(db)
    .selectFrom('progress_report as r')
    .innerJoin('measure as m', 'm.id', 'r.measure_id')
    .select([
      'r.id',
      'r.measure_id',
      'm.no as measure_no',
      'r.department_id',
      'r.period',
      'r.percent',
      'r.body',
      'r.evidence_file_ids',
      'r.completed_milestone_ids',
      'r.submitted_by',
      'r.submitted_at',
    ])
    .where('m.plan_id', '=', planId);
}

/** Each (measure, department)'s latest report: latest period, then latest submission. */
export async function listLatestReportRows(
  db: Db,
  planId: string,
  filter: { measureIds?: readonly string[]; departmentId?: string } = {},
): Promise<ReportWithMeasure[]> {
  if (filter.measureIds && filter.measureIds.length === 0) return [];
  let q = reportsOfPlan(db, planId)
    .distinctOn(['r.measure_id', 'r.department_id'])
    .orderBy('r.measure_id')
    .orderBy('r.department_id')
    .orderBy(periodKey, 'desc')
    .orderBy('r.submitted_at', 'desc')
    .orderBy('r.id', 'desc');
  if (filter.measureIds) q = q.where('r.measure_id', 'in', filter.measureIds);
  if (filter.departmentId) q = q.where('r.department_id', '=', filter.departmentId);
  return q.execute();
}

/** When each measure's most recent report (by anyone) was submitted. */
export async function listLastReportTimes(db: Db, planId: string): Promise<Map<string, Date>> {
  const rows = await planDb(db)
    .selectFrom('progress_report as r')
    .innerJoin('measure as m', 'm.id', 'r.measure_id')
    .select(['r.measure_id', sql<Date>`max(r.submitted_at)`.as('last_at')])
    .where('m.plan_id', '=', planId)
    .groupBy('r.measure_id')
    .execute();
  return new Map(rows.map((r) => [r.measure_id, new Date(r.last_at)]));
}

/** A measure's reports, newest period first. */
export async function listReportRowsOfMeasure(
  db: Db,
  planId: string,
  measureId: string,
): Promise<ReportWithMeasure[]> {
  return reportsOfPlan(db, planId)
    .where('r.measure_id', '=', measureId)
    .orderBy(periodKey, 'desc')
    .orderBy('r.submitted_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
}

export async function insertReport(
  db: Db,
  row: Omit<ProgressReportRow, 'id' | 'submitted_by'> & { submitted_by: string },
): Promise<string> {
  const r = await planDb(db)
    .insertInto('progress_report')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function isReportId(db: Db, id: string): Promise<boolean> {
  const r = await planDb(db)
    .selectFrom('progress_report')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return r !== undefined;
}

/** Per (measure, department, period): when it was first reported and the highest percent reported. */
export async function listSubmissionRows(
  db: Db,
  planId: string,
): Promise<{ measure_id: string; department_id: string; period: string; first_at: Date; percent: number }[]> {
  return planDb(db)
    .selectFrom('progress_report as r')
    .innerJoin('measure as m', 'm.id', 'r.measure_id')
    .select([
      'r.measure_id',
      'r.department_id',
      'r.period',
      sql<Date>`min(r.submitted_at)`.as('first_at'),
      sql<number>`max(r.percent)::int`.as('percent'),
    ])
    .where('m.plan_id', '=', planId)
    .groupBy(['r.measure_id', 'r.department_id', 'r.period'])
    .execute();
}
