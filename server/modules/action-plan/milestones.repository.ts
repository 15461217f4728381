/** The milestone aggregate (节点): the only writer of `milestone`. */
import type { Db } from '../../kernel/db/database.ts';
import { actionPlanDb as planDb, type MilestoneRow } from './action-plan.tables.ts';

/** A milestone as listed: with its measure's number. */
export type MilestoneWithMeasure = Omit<MilestoneRow, 'created_by' | 'completed_report_id'> & {
  measure_no: number;
};

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
): Promise<MilestoneWithMeasure[]> {
  let q = milestonesOfPlan(db, planId);
  if (filter.measureId) q = q.where('ms.measure_id', '=', filter.measureId);
  if (filter.ownerDepartmentId) q = q.where('ms.owner_department_id', '=', filter.ownerDepartmentId);
  return q.orderBy('ms.due_on').orderBy('ms.created_at').orderBy('ms.id').execute();
}

export async function findMilestoneRow(
  db: Db,
  id: string,
): Promise<(MilestoneWithMeasure & { plan_id: string }) | undefined> {
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
  row: Omit<MilestoneRow, 'id' | 'completed_at' | 'completed_report_id'>,
): Promise<string> {
  const r = await planDb(db).insertInto('milestone').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Updates an open milestone; undefined when it is gone or was completed meanwhile. */
export async function updateOpenMilestone(
  db: Db,
  id: string,
  set: Pick<MilestoneRow, 'title' | 'description' | 'due_on' | 'owner_department_id'>,
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

/** Milestones with a due date on or before `today` (China date), with when they were completed. */
export async function listDueMilestoneRows(
  db: Db,
  planId: string,
  today: string,
): Promise<Pick<MilestoneRow, 'id' | 'due_on' | 'completed_at'>[]> {
  return planDb(db)
    .selectFrom('milestone as ms')
    .innerJoin('measure as m', 'm.id', 'ms.measure_id')
    .select(['ms.id', 'ms.due_on', 'ms.completed_at'])
    .where('m.plan_id', '=', planId)
    .where('ms.due_on', '<=', today)
    .execute();
}
