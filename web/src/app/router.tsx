import { Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { PageLoading } from '../components/page-loading.tsx';
import { adminAppRoutes } from '../features/admin/admin.routes.tsx';
import { calendarAppRoutes, calendarPublicRoutes } from '../features/calendar/calendar.routes.tsx';
import { creditAppRoutes, creditPublicRoutes } from '../features/credit/credit.routes.tsx';
import { planAppRoutes, planPublicRoutes } from '../features/plan/plan.routes.tsx';
import { policyAppRoutes, policyPublicRoutes } from '../features/policy/policy.routes.tsx';
import { servicesAppRoutes, servicesPublicRoutes } from '../features/services/services.routes.tsx';
import { NotFound, RequireAuth, RequireNav } from './guards.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { lazyPage } from './lazy-page.ts';
import { PublicLayout } from './layout/public-layout.tsx';

function suspended(node: ReactNode) {
  return <Suspense fallback={<PageLoading />}>{node}</Suspense>;
}

const LoginPage = lazyPage(() => import('../features/auth/login.page.tsx'), 'LoginPage');
const ChangePasswordPage = lazyPage(
  () => import('../features/auth/change-password.page.tsx'),
  'ChangePasswordPage',
);
const HomePage = lazyPage(() => import('../features/home/home.page.tsx'), 'HomePage');
const LandingPage = lazyPage(() => import('../features/home/landing.page.tsx'), 'LandingPage');
const UsccPage = lazyPage(() => import('../features/identifiers/uscc.page.tsx'), 'UsccPage');
const EnterprisesPage = lazyPage(
  () => import('../features/enterprises/enterprises.page.tsx'),
  'EnterprisesPage',
);

export const router = createBrowserRouter([
  { path: '/login', element: suspended(<LoginPage />) },
  {
    path: '/public',
    element: <PublicLayout />,
    children: [
      { index: true, element: <LandingPage /> },
      ...calendarPublicRoutes,
      { path: 'uscc', element: <UsccPage /> },
      ...planPublicRoutes,
      ...servicesPublicRoutes,
      ...policyPublicRoutes,
      ...creditPublicRoutes,
      { path: '*', element: <NotFound /> },
    ],
  },
  {
    element: <RequireAuth />,
    children: [
      {
        path: '/',
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          ...calendarAppRoutes,
          { path: 'tools/uscc', element: <UsccPage /> },
          { path: 'account/password', element: <ChangePasswordPage /> },
          {
            path: 'enterprises',
            element: (
              <RequireNav navKey="enterprises">
                <EnterprisesPage />
              </RequireNav>
            ),
          },
          ...planAppRoutes,
          ...servicesAppRoutes,
          ...policyAppRoutes,
          ...creditAppRoutes,
          ...adminAppRoutes,
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
