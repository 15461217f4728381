import { sql, type Kysely } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { ActionPlanTables } from './action-plan.tables.ts';

function casesDb(db: Db): Kysely<ActionPlanTables> {
  return db.withTables<ActionPlanTables>();
}

type Status = 'submitted' | 'published' | 'rejected';

export interface CaseRow {
  id: string;
  plan_id: string;
  department_id: string;
  title: string;
  summary: string;
  body: string;
  status: Status;
  measure_no: number | null;
  submitted_at: Date;
  published_at: Date | null;
  review_comment: string | null;
}

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

export async function findMeasureIdByNo(db: Db, planId: string, no: number): Promise<string | undefined> {
  const r = await casesDb(db)
    .selectFrom('measure')
    .select('id')
    .where('plan_id', '=', planId)
    .where('no', '=', no)
    .executeTakeFirst();
  return r?.id;
}

export interface CaseInsert {
  plan_id: string;
  measure_id: string | null;
  department_id: string;
  title: string;
  summary: string;
  body: string;
  submitted_by: string;
  submitted_at: Date;
}

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
