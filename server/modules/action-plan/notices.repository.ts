/** The supervision notice aggregate (提醒, 督办单): the only writer of `supervision_notice`. */
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import { actionPlanDb as planDb, type SupervisionNoticeRow } from './action-plan.tables.ts';

/** A notice as listed: with its measure's number and title and its milestone's title. */
export type NoticeWithSubjects = SupervisionNoticeRow & {
  measure_no: number;
  measure_title: string;
  milestone_title: string | null;
};

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
    kind?: SupervisionNoticeRow['kind'];
    openOnly?: boolean;
    page: number;
    pageSize: number;
  },
): Promise<{ items: NoticeWithSubjects[]; total: number }> {
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

export type NoticeInsert = Omit<SupervisionNoticeRow, 'id' | 'resolved_at'>;

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
