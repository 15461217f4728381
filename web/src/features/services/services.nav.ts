/** Menu entries of one-stop services (一网通办, 一件事), merged into the one navigation table in app/navigation.ts. */
import {
  AppstoreOutlined,
  FileDoneOutlined,
  InboxOutlined,
  MonitorOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import type { NavItem } from '../../app/navigation.ts';

export const servicesNavigation = [
  {
    key: 'servicesCatalogue',
    path: '/services',
    icon: AppstoreOutlined,
    label: 'nav.servicesCatalogue',
    group: 'services',
  },
  {
    key: 'servicesMine',
    path: '/services/applications',
    icon: FileDoneOutlined,
    label: 'nav.servicesMine',
    group: 'services',
    permissions: ['services.apply'],
  },
  {
    key: 'servicesQueue',
    path: '/services/queue',
    icon: InboxOutlined,
    label: 'nav.servicesQueue',
    group: 'services',
    permissions: ['services.process'],
  },
  {
    key: 'servicesOverview',
    path: '/services/overview',
    icon: MonitorOutlined,
    label: 'nav.servicesOverview',
    group: 'services',
    permissions: ['services.read'],
  },
  {
    key: 'servicesAdmin',
    path: '/services/admin',
    icon: SettingOutlined,
    label: 'nav.servicesAdmin',
    group: 'services',
    permissions: ['services.manage'],
  },
] as const satisfies readonly NavItem[];
