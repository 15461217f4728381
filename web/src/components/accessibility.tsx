/**
 * Accessibility aids shared by every layout: the 长辈版 (large text, 适老化) switch, reduced motion for users who
 * ask their system for it, and the skip-to-content link.
 */
import { FontSizeOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Tooltip } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useT } from '../app/i18n.ts';
import { largeTextTheme } from '../app/theme.ts';

export const LARGE_TEXT_STORAGE_KEY = 'yingshang.largeText';
/** The id of the `<main>` the skip link jumps to. */
export const MAIN_CONTENT_ID = 'main-content';

interface LargeTextValue {
  large: boolean;
  setLarge: (large: boolean) => void;
}

const LargeTextContext = createContext<LargeTextValue>({ large: false, setLarge: () => undefined });

export function useLargeText(): LargeTextValue {
  return useContext(LargeTextContext);
}

function initialLarge(): boolean {
  try {
    return window.localStorage.getItem(LARGE_TEXT_STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

function prefersReducedMotion(): boolean {
  return (
    typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}

/**
 * A nested ConfigProvider: antd merges its tokens over the app theme and derives the dependent sizes (small/large
 * fonts, headings, control paddings) from the scaled `fontSize` / `controlHeight`. Wrap it around `<App>` so the
 * app root's own font size grows as well.
 */
export function AccessibilityProvider({ children }: { children: ReactNode }) {
  const [large, setLargeState] = useState(initialLarge);
  const [reducedMotion] = useState(prefersReducedMotion);

  useEffect(() => {
    document.documentElement.dataset.largeText = large ? 'on' : 'off';
  }, [large]);

  const setLarge = useCallback((next: boolean) => {
    try {
      window.localStorage.setItem(LARGE_TEXT_STORAGE_KEY, next ? '1' : '0');
    } catch {
      // Not remembered across visits then, but the switch still works for this page.
    }
    setLargeState(next);
  }, []);

  const value = useMemo(() => ({ large, setLarge }), [large, setLarge]);
  const theme = useMemo(
    () => ({
      token: {
        ...(large ? largeTextTheme.token : {}),
        // antd's fades and slides ignore the system setting; WCAG 2.3.3 asks to honour it.
        ...(reducedMotion ? { motion: false } : {}),
      },
    }),
    [large, reducedMotion],
  );

  return (
    <LargeTextContext.Provider value={value}>
      <ConfigProvider theme={theme}>{children}</ConfigProvider>
    </LargeTextContext.Provider>
  );
}

/** The 长辈版 toggle for the header, next to the language switch; `aria-pressed` tells its state. */
/** `compact`: the icon alone (a phone's header has no room for the word), named for screen readers. */
export function LargeTextSwitch({ dark = false, compact = false }: { dark?: boolean; compact?: boolean }) {
  const t = useT();
  const { large, setLarge } = useLargeText();
  return (
    <Tooltip title={t('a11y.largeTextHint')}>
      <Button
        // On: a filled button (white on the dark header, blue elsewhere), so the state shows without colour alone.
        type={large ? (dark ? 'default' : 'primary') : 'text'}
        icon={<FontSizeOutlined />}
        aria-pressed={large}
        data-testid="large-text-switch"
        data-on={large ? 'true' : 'false'}
        onClick={() => setLarge(!large)}
        style={dark && !large ? { color: 'rgba(255,255,255,0.88)' } : undefined}
        aria-label={compact ? t('a11y.largeText') : undefined}
      >
        {compact ? null : t('a11y.largeText')}
      </Button>
    </Tooltip>
  );
}

const hidden = {
  position: 'absolute',
  insetInlineStart: -10_000,
  top: 'auto',
  width: 1,
  height: 1,
  overflow: 'hidden',
} as const;
const shown = {
  position: 'absolute',
  insetInlineStart: 8,
  top: 8,
  zIndex: 1000,
  padding: '8px 16px',
  background: '#ffffff',
  color: '#0f2f5e',
  border: '2px solid #0f2f5e',
  borderRadius: 6,
  fontWeight: 600,
} as const;

/** First thing a keyboard user tabs to: jumps past the header and menu to the page (WCAG 2.4.1). */
export function SkipLink() {
  const t = useT();
  const [focused, setFocused] = useState(false);
  return (
    <a
      href={`#${MAIN_CONTENT_ID}`}
      style={focused ? shown : hidden}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onClick={(e) => {
        // The router would treat the hash as a navigation; move focus to the page instead.
        e.preventDefault();
        document.getElementById(MAIN_CONTENT_ID)?.focus();
      }}
      data-testid="skip-link"
    >
      {t('a11y.skipToContent')}
    </a>
  );
}
