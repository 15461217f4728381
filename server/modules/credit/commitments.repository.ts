import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import { creditDb, type CommitmentKind, type CommitmentStatus } from './lists.tables.ts';

export interface CommitmentRow {
  id: string;
  kind: CommitmentKind;
  enterprise_id: string;
  uscc: string;
  entity_name: string;
  department_id: string;
  subject: string;
  content: string;
  application_ref: string | null;
  committed_on: string;
  verify_by: string;
  status: CommitmentStatus;
  verified_on: string | null;
  verification_note: string | null;
  record_id: string | null;
  created_at: Date;
}

const COLUMNS = [
  'id',
  'kind',
  'enterprise_id',
  'uscc',
  'entity_name',
  'department_id',
  'subject',
  'content',
  'application_ref',
  'committed_on',
  'verify_by',
  'status',
  'verified_on',
  'verification_note',
  'record_id',
  'created_at',
] as const;

export async function insertCommitment(
  trx: Db,
  row: Omit<
    CommitmentRow,
    'id' | 'status' | 'verified_on' | 'verification_note' | 'record_id' | 'created_at'
  > & {
    created_by: string;
  },
): Promise<string> {
  const r = await creditDb(trx)
    .insertInto('credit_commitment')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findCommitment(db: Db, id: string): Promise<CommitmentRow | undefined> {
  return creditDb(db).selectFrom('credit_commitment').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function listCommitmentRows(
  db: Db,
  f: {
    enterpriseId?: string | undefined;
    departmentId?: string | undefined;
    status?: CommitmentStatus | undefined;
  },
  page: { page: number; pageSize: number },
): Promise<{ items: CommitmentRow[]; total: number }> {
  let base = creditDb(db).selectFrom('credit_commitment');
  if (f.enterpriseId) base = base.where('enterprise_id', '=', f.enterpriseId);
  if (f.departmentId) base = base.where('department_id', '=', f.departmentId);
  if (f.status) base = base.where('status', '=', f.status);
  const [items, count] = await Promise.all([
    base
      .select(COLUMNS)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

export async function verifyCommitmentRow(
  trx: Db,
  id: string,
  v: { status: 'fulfilled' | 'broken'; on: string; by: string; note: string | null; recordId: string | null },
): Promise<{ id: string } | undefined> {
  return creditDb(trx)
    .updateTable('credit_commitment')
    .set({
      status: v.status,
      verified_on: v.on,
      verified_by: v.by,
      verification_note: v.note,
      record_id: v.recordId,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
}

export async function categoryExists(db: Db, code: string): Promise<boolean> {
  const r = await creditDb(db)
    .selectFrom('credit_category')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  return r !== undefined;
}

/** A broken commitment becomes credit information (the seed's measure 46). */
export async function insertBreachRecord(
  trx: Db,
  row: {
    category_code: string;
    uscc: string;
    entity_name: string;
    enterprise_id: string;
    department_id: string;
    decision_no: string;
    decision_date: string;
    data: Record<string, unknown>;
    publish_from: string;
    publish_min_until: string;
    publish_until: string;
    content_hash: string;
    created_by: string;
  },
): Promise<string> {
  const r = await creditDb(trx)
    .insertInto('credit_record')
    .values({
      ...row,
      data: JSON.stringify(row.data),
      entry_workdays: 0,
      timely: true,
      severity: null,
      publication: 'published',
      source: 'form',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
