/**
 * Routes of one-stop services (一网通办, 一件事), spread into app/router.tsx: `servicesAppRoutes` under the signed-in layout,
 * `servicesPublicRoutes` under /public. Pages not built yet say so (NotYetAvailable) — never sample data.
 */
import type { RouteObject } from 'react-router';
import { RequireNav } from '../../app/guards.tsx';
import { ServicesPlaceholder } from './services-placeholder.tsx';

export const servicesAppRoutes: RouteObject[] = [
  {
    path: 'services',
    element: (
      <RequireNav navKey="servicesCatalogue">
        <ServicesPlaceholder testId="bundle-catalogue" />
      </RequireNav>
    ),
  },
  {
    path: 'services/applications',
    element: (
      <RequireNav navKey="servicesMine">
        <ServicesPlaceholder testId="my-applications" />
      </RequireNav>
    ),
  },
  {
    path: 'services/queue',
    element: (
      <RequireNav navKey="servicesQueue">
        <ServicesPlaceholder testId="work-queue" />
      </RequireNav>
    ),
  },
  {
    path: 'services/overview',
    element: (
      <RequireNav navKey="servicesOverview">
        <ServicesPlaceholder testId="services-overview" />
      </RequireNav>
    ),
  },
  {
    path: 'services/admin',
    element: (
      <RequireNav navKey="servicesAdmin">
        <ServicesPlaceholder testId="bundle-admin" />
      </RequireNav>
    ),
  },
];

export const servicesPublicRoutes: RouteObject[] = [
  { path: 'services', element: <ServicesPlaceholder testId="public-services" /> },
  { path: 'deregistration', element: <ServicesPlaceholder testId="public-deregistration" /> },
];
