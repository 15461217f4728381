/**
 * The application aggregate: the application row with its tasks, supplements, timeline events and results. The
 * only writer of these tables; the transition code (transition.ts) and the supplement answer are its callers.
 */
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { ApplicationStatus, TaskStatus } from './services.workflow.ts';
import {
  servicesDb,
  type ApplicationPatch,
  type ApplicationRow,
  type NewApplication,
  type NewEvent,
  type NewResult,
  type NewSupplement,
  type NewTask,
  type SupplementRow,
  type TaskPatch,
  type TaskRow,
} from './services.tables.ts';

export async function nextApplicationNumber(trx: Db, prefix: string, today: string): Promise<string> {
  const r = await sql<{ n: number }>`select nextval('service_application_no_seq')::int8 as n`.execute(trx);
  const n = Number(r.rows[0]!.n);
  return `${prefix}${today.replaceAll('-', '')}${String(n % 1_000_000).padStart(6, '0')}`;
}

export async function findApplication(db: Db, id: string, lock = false): Promise<ApplicationRow | undefined> {
  let q = servicesDb(db).selectFrom('service_application').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function tasksOf(db: Db, applicationId: string): Promise<TaskRow[]> {
  return servicesDb(db)
    .selectFrom('service_task')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('ord')
    .execute();
}

export async function findTask(db: Db, id: string): Promise<TaskRow | undefined> {
  return servicesDb(db).selectFrom('service_task').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function eventsOf(db: Db, applicationId: string) {
  return servicesDb(db)
    .selectFrom('service_event')
    .select(['at', 'kind', 'actor', 'task_id', 'text'])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
}

export async function resultsOf(db: Db, applicationId: string) {
  return servicesDb(db)
    .selectFrom('service_result')
    .select(['kind', 'name', 'number', 'file_id', 'issued_at', 'item_code'])
    .where('application_id', '=', applicationId)
    .orderBy('number')
    .execute();
}

export async function supplementsOf(db: Db, applicationId: string): Promise<SupplementRow[]> {
  return servicesDb(db)
    .selectFrom('service_supplement')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('requested_at')
    .execute();
}

export async function insertEvents(trx: Db, rows: NewEvent[]): Promise<void> {
  if (rows.length === 0) return;
  await servicesDb(trx).insertInto('service_event').values(rows).execute();
}

export async function insertApplication(trx: Db, row: NewApplication): Promise<ApplicationRow> {
  return servicesDb(trx)
    .insertInto('service_application')
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertTasks(trx: Db, rows: NewTask[]): Promise<TaskRow[]> {
  if (rows.length === 0) return [];
  return servicesDb(trx).insertInto('service_task').values(rows).returningAll().execute();
}

export async function updateApplication(trx: Db, id: string, patch: ApplicationPatch): Promise<void> {
  await servicesDb(trx).updateTable('service_application').set(patch).where('id', '=', id).execute();
}

export async function updateTask(trx: Db, id: string, patch: TaskPatch): Promise<void> {
  await servicesDb(trx).updateTable('service_task').set(patch).where('id', '=', id).execute();
}

export async function insertResults(trx: Db, rows: NewResult[]): Promise<void> {
  if (rows.length === 0) return;
  await servicesDb(trx).insertInto('service_result').values(rows).execute();
}

export async function insertSupplement(trx: Db, row: NewSupplement): Promise<void> {
  await servicesDb(trx).insertInto('service_supplement').values(row).execute();
}

/** The supplement request of this application, locked until the answer commits. */
export async function lockSupplement(
  trx: Db,
  applicationId: string,
  supplementId: string,
): Promise<SupplementRow | undefined> {
  return servicesDb(trx)
    .selectFrom('service_supplement')
    .selectAll()
    .where('id', '=', supplementId)
    .where('application_id', '=', applicationId)
    .forUpdate()
    .executeTakeFirst();
}

export async function recordSupplementAnswer(
  trx: Db,
  id: string,
  answer: { answeredAt: Date; note: string | null; materials: string },
): Promise<void> {
  await servicesDb(trx)
    .updateTable('service_supplement')
    .set({ answered_at: answer.answeredAt, note: answer.note, answer_materials: answer.materials })
    .where('id', '=', id)
    .execute();
}

/** Whether an applicant has any application (demo data is seeded once). */
export async function hasApplications(db: Db, applicantId: string): Promise<boolean> {
  const row = await servicesDb(db)
    .selectFrom('service_application')
    .select('id')
    .where('applicant_id', '=', applicantId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findTaskByKey(
  db: Db,
  applicationId: string,
  key: string,
): Promise<TaskRow | undefined> {
  return servicesDb(db)
    .selectFrom('service_task')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export interface ApplicationFilter {
  applicantId?: string;
  enterpriseId?: string;
  status?: ApplicationStatus | undefined;
  bundleCode?: string | undefined;
}

export async function listApplicationRows(
  db: Db,
  f: ApplicationFilter,
  page: number,
  pageSize: number,
): Promise<{ items: ApplicationRow[]; total: number }> {
  let base = servicesDb(db).selectFrom('service_application');
  if (f.applicantId && f.enterpriseId) {
    const { applicantId, enterpriseId } = f;
    base = base.where((eb) =>
      eb.or([eb('applicant_id', '=', applicantId), eb('enterprise_id', '=', enterpriseId)]),
    );
  } else if (f.applicantId) base = base.where('applicant_id', '=', f.applicantId);
  if (f.status) base = base.where('status', '=', f.status);
  if (f.bundleCode) base = base.where('bundle_code', '=', f.bundleCode);
  const [items, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('submitted_at', 'desc')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

export interface QueueFilter {
  departmentId: string;
  statuses: readonly TaskStatus[];
  overdueBefore?: string;
  dueBetween?: [string, string];
  bundleCode?: string | undefined;
}

const QUEUE_COLUMNS = [
  't.id',
  't.application_id',
  't.key',
  't.item_code',
  't.name',
  't.department_id',
  't.depends_on',
  't.status',
  't.deadline_workdays',
  't.started_on',
  't.due_date',
  't.remaining_workdays',
  't.paused_workdays',
  't.claimed_by_name',
  't.finished_at',
  't.comment',
  'a.number',
  'a.bundle_code',
  'a.applicant_name',
  'a.promise',
  'a.credit_flags',
] as const;

export async function listQueueRows(db: Db, f: QueueFilter, page: number, pageSize: number) {
  let base = servicesDb(db)
    .selectFrom('service_task as t')
    .innerJoin('service_application as a', 'a.id', 't.application_id')
    .where('t.department_id', '=', f.departmentId)
    .where('t.status', 'in', [...f.statuses]);
  if (f.overdueBefore) base = base.where('t.due_date', '<', f.overdueBefore);
  if (f.dueBetween)
    base = base.where('t.due_date', '>=', f.dueBetween[0]).where('t.due_date', '<=', f.dueBetween[1]);
  if (f.bundleCode) base = base.where('a.bundle_code', '=', f.bundleCode);
  const [items, count] = await Promise.all([
    base
      .select(QUEUE_COLUMNS)
      .orderBy(sql`t.due_date asc nulls last`)
      .orderBy('t.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

export async function findQueueRow(db: Db, taskId: string) {
  return servicesDb(db)
    .selectFrom('service_task as t')
    .innerJoin('service_application as a', 'a.id', 't.application_id')
    .select(QUEUE_COLUMNS)
    .where('t.id', '=', taskId)
    .executeTakeFirst();
}

export type QueueRow = NonNullable<Awaited<ReturnType<typeof findQueueRow>>>;

/** Earlier form values of an applicant, newest first (for prefill). */
export async function recentForms(db: Db, applicantId: string, limit: number) {
  return servicesDb(db)
    .selectFrom('service_application')
    .select(['form'])
    .where('applicant_id', '=', applicantId)
    .orderBy('submitted_at', 'desc')
    .limit(limit)
    .execute();
}
