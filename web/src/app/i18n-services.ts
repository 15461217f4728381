/**
 * Words of the one-stop services (一网通办, 一件事) pages, merged into the dictionaries in `i18n.ts` (kept apart only for size). `zh-CN` is
 * the reference; `en-US` must have exactly the same keys.
 */

export const servicesZhCN = {
  'nav.groupServices': '一网通办',
  'nav.servicesCatalogue': '办事服务',
  'nav.servicesMine': '我的办件',
  'nav.servicesQueue': '部门待办',
  'nav.servicesOverview': '办件监管',
  'nav.servicesAdmin': '事项与一件事配置',
};

export const servicesEnUS: Record<keyof typeof servicesZhCN, string> = {
  'nav.groupServices': 'One-stop services',
  'nav.servicesCatalogue': 'Services',
  'nav.servicesMine': 'My applications',
  'nav.servicesQueue': 'Work queue',
  'nav.servicesOverview': 'Supervision',
  'nav.servicesAdmin': 'Items & bundles',
};
