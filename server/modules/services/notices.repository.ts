/**
 * The notice aggregate: 简易注销 public notices and the objections filed against them. The only writer of these
 * tables.
 */
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { NoticeStatus } from './services.workflow.ts';
import {
  servicesDb,
  type NewNotice,
  type NewObjection,
  type NoticePatch,
  type NoticeRow,
} from './services.tables.ts';

export async function noticeOf(db: Db, applicationId: string): Promise<NoticeRow | undefined> {
  return servicesDb(db)
    .selectFrom('service_notice')
    .selectAll()
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
}

export async function listNoticeRows(
  db: Db,
  status: NoticeStatus | undefined,
  page: number,
  pageSize: number,
): Promise<{ items: NoticeRow[]; total: number }> {
  let base = servicesDb(db).selectFrom('service_notice');
  if (status) base = base.where('status', '=', status);
  const [items, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('starts_on', 'desc')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

/** The notice, locked until the caller's transaction ends (objections and the closing sweep race for it). */
export async function lockNotice(trx: Db, id: string): Promise<NoticeRow | undefined> {
  return servicesDb(trx)
    .selectFrom('service_notice')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Running notices whose last day is before `today`, oldest first. */
export async function dueNotices(db: Db, today: string, limit: number) {
  return servicesDb(db)
    .selectFrom('service_notice')
    .select(['id', 'application_id'])
    .where('status', '=', 'running')
    .where('ends_on', '<', today)
    .orderBy('ends_on')
    .limit(limit)
    .execute();
}

export async function insertNotice(trx: Db, row: NewNotice): Promise<void> {
  await servicesDb(trx).insertInto('service_notice').values(row).execute();
}

export async function updateNotice(trx: Db, id: string, patch: NoticePatch): Promise<void> {
  await servicesDb(trx).updateTable('service_notice').set(patch).where('id', '=', id).execute();
}

export async function insertObjection(trx: Db, row: NewObjection): Promise<{ id: string; created_at: Date }> {
  return servicesDb(trx)
    .insertInto('service_objection')
    .values(row)
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}
