import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, Flex, Grid } from 'antd';
import { useNavigate } from 'react-router';
import { CHANGE_PASSWORD_PATH } from '../guards.tsx';
import { useT } from '../i18n.ts';
import { useMe, useSession } from '../session.tsx';

export function UserMenu() {
  const t = useT();
  const me = useMe();
  const { logout } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();

  const onClick = async ({ key }: { key: string }) => {
    if (key === 'password') void navigate(CHANGE_PASSWORD_PATH);
    if (key === 'logout') {
      try {
        await logout();
      } finally {
        void message.success(t('header.loggedOut'));
        void navigate('/login', { replace: true });
      }
    }
  };

  return (
    <Dropdown
      menu={{
        items: [
          { key: 'who', label: `${me.displayName} · ${t(`kind.${me.kind}`)}`, disabled: true },
          { type: 'divider' },
          { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
          { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
        ],
        onClick: (info) => void onClick(info),
      }}
      trigger={['click']}
    >
      <Button
        type="text"
        aria-label={t('a11y.userMenuOf', { name: me.displayName })}
        data-testid="user-menu"
        style={{ color: '#fff' }}
      >
        <Flex align="center" gap={8}>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: 'rgba(255,255,255,0.2)' }} />
          {screens.sm && <span>{me.displayName}</span>}
          <DownOutlined style={{ fontSize: 10 }} />
        </Flex>
      </Button>
    </Dropdown>
  );
}
