import { sql, type Selectable } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { ApplicationStatus, TaskStatus } from './services.workflow.ts';
import { servicesDb, type ServicesTables } from './services.tables.ts';

export type ApplicationRow = Selectable<ServicesTables['service_application']>;
export type TaskRow = Selectable<ServicesTables['service_task']>;
export type SupplementRow = Selectable<ServicesTables['service_supplement']>;
export type NoticeRow = Selectable<ServicesTables['service_notice']>;

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

export async function noticeOf(db: Db, applicationId: string): Promise<NoticeRow | undefined> {
  return servicesDb(db)
    .selectFrom('service_notice')
    .selectAll()
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
}

export async function insertEvents(
  trx: Db,
  rows: {
    application_id: string;
    at: Date;
    kind: string;
    actor: string;
    task_id: string | null;
    text: string;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await servicesDb(trx).insertInto('service_event').values(rows).execute();
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
