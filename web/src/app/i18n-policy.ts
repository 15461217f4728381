/**
 * Words of the the policy engine (惠企政策直达) pages, merged into the dictionaries in `i18n.ts` (kept apart only for size). `zh-CN` is
 * the reference; `en-US` must have exactly the same keys.
 */

export const policyZhCN = {
  'nav.groupPolicy': '惠企政策',
  'nav.policyCatalogue': '政策库',
  'nav.policyCalculator': '政策计算器',
  'nav.policyMine': '我的政策',
  'nav.policyManage': '政策管理',
  'nav.policyGrants': '免申即享',
};

export const policyEnUS: Record<keyof typeof policyZhCN, string> = {
  'nav.groupPolicy': 'Policies',
  'nav.policyCatalogue': 'Policy library',
  'nav.policyCalculator': 'Policy calculator',
  'nav.policyMine': 'My policies',
  'nav.policyManage': 'Manage policies',
  'nav.policyGrants': 'Grants without application',
};
