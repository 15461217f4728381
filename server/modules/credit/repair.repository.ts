import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { Publication, Severity } from './credit.tables.ts';
import { creditDb, type RepairMaterial, type RepairStatus } from './lists.tables.ts';

export interface RecordForRepair {
  id: string;
  uscc: string;
  entity_name: string;
  enterprise_id: string | null;
  department_id: string;
  category_code: string;
  category_name: string;
  category_kind: 'license' | 'penalty' | 'other';
  decision_no: string;
  decision_date: string;
  severity: Severity | null;
  publication: Publication;
  publish_min_until: string | null;
  publish_until: string | null;
}

function selectRecords(db: Db) {
  return creditDb(db)
    .selectFrom('credit_record as r')
    .innerJoin('credit_category as c', 'c.code', 'r.category_code')
    .select([
      'r.id',
      'r.uscc',
      'r.entity_name',
      'r.enterprise_id',
      'r.department_id',
      'r.category_code',
      'c.name as category_name',
      'c.kind as category_kind',
      'r.decision_no',
      'r.decision_date',
      'r.severity',
      'r.publication',
      'r.publish_min_until',
      'r.publish_until',
    ]);
}

export async function findRecordForRepair(db: Db, id: string): Promise<RecordForRepair | undefined> {
  return selectRecords(db).where('r.id', '=', id).executeTakeFirst();
}

export interface RepairRow {
  id: string;
  record_id: string;
  enterprise_id: string;
  department_id: string;
  applied_by: string;
  applied_at: Date;
  applied_on: string;
  statement: string;
  review_due_on: string;
  status: RepairStatus;
  overdue_notified_at: Date | null;
  reviewed_at: Date | null;
  review_comment: string | null;
  materials: RepairMaterial[];
  uscc: string;
  entity_name: string;
  category_name: string;
  decision_no: string;
}

function selectRepairs(db: Db) {
  return creditDb(db)
    .selectFrom('credit_repair as p')
    .innerJoin('credit_record as r', 'r.id', 'p.record_id')
    .innerJoin('credit_category as c', 'c.code', 'r.category_code')
    .select([
      'p.id',
      'p.record_id',
      'p.enterprise_id',
      'p.department_id',
      'p.applied_by',
      'p.applied_at',
      'p.applied_on',
      'p.statement',
      'p.review_due_on',
      'p.status',
      'p.overdue_notified_at',
      'p.reviewed_at',
      'p.review_comment',
      'p.materials',
      'r.uscc',
      'r.entity_name',
      'c.name as category_name',
      'r.decision_no',
    ]);
}

export async function findRepair(db: Db, id: string): Promise<RepairRow | undefined> {
  return selectRepairs(db).where('p.id', '=', id).executeTakeFirst();
}

/** Records the documents an application claimed (written in the application's transaction). */
export async function setRepairMaterials(trx: Db, id: string, materials: RepairMaterial[]): Promise<void> {
  await creditDb(trx)
    .updateTable('credit_repair')
    .set({ materials: JSON.stringify(materials) })
    .where('id', '=', id)
    .execute();
}

/** The department and enterprise of an application, for the files module's access check. */
export async function findRepairOwners(
  db: Db,
  id: string,
): Promise<{ department_id: string; enterprise_id: string } | undefined> {
  return creditDb(db)
    .selectFrom('credit_repair')
    .select(['department_id', 'enterprise_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findPendingRepairOf(db: Db, recordId: string): Promise<{ id: string } | undefined> {
  return creditDb(db)
    .selectFrom('credit_repair')
    .select('id')
    .where('record_id', '=', recordId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export async function insertRepair(
  trx: Db,
  row: {
    record_id: string;
    enterprise_id: string;
    department_id: string;
    applied_by: string;
    applied_at: Date;
    applied_on: string;
    statement: string;
    review_due_on: string;
  },
): Promise<string | undefined> {
  // The partial unique index keeps one pending application per record even under concurrent submissions.
  const r = await creditDb(trx)
    .insertInto('credit_repair')
    .values(row)
    .onConflict((oc) => oc.column('record_id').where('status', '=', 'pending').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

export async function listRepairRows(
  db: Db,
  f: {
    departmentId?: string | undefined;
    enterpriseId?: string | undefined;
    status?: RepairStatus | undefined;
  },
  page: { page: number; pageSize: number },
): Promise<{ items: RepairRow[]; total: number }> {
  let base = selectRepairs(db);
  if (f.departmentId) base = base.where('p.department_id', '=', f.departmentId);
  if (f.enterpriseId) base = base.where('p.enterprise_id', '=', f.enterpriseId);
  if (f.status) base = base.where('p.status', '=', f.status);
  const [items, count] = await Promise.all([
    base
      .orderBy('p.review_due_on')
      .orderBy('p.applied_at')
      .orderBy('p.id')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    base
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

export async function repairsOfEnterprise(db: Db, enterpriseId: string): Promise<RepairRow[]> {
  return selectRepairs(db)
    .where('p.enterprise_id', '=', enterpriseId)
    .orderBy('p.applied_at', 'desc')
    .execute();
}

export async function decideRepairRow(
  trx: Db,
  id: string,
  d: { status: 'approved' | 'rejected'; by: string; at: Date; comment: string | null },
): Promise<{ id: string } | undefined> {
  return creditDb(trx)
    .updateTable('credit_repair')
    .set({ status: d.status, reviewed_by: d.by, reviewed_at: d.at, review_comment: d.comment })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
}

export async function endRecordPublication(
  trx: Db,
  recordId: string,
  publication: 'ended_repaired',
  at: Date,
): Promise<boolean> {
  const r = await creditDb(trx)
    .updateTable('credit_record')
    .set({ publication, publication_ended_at: at, updated_at: at })
    .where('id', '=', recordId)
    .where('publication', '=', 'published')
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

/** Set-based: every published record whose maximum period is over (`publish_until` is the first day not published). */
export async function expirePublications(trx: Db, today: string, at: Date): Promise<{ id: string }[]> {
  return creditDb(trx)
    .updateTable('credit_record')
    .set({ publication: 'ended_expired', publication_ended_at: at, updated_at: at })
    .where('publication', '=', 'published')
    .where('publish_until', '<=', today)
    .returning('id')
    .execute();
}

/** Pending applications past their review deadline, not yet reported. */
export async function claimOverdueRepairs(
  trx: Db,
  today: string,
  at: Date,
): Promise<{ id: string; department_id: string; review_due_on: string }[]> {
  return creditDb(trx)
    .updateTable('credit_repair')
    .set({ overdue_notified_at: at })
    .where('status', '=', 'pending')
    .where('review_due_on', '<', today)
    .where('overdue_notified_at', 'is', null)
    .returning(['id', 'department_id', 'review_due_on'])
    .execute();
}
