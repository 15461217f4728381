/** Menu entries of the policy engine (惠企政策直达), merged into the one navigation table in app/navigation.ts. */
import {
  CalculatorOutlined,
  CheckSquareOutlined,
  EditOutlined,
  GiftOutlined,
  ReadOutlined,
} from '@ant-design/icons';
import type { NavItem } from '../../app/navigation.ts';

export const policyNavigation = [
  {
    key: 'policyCatalogue',
    path: '/policies',
    icon: ReadOutlined,
    label: 'nav.policyCatalogue',
    group: 'policy',
  },
  {
    key: 'policyCalculator',
    path: '/policies/calculator',
    icon: CalculatorOutlined,
    label: 'nav.policyCalculator',
    group: 'policy',
  },
  {
    key: 'policyMine',
    path: '/policies/mine',
    icon: GiftOutlined,
    label: 'nav.policyMine',
    group: 'policy',
    permissions: ['policy.own'],
  },
  {
    key: 'policyManage',
    path: '/policies/manage',
    icon: EditOutlined,
    label: 'nav.policyManage',
    group: 'policy',
    permissions: ['policy.author'],
  },
  {
    key: 'policyGrants',
    path: '/policies/grants',
    icon: CheckSquareOutlined,
    label: 'nav.policyGrants',
    group: 'policy',
    permissions: ['policy.grant'],
  },
] as const satisfies readonly NavItem[];
