import { sql, type Kysely, type Selectable } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { CategoryField, CreditCoreTables, Publication, Severity } from './credit.tables.ts';

type RecordsTables = CreditCoreTables;

function recordsDb(db: Db): Kysely<RecordsTables> {
  return db.withTables<RecordsTables>();
}

// ---------------------------------------------------------------------------------------------------------------
// Categories

export interface CategoryRow {
  code: string;
  name: string;
  kind: 'license' | 'penalty' | 'other';
  description: string;
  fields: CategoryField[];
  collection: 'monthly' | 'on_event';
  department_codes: string[];
  public: boolean;
  active: boolean;
}

const CATEGORY_COLUMNS = [
  'code',
  'name',
  'kind',
  'description',
  'fields',
  'collection',
  'department_codes',
  'public',
  'active',
] as const;

export async function listCategoryRows(db: Db): Promise<CategoryRow[]> {
  return recordsDb(db).selectFrom('credit_category').select(CATEGORY_COLUMNS).orderBy('code').execute();
}

export async function findCategoryRow(db: Db, code: string): Promise<CategoryRow | undefined> {
  return recordsDb(db)
    .selectFrom('credit_category')
    .select(CATEGORY_COLUMNS)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Inserts categories whose code is not there yet; returns the codes inserted. */
export async function insertMissingCategories(db: Db, rows: CategoryRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await recordsDb(db)
    .insertInto('credit_category')
    .values(
      rows.map((r) => ({
        code: r.code,
        name: r.name,
        kind: r.kind,
        description: r.description,
        fields: JSON.stringify(r.fields),
        collection: r.collection,
        department_codes: r.department_codes,
        public: r.public,
        active: r.active,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .execute();
  return inserted.map((r) => r.code);
}

export async function updateCategoryRow(
  db: Db,
  code: string,
  patch: Partial<Omit<CategoryRow, 'code' | 'kind'>>,
): Promise<CategoryRow | undefined> {
  const { fields, ...rest } = patch;
  return recordsDb(db)
    .updateTable('credit_category')
    .set({ ...rest, ...(fields ? { fields: JSON.stringify(fields) } : {}), updated_at: sql`now()` })
    .where('code', '=', code)
    .returning(CATEGORY_COLUMNS)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------------------------
// Records

export interface RecordRow {
  id: string;
  category_code: string;
  uscc: string;
  entity_name: string;
  enterprise_id: string | null;
  department_id: string;
  decision_no: string;
  decision_date: string;
  entered_at: Date;
  entry_workdays: number;
  timely: boolean;
  data: Record<string, unknown>;
  severity: Severity | null;
  publication: Publication;
  publish_from: string | null;
  publish_min_until: string | null;
  publish_until: string | null;
  source: 'form' | 'api' | 'import';
  import_id: string | null;
  content_hash: string;
  updated_at: Date;
}

const RECORD_COLUMNS = [
  'id',
  'category_code',
  'uscc',
  'entity_name',
  'enterprise_id',
  'department_id',
  'decision_no',
  'decision_date',
  'entered_at',
  'entry_workdays',
  'timely',
  'data',
  'severity',
  'publication',
  'publish_from',
  'publish_min_until',
  'publish_until',
  'source',
  'import_id',
  'content_hash',
  'updated_at',
] as const;

/** What a write sets; timeliness fields are computed by the service. */
export interface RecordWrite {
  category_code: string;
  uscc: string;
  entity_name: string;
  enterprise_id: string | null;
  department_id: string;
  decision_no: string;
  decision_date: string;
  entered_at: Date;
  entry_workdays: number;
  timely: boolean;
  data: Record<string, unknown>;
  severity: Severity | null;
  publication: 'published' | 'not_published';
  publish_from: string | null;
  publish_min_until: string | null;
  publish_until: string | null;
  source: 'form' | 'api' | 'import';
  import_id: string | null;
  content_hash: string;
  created_by: string | null;
}

export async function findRecordByDecision(
  db: Db,
  key: { departmentId: string; categoryCode: string; decisionNo: string },
): Promise<RecordRow | undefined> {
  return recordsDb(db)
    .selectFrom('credit_record')
    .select(RECORD_COLUMNS)
    .where('department_id', '=', key.departmentId)
    .where('category_code', '=', key.categoryCode)
    .where('decision_no', '=', key.decisionNo)
    .executeTakeFirst();
}

export async function findRecordRow(db: Db, id: string): Promise<RecordRow | undefined> {
  return recordsDb(db)
    .selectFrom('credit_record')
    .select(RECORD_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertRecordRow(db: Db, w: RecordWrite): Promise<RecordRow> {
  return recordsDb(db)
    .insertInto('credit_record')
    .values({ ...w, data: JSON.stringify(w.data) })
    .returning(RECORD_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** A correction: content and publication change; who entered it first and when stays. */
export async function updateRecordContent(db: Db, id: string, w: RecordWrite): Promise<RecordRow> {
  return recordsDb(db)
    .updateTable('credit_record')
    .set({
      uscc: w.uscc,
      entity_name: w.entity_name,
      enterprise_id: w.enterprise_id,
      decision_date: w.decision_date,
      entry_workdays: w.entry_workdays,
      timely: w.timely,
      data: JSON.stringify(w.data),
      severity: w.severity,
      publication: w.publication,
      publish_from: w.publish_from,
      publish_min_until: w.publish_min_until,
      publish_until: w.publish_until,
      content_hash: w.content_hash,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .returning(RECORD_COLUMNS)
    .executeTakeFirstOrThrow();
}

export interface RecordFilter {
  departmentId?: string | undefined;
  categoryCode?: string | undefined;
  uscc?: string | undefined;
  timely?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export async function listRecordRows(
  db: Db,
  f: RecordFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: RecordRow[]; total: number }> {
  let q = recordsDb(db).selectFrom('credit_record');
  if (f.departmentId !== undefined) q = q.where('department_id', '=', f.departmentId);
  if (f.categoryCode !== undefined) q = q.where('category_code', '=', f.categoryCode);
  if (f.uscc !== undefined) q = q.where('uscc', '=', f.uscc);
  if (f.timely !== undefined) q = q.where('timely', '=', f.timely);
  if (f.from !== undefined) q = q.where('decision_date', '>=', f.from);
  if (f.to !== undefined) q = q.where('decision_date', '<=', f.to);
  const [rows, count] = await Promise.all([
    q
      .select(RECORD_COLUMNS)
      .orderBy('decision_date', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

// ---------------------------------------------------------------------------------------------------------------
// Bulk writes (imports)

/**
 * Serialises the writers of one decision space (department × category) until the transaction ends: form/API entry,
 * generated breach records and imports. Two form entries of one decision number no longer race to a unique-key
 * error, and an import that found the space empty can copy its new decisions straight in (import-writer.ts): nobody
 * adds one meanwhile. A form entry waits at most for a running import of the same department and category.
 */
export async function lockDecisionSpace(
  db: Db,
  key: { departmentId: string; categoryCode: string },
): Promise<void> {
  await sql`select pg_advisory_xact_lock(${DECISION_SPACE_LOCK_CLASS}::int, hashtext(${`${key.departmentId}/${key.categoryCode}`}))`.execute(
    db,
  );
}

/** The first key of the decision-space advisory locks ('CR' + 1): other modules use single bigint keys. */
const DECISION_SPACE_LOCK_CLASS = 0x43_52_01;

export interface ExistingDecision {
  decision_no: string;
  content_hash: string;
  entered_at: Date;
}

/** The stored hash and entry time of the batch's decisions that exist already (one indexed query per batch). */
export async function findExistingDecisions(
  db: Db,
  key: { departmentId: string; categoryCode: string },
  decisionNos: string[],
): Promise<ExistingDecision[]> {
  if (decisionNos.length === 0) return [];
  const r = await sql<ExistingDecision>`
    select decision_no, content_hash, entered_at from credit_record
    where department_id = ${key.departmentId}::uuid and category_code = ${key.categoryCode}
      and decision_no = any(${decisionNos}::text[])`.execute(db);
  return r.rows;
}

/** Sets the recomputed timeliness of corrected rows (their first entry time stays). */
export async function setRecordTimeliness(
  db: Db,
  rows: { id: string; entry_workdays: number; timely: boolean }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update credit_record c set entry_workdays = u.entry_workdays, timely = u.timely
    from unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.entry_workdays)}::int[],
      ${rows.map((r) => r.timely)}::boolean[]) as u(id, entry_workdays, timely)
    where c.id = u.id`.execute(db);
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics

export interface TimelinessRow {
  department_id: string;
  entered: number;
  timely: number;
  entered_by_close: number;
}

/** 双公示 records decided in [from, to] and entered by `asOf`, per department. */
export async function timelinessByDepartment(
  db: Db,
  range: { from: string; to: string; closesAt: Date; asOf: Date },
): Promise<TimelinessRow[]> {
  const r = await sql<TimelinessRow>`
    select r.department_id, count(*)::int as entered,
      count(*) filter (where r.timely)::int as timely,
      count(*) filter (where r.entered_at < ${range.closesAt})::int as entered_by_close
    from credit_record r join credit_category c on c.code = r.category_code
    where c.kind in ('license', 'penalty') and r.decision_date between ${range.from} and ${range.to}
      and r.entered_at <= ${range.asOf}
    group by r.department_id`.execute(db);
  return r.rows;
}

export interface CollectionRow {
  department_id: string;
  category_code: string;
  records: number;
}

/** Records of monthly categories whose information date is in [from, to], entered by `asOf`. */
export async function collectionCounts(
  db: Db,
  range: { from: string; to: string; asOf: Date },
): Promise<CollectionRow[]> {
  const r = await sql<CollectionRow>`
    select r.department_id, r.category_code, count(*)::int as records
    from credit_record r join credit_category c on c.code = r.category_code
    where c.collection = 'monthly' and c.kind = 'other' and c.active
      and r.decision_date between ${range.from} and ${range.to} and r.entered_at <= ${range.asOf}
    group by r.department_id, r.category_code`.execute(db);
  return r.rows;
}

// ---------------------------------------------------------------------------------------------------------------
// Imports

/** A `credit_import` row (the table's own row type). */
export type ImportRow = Selectable<CreditCoreTables['credit_import']>;

export async function insertImportRow(
  db: Db,
  v: {
    department_id: string;
    category_code: string;
    filename: string;
    format: 'csv' | 'xlsx';
    sha256: string;
    size_bytes: number;
    dry_run: boolean;
    partial: boolean;
    source_key: string | null;
    created_by: string | null;
  },
): Promise<string> {
  const r = await recordsDb(db)
    .insertInto('credit_import')
    .values(v)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export type ImportPatch = Partial<
  Pick<
    ImportRow,
    | 'encoding'
    | 'status'
    | 'phase'
    | 'rows_processed'
    | 'rows_total'
    | 'rows_ok'
    | 'rows_failed'
    | 'rows_unchanged'
    | 'error_file_id'
    | 'source_key'
    | 'message'
    | 'finished_at'
  >
> & { error_sample?: unknown[] };

export async function updateImportRow(db: Db, id: string, patch: ImportPatch): Promise<void> {
  const { error_sample, ...rest } = patch;
  await recordsDb(db)
    .updateTable('credit_import')
    .set({
      ...rest,
      ...(error_sample ? { error_sample: JSON.stringify(error_sample) } : {}),
      // Wall-clock time, not the transaction's start: a row updated inside a long transaction still moves on.
      progressed_at: sql`clock_timestamp()`,
    })
    .where('id', '=', id)
    .execute();
}

const IMPORT_COLUMNS = [
  'id',
  'department_id',
  'category_code',
  'filename',
  'format',
  'encoding',
  'sha256',
  'size_bytes',
  'dry_run',
  'partial',
  'status',
  'phase',
  'rows_processed',
  'rows_total',
  'rows_ok',
  'rows_failed',
  'rows_unchanged',
  'error_sample',
  'error_file_id',
  'source_key',
  'message',
  'created_by',
  'started_at',
  'finished_at',
  'progressed_at',
] as const;

/**
 * Ends every import still "running" that has not reported progress for `staleMinutes` (its job died or was never
 * sent) as failed with `message`; returns the rows it ended.
 */
export async function failStaleImports(
  db: Db,
  staleMinutes: number,
  message: string,
): Promise<{ id: string; source_key: string | null }[]> {
  return recordsDb(db)
    .updateTable('credit_import')
    .set({ status: 'failed', phase: 'failed', message, finished_at: sql`clock_timestamp()` })
    .where('status', '=', 'running')
    .where('finished_at', 'is', null)
    .where('progressed_at', '<', sql<Date>`clock_timestamp() - make_interval(mins => ${staleMinutes})`)
    .returning(['id', 'source_key'])
    .execute();
}

export async function findImportRow(db: Db, id: string): Promise<ImportRow | undefined> {
  const r = await recordsDb(db)
    .selectFrom('credit_import')
    .select(IMPORT_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return r;
}

export async function listImportRows(
  db: Db,
  departmentId: string | undefined,
  page: { limit: number; offset: number },
): Promise<{ rows: ImportRow[]; total: number }> {
  let q = recordsDb(db).selectFrom('credit_import');
  if (departmentId !== undefined) q = q.where('department_id', '=', departmentId);
  const [rows, count] = await Promise.all([
    q
      .select(IMPORT_COLUMNS)
      .orderBy('started_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows, total: count.n };
}
