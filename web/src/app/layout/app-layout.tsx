import { Flex, Grid, Layout, Tag } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet } from 'react-router';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { NotificationBell } from '../../features/notifications/notification-bell.tsx';
import { useMe } from '../session.tsx';
import { Brand } from './brand.tsx';
import { SideMenu } from './side-menu.tsx';
import { UserMenu } from './user-menu.tsx';

function OrgTag() {
  const me = useMe();
  const org = me.department?.name ?? me.enterprise?.name;
  if (!org) return null;
  return (
    <Tag
      variant="filled"
      style={{ margin: 0, maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis' }}
      data-testid="org-name"
    >
      {org}
    </Tag>
  );
}

export function AppLayout() {
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 16, position: 'sticky', top: 0, zIndex: 10 }}
      >
        <Brand to="/" />
        {screens.lg && <OrgTag />}
        <Flex align="center" gap={4} style={{ marginInlineStart: 'auto' }}>
          <NotificationBell />
          <LanguageSwitch dark />
          <UserMenu />
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={216}
          breakpoint="lg"
          collapsedWidth={screens.md ? 80 : 0}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          theme="light"
          style={{ borderInlineEnd: '1px solid #f0f0f0' }}
        >
          <SideMenu collapsed={collapsed} />
        </Layout.Sider>
        <Layout.Content style={{ padding: screens.md ? 24 : 12, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
