import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { notificationAudience } from './notifications.policy.ts';
import {
  countUnreadNotifications,
  findVisibleNotificationId,
  insertNotification,
  insertRead,
  insertReadForAll,
  listVisibleNotifications,
} from './notifications.repository.ts';
import type { NotificationDto } from './notifications.schemas.ts';

export interface NotificationContent {
  title: string;
  body: string;
  /** An in-app path such as `/applications/123`; external and `javascript:` links are refused. */
  link?: string | null;
  /** Lower-case, e.g. `application`, `credit.repair`; defaults to `general`. */
  category?: string;
  /**
   * Makes a retried notification a no-op. Globally unique, so namespace it by module and event, e.g.
   * `services:application:<id>:approved`.
   */
  dedupeKey?: string | null;
}

export interface NotifyResult {
  id: string;
  /** False when the dedupe key had been used already and nothing was written. */
  created: boolean;
}

const CATEGORY = /^[a-z][a-z0-9_.-]{0,63}$/;
const IN_APP_LINK = /^\/(?!\/)[^\s\\]*$/;

// Notification content comes from other modules' code, not from users: a bad value is a programming error.
function checkContent(c: NotificationContent): void {
  if (c.title.trim() === '' || c.title.length > 200)
    throw new TypeError('notification title must be 1–200 characters');
  if (c.body.length > 4000) throw new TypeError('notification body must be at most 4000 characters');
  if (c.link != null && (c.link.length > 500 || !IN_APP_LINK.test(c.link))) {
    throw new TypeError(`notification link must be an in-app path starting with "/": ${c.link}`);
  }
  if (c.category !== undefined && !CATEGORY.test(c.category))
    throw new TypeError(`invalid notification category ${c.category}`);
  if (c.dedupeKey != null && (c.dedupeKey === '' || c.dedupeKey.length > 200)) {
    throw new TypeError('notification dedupeKey must be 1–200 characters');
  }
}

function recipientRow(recipient: { userId: string } | { departmentId: string }, c: NotificationContent) {
  checkContent(c);
  return {
    user_id: 'userId' in recipient ? recipient.userId : null,
    department_id: 'departmentId' in recipient ? recipient.departmentId : null,
    title: c.title.trim(),
    body: c.body,
    link: c.link ?? null,
    category: c.category ?? 'general',
    dedupe_key: c.dedupeKey ?? null,
  };
}

/** Notifies one user, inside the caller's transaction. */
export async function notifyUser(
  trx: Db,
  input: NotificationContent & { userId: string },
): Promise<NotifyResult> {
  return insertNotification(trx, recipientRow({ userId: input.userId }, input));
}

/** Notifies every officer of a department (each keeps their own read state), inside the caller's transaction. */
export async function notifyDepartment(
  trx: Db,
  input: NotificationContent & { departmentId: string },
): Promise<NotifyResult> {
  return insertNotification(trx, recipientRow({ departmentId: input.departmentId }, input));
}

export async function listNotifications(
  ctx: AppContext,
  actor: Actor,
  q: { page: number; pageSize: number; unreadOnly: boolean },
): Promise<{ items: NotificationDto[]; total: number; unread: number }> {
  const r = await listVisibleNotifications(ctx.db, notificationAudience(actor), q);
  return {
    total: r.total,
    unread: r.unread,
    items: r.items.map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      link: n.link,
      category: n.category,
      createdAt: new Date(n.created_at).toISOString(),
      readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
      scope: n.user_id !== null ? 'user' : 'department',
    })),
  };
}

export async function countUnread(ctx: AppContext, actor: Actor): Promise<{ unread: number }> {
  return { unread: await countUnreadNotifications(ctx.db, notificationAudience(actor)) };
}

export async function markNotificationRead(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const audience = notificationAudience(actor);
  const found = await findVisibleNotificationId(ctx.db, audience, id);
  if (!found)
    throw new AppError('NOT_FOUND', 'Notification not found.', { params: { reason: 'notification' } });
  await insertRead(ctx.db, found, actor.userId);
}

export async function markAllNotificationsRead(ctx: AppContext, actor: Actor): Promise<{ marked: number }> {
  return { marked: await insertReadForAll(ctx.db, notificationAudience(actor)) };
}
