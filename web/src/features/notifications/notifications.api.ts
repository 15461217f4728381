import { apiGet, apiSend, withQuery } from '../../api/client.ts';
import type { NotificationPage } from '../../api/types.ts';

export const NOTIFICATION_POLL_MS = 30_000;

export function notificationsPath(page: number, pageSize: number, unreadOnly: boolean): string {
  return withQuery('/api/notifications', { page, pageSize, unreadOnly });
}

export function fetchUnreadCount(signal?: AbortSignal): Promise<number> {
  return apiGet<NotificationPage>(notificationsPath(1, 1, true), signal).then((p) => p.unread);
}

export function markRead(id: string): Promise<void> {
  return apiSend<void>('POST', `/api/notifications/${encodeURIComponent(id)}/read`);
}

export function markAllRead(): Promise<void> {
  return apiSend<void>('POST', '/api/notifications/read-all');
}
