/** Menu labels of public credit (信用): eager, since the menu shows before any credit page loads. */

export const creditNavZhCN = {
  'nav.groupCredit': '信用',
  'nav.creditQuery': '信用查询',
  'nav.creditMine': '我的信用',
  'nav.creditRecords': '信用信息录入',
  'nav.creditImports': '批量导入',
  'nav.creditLists': '红黑名单',
  'nav.creditRepairs': '信用修复',
  'nav.creditClasses': '分类监管',
  'nav.creditSettings': '信用规则配置',
} as const satisfies Record<string, string>;

export const creditNavEnUS: Record<keyof typeof creditNavZhCN, string> = {
  'nav.groupCredit': 'Credit',
  'nav.creditQuery': 'Credit query',
  'nav.creditMine': 'My credit',
  'nav.creditRecords': 'Credit records',
  'nav.creditImports': 'Bulk import',
  'nav.creditLists': 'Red and black lists',
  'nav.creditRepairs': 'Credit repair',
  'nav.creditClasses': 'Risk classes',
  'nav.creditSettings': 'Credit settings',
};
