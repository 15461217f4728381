import { Card, Empty, Flex, Input, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { withQuery } from '../../api/client.ts';
import type { AdminUser, Page as ApiPage } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { readPaging } from '../../components/paging.ts';
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
  const [params, setParams] = useSearchParams();
  const { page, pageSize } = readPaging(params);
  const q = params.get('q') ?? '';
  const list = useApi<ApiPage<AdminUser>>(withQuery('/api/admin/users', { page, pageSize, q }));
  const [actionError, setActionError] = useState<unknown>(undefined);

  const set = (changes: Record<string, string | number>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };

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
          <UnlockButton
            user={u}
            onUnlocked={() => {
              setActionError(undefined);
              list.reload();
            }}
            onError={setActionError}
          />
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
            onSearch={(v) => set({ q: v.trim(), page: '' })}
            style={{ width: 300 }}
            data-testid="user-search"
          />
        </Flex>
        {(list.error !== undefined || actionError !== undefined) && (
          <Flex vertical gap={8} style={{ marginBottom: 16 }}>
            <ErrorAlert error={list.error} onRetry={list.reload} />
            <ErrorAlert error={actionError} />
          </Flex>
        )}
        <Table<AdminUser>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          locale={{ emptyText: <Empty description={t('users.empty')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => set({ page: p, pageSize: s }),
          }}
          scroll={{ x: 820 }}
          data-testid="users-table"
        />
      </Card>
    </Page>
  );
}
