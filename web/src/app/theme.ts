import type { ThemeConfig } from 'antd';

/** One place for brand colours; the calendar colours are also used by its legend. */
export const brand = {
  primary: '#164c9a',
  headerBg: '#0f2f5e',
} as const;

export const dayColours = {
  workday: { background: '#ffffff', border: '#e5e7eb', text: '#1f2937' },
  weekend: { background: '#f3f4f6', border: '#e5e7eb', text: '#6b7280' },
  holiday: { background: '#fde8e8', border: '#f5b5b5', text: '#b42318' },
  makeup_workday: { background: '#fff4de', border: '#f5c97a', text: '#9a5b00' },
} as const;

/** The four measure statuses, in charts and tags alike: grey 未启动, blue 推进中, green 已完成, red 滞后. */
export const statusColours = {
  not_started: '#8a919c',
  in_progress: '#2f7de1',
  completed: '#389e0d',
  lagging: '#d9363e',
} as const;

export const theme: ThemeConfig = {
  token: {
    colorPrimary: brand.primary,
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: brand.headerBg, headerPadding: '0 16px', siderBg: '#ffffff' },
  },
};
