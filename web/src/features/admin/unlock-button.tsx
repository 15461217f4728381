import { UnlockOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { apiSend } from '../../api/client.ts';
import type { AdminUser } from '../../api/types.ts';
import { useT } from '../../app/i18n.ts';

/** Unlocks one account after a confirmation; reports failure through `onError` so the page can show it in words. */
export function UnlockButton({
  user,
  onUnlocked,
  onError,
}: {
  user: Pick<AdminUser, 'id' | 'username'>;
  onUnlocked: () => void;
  onError: (error: unknown) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const unlock = async () => {
    setBusy(true);
    try {
      await apiSend<void>('POST', `/api/admin/users/${encodeURIComponent(user.id)}/unlock`);
      void message.success(t('users.unlocked', { username: user.username }));
      onUnlocked();
    } catch (cause) {
      onError(cause);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm title={t('users.unlockConfirm', { username: user.username })} onConfirm={() => unlock()}>
      <Button size="small" icon={<UnlockOutlined />} loading={busy} data-testid={`unlock-${user.username}`}>
        {t('users.unlock')}
      </Button>
    </Popconfirm>
  );
}
