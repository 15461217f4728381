/**
 * The one table that decides which pages a signed-in user sees in the side menu and may open. An item is visible
 * when the user's kind is listed in `kinds` OR the user holds one of `permissions`; an item with neither is for
 * everyone signed in. `isNavItemVisible` is pure so tests can reason about it without rendering.
 */
import type { ComponentType } from 'react';
import {
  AuditOutlined,
  CalendarOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FundOutlined,
  HomeOutlined,
  IdcardOutlined,
  ImportOutlined,
  OrderedListOutlined,
  ScheduleOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { Me, UserKind } from '../api/types.ts';
import { creditNavigation } from '../features/credit/credit.nav.ts';
import { policyNavigation } from '../features/policy/policy.nav.ts';
import { servicesNavigation } from '../features/services/services.nav.ts';
import type { MessageKey } from './i18n.ts';

export type NavGroup = 'main' | 'plan' | 'services' | 'policy' | 'credit' | 'tools' | 'admin';

export interface NavItem {
  key: string;
  path: string;
  icon: ComponentType;
  label: MessageKey;
  group: NavGroup;
  kinds?: readonly UserKind[];
  permissions?: readonly string[];
}

export const navigation = [
  { key: 'home', path: '/', icon: HomeOutlined, label: 'nav.home', group: 'main' },
  {
    key: 'enterprises',
    path: '/enterprises',
    icon: ShopOutlined,
    label: 'nav.enterprises',
    group: 'main',
    kinds: ['office', 'officer'],
    permissions: ['enterprise.stats'],
  },
  {
    key: 'planDashboard',
    path: '/plan/dashboard',
    icon: DashboardOutlined,
    label: 'nav.planDashboard',
    group: 'plan',
    kinds: ['office', 'officer'],
    permissions: ['plan.read'],
  },
  {
    key: 'planMy',
    path: '/plan/my',
    icon: SolutionOutlined,
    label: 'nav.planMy',
    group: 'plan',
    permissions: ['plan.report'],
  },
  {
    key: 'planMeasures',
    path: '/plan/measures',
    icon: OrderedListOutlined,
    label: 'nav.planMeasures',
    group: 'plan',
  },
  {
    key: 'planCases',
    path: '/plan/cases',
    icon: TrophyOutlined,
    label: 'nav.planCases',
    group: 'plan',
    permissions: ['plan.report', 'plan.supervise'],
  },
  {
    key: 'planKpis',
    path: '/plan/kpis',
    icon: FundOutlined,
    label: 'nav.planKpis',
    group: 'plan',
    permissions: ['plan.supervise'],
  },
  {
    key: 'planImport',
    path: '/plan/import',
    icon: ImportOutlined,
    label: 'nav.planImport',
    group: 'plan',
    permissions: ['plan.supervise'],
  },
  ...servicesNavigation,
  ...policyNavigation,
  ...creditNavigation,
  { key: 'calendar', path: '/calendar', icon: CalendarOutlined, label: 'nav.calendar', group: 'tools' },
  { key: 'uscc', path: '/tools/uscc', icon: IdcardOutlined, label: 'nav.uscc', group: 'tools' },
  {
    key: 'adminUsers',
    path: '/admin/users',
    icon: TeamOutlined,
    label: 'nav.adminUsers',
    group: 'admin',
    kinds: ['sysadmin', 'secadmin'],
    permissions: ['user.manage', 'user.unlock', 'user.read'],
  },
  {
    key: 'adminCalendar',
    path: '/admin/calendar',
    icon: ScheduleOutlined,
    label: 'nav.adminCalendar',
    group: 'admin',
    permissions: ['calendar.manage'],
  },
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

export type NavKey = (typeof navigation)[number]['key'];

export function isNavItemVisible(item: NavItem, me: Pick<Me, 'kind' | 'permissions'>): boolean {
  const byKind = item.kinds?.includes(me.kind) ?? false;
  const byPermission = item.permissions?.some((p) => me.permissions.includes(p)) ?? false;
  if (!item.kinds && !item.permissions) return true;
  return byKind || byPermission;
}

export function visibleNavigation(me: Pick<Me, 'kind' | 'permissions'>): NavItem[] {
  return navigation.filter((item: NavItem) => isNavItemVisible(item, me));
}

export function navItem(key: NavKey): NavItem {
  const item: NavItem | undefined = navigation.find((i) => i.key === key);
  if (!item) throw new Error(`unknown navigation key ${key}`);
  return item;
}

/** The menu entry to highlight for a location: the longest path that prefixes it. */
export function selectedNavKey(pathname: string, items: readonly NavItem[]): string | undefined {
  let best: NavItem | undefined;
  for (const item of items) {
    const matches =
      item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.key;
}
