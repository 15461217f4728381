/**
 * Routes of public credit (信用), spread into app/router.tsx: `creditAppRoutes` under the signed-in layout,
 * `creditPublicRoutes` under /public. Pages not built yet say so (NotYetAvailable) — never sample data.
 */
import type { RouteObject } from 'react-router';
import { RequireNav } from '../../app/guards.tsx';
import { CreditPlaceholder } from './credit-placeholder.tsx';

export const creditAppRoutes: RouteObject[] = [
  {
    path: 'credit/query',
    element: (
      <RequireNav navKey="creditQuery">
        <CreditPlaceholder testId="credit-query" />
      </RequireNav>
    ),
  },
  {
    path: 'credit/mine',
    element: (
      <RequireNav navKey="creditMine">
        <CreditPlaceholder testId="my-credit" />
      </RequireNav>
    ),
  },
  {
    path: 'credit/records',
    element: (
      <RequireNav navKey="creditRecords">
        <CreditPlaceholder testId="credit-records" />
      </RequireNav>
    ),
  },
  {
    path: 'credit/imports',
    element: (
      <RequireNav navKey="creditImports">
        <CreditPlaceholder testId="credit-imports" />
      </RequireNav>
    ),
  },
  {
    path: 'credit/lists',
    element: (
      <RequireNav navKey="creditLists">
        <CreditPlaceholder testId="credit-lists" />
      </RequireNav>
    ),
  },
  {
    path: 'credit/repairs',
    element: (
      <RequireNav navKey="creditRepairs">
        <CreditPlaceholder testId="repair-review" />
      </RequireNav>
    ),
  },
  {
    path: 'credit/classification',
    element: (
      <RequireNav navKey="creditClasses">
        <CreditPlaceholder testId="credit-classes" />
      </RequireNav>
    ),
  },
];

export const creditPublicRoutes: RouteObject[] = [
  { path: 'credit', element: <CreditPlaceholder testId="public-credit" /> },
];
