/**
 * Routes of the policy engine (惠企政策直达), spread into app/router.tsx: `policyAppRoutes` under the signed-in layout,
 * `policyPublicRoutes` under /public. Every page is its own chunk (the rule editor's query builder only loads for
 * officers editing a clause).
 */
import { Navigate, useParams, type RouteObject } from 'react-router';
import { RequireNav } from '../../app/guards.tsx';
import { lazyPage, type LazyPageOptions } from '../../app/lazy-page.ts';

/** Every policy page brings the feature's words and its error sentences. */
const words: LazyPageOptions = {
  dictionaries: [
    () => import('./policy.i18n.ts').then((m) => m.policyWords),
    () => import('./policy.errors.i18n.ts').then((m) => m.policyErrorWords),
  ],
};

const PoliciesPage = lazyPage(() => import('./catalogue.page.tsx'), 'PoliciesPage', words);
const PublicPoliciesPage = lazyPage(() => import('./catalogue.page.tsx'), 'PublicPoliciesPage', words);
const PolicyDetailPage = lazyPage(() => import('./policy-detail.page.tsx'), 'PolicyDetailPage', words);
const PublicPolicyDetailPage = lazyPage(
  () => import('./policy-detail.page.tsx'),
  'PublicPolicyDetailPage',
  words,
);
const CalculatorPage = lazyPage(() => import('./calculator.page.tsx'), 'CalculatorPage', words);
const PublicCalculatorPage = lazyPage(() => import('./calculator.page.tsx'), 'PublicCalculatorPage', words);
const MyPoliciesPage = lazyPage(() => import('./my-policies.page.tsx'), 'MyPoliciesPage', words);
const MyExplanationPage = lazyPage(() => import('./my-explanation.page.tsx'), 'MyExplanationPage', words);
const ManagePoliciesPage = lazyPage(() => import('./manage-policies.page.tsx'), 'ManagePoliciesPage', words);
const ManagePolicyPage = lazyPage(() => import('./manage-policy.page.tsx'), 'ManagePolicyPage', words);
const GrantListsPage = lazyPage(() => import('./grant-lists.page.tsx'), 'GrantListsPage', words);
const GrantListPage = lazyPage(() => import('./grant-list.page.tsx'), 'GrantListPage', words);

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
