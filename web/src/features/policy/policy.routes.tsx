/**
 * Routes of the policy engine (惠企政策直达), spread into app/router.tsx: `policyAppRoutes` under the signed-in layout,
 * `policyPublicRoutes` under /public. Every page is its own chunk (the rule editor's query builder only loads for
 * officers editing a clause).
 */
import { Navigate, useParams, type RouteObject } from 'react-router';
import { RequireNav } from '../../app/guards.tsx';
import { lazyPage } from '../../app/lazy-page.ts';

const PoliciesPage = lazyPage(() => import('./catalogue.page.tsx'), 'PoliciesPage');
const PublicPoliciesPage = lazyPage(() => import('./catalogue.page.tsx'), 'PublicPoliciesPage');
const PolicyDetailPage = lazyPage(() => import('./catalogue.page.tsx'), 'PolicyDetailPage');
const PublicPolicyDetailPage = lazyPage(() => import('./catalogue.page.tsx'), 'PublicPolicyDetailPage');
const CalculatorPage = lazyPage(() => import('./calculator.page.tsx'), 'CalculatorPage');
const PublicCalculatorPage = lazyPage(() => import('./calculator.page.tsx'), 'PublicCalculatorPage');
const MyPoliciesPage = lazyPage(() => import('./mine.page.tsx'), 'MyPoliciesPage');
const MyExplanationPage = lazyPage(() => import('./mine.page.tsx'), 'MyExplanationPage');
const ManagePoliciesPage = lazyPage(() => import('./manage.page.tsx'), 'ManagePoliciesPage');
const ManagePolicyPage = lazyPage(() => import('./manage.page.tsx'), 'ManagePolicyPage');
const GrantListsPage = lazyPage(() => import('./grants.page.tsx'), 'GrantListsPage');
const GrantListPage = lazyPage(() => import('./grants.page.tsx'), 'GrantListPage');

/** The server's 直达 notification link `/policies/my/{clauseId}`, under 我的政策 so its menu entry is the one lit. */
function MyExplanationRedirect() {
  const { clauseId = '' } = useParams();
  return <Navigate to={`/policies/mine/${encodeURIComponent(clauseId)}`} replace />;
}

export const policyAppRoutes: RouteObject[] = [
  {
    path: 'policies',
    element: (
      <RequireNav navKey="policyCatalogue">
        <PoliciesPage />
      </RequireNav>
    ),
  },
  {
    path: 'policies/calculator',
    element: (
      <RequireNav navKey="policyCalculator">
        <CalculatorPage />
      </RequireNav>
    ),
  },
  {
    path: 'policies/mine',
    element: (
      <RequireNav navKey="policyMine">
        <MyPoliciesPage />
      </RequireNav>
    ),
  },
  {
    // Where a 直达 notification leads (docs/policy-api.md, policy.notify-matches).
    path: 'policies/my/:clauseId',
    element: <MyExplanationRedirect />,
  },
  {
    path: 'policies/mine/:clauseId',
    element: (
      <RequireNav navKey="policyMine">
        <MyExplanationPage />
      </RequireNav>
    ),
  },
  {
    path: 'policies/manage',
    element: (
      <RequireNav navKey="policyManage">
        <ManagePoliciesPage />
      </RequireNav>
    ),
  },
  {
    path: 'policies/manage/:id',
    element: (
      <RequireNav navKey="policyManage">
        <ManagePolicyPage />
      </RequireNav>
    ),
  },
  {
    path: 'policies/grants',
    element: (
      <RequireNav navKey="policyGrants">
        <GrantListsPage />
      </RequireNav>
    ),
  },
  {
    path: 'policies/grants/:id',
    element: (
      <RequireNav navKey="policyGrants">
        <GrantListPage />
      </RequireNav>
    ),
  },
  {
    path: 'policies/:id',
    element: (
      <RequireNav navKey="policyCatalogue">
        <PolicyDetailPage />
      </RequireNav>
    ),
  },
];

export const policyPublicRoutes: RouteObject[] = [
  { path: 'policies', element: <PublicPoliciesPage /> },
  { path: 'policies/calculator', element: <PublicCalculatorPage /> },
  { path: 'policies/:id', element: <PublicPolicyDetailPage /> },
];
