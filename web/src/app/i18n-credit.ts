/**
 * Words of the public credit (信用) pages, merged into the dictionaries in `i18n.ts` (kept apart only for size). `zh-CN` is
 * the reference; `en-US` must have exactly the same keys.
 */

export const creditZhCN = {
  'nav.groupCredit': '信用',
  'nav.creditQuery': '信用查询',
  'nav.creditMine': '我的信用',
  'nav.creditRecords': '信用信息录入',
  'nav.creditImports': '批量导入',
  'nav.creditLists': '红黑名单',
  'nav.creditRepairs': '信用修复',
  'nav.creditClasses': '分类监管',
};

export const creditEnUS: Record<keyof typeof creditZhCN, string> = {
  'nav.groupCredit': 'Credit',
  'nav.creditQuery': 'Credit query',
  'nav.creditMine': 'My credit',
  'nav.creditRecords': 'Credit records',
  'nav.creditImports': 'Bulk import',
  'nav.creditLists': 'Red and black lists',
  'nav.creditRepairs': 'Credit repair',
  'nav.creditClasses': 'Risk classes',
};
