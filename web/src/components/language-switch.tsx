import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { LOCALES, useLocale, useT } from '../app/i18n.ts';

/** `compact`: the globe alone (a phone's header has no room for the language's name), still named in full. */
export function LanguageSwitch({ dark = false, compact = false }: { dark?: boolean; compact?: boolean }) {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <Dropdown
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: LOCALES.map((l) => ({ key: l, label: t(`lang.${l}`) })),
        onClick: ({ key }) => {
          const next = LOCALES.find((l) => l === key);
          if (next) setLocale(next);
        },
      }}
    >
      <Button
        type="text"
        icon={<GlobalOutlined />}
        aria-label={t('a11y.languageCurrent', { language: t(`lang.${locale}`) })}
        data-testid="language-switch"
        style={dark ? { color: 'rgba(255,255,255,0.88)' } : undefined}
      >
        {compact ? null : t(`lang.${locale}`)}
      </Button>
    </Dropdown>
  );
}
