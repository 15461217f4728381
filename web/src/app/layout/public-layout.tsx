import { LoginOutlined } from '@ant-design/icons';
import { Button, Flex, Grid, Layout } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { LargeTextSwitch, MAIN_CONTENT_ID, SkipLink } from '../../components/accessibility.tsx';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { useT } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { Brand } from './brand.tsx';

/** Frame for pages anyone may open without signing in. */
export function PublicLayout() {
  const t = useT();
  const { me } = useSession();
  const phone = Grid.useBreakpoint().md === false;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <SkipLink />
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
        <Brand to="/public" />
        <Flex align="center" gap={8} style={{ marginInlineStart: 'auto' }}>
          <LargeTextSwitch dark compact={phone} />
          <LanguageSwitch dark compact={phone} />
          <Link to={me ? '/' : '/login'}>
            {/* On a phone the words do not fit beside the brand and switches: the icon stays, named for readers. */}
            <Button
              icon={<LoginOutlined />}
              data-testid="public-login"
              aria-label={me ? t('public.goToWorkspace') : t('public.login')}
            >
              {phone ? null : me ? t('public.goToWorkspace') : t('public.login')}
            </Button>
          </Link>
        </Flex>
      </Layout.Header>
      <Layout.Content
        id={MAIN_CONTENT_ID}
        tabIndex={-1}
        style={{ padding: phone ? 12 : 24, maxWidth: 1200, width: '100%', margin: '0 auto', outline: 'none' }}
      >
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#4b5563' }}>{t('app.fullName')}</Layout.Footer>
    </Layout>
  );
}
