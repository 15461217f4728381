/**
 * Routes of system administration (用户管理、审计日志、后台任务), spread into app/router.tsx under the signed-in
 * layout. Their words are the app's own (app/i18n.ts).
 */
import type { RouteObject } from 'react-router';
import { RequireNav } from '../../app/guards.tsx';
import { lazyPage } from '../../app/lazy-page.ts';

const UsersPage = lazyPage(() => import('./users.page.tsx'), 'UsersPage');
const AuditPage = lazyPage(() => import('./audit.page.tsx'), 'AuditPage');
const JobsPage = lazyPage(() => import('./jobs.page.tsx'), 'JobsPage');

export const adminAppRoutes: RouteObject[] = [
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
];
