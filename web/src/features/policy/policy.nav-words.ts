/** Menu labels of the policy engine: needed before any of its pages loads, so they are spread into app/i18n.ts. */

export const policyNavZhCN = {
  'nav.groupPolicy': '惠企政策',
  'nav.policyCatalogue': '政策库',
  'nav.policyCalculator': '政策计算器',
  'nav.policyMine': '我的政策',
  'nav.policyManage': '政策管理',
  'nav.policyGrants': '免申即享',
} as const satisfies Record<string, string>;

export const policyNavEnUS: Record<keyof typeof policyNavZhCN, string> = {
  'nav.groupPolicy': 'Policies',
  'nav.policyCatalogue': 'Policy library',
  'nav.policyCalculator': 'Policy calculator',
  'nav.policyMine': 'My policies',
  'nav.policyManage': 'Manage policies',
  'nav.policyGrants': 'Grants without application',
};
