/** Menu entries of public credit (信用), merged into the one navigation table in app/navigation.ts. */
import {
  CloudUploadOutlined,
  FormOutlined,
  PieChartOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SearchOutlined,
  ToolOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { NavItem } from '../../app/navigation.ts';

export const creditNavigation = [
  {
    key: 'creditQuery',
    path: '/credit/query',
    icon: SearchOutlined,
    label: 'nav.creditQuery',
    group: 'credit',
  },
  {
    key: 'creditMine',
    path: '/credit/mine',
    icon: SafetyCertificateOutlined,
    label: 'nav.creditMine',
    group: 'credit',
    permissions: ['credit.own'],
  },
  {
    key: 'creditRecords',
    path: '/credit/records',
    icon: FormOutlined,
    label: 'nav.creditRecords',
    group: 'credit',
    permissions: ['credit.enter'],
  },
  {
    key: 'creditImports',
    path: '/credit/imports',
    icon: CloudUploadOutlined,
    label: 'nav.creditImports',
    group: 'credit',
    permissions: ['credit.enter'],
  },
  {
    key: 'creditLists',
    path: '/credit/lists',
    icon: UnorderedListOutlined,
    label: 'nav.creditLists',
    group: 'credit',
    permissions: ['credit.read'],
  },
  {
    key: 'creditRepairs',
    path: '/credit/repairs',
    icon: ToolOutlined,
    label: 'nav.creditRepairs',
    group: 'credit',
    permissions: ['credit.review'],
  },
  {
    key: 'creditClasses',
    path: '/credit/classification',
    icon: PieChartOutlined,
    label: 'nav.creditClasses',
    group: 'credit',
    permissions: ['credit.read'],
  },
  {
    key: 'creditSettings',
    path: '/credit/settings',
    icon: SettingOutlined,
    label: 'nav.creditSettings',
    group: 'credit',
    permissions: ['credit.manage'],
  },
] as const satisfies readonly NavItem[];
