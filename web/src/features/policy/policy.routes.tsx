/**
 * Routes of the policy engine (惠企政策直达), spread into app/router.tsx: `policyAppRoutes` under the signed-in layout,
 * `policyPublicRoutes` under /public. Pages not built yet say so (NotYetAvailable) — never sample data.
 */
import type { RouteObject } from 'react-router';
import { RequireNav } from '../../app/guards.tsx';
import { PolicyPlaceholder } from './policy-placeholder.tsx';

export const policyAppRoutes: RouteObject[] = [
  {
    path: 'policies',
    element: (
      <RequireNav navKey="policyCatalogue">
        <PolicyPlaceholder testId="policy-search" />
      </RequireNav>
    ),
  },
  {
    path: 'policies/calculator',
    element: (
      <RequireNav navKey="policyCalculator">
        <PolicyPlaceholder testId="policy-calculator" />
      </RequireNav>
    ),
  },
  {
    path: 'policies/mine',
    element: (
      <RequireNav navKey="policyMine">
        <PolicyPlaceholder testId="my-policies" />
      </RequireNav>
    ),
  },
  {
    path: 'policies/manage',
    element: (
      <RequireNav navKey="policyManage">
        <PolicyPlaceholder testId="policy-manage" />
      </RequireNav>
    ),
  },
  {
    path: 'policies/grants',
    element: (
      <RequireNav navKey="policyGrants">
        <PolicyPlaceholder testId="grant-lists" />
      </RequireNav>
    ),
  },
];

export const policyPublicRoutes: RouteObject[] = [
  { path: 'policies', element: <PolicyPlaceholder testId="public-policies" /> },
  { path: 'policies/calculator', element: <PolicyPlaceholder testId="public-policy-calculator" /> },
];
