import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { PageLoading } from '../components/page-loading.tsx';
import { useT } from './i18n.ts';
import { isNavItemVisible, navItem, type NavKey } from './navigation.ts';
import { useMe, useSession } from './session.tsx';

export const CHANGE_PASSWORD_PATH = '/account/password';

export interface LoginRedirectState {
  from?: string;
}

/** Protected area: anonymous visitors go to /login (remembering where they were), and a user who must change
 * their password can open nothing else until they do. */
export function RequireAuth() {
  const { status, me } = useSession();
  const location = useLocation();
  if (status === 'loading') return <PageLoading />;
  if (!me) {
    const state: LoginRedirectState = { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  if (me.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }
  return <Outlet />;
}

/** Shows a page only to those the navigation table lets see it; others get a plain "no access" page. */
export function RequireNav({ navKey, children }: { navKey: NavKey; children: ReactNode }) {
  const me = useMe();
  if (isNavItemVisible(navItem(navKey), me)) return <>{children}</>;
  return <Forbidden />;
}

/** For a page under a menu entry that several roles share (e.g. submitting vs reviewing cases). */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const me = useMe();
  if (me.permissions.includes(permission)) return <>{children}</>;
  return <Forbidden />;
}

function Forbidden() {
  const me = useMe();
  const t = useT();
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={t('forbidden.text', { kind: t(`kind.${me.kind}`) })}
      extra={
        <Link to="/">
          <Button type="primary">{t('notFound.home')}</Button>
        </Link>
      }
    />
  );
}

export function NotFound() {
  const t = useT();
  const { me } = useSession();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.text')}
      extra={
        <Link to={me ? '/' : '/public'}>
          <Button type="primary">{me ? t('notFound.home') : t('public.home')}</Button>
        </Link>
      }
    />
  );
}
