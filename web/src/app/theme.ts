import type { ThemeConfig } from 'antd';

/** One place for brand colours; the calendar colours are also used by its legend. */
export const brand = {
  primary: '#164c9a',
  headerBg: '#0f2f5e',
} as const;

export const dayColours = {
  workday: { background: '#ffffff', border: '#e5e7eb', text: '#1f2937' },
  weekend: { background: '#f3f4f6', border: '#e5e7eb', text: '#4b5563' },
  holiday: { background: '#fde8e8', border: '#f5b5b5', text: '#b42318' },
  makeup_workday: { background: '#fff4de', border: '#f5c97a', text: '#9a5b00' },
} as const;

/** The four measure statuses, in charts and tags alike: grey 未启动, blue 推进中, green 已完成, red 滞后. They are
 * also text colours (summary tiles), so each reaches 4.5:1 on white and on the grey layout background. */
export const statusColours = {
  not_started: '#5b626d',
  in_progress: '#1d5fbf',
  completed: '#237804',
  lagging: '#b32430',
} as const;

/**
 * Text colours that reach WCAG 2 AA (4.5:1) on white, on the layout's #f5f5f5 and on table hover #fafafa —
 * GB/T 37668-2019 asks government services for AA. antd's defaults (secondary #8c8c8c = 3.4:1, placeholder
 * #bfbfbf = 1.8:1, links #1677ff = 4.1:1, tag texts such as gold-7 = 2.8:1 on gold-1) fall short.
 */
const accessibleText = {
  colorTextSecondary: '#595959',
  colorTextTertiary: '#5f5f5f',
  colorTextDescription: '#5f5f5f',
  colorTextPlaceholder: '#6e6e6e',
  colorLink: brand.primary,
  colorLinkHover: '#2a64b8',
  colorLinkActive: '#0f3a78',
  colorInfo: brand.primary,
  // Danger buttons and error texts write in the error colour itself.
  colorError: '#c0282f',
  // antd lightens on hover; a hovered danger button must stay readable, so it darkens instead.
  colorErrorHover: '#a61d24',
  colorSuccessText: '#237804',
  colorWarningText: '#874d00',
  colorErrorText: '#b32430',
  colorInfoText: brand.primary,
} as const;

/** Preset tags (gold, green, …) write their text in `<colour>-7` on `<colour>-1`: a darker shade of the same
 * palette where the 7th is too light. antd keeps each shade under two names (`gold7`, `gold-7`); the CSS variable
 * comes from the dashed one. */
const tagTextShades = {
  cyan: '#006d75',
  green: '#237804',
  orange: '#ad4e00',
  yellow: '#876800',
  volcano: '#ad2102',
  lime: '#3f6600',
  gold: '#874d00',
} as const;
const presetTagText = Object.fromEntries(
  Object.entries(tagTextShades).flatMap(([colour, shade]) => [
    [`${colour}7`, shade],
    [`${colour}-7`, shade],
  ]),
);

/** Status tags write their text in the status colour itself on its light background: darker ones, tags only. */
const accessibleStatusTags = {
  colorSuccess: '#237804',
  colorWarning: '#874d00',
} as const;

export const theme: ThemeConfig = {
  token: {
    colorPrimary: brand.primary,
    ...accessibleText,
    ...presetTagText,
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: brand.headerBg, headerPadding: '0 16px', siderBg: '#ffffff' },
    Tag: accessibleStatusTags,
  },
};

/** 长辈版 (适老化): text and controls ×1.25; antd derives the small/large sizes, headings and paddings from these. */
export const LARGE_TEXT_SCALE = 1.25;
export const largeTextTheme: ThemeConfig = {
  token: {
    fontSize: Math.round(14 * LARGE_TEXT_SCALE),
    controlHeight: Math.round(32 * LARGE_TEXT_SCALE),
    lineWidthFocus: 3,
  },
};
