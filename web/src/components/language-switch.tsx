import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { LOCALES, useLocale, useT } from '../app/i18n.ts';

export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
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
        {t(`lang.${locale}`)}
      </Button>
    </Dropdown>
  );
}
