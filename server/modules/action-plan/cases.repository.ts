/** The typical case aggregate (典型案例): the only writer of `typical_case`. */
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import { actionPlanDb as casesDb, type TypicalCaseRow } from './action-plan.tables.ts';

type Status = TypicalCaseRow['status'];

/** A case as shown: with the number of the measure it illustrates instead of the measure's id. */
export type CaseRow = Pick<
  TypicalCaseRow,
  | 'id'
  | 'plan_id'
  | 'department_id'
  | 'title'
  | 'summary'
  | 'body'
  | 'status'
  | 'submitted_at'
  | 'published_at'
  | 'review_comment'
> & { measure_no: number | null };

function selectCases(db: Db) {
  return casesDb(db)
    .selectFrom('typical_case as c')
    .leftJoin('measure as m', 'm.id', 'c.measure_id')
    .select([
      'c.id',
      'c.plan_id',
      'c.department_id',
      'c.title',
      'c.summary',
      'c.body',
      'c.status',
      'm.no as measure_no',
      'c.submitted_at',
      'c.published_at',
      'c.review_comment',
    ]);
}

export type CaseInsert = Pick<
  TypicalCaseRow,
  'plan_id' | 'measure_id' | 'department_id' | 'title' | 'summary' | 'body' | 'submitted_at'
> & { submitted_by: string };

export async function insertCase(trx: Db, row: CaseInsert): Promise<string> {
  const r = await casesDb(trx)
    .insertInto('typical_case')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findCaseRow(db: Db, id: string): Promise<CaseRow | undefined> {
  return selectCases(db).where('c.id', '=', id).executeTakeFirst();
}

export interface CaseFilter {
  planId?: string | undefined;
  status?: Status | undefined;
  departmentId?: string | undefined;
}

/** A page of cases; `order` by submission (review queue, department) or by publication (public). */
export async function listCaseRows(
  db: Db,
  f: CaseFilter,
  page: { page: number; pageSize: number },
  order: 'submitted_asc' | 'submitted_desc' | 'published_desc',
): Promise<{ items: CaseRow[]; total: number }> {
  let base = selectCases(db);
  if (f.planId) base = base.where('c.plan_id', '=', f.planId);
  if (f.status) base = base.where('c.status', '=', f.status);
  if (f.departmentId) base = base.where('c.department_id', '=', f.departmentId);
  let items = base;
  if (order === 'published_desc') items = items.orderBy('c.published_at', 'desc');
  items = items.orderBy('c.submitted_at', order === 'submitted_asc' ? 'asc' : 'desc').orderBy('c.id');
  const [rows, count] = await Promise.all([
    items
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    base
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows, total: count.n };
}

/** Records the decision only while the case is still submitted; undefined when it was not (any more). */
export async function reviewCaseRow(
  trx: Db,
  id: string,
  r: { status: 'published' | 'rejected'; reviewedBy: string; at: Date; comment: string | null },
): Promise<{ id: string } | undefined> {
  return casesDb(trx)
    .updateTable('typical_case')
    .set({
      status: r.status,
      reviewed_by: r.reviewedBy,
      reviewed_at: r.at,
      review_comment: r.comment,
      published_at: r.status === 'published' ? r.at : null,
    })
    .where('id', '=', id)
    .where('status', '=', 'submitted')
    .returning('id')
    .executeTakeFirst();
}
