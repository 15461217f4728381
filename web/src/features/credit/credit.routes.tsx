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

/** The credit words load with the first credit page (and every credit page names them). */
const words = {
  dictionaries: [
    () => import('./credit.i18n.ts').then((m) => m.creditWords),
    () => import('./credit.errors.i18n.ts').then((m) => m.creditErrorWords),
  ],
};

const CreditQueryPage = lazyPage(() => import('./query.page.tsx'), 'CreditQueryPage', words);
const PublicCreditPage = lazyPage(() => import('./query.page.tsx'), 'PublicCreditPage', words);
const MyCreditPage = lazyPage(() => import('./mine.page.tsx'), 'MyCreditPage', words);
const CreditRecordsPage = lazyPage(() => import('./records.page.tsx'), 'CreditRecordsPage', words);
const CreditImportsPage = lazyPage(() => import('./imports.page.tsx'), 'CreditImportsPage', words);
const CreditListsPage = lazyPage(() => import('./lists.page.tsx'), 'CreditListsPage', words);
const RepairReviewPage = lazyPage(() => import('./repairs.page.tsx'), 'RepairReviewPage', words);
const CreditClassesPage = lazyPage(() => import('./classification.page.tsx'), 'CreditClassesPage', words);
const CreditSettingsPage = lazyPage(() => import('./settings.page.tsx'), 'CreditSettingsPage', words);

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
