/**
 * Queries for measures, milestones, progress reports and supervision notices. The whole plan's state is read in a
 * handful of bulk queries (structure, units, milestones, latest report per unit, report activity per measure) so
 * that status derivation costs the same for one measure or 58.
 */
import { sql, type Kysely } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { ActionPlanTables, UnitRole } from './action-plan.tables.ts';
import { findCurrentPlan as findCurrentPlanOfModule } from './plan.repository.ts';

function planDb(db: Db): Kysely<ActionPlanTables> {
  return db.withTables<ActionPlanTables>();
}

// ---------------------------------------------------------------------------------------------------------------
// Plans and structure

const PLAN_COLUMNS = [
  'id',
  'code',
  'title',
  'reporting_period',
  'report_due_workdays',
  'escalation_workdays',
  'created_at',
] as const;

export interface PlanRow {
  id: string;
  code: string;
  title: string;
  reporting_period: 'monthly' | 'quarterly';
  report_due_workdays: number;
  escalation_workdays: number;
  created_at: Date;
}

/** The plan in force: the most recently imported one (the same rule as kpi.repository's findCurrentPlanRow). */
export async function findCurrentPlan(db: Db): Promise<PlanRow | undefined> {
  return findCurrentPlanOfModule(db);
}

export async function findPlan(db: Db, planId: string): Promise<PlanRow | undefined> {
  return planDb(db).selectFrom('plan').select(PLAN_COLUMNS).where('id', '=', planId).executeTakeFirst();
}

export interface MeasureRow {
  id: string;
  no: number;
  title: string;
  section_id: string;
  section_no: number;
  section_label: string;
  section_title: string;
  part_id: string;
  part_no: number;
  part_label: string;
  part_title: string;
}

function measuresWithStructure(db: Db, planId: string) {
  return planDb(db)
    .selectFrom('measure as m')
    .innerJoin('plan_section as s', 's.id', 'm.section_id')
    .innerJoin('plan_part as p', 'p.id', 's.part_id')
    .select([
      'm.id',
      'm.no',
      'm.title',
      's.id as section_id',
      's.ordinal as section_no',
      's.label as section_label',
      's.title as section_title',
      'p.id as part_id',
      'p.ordinal as part_no',
      'p.label as part_label',
      'p.title as part_title',
    ])
    .where('m.plan_id', '=', planId);
}

export async function listMeasureRows(db: Db, planId: string): Promise<MeasureRow[]> {
  return measuresWithStructure(db, planId).orderBy('m.no').execute();
}

export async function findMeasureRowByNo(
  db: Db,
  planId: string,
  no: number,
): Promise<(MeasureRow & { body: string }) | undefined> {
  return measuresWithStructure(db, planId).select('m.body').where('m.no', '=', no).executeTakeFirst();
}

export async function listPartRows(db: Db, planId: string) {
  return planDb(db)
    .selectFrom('plan_part')
    .select(['id', 'ordinal', 'label', 'title'])
    .where('plan_id', '=', planId)
    .orderBy('ordinal')
    .execute();
}

export async function listSectionRows(db: Db, planId: string) {
  return planDb(db)
    .selectFrom('plan_section')
    .select(['id', 'part_id', 'ordinal', 'label', 'title'])
    .where('plan_id', '=', planId)
    .orderBy('ordinal')
    .execute();
}

export interface UnitRow {
  measure_id: string;
  position: number;
  name: string;
  role: UnitRole;
  department_id: string | null;
}

/** Units of every measure of a plan (or of the given measures), in their order in the plan text. */
export async function listUnitRows(
  db: Db,
  planId: string,
  measureIds?: readonly string[],
): Promise<UnitRow[]> {
  if (measureIds && measureIds.length === 0) return [];
  let q = planDb(db)
    .selectFrom('measure_unit as u')
    .innerJoin('measure as m', 'm.id', 'u.measure_id')
    .select(['u.measure_id', 'u.position', 'u.name', 'u.role', 'u.department_id'])
    .where('m.plan_id', '=', planId);
  if (measureIds) q = q.where('u.measure_id', 'in', measureIds);
  return q.orderBy('u.measure_id').orderBy('u.position').execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Milestones

export interface MilestoneRow {
  id: string;
  measure_id: string;
  measure_no: number;
  title: string;
  description: string;
  due_on: string;
  owner_department_id: string;
  created_at: Date;
  completed_at: Date | null;
}

function milestonesOfPlan(db: Db, planId: string) {
  return planDb(db)
    .selectFrom('milestone as ms')
    .innerJoin('measure as m', 'm.id', 'ms.measure_id')
    .select([
      'ms.id',
      'ms.measure_id',
      'm.no as measure_no',
      'ms.title',
      'ms.description',
      'ms.due_on',
      'ms.owner_department_id',
      'ms.created_at',
      'ms.completed_at',
    ])
    .where('m.plan_id', '=', planId);
}

export async function listMilestoneRows(
  db: Db,
  planId: string,
  filter: { measureId?: string; ownerDepartmentId?: string } = {},
): Promise<MilestoneRow[]> {
  let q = milestonesOfPlan(db, planId);
  if (filter.measureId) q = q.where('ms.measure_id', '=', filter.measureId);
  if (filter.ownerDepartmentId) q = q.where('ms.owner_department_id', '=', filter.ownerDepartmentId);
  return q.orderBy('ms.due_on').orderBy('ms.created_at').orderBy('ms.id').execute();
}

export async function findMilestoneRow(
  db: Db,
  id: string,
): Promise<(MilestoneRow & { plan_id: string }) | undefined> {
  return planDb(db)
    .selectFrom('milestone as ms')
    .innerJoin('measure as m', 'm.id', 'ms.measure_id')
    .select([
      'ms.id',
      'ms.measure_id',
      'm.no as measure_no',
      'm.plan_id',
      'ms.title',
      'ms.description',
      'ms.due_on',
      'ms.owner_department_id',
      'ms.created_at',
      'ms.completed_at',
    ])
    .where('ms.id', '=', id)
    .executeTakeFirst();
}

export async function insertMilestone(
  db: Db,
  row: {
    measure_id: string;
    title: string;
    description: string;
    due_on: string;
    owner_department_id: string;
    created_by: string | null;
    created_at: Date;
  },
): Promise<string> {
  const r = await planDb(db).insertInto('milestone').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Updates an open milestone; undefined when it is gone or was completed meanwhile. */
export async function updateOpenMilestone(
  db: Db,
  id: string,
  set: { title: string; description: string; due_on: string; owner_department_id: string },
): Promise<string | undefined> {
  const r = await planDb(db)
    .updateTable('milestone')
    .set(set)
    .where('id', '=', id)
    .where('completed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

export async function deleteOpenMilestone(db: Db, id: string): Promise<boolean> {
  const r = await planDb(db)
    .deleteFrom('milestone')
    .where('id', '=', id)
    .where('completed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Locks the given milestones for a completing report; returns those that exist. */
export async function lockMilestones(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return planDb(db)
    .selectFrom('milestone')
    .select(['id', 'measure_id', 'owner_department_id', 'completed_at'])
    .where('id', 'in', ids)
    .forUpdate()
    .execute();
}

export async function completeMilestones(
  db: Db,
  ids: readonly string[],
  reportId: string,
  at: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await planDb(db)
    .updateTable('milestone')
    .set({ completed_at: at, completed_report_id: reportId })
    .where('id', 'in', ids)
    .where('completed_at', 'is', null)
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Progress reports

export interface ReportRow {
  id: string;
  measure_id: string;
  measure_no: number;
  department_id: string;
  period: string;
  percent: number;
  body: string;
  evidence_file_ids: string[];
  completed_milestone_ids: string[];
  submitted_by: string | null;
  submitted_at: Date;
}

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
): Promise<ReportRow[]> {
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
): Promise<ReportRow[]> {
  return reportsOfPlan(db, planId)
    .where('r.measure_id', '=', measureId)
    .orderBy(periodKey, 'desc')
    .orderBy('r.submitted_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
}

export async function insertReport(
  db: Db,
  row: {
    measure_id: string;
    department_id: string;
    period: string;
    percent: number;
    body: string;
    evidence_file_ids: string[];
    completed_milestone_ids: string[];
    submitted_by: string;
    submitted_at: Date;
  },
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

// ---------------------------------------------------------------------------------------------------------------
// Supervision notices

export interface NoticeRow {
  id: string;
  kind: 'reminder' | 'escalation';
  reason: 'milestone_overdue' | 'report_missing';
  measure_id: string;
  measure_no: number;
  measure_title: string;
  milestone_id: string | null;
  milestone_title: string | null;
  department_id: string;
  period: string | null;
  due_on: string;
  overdue_workdays: number;
  dedupe_key: string;
  created_at: Date;
  resolved_at: Date | null;
}

function noticesOfPlan(db: Db, planId: string) {
  return planDb(db)
    .selectFrom('supervision_notice as n')
    .innerJoin('measure as m', 'm.id', 'n.measure_id')
    .leftJoin('milestone as ms', 'ms.id', 'n.milestone_id')
    .where('m.plan_id', '=', planId);
}

const NOTICE_COLUMNS = [
  'n.id',
  'n.kind',
  'n.reason',
  'n.measure_id',
  'm.no as measure_no',
  'm.title as measure_title',
  'n.milestone_id',
  'ms.title as milestone_title',
  'n.department_id',
  'n.period',
  'n.due_on',
  'n.overdue_workdays',
  'n.dedupe_key',
  'n.created_at',
  'n.resolved_at',
] as const;

export async function listNoticeRows(
  db: Db,
  planId: string,
  q: {
    departmentId?: string;
    measureId?: string;
    kind?: 'reminder' | 'escalation';
    openOnly?: boolean;
    page: number;
    pageSize: number;
  },
): Promise<{ items: NoticeRow[]; total: number }> {
  let base = noticesOfPlan(db, planId);
  if (q.departmentId) base = base.where('n.department_id', '=', q.departmentId);
  if (q.measureId) base = base.where('n.measure_id', '=', q.measureId);
  if (q.kind) base = base.where('n.kind', '=', q.kind);
  if (q.openOnly) base = base.where('n.resolved_at', 'is', null);
  const [items, count] = await Promise.all([
    base
      .select(NOTICE_COLUMNS)
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

export interface NoticeInsert {
  kind: 'reminder' | 'escalation';
  reason: 'milestone_overdue' | 'report_missing';
  measure_id: string;
  milestone_id: string | null;
  department_id: string;
  period: string | null;
  due_on: string;
  overdue_workdays: number;
  dedupe_key: string;
  created_at: Date;
}

/** Inserts a notice unless its dedupe key exists; returns the new id, or undefined when it existed. */
export async function insertNoticeOnce(db: Db, row: NoticeInsert): Promise<string | undefined> {
  const r = await planDb(db)
    .insertInto('supervision_notice')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

/** Resolves the open notices of milestones; returns their ids. */
export async function resolveMilestoneNotices(
  db: Db,
  milestoneIds: readonly string[],
  at: Date,
): Promise<string[]> {
  if (milestoneIds.length === 0) return [];
  const rows = await planDb(db)
    .updateTable('supervision_notice')
    .set({ resolved_at: at })
    .where('milestone_id', 'in', milestoneIds)
    .where('resolved_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Resolves a rescheduled or reassigned milestone's open notices and frees their dedupe keys (suffixing them), so a
 * milestone that falls behind again under its new terms is reminded again. The notices themselves stay on record.
 */
export async function supersedeMilestoneNotices(db: Db, milestoneId: string, at: Date): Promise<string[]> {
  const rows = await planDb(db)
    .updateTable('supervision_notice')
    .set({ resolved_at: at, dedupe_key: sql<string>`dedupe_key || ':superseded:' || id::text` })
    .where('milestone_id', '=', milestoneId)
    .where('resolved_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Resolves a department's open missing-report notices on a measure for periods up to `periods` (inclusive). */
export async function resolveReportNotices(
  db: Db,
  measureId: string,
  departmentId: string,
  periods: readonly string[],
  at: Date,
): Promise<string[]> {
  if (periods.length === 0) return [];
  const rows = await planDb(db)
    .updateTable('supervision_notice')
    .set({ resolved_at: at })
    .where('measure_id', '=', measureId)
    .where('department_id', '=', departmentId)
    .where('reason', '=', 'report_missing')
    .where('period', 'in', periods)
    .where('resolved_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Open missing-report notices of a (measure, department): the periods they are about. */
export async function listOpenReportNoticePeriods(
  db: Db,
  measureId: string,
  departmentId: string,
): Promise<string[]> {
  const rows = await planDb(db)
    .selectFrom('supervision_notice')
    .select('period')
    .distinct()
    .where('measure_id', '=', measureId)
    .where('department_id', '=', departmentId)
    .where('reason', '=', 'report_missing')
    .where('resolved_at', 'is', null)
    .execute();
  return rows.flatMap((r) => (r.period ? [r.period] : []));
}

/** Every notice of a milestone, open or resolved. */
export async function countMilestoneNotices(db: Db, milestoneId: string): Promise<number> {
  const r = await planDb(db)
    .selectFrom('supervision_notice')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('milestone_id', '=', milestoneId)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** Dedupe keys of the plan's open escalations (督办单), to flag escalated items on the dashboard. */
export async function listOpenEscalationKeys(db: Db, planId: string): Promise<Set<string>> {
  const rows = await noticesOfPlan(db, planId)
    .select('n.dedupe_key')
    .where('n.kind', '=', 'escalation')
    .where('n.resolved_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.dedupe_key));
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures

export interface PlanFixture {
  code: string;
  title: string;
  reportingPeriod?: 'monthly' | 'quarterly';
  reportDueWorkdays?: number;
  escalationWorkdays?: number;
  createdAt: Date;
  parts: {
    ordinal: number;
    label: string;
    title: string;
    sections: {
      ordinal: number;
      label: string;
      title: string;
      measures: {
        no: number;
        title: string;
        body: string;
        units: { name: string; role: UnitRole; departmentId: string | null }[];
      }[];
    }[];
  }[];
}

/**
 * Writes a whole plan structure directly. The shipped plan is imported by plan-import.service from the plan text;
 * this is for tests and tools that need a small, exact plan (it writes no audit entry).
 */
export async function insertPlanStructure(
  db: Db,
  plan: PlanFixture,
): Promise<{ planId: string; measureIds: Map<number, string> }> {
  const t = planDb(db);
  const { id: planId } = await t
    .insertInto('plan')
    .values({
      code: plan.code,
      title: plan.title,
      reporting_period: plan.reportingPeriod ?? 'monthly',
      report_due_workdays: plan.reportDueWorkdays ?? 5,
      escalation_workdays: plan.escalationWorkdays ?? 5,
      source_sha256: 'fixture',
      created_at: plan.createdAt,
      updated_at: plan.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const measureIds = new Map<number, string>();
  for (const part of plan.parts) {
    const { id: partId } = await t
      .insertInto('plan_part')
      .values({ plan_id: planId, ordinal: part.ordinal, label: part.label, title: part.title })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const section of part.sections) {
      const { id: sectionId } = await t
        .insertInto('plan_section')
        .values({
          plan_id: planId,
          part_id: partId,
          ordinal: section.ordinal,
          label: section.label,
          title: section.title,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const m of section.measures) {
        const { id: measureId } = await t
          .insertInto('measure')
          .values({
            plan_id: planId,
            section_id: sectionId,
            no: m.no,
            title: m.title,
            body: m.body,
            created_at: plan.createdAt,
            updated_at: plan.createdAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        measureIds.set(m.no, measureId);
        if (m.units.length > 0) {
          await t
            .insertInto('measure_unit')
            .values(
              m.units.map((u, i) => ({
                measure_id: measureId,
                position: i + 1,
                name: u.name,
                role: u.role,
                department_id: u.departmentId,
              })),
            )
            .execute();
        }
      }
    }
  }
  return { planId, measureIds };
}
