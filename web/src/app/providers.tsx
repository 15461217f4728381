import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ConfigProviderProps } from 'antd';
import enUS from 'antd/locale/en_US.js';
import zhCN from 'antd/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { queryClient } from '../api/query.ts';
import { AccessibilityProvider } from '../components/accessibility.tsx';
import { initialLocale, LOCALE_STORAGE_KEY, LocaleContext, translate, type Locale } from './i18n.ts';
import { theme } from './theme.ts';

type AntdLocale = NonNullable<ConfigProviderProps['locale']>;

/** antd's locale files are CommonJS: bundlers hand over the object, TypeScript (NodeNext) sees `{ default }`. */
function unwrap(m: AntdLocale | { default: AntdLocale }): AntdLocale {
  return 'default' in m ? m.default : m;
}

const antdLocales: Record<Locale, AntdLocale> = { 'zh-CN': unwrap(zhCN), 'en-US': unwrap(enUS) };
const dayjsLocales = { 'zh-CN': 'zh-cn', 'en-US': 'en' } as const;

function applyLocale(locale: Locale): void {
  dayjs.locale(dayjsLocales[locale]);
  document.documentElement.lang = locale;
  document.title = translate(locale, 'app.fullName');
}

export function Providers({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = initialLocale();
    applyLocale(l);
    return l;
  });

  useEffect(() => applyLocale(locale), [locale]);

  const setLocale = useCallback((next: Locale) => {
    try {
      window.localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Not remembered across visits then, but the switch still works for this page.
    }
    setLocaleState(next);
  }, []);

  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);

  return (
    <QueryClientProvider client={queryClient}>
      <LocaleContext.Provider value={value}>
        <ConfigProvider locale={antdLocales[locale]} theme={theme}>
          <AccessibilityProvider>
            <AntApp>{children}</AntApp>
          </AccessibilityProvider>
        </ConfigProvider>
      </LocaleContext.Provider>
    </QueryClientProvider>
  );
}
