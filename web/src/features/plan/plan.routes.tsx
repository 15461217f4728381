/**
 * Routes of the action plan (行动方案), spread into app/router.tsx: `planAppRoutes` under the signed-in layout,
 * `planPublicRoutes` under /public. Every page is its own lazily loaded chunk and brings the plan's words.
 */
import type { ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { RequireNav, RequirePermission } from '../../app/guards.tsx';
import { lazyPage, type LazyPageOptions } from '../../app/lazy-page.ts';
import type { NavKey } from '../../app/navigation.ts';
import { CasesIndex, LegacyCaseRedirect, LegacyMeasureRedirect } from './redirects.tsx';

const words: LazyPageOptions = {
  dictionaries: [
    () => import('./plan.i18n.ts').then((m) => m.planWords),
    () => import('./plan.errors.i18n.ts').then((m) => m.planErrorWords),
  ],
};

const PlanDashboardPage = lazyPage(() => import('./dashboard.page.tsx'), 'PlanDashboardPage', words);
const MeasuresPage = lazyPage(() => import('./measures.page.tsx'), 'MeasuresPage', words);
const PublicMeasuresPage = lazyPage(() => import('./measures.page.tsx'), 'PublicMeasuresPage', words);
const MeasureDetailPage = lazyPage(() => import('./measure-detail.page.tsx'), 'MeasureDetailPage', words);
const PublicMeasureDetailPage = lazyPage(
  () => import('./measure-detail.page.tsx'),
  'PublicMeasureDetailPage',
  words,
);
const MyPlanPage = lazyPage(() => import('./my.page.tsx'), 'MyPlanPage', words);
const CaseNewPage = lazyPage(() => import('./case-new.page.tsx'), 'CaseNewPage', words);
const CasesMinePage = lazyPage(() => import('./cases-mine.page.tsx'), 'CasesMinePage', words);
const CasesReviewPage = lazyPage(() => import('./cases-review.page.tsx'), 'CasesReviewPage', words);
const CaseDetailPage = lazyPage(() => import('./case-detail.page.tsx'), 'CaseDetailPage', words);
const PublicCasesPage = lazyPage(() => import('./cases-public.page.tsx'), 'PublicCasesPage', words);
const PublicCaseDetailPage = lazyPage(() => import('./case-detail.page.tsx'), 'PublicCaseDetailPage', words);
const KpisPage = lazyPage(() => import('./kpis.page.tsx'), 'KpisPage', words);
const ImportPage = lazyPage(() => import('./import.page.tsx'), 'ImportPage', words);

function nav(navKey: NavKey, page: ReactNode) {
  return <RequireNav navKey={navKey}>{page}</RequireNav>;
}

export const planAppRoutes: RouteObject[] = [
  { path: 'plan', element: <Navigate to="/plan/measures" replace /> },
  { path: 'plan/dashboard', element: nav('planDashboard', <PlanDashboardPage />) },
  { path: 'plan/measures', element: <MeasuresPage /> },
  { path: 'plan/measures/:no', element: <MeasureDetailPage /> },
  { path: 'plan/my', element: nav('planMy', <MyPlanPage />) },
  { path: 'plan/cases', element: nav('planCases', <CasesIndex />) },
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
  { path: 'plan/kpis', element: nav('planKpis', <KpisPage />) },
  { path: 'plan/import', element: nav('planImport', <ImportPage />) },
  // The server's notifications link to /action-plan/…; the pages live under /plan/….
  { path: 'action-plan/measures/:no', element: <LegacyMeasureRedirect /> },
  { path: 'action-plan/cases/:id', element: <LegacyCaseRedirect /> },
];

export const planPublicRoutes: RouteObject[] = [
  { path: 'plan', element: <PublicMeasuresPage /> },
  { path: 'plan/cases', element: <PublicCasesPage /> },
  { path: 'plan/cases/:id', element: <PublicCaseDetailPage /> },
  { path: 'plan/:no', element: <PublicMeasureDetailPage /> },
];
