import { useApiQuery } from '../../api/query.ts';
import { NOTIFICATION_POLL_MS } from './notifications.api.ts';

/**
 * Unread count, polled every 30 s and whenever the window regains focus; marking read (any write under
 * `/api/notifications`) refreshes it through the cache. Failures keep the last known count: a missed poll is not
 * worth interrupting the user for, the next one will try again.
 */
export function useUnreadCount(): number {
  const { data } = useApiQuery('/api/notifications/unread-count', undefined, {
    refetchInterval: NOTIFICATION_POLL_MS,
    refetchOnWindowFocus: true,
  });
  return data?.unread ?? 0;
}
