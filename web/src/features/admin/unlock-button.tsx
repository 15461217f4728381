import { UnlockOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import { useApiMutation } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import type { AdminUser } from './admin.api.ts';

/** Unlocks one account after a confirmation; reports failure through `onError` so the page can show it in words. */
export function UnlockButton({
  user,
  onUnlocked,
  onError,
}: {
  user: Pick<AdminUser, 'id' | 'username'>;
  onUnlocked?: () => void;
  onError: (error: unknown) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  // The user lists (admin page, security home) read again by themselves once the account is unlocked.
  const unlockUser = useApiMutation('post', '/api/admin/users/{id}/unlock', {
    invalidates: ['/api/admin/users'],
  });
  const busy = unlockUser.isPending;
  const unlock = async () => {
    try {
      await unlockUser.mutateAsync({ params: { path: { id: user.id } } });
      void message.success(t('users.unlocked', { username: user.username }));
      onUnlocked?.();
    } catch (cause) {
      onError(cause);
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
