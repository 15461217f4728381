/**
 * Menu entries of system administration (系统管理), merged into the one navigation table in app/navigation.ts. The
 * holiday maintenance belongs to the calendar feature; it keeps its place in this group.
 */
import { AuditOutlined, ClusterOutlined, TeamOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/navigation.ts';
import { calendarAdminNavigation } from '../calendar/calendar.nav.ts';

export const adminNavigation = [
  {
    key: 'adminUsers',
    path: '/admin/users',
    icon: TeamOutlined,
    label: 'nav.adminUsers',
    group: 'admin',
    kinds: ['sysadmin', 'secadmin'],
    permissions: ['user.manage', 'user.unlock', 'user.read'],
  },
  ...calendarAdminNavigation,
  {
    key: 'adminJobs',
    path: '/admin/jobs',
    icon: ClusterOutlined,
    label: 'nav.adminJobs',
    group: 'admin',
    kinds: ['sysadmin'],
    permissions: ['job.read'],
  },
  {
    key: 'adminAudit',
    path: '/admin/audit',
    icon: AuditOutlined,
    label: 'nav.adminAudit',
    group: 'admin',
    kinds: ['auditor'],
    permissions: ['audit.read'],
  },
] as const satisfies readonly NavItem[];
