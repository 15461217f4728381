import { Alert, Card, Empty, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import type { AdminUser } from '../admin/admin.api.ts';
import { UnlockButton } from '../admin/unlock-button.tsx';

const SCAN = 100;

/**
 * Locked accounts. The contract has no "locked" filter, so this asks for `locked=true` (honoured if the server
 * supports it) and also filters the page itself; if not every account fits in one page it says so.
 */
export function SecadminHome() {
  const t = useT();
  const me = useMe();
  const {
    data,
    error,
    isLoading: loading,
    refetch,
  } = useApiQuery('/api/admin/users', {
    params: { query: { page: 1, pageSize: SCAN, locked: true } },
  });
  const reload = () => void refetch();
  const [unlockError, setUnlockError] = useState<unknown>(undefined);
  const canUnlock = me.permissions.includes('user.unlock');
  const locked = data?.items.filter((u) => u.locked) ?? [];
  const partial = data !== undefined && data.total > data.items.length && locked.length < data.items.length;

  return (
    <Card
      title={t('home.lockedAccounts')}
      extra={<Link to="/admin/users">{t('nav.adminUsers')}</Link>}
      data-testid="locked-accounts"
    >
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : loading || !data ? (
        <CardSkeleton rows={3} />
      ) : (
        <>
          {unlockError !== undefined && (
            <div style={{ marginBottom: 12 }}>
              <ErrorAlert error={unlockError} />
            </div>
          )}
          {partial && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('home.lockedPartial', { checked: data.items.length, total: data.total })}
            />
          )}
          {locked.length === 0 ? (
            <Empty description={t('home.noLockedAccounts')} />
          ) : (
            <Table<AdminUser>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={locked}
              columns={[
                { title: t('field.username'), dataIndex: 'username' },
                { title: t('field.displayName'), dataIndex: 'displayName' },
                {
                  title: t('users.lockedUntilColumn'),
                  dataIndex: 'lockedUntil',
                  render: (v: string | null) => formatDateTime(v),
                },
                ...(canUnlock
                  ? [
                      {
                        title: t('common.actions'),
                        key: 'actions',
                        render: (_: unknown, u: AdminUser) => (
                          <UnlockButton user={u} onError={setUnlockError} />
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )}
        </>
      )}
    </Card>
  );
}
