import { Menu, type MenuProps } from 'antd';
import { createElement, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useT, type MessageKey } from '../i18n.ts';
import { selectedNavKey, visibleNavigation, type NavGroup } from '../navigation.ts';
import { useMe } from '../session.tsx';

const groupLabels: Record<NavGroup, MessageKey | null> = {
  main: null,
  plan: 'nav.groupPlan',
  services: 'nav.groupServices',
  policy: 'nav.groupPolicy',
  credit: 'nav.groupCredit',
  tools: 'nav.groupTools',
  admin: 'nav.groupAdmin',
};
const groupOrder: readonly NavGroup[] = ['main', 'services', 'policy', 'credit', 'plan', 'tools', 'admin'];

type MenuItem = Required<MenuProps>['items'][number];

export function SideMenu({ collapsed, onNavigate }: { collapsed: boolean; onNavigate?: () => void }) {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = useMemo(() => visibleNavigation(me), [me]);

  const menuItems: MenuItem[] = [];
  for (const group of groupOrder) {
    const inGroup = items.filter((i) => i.group === group);
    if (inGroup.length === 0) continue;
    const children: MenuItem[] = inGroup.map((i) => ({
      key: i.key,
      icon: createElement(i.icon),
      label: t(i.label),
      'data-testid': `nav-${i.key}`,
    }));
    const label = groupLabels[group];
    if (label === null || collapsed) menuItems.push(...children);
    else menuItems.push({ type: 'group', key: `group-${group}`, label: t(label), children });
  }

  const selected = selectedNavKey(pathname, items);
  return (
    <nav aria-label={t('a11y.mainNav')}>
      <Menu
        mode="inline"
        items={menuItems}
        selectedKeys={selected ? [selected] : []}
        onClick={({ key }) => {
          const item = items.find((i) => i.key === key);
          if (item) void navigate(item.path);
          onNavigate?.();
        }}
        style={{ borderInlineEnd: 'none' }}
        data-testid="side-menu"
      />
    </nav>
  );
}
