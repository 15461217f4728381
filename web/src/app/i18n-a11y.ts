/**
 * Words of the accessibility aids (skip link, 长辈版 large text, accessible names of shared controls), merged into
 * the dictionaries in `i18n.ts`. `zh-CN` is the reference; `en-US` must have exactly the same keys.
 */

export const a11yZhCN = {
  'a11y.skipToContent': '跳到主要内容',
  'a11y.largeText': '长辈版',
  'a11y.largeTextHint': '放大文字和按钮',
  'a11y.mainNav': '主导航',
  'a11y.progress': '进度',
  'a11y.languageCurrent': '语言：{language}',
  'a11y.userMenuOf': '用户菜单：{name}',
} as const;

export const a11yEnUS: Record<keyof typeof a11yZhCN, string> = {
  'a11y.skipToContent': 'Skip to main content',
  'a11y.largeText': 'Large text',
  'a11y.largeTextHint': 'Larger text and buttons',
  'a11y.mainNav': 'Main navigation',
  'a11y.progress': 'Progress',
  'a11y.languageCurrent': 'Language: {language}',
  'a11y.userMenuOf': 'User menu: {name}',
};
