/**
 * Routes of public credit (信用), spread into app/router.tsx: `creditAppRoutes` under the signed-in layout,
 * `creditPublicRoutes` under /public. Every page is its own lazily loaded chunk.
 */
import { Suspense, type ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { RequireNav } from '../../app/guards.tsx';
import { lazyPage } from '../../app/lazy-page.ts';
import type { NavKey } from '../../app/navigation.ts';
import { PageLoading } from '../../components/page-loading.tsx';

const CreditQueryPage = lazyPage(() => import('./query.page.tsx'), 'CreditQueryPage');
const PublicCreditPage = lazyPage(() => import('./query.page.tsx'), 'PublicCreditPage');
const MyCreditPage = lazyPage(() => import('./mine.page.tsx'), 'MyCreditPage');
const CreditRecordsPage = lazyPage(() => import('./records.page.tsx'), 'CreditRecordsPage');
const CreditImportsPage = lazyPage(() => import('./imports.page.tsx'), 'CreditImportsPage');
const CreditListsPage = lazyPage(() => import('./lists.page.tsx'), 'CreditListsPage');
const RepairReviewPage = lazyPage(() => import('./repairs.page.tsx'), 'RepairReviewPage');
const CreditClassesPage = lazyPage(() => import('./classification.page.tsx'), 'CreditClassesPage');
const CreditSettingsPage = lazyPage(() => import('./settings.page.tsx'), 'CreditSettingsPage');

function guarded(navKey: NavKey, page: ReactNode) {
  return (
    <RequireNav navKey={navKey}>
      <Suspense fallback={<PageLoading />}>{page}</Suspense>
    </RequireNav>
  );
}

export const creditAppRoutes: RouteObject[] = [
  { path: 'credit/query', element: guarded('creditQuery', <CreditQueryPage />) },
  { path: 'credit/mine', element: guarded('creditMine', <MyCreditPage />) },
  // The server's notifications link to /credit/my (repair decided).
  { path: 'credit/my', element: <Navigate to="/credit/mine" replace /> },
  { path: 'credit/records', element: guarded('creditRecords', <CreditRecordsPage />) },
  { path: 'credit/imports', element: guarded('creditImports', <CreditImportsPage />) },
  { path: 'credit/lists', element: guarded('creditLists', <CreditListsPage />) },
  { path: 'credit/repairs', element: guarded('creditRepairs', <RepairReviewPage />) },
  // …and to /credit/repairs/{id} (an application to review): the list with that application open.
  { path: 'credit/repairs/:id', element: guarded('creditRepairs', <RepairReviewPage />) },
  { path: 'credit/classification', element: guarded('creditClasses', <CreditClassesPage />) },
  { path: 'credit/settings', element: guarded('creditSettings', <CreditSettingsPage />) },
];

export const creditPublicRoutes: RouteObject[] = [
  {
    path: 'credit',
    element: (
      <Suspense fallback={<PageLoading />}>
        <PublicCreditPage />
      </Suspense>
    ),
  },
];
