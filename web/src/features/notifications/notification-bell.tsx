import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useT } from '../../app/i18n.ts';
import { useUnreadCount } from './use-unread-count.ts';

const NotificationDrawer = lazy(async () => ({
  default: (await import('./notification-drawer.tsx')).NotificationDrawer,
}));

export function NotificationBell() {
  const t = useT();
  const unread = useUnreadCount();
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);

  return (
    <>
      <Badge count={unread} size="small" offset={[-6, 6]} overflowCount={99}>
        <Button
          type="text"
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          aria-label={`${t('header.notifications')}${unread > 0 ? ` (${t('notifications.unreadCount', { count: unread })})` : ''}`}
          data-testid="notification-bell"
          style={{ color: 'rgba(255,255,255,0.88)' }}
          onClick={() => {
            setOpen(true);
            setOpened(true);
          }}
        />
      </Badge>
      {opened && (
        <Suspense fallback={null}>
          <NotificationDrawer open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
