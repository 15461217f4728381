import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchUnreadCount, NOTIFICATION_POLL_MS } from './notifications.api.ts';

/** Unread count, polled every 30 s and whenever the window regains focus. Failures keep the last known count. */
export function useUnreadCount(): { unread: number; refresh: () => void } {
  const [unread, setUnread] = useState(0);
  const inFlight = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    fetchUnreadCount(controller.signal).then(
      (n) => {
        if (!controller.signal.aborted) setUnread(n);
      },
      () => {
        // A missed poll is not worth interrupting the user for; the next one will try again.
      },
    );
  }, []);

  useEffect(() => {
    refresh();
    const timer = window.setInterval(refresh, NOTIFICATION_POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', onVisible);
      inFlight.current?.abort();
    };
  }, [refresh]);

  return { unread, refresh };
}
