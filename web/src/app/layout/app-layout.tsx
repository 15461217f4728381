import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Grid, Layout, Tag } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet } from 'react-router';
import { LargeTextSwitch, MAIN_CONTENT_ID, SkipLink } from '../../components/accessibility.tsx';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { NotificationBell } from '../../features/notifications/notification-bell.tsx';
import { useT } from '../i18n.ts';
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

/** Phones get the menu in a drawer opened from the header: a zero-width sider's floating handle sat on top of the
 * page title, and an opened sider squeezed the page to a sliver. */
function MobileMenu() {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        type="text"
        icon={<MenuOutlined />}
        aria-label={t('header.expand')}
        onClick={() => setOpen(true)}
        style={{ color: 'rgba(255,255,255,0.88)', marginInlineStart: -8 }}
      />
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="left"
        size={260}
        title={t('app.name')}
        styles={{ body: { padding: 0 } }}
      >
        <SideMenu collapsed={false} onNavigate={() => setOpen(false)} />
      </Drawer>
    </>
  );
}

export function AppLayout() {
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);
  // Before the first media query answers every breakpoint reads false; treat that as a wide screen so desktop
  // users do not see the phone layout flash by.
  const phone = screens.md === false;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <SkipLink />
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: phone ? 8 : 16,
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        {phone && <MobileMenu />}
        <Brand to="/" />
        {screens.lg && <OrgTag />}
        <Flex align="center" gap={4} style={{ marginInlineStart: 'auto' }}>
          <NotificationBell />
          <LargeTextSwitch dark compact={phone} />
          <LanguageSwitch dark compact={phone} />
          <UserMenu />
        </Flex>
      </Layout.Header>
      <Layout hasSider={!phone}>
        {!phone && (
          <Layout.Sider
            width={216}
            breakpoint="lg"
            collapsedWidth={80}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            theme="light"
            style={{ borderInlineEnd: '1px solid #f0f0f0' }}
          >
            <SideMenu collapsed={collapsed} />
          </Layout.Sider>
        )}
        <Layout.Content
          id={MAIN_CONTENT_ID}
          tabIndex={-1}
          style={{ padding: phone ? 12 : 24, minWidth: 0, outline: 'none' }}
        >
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
