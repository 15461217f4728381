import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { PageLoading } from '../components/page-loading.tsx';
import { NotFound, RequireAuth, RequireNav } from './guards.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { PublicLayout } from './layout/public-layout.tsx';

/** Every page is its own chunk, so the login page downloads only what it needs. */
function lazyPage<K extends string>(
  load: () => Promise<{ [P in K]: ComponentType }>,
  name: K,
): LazyExoticComponent<ComponentType> {
  return lazy(async () => {
    const component: ComponentType = (await load())[name];
    return { default: component };
  });
}

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
const CalendarPage = lazyPage(() => import('../features/calendar/calendar.page.tsx'), 'CalendarPage');
const CalendarYearsPage = lazyPage(
  () => import('../features/calendar/calendar-years.page.tsx'),
  'CalendarYearsPage',
);
const CalendarEditPage = lazyPage(
  () => import('../features/calendar/calendar-edit.page.tsx'),
  'CalendarEditPage',
);
const UsccPage = lazyPage(() => import('../features/identifiers/uscc.page.tsx'), 'UsccPage');
const EnterprisesPage = lazyPage(
  () => import('../features/enterprises/enterprises.page.tsx'),
  'EnterprisesPage',
);
const UsersPage = lazyPage(() => import('../features/admin/users.page.tsx'), 'UsersPage');
const AuditPage = lazyPage(() => import('../features/admin/audit.page.tsx'), 'AuditPage');
const JobsPage = lazyPage(() => import('../features/admin/jobs.page.tsx'), 'JobsPage');

export const router = createBrowserRouter([
  { path: '/login', element: suspended(<LoginPage />) },
  {
    path: '/public',
    element: <PublicLayout />,
    children: [
      { index: true, element: <LandingPage /> },
      { path: 'calendar', element: <CalendarPage /> },
      { path: 'uscc', element: <UsccPage /> },
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
          { path: 'calendar', element: <CalendarPage /> },
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
          {
            path: 'admin/calendar',
            element: (
              <RequireNav navKey="adminCalendar">
                <CalendarYearsPage />
              </RequireNav>
            ),
          },
          {
            path: 'admin/calendar/:year',
            element: (
              <RequireNav navKey="adminCalendar">
                <CalendarEditPage />
              </RequireNav>
            ),
          },
          {
            path: 'admin/users',
            element: (
              <RequireNav navKey="adminUsers">
                <UsersPage />
              </RequireNav>
            ),
          },
          {
            path: 'admin/audit',
            element: (
              <RequireNav navKey="adminAudit">
                <AuditPage />
              </RequireNav>
            ),
          },
          {
            path: 'admin/jobs',
            element: (
              <RequireNav navKey="adminJobs">
                <JobsPage />
              </RequireNav>
            ),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
