import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { NotificationAudience } from './notifications.policy.ts';
import type { NewNotificationRow, NotificationsTables } from './notifications.tables.ts';

function notificationsDb(db: Db): Kysely<NotificationsTables> {
  return db.withTables<NotificationsTables>();
}

/** Every column a notification is written with; the time is the database's. */
type NotificationInsert = Required<Omit<NewNotificationRow, 'id' | 'created_at' | 'seq'>>;

/** Returns the new row's id, or the existing one's when the dedupe key was already used. */
export async function insertNotification(
  db: Db,
  row: NotificationInsert,
): Promise<{ id: string; created: boolean }> {
  const n = notificationsDb(db);
  // clock_timestamp(), not now(): several notifications written in one transaction still sort in write order.
  const inserted = await n
    .insertInto('notification')
    .values({ ...row, created_at: sql<Date>`clock_timestamp()` })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await n
    .selectFrom('notification')
    .select('id')
    .where('dedupe_key', '=', row.dedupe_key)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

function visibleTo(a: NotificationAudience) {
  return (eb: ExpressionBuilder<NotificationsTables & { n: NotificationsTables['notification'] }, 'n'>) =>
    a.departmentId
      ? eb.or([eb('n.user_id', '=', a.userId), eb('n.department_id', '=', a.departmentId)])
      : eb('n.user_id', '=', a.userId);
}

function visibleWithReadState(db: Db, a: NotificationAudience) {
  return notificationsDb(db)
    .selectFrom('notification as n')
    .leftJoin('notification_read as r', (join) =>
      join.onRef('r.notification_id', '=', 'n.id').on('r.user_id', '=', a.userId),
    )
    .where(visibleTo(a));
}

export async function listVisibleNotifications(
  db: Db,
  a: NotificationAudience,
  q: { page: number; pageSize: number; unreadOnly: boolean },
) {
  let base = visibleWithReadState(db, a);
  if (q.unreadOnly) base = base.where('r.read_at', 'is', null);
  const [items, count, unread] = await Promise.all([
    base
      .select(['n.id', 'n.title', 'n.body', 'n.link', 'n.category', 'n.created_at', 'n.user_id', 'r.read_at'])
      .orderBy('n.created_at', 'desc')
      .orderBy('n.seq', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    countUnreadNotifications(db, a),
  ]);
  return { items, total: count.n, unread };
}

export async function countUnreadNotifications(db: Db, a: NotificationAudience): Promise<number> {
  const r = await visibleWithReadState(db, a)
    .where('r.read_at', 'is', null)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function findVisibleNotificationId(
  db: Db,
  a: NotificationAudience,
  id: string,
): Promise<string | undefined> {
  const r = await notificationsDb(db)
    .selectFrom('notification as n')
    .select('n.id')
    .where('n.id', '=', id)
    .where(visibleTo(a))
    .executeTakeFirst();
  return r?.id;
}

// Read times come from the database clock, like the notifications' own created_at, so the two always compare.
export async function insertRead(db: Db, notificationId: string, userId: string): Promise<void> {
  await notificationsDb(db)
    .insertInto('notification_read')
    .values({ notification_id: notificationId, user_id: userId, read_at: sql<Date>`clock_timestamp()` })
    .onConflict((oc) => oc.columns(['notification_id', 'user_id']).doNothing())
    .execute();
}

/** Marks every visible, still unread notification read in one statement; returns how many. */
export async function insertReadForAll(db: Db, a: NotificationAudience): Promise<number> {
  const res = await notificationsDb(db)
    .insertInto('notification_read')
    .columns(['notification_id', 'user_id', 'read_at'])
    .expression(
      visibleWithReadState(db, a)
        .where('r.read_at', 'is', null)
        .select([
          'n.id',
          sql<string>`${a.userId}::uuid`.as('user_id'),
          sql<Date>`clock_timestamp()`.as('read_at'),
        ]),
    )
    .onConflict((oc) => oc.columns(['notification_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}
