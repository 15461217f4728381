/** Menu entries of the action plan (行动方案), merged into the one navigation table in app/navigation.ts. */
import {
  DashboardOutlined,
  FundOutlined,
  ImportOutlined,
  OrderedListOutlined,
  SolutionOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { NavItem } from '../../app/navigation.ts';

export const planNavigation = [
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
] as const satisfies readonly NavItem[];
