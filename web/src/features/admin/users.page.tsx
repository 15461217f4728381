import { Card, Flex, Input, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useApiQuery } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { useUrlState } from '../../components/url-state.ts';
import type { AdminUser } from './admin.api.ts';
import { UnlockButton } from './unlock-button.tsx';

function StatusTag({ user }: { user: AdminUser }) {
  const t = useT();
  if (user.disabled) return <Tag>{t('users.disabled')}</Tag>;
  if (user.locked)
    return (
      <Tag color="red">
        {user.lockedUntil
          ? t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })
          : t('users.locked')}
      </Tag>
    );
  return <Tag color="green">{t('users.active')}</Tag>;
}

export function UsersPage() {
  const t = useT();
  const me = useMe();
  const canUnlock = me.permissions.includes('user.unlock');
  const url = useUrlState();
  const q = url.get('q');
  const list = useApiQuery('/api/admin/users', { params: { query: { ...url.paging, q } } });
  const [actionError, setActionError] = useState<unknown>(undefined);

  const columns: TableColumnsType<AdminUser> = [
    { title: t('field.username'), ...noWrap, dataIndex: 'username' },
    { title: t('field.displayName'), dataIndex: 'displayName' },
    { title: t('field.kind'), ...noWrap, dataIndex: 'kind', render: (_: unknown, u) => t(`kind.${u.kind}`) },
    {
      title: t('users.org'),
      key: 'org',
      responsive: ['md'],
      render: (_: unknown, u) => u.department ?? u.enterprise ?? '—',
    },
    { title: t('users.status'), ...noWrap, key: 'status', render: (_: unknown, u) => <StatusTag user={u} /> },
    {
      title: t('users.lastLoginAt'),
      ...noWrap,
      dataIndex: 'lastLoginAt',
      responsive: ['lg'],
      render: (v: string | null) => (v ? formatDateTime(v) : t('common.never')),
    },
  ];
  if (canUnlock) {
    columns.push({
      title: t('common.actions'),
      ...noWrap,
      key: 'actions',
      render: (_: unknown, u) =>
        u.locked ? (
          <UnlockButton user={u} onUnlocked={() => setActionError(undefined)} onError={setActionError} />
        ) : null,
    });
  }

  return (
    <Page title={t('users.title')}>
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <Input.Search
            key={q}
            defaultValue={q}
            allowClear
            placeholder={t('users.searchPlaceholder')}
            onSearch={(v) => url.set({ q: v.trim() })}
            style={{ width: 300 }}
            data-testid="user-search"
          />
        </Flex>
        {(list.error !== null || actionError !== undefined) && (
          <Flex vertical gap={8} style={{ marginBottom: 16 }}>
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
            <ErrorAlert error={actionError} />
          </Flex>
        )}
        <PagedTable<AdminUser>
          url={url}
          rowKey="id"
          columns={columns}
          data={list.data}
          loading={list.isFetching}
          emptyText={t('users.empty')}
          scroll={{ x: 820 }}
          data-testid="users-table"
        />
      </Card>
    </Page>
  );
}
