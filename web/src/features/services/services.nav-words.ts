/**
 * Menu labels of one-stop services: needed before any of its pages loads, so they are spread into the app's eager
 * dictionaries in `app/i18n.ts`; the pages' words load with them from `services.i18n.ts`.
 */
export const servicesNavZhCN = {
  'nav.groupServices': '一网通办',
  'nav.servicesCatalogue': '办事服务',
  'nav.servicesMine': '我的办件',
  'nav.servicesQueue': '部门待办',
  'nav.servicesOverview': '办件监管',
  'nav.servicesAdmin': '事项与一件事配置',
} as const satisfies Record<string, string>;

export const servicesNavEnUS: Record<keyof typeof servicesNavZhCN, string> = {
  'nav.groupServices': 'One-stop services',
  'nav.servicesCatalogue': 'Services',
  'nav.servicesMine': 'My applications',
  'nav.servicesQueue': 'Work queue',
  'nav.servicesOverview': 'Supervision',
  'nav.servicesAdmin': 'Items & bundles',
};
