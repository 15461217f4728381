/**
 * Routes of one-stop services (一网通办, 一件事), spread into app/router.tsx: `servicesAppRoutes` under the signed-in layout,
 * `servicesPublicRoutes` under /public. Every page is its own chunk (the form renderer and charts load only where used).
 */
import type { RouteObject } from 'react-router';
import { RequireNav, RequirePermission } from '../../app/guards.tsx';
import { lazyPage, type LazyPageOptions } from '../../app/lazy-page.ts';

const words: LazyPageOptions = {
  dictionaries: [
    () => import('./services.i18n.ts').then((m) => m.servicesWords),
    () => import('./services.errors.i18n.ts').then((m) => m.servicesErrorWords),
  ],
};

const BundleCataloguePage = lazyPage(() => import('./catalogue.page.tsx'), 'BundleCataloguePage', words);
const PublicBundleCataloguePage = lazyPage(
  () => import('./catalogue.page.tsx'),
  'PublicBundleCataloguePage',
  words,
);
const BundleDetailPage = lazyPage(() => import('./bundle-detail.page.tsx'), 'BundleDetailPage', words);
const PublicBundleDetailPage = lazyPage(
  () => import('./bundle-detail.page.tsx'),
  'PublicBundleDetailPage',
  words,
);
const ApplyPage = lazyPage(() => import('./apply.page.tsx'), 'ApplyPage', words);
const MyApplicationsPage = lazyPage(() => import('./applications.page.tsx'), 'MyApplicationsPage', words);
const ApplicationDetailPage = lazyPage(
  () => import('./application-detail.page.tsx'),
  'ApplicationDetailPage',
  words,
);
const WorkQueuePage = lazyPage(() => import('./queue.page.tsx'), 'WorkQueuePage', words);
const TaskDetailPage = lazyPage(() => import('./task-detail.page.tsx'), 'TaskDetailPage', words);
const ServicesOverviewPage = lazyPage(() => import('./overview.page.tsx'), 'ServicesOverviewPage', words);
const ServicesAdminPage = lazyPage(() => import('./admin.page.tsx'), 'ServicesAdminPage', words);
const BundleEditPage = lazyPage(() => import('./bundle-edit.page.tsx'), 'BundleEditPage', words);
const ItemEditPage = lazyPage(() => import('./item-edit.page.tsx'), 'ItemEditPage', words);
const PublicDeregistrationPage = lazyPage(
  () => import('./deregistration.page.tsx'),
  'PublicDeregistrationPage',
  words,
);

export const servicesAppRoutes: RouteObject[] = [
  {
    path: 'services',
    element: (
      <RequireNav navKey="servicesCatalogue">
        <BundleCataloguePage />
      </RequireNav>
    ),
  },
  { path: 'services/bundles/:code', element: <BundleDetailPage /> },
  {
    path: 'services/bundles/:code/apply',
    element: (
      <RequirePermission permission="services.apply">
        <ApplyPage />
      </RequirePermission>
    ),
  },
  {
    path: 'services/applications',
    element: (
      <RequireNav navKey="servicesMine">
        <MyApplicationsPage />
      </RequireNav>
    ),
  },
  // Whether an application may be seen is the server's call (own, a department with a task in it, the office).
  { path: 'services/applications/:id', element: <ApplicationDetailPage /> },
  {
    path: 'services/queue',
    element: (
      <RequireNav navKey="servicesQueue">
        <WorkQueuePage />
      </RequireNav>
    ),
  },
  {
    path: 'services/queue/:id',
    element: (
      <RequireNav navKey="servicesQueue">
        <TaskDetailPage />
      </RequireNav>
    ),
  },
  {
    path: 'services/overview',
    element: (
      <RequireNav navKey="servicesOverview">
        <ServicesOverviewPage />
      </RequireNav>
    ),
  },
  {
    path: 'services/admin',
    element: (
      <RequireNav navKey="servicesAdmin">
        <ServicesAdminPage />
      </RequireNav>
    ),
  },
  {
    path: 'services/admin/bundles/new',
    element: (
      <RequireNav navKey="servicesAdmin">
        <BundleEditPage />
      </RequireNav>
    ),
  },
  {
    path: 'services/admin/bundles/:code',
    element: (
      <RequireNav navKey="servicesAdmin">
        <BundleEditPage />
      </RequireNav>
    ),
  },
  {
    path: 'services/admin/items/new',
    element: (
      <RequireNav navKey="servicesAdmin">
        <ItemEditPage />
      </RequireNav>
    ),
  },
  {
    path: 'services/admin/items/:code',
    element: (
      <RequireNav navKey="servicesAdmin">
        <ItemEditPage />
      </RequireNav>
    ),
  },
];

export const servicesPublicRoutes: RouteObject[] = [
  { path: 'services', element: <PublicBundleCataloguePage /> },
  { path: 'services/:code', element: <PublicBundleDetailPage /> },
  { path: 'deregistration', element: <PublicDeregistrationPage /> },
];
