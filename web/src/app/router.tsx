import { Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { PageLoading } from '../components/page-loading.tsx';
import { creditAppRoutes, creditPublicRoutes } from '../features/credit/credit.routes.tsx';
import { policyAppRoutes, policyPublicRoutes } from '../features/policy/policy.routes.tsx';
import { servicesAppRoutes, servicesPublicRoutes } from '../features/services/services.routes.tsx';
import { CasesIndex, LegacyCaseRedirect, LegacyMeasureRedirect } from '../features/plan/redirects.tsx';
import { NotFound, RequireAuth, RequireNav, RequirePermission } from './guards.tsx';
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
const PlanDashboardPage = lazyPage(() => import('../features/plan/dashboard.page.tsx'), 'PlanDashboardPage');
const MeasuresPage = lazyPage(() => import('../features/plan/measures.page.tsx'), 'MeasuresPage');
const PublicMeasuresPage = lazyPage(() => import('../features/plan/measures.page.tsx'), 'PublicMeasuresPage');
const MeasureDetailPage = lazyPage(
  () => import('../features/plan/measure-detail.page.tsx'),
  'MeasureDetailPage',
);
const PublicMeasureDetailPage = lazyPage(
  () => import('../features/plan/measure-detail.page.tsx'),
  'PublicMeasureDetailPage',
);
const MyPlanPage = lazyPage(() => import('../features/plan/my.page.tsx'), 'MyPlanPage');
const CaseNewPage = lazyPage(() => import('../features/plan/cases.page.tsx'), 'CaseNewPage');
const CasesMinePage = lazyPage(() => import('../features/plan/cases.page.tsx'), 'CasesMinePage');
const CasesReviewPage = lazyPage(() => import('../features/plan/cases.page.tsx'), 'CasesReviewPage');
const CaseDetailPage = lazyPage(() => import('../features/plan/cases.page.tsx'), 'CaseDetailPage');
const PublicCasesPage = lazyPage(() => import('../features/plan/cases.page.tsx'), 'PublicCasesPage');
const PublicCaseDetailPage = lazyPage(
  () => import('../features/plan/cases.page.tsx'),
  'PublicCaseDetailPage',
);
const KpisPage = lazyPage(() => import('../features/plan/kpis.page.tsx'), 'KpisPage');
const ImportPage = lazyPage(() => import('../features/plan/import.page.tsx'), 'ImportPage');

export const router = createBrowserRouter([
  { path: '/login', element: suspended(<LoginPage />) },
  {
    path: '/public',
    element: <PublicLayout />,
    children: [
      { index: true, element: <LandingPage /> },
      { path: 'calendar', element: <CalendarPage /> },
      { path: 'uscc', element: <UsccPage /> },
      { path: 'plan', element: <PublicMeasuresPage /> },
      { path: 'plan/cases', element: <PublicCasesPage /> },
      { path: 'plan/cases/:id', element: <PublicCaseDetailPage /> },
      { path: 'plan/:no', element: <PublicMeasureDetailPage /> },
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
          { path: 'plan', element: <Navigate to="/plan/measures" replace /> },
          {
            path: 'plan/dashboard',
            element: (
              <RequireNav navKey="planDashboard">
                <PlanDashboardPage />
              </RequireNav>
            ),
          },
          { path: 'plan/measures', element: <MeasuresPage /> },
          { path: 'plan/measures/:no', element: <MeasureDetailPage /> },
          {
            path: 'plan/my',
            element: (
              <RequireNav navKey="planMy">
                <MyPlanPage />
              </RequireNav>
            ),
          },
          {
            path: 'plan/cases',
            element: (
              <RequireNav navKey="planCases">
                <CasesIndex />
              </RequireNav>
            ),
          },
          {
            path: 'plan/cases/new',
            element: (
              <RequirePermission permission="plan.report">
                <CaseNewPage />
              </RequirePermission>
            ),
          },
          {
            path: 'plan/cases/mine',
            element: (
              <RequirePermission permission="plan.report">
                <CasesMinePage />
              </RequirePermission>
            ),
          },
          {
            path: 'plan/cases/review',
            element: (
              <RequirePermission permission="plan.supervise">
                <CasesReviewPage />
              </RequirePermission>
            ),
          },
          // Whether a case may be seen is the server's call (published, own department, or the office).
          { path: 'plan/cases/:id', element: <CaseDetailPage /> },
          {
            path: 'plan/kpis',
            element: (
              <RequireNav navKey="planKpis">
                <KpisPage />
              </RequireNav>
            ),
          },
          {
            path: 'plan/import',
            element: (
              <RequireNav navKey="planImport">
                <ImportPage />
              </RequireNav>
            ),
          },
          ...servicesAppRoutes,
          ...policyAppRoutes,
          ...creditAppRoutes,
          { path: 'action-plan/measures/:no', element: <LegacyMeasureRedirect /> },
          { path: 'action-plan/cases/:id', element: <LegacyCaseRedirect /> },
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
