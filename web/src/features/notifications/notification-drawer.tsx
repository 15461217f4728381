import { App, Button, Drawer, Empty, Flex, Pagination, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useApiMutation, useApiQuery } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import type { Notification } from './notifications.api.ts';

const PAGE_SIZE = 20;

function NotificationItem({
  item,
  onRead,
  onOpen,
}: {
  item: Notification;
  onRead: (item: Notification) => void;
  onOpen: (item: Notification) => void;
}) {
  const t = useT();
  const unread = item.readAt === null;
  return (
    <div
      data-testid="notification-item"
      style={{
        padding: '12px 4px',
        borderBottom: '1px solid #f0f0f0',
        background: unread ? '#f5f9ff' : undefined,
      }}
    >
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Text strong={unread}>{item.title}</Typography.Text>
        <Tag style={{ marginInlineEnd: 0 }}>{t(`notifications.scope.${item.scope}`)}</Tag>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>
        {item.body}
      </Typography.Paragraph>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(item.createdAt)}
        </Typography.Text>
        <Flex gap={4}>
          {item.link && (
            <Button size="small" type="link" onClick={() => onOpen(item)}>
              {t('notifications.open')}
            </Button>
          )}
          {unread && (
            <Button size="small" onClick={() => onRead(item)}>
              {t('notifications.markRead')}
            </Button>
          )}
        </Flex>
      </Flex>
    </div>
  );
}

export function NotificationDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const { data, error, isLoading, refetch } = useApiQuery(
    '/api/notifications',
    { params: { query: { page, pageSize: PAGE_SIZE, unreadOnly } } },
    { enabled: open },
  );
  // Both writes refresh every read under /api/notifications: this list and the bell's unread count.
  const markRead = useApiMutation('post', '/api/notifications/{id}/read', {
    invalidates: ['/api/notifications'],
  });
  const markAllRead = useApiMutation('post', '/api/notifications/read-all', {
    invalidates: ['/api/notifications'],
    onSuccess: () => void message.success(t('notifications.allRead')),
  });
  const busy = markRead.isPending || markAllRead.isPending;
  const actionError = markRead.error ?? markAllRead.error;
  const read = (id: string) => markRead.mutate({ params: { path: { id } } });

  const openLink = (item: Notification) => {
    if (item.readAt === null) read(item.id);
    const link = item.link ?? '';
    if (link.startsWith('/')) {
      void navigate(link);
      onClose();
    } else if (link) {
      window.open(link, '_blank', 'noopener');
    }
  };

  const items = data?.items ?? [];
  return (
    <Drawer
      title={t('notifications.title')}
      open={open}
      onClose={onClose}
      size={420}
      extra={
        <Button
          size="small"
          disabled={busy || (data?.unread ?? 0) === 0}
          onClick={() => markAllRead.mutate(undefined)}
          data-testid="mark-all-read"
        >
          {t('notifications.markAllRead')}
        </Button>
      }
    >
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">
          {t('notifications.unreadCount', { count: data?.unread ?? 0 })}
        </Typography.Text>
        <label>
          <Flex gap={6} align="center">
            <Switch
              size="small"
              checked={unreadOnly}
              onChange={(v) => {
                setUnreadOnly(v);
                setPage(1);
              }}
            />
            {t('notifications.unreadOnly')}
          </Flex>
        </label>
      </Flex>
      <ErrorAlert error={actionError} />
      {error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : isLoading && !data ? (
        <CardSkeleton rows={6} />
      ) : items.length === 0 ? (
        <Empty description={unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')} />
      ) : (
        <>
          {items.map((item) => (
            <NotificationItem key={item.id} item={item} onRead={(n) => read(n.id)} onOpen={openLink} />
          ))}
          {(data?.total ?? 0) > PAGE_SIZE && (
            <Pagination
              style={{ marginTop: 12, textAlign: 'center' }}
              current={page}
              pageSize={PAGE_SIZE}
              total={data?.total ?? 0}
              onChange={setPage}
              showSizeChanger={false}
              size="small"
            />
          )}
        </>
      )}
    </Drawer>
  );
}
