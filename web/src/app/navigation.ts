/**
 * The one table that decides which pages a signed-in user sees in the side menu and may open. An item is visible
 * when the user's kind is listed in `kinds` OR the user holds one of `permissions`; an item with neither is for
 * everyone signed in. `isNavItemVisible` is pure so tests can reason about it without rendering.
 */
import type { ComponentType } from 'react';
import { HomeOutlined, IdcardOutlined, ShopOutlined } from '@ant-design/icons';
import type { Me, UserKind } from './session.tsx';
import { adminNavigation } from '../features/admin/admin.nav.ts';
import { calendarNavigation } from '../features/calendar/calendar.nav.ts';
import { creditNavigation } from '../features/credit/credit.nav.ts';
import { planNavigation } from '../features/plan/plan.nav.ts';
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
  ...planNavigation,
  ...servicesNavigation,
  ...policyNavigation,
  ...creditNavigation,
  ...calendarNavigation,
  { key: 'uscc', path: '/tools/uscc', icon: IdcardOutlined, label: 'nav.uscc', group: 'tools' },
  ...adminNavigation,
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
