import { Flex, Grid } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n.ts';
import { brand } from '../theme.ts';

/** Logo mark and product name; the long name collapses to the short one on narrow screens. */
export function Brand({ to, dark = true }: { to: string; dark?: boolean }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const colour = dark ? '#ffffff' : brand.primary;
  return (
    <Link to={to} style={{ color: colour, textDecoration: 'none' }} data-testid="brand">
      <Flex align="center" gap={10}>
        <span
          aria-hidden
          style={{
            display: 'inline-flex',
            alignItems: 'center',
            justifyContent: 'center',
            width: 30,
            height: 30,
            borderRadius: 6,
            background: dark ? '#ffffff' : brand.primary,
            color: dark ? brand.primary : '#ffffff',
            fontWeight: 700,
            fontSize: 17,
          }}
        >
          营
        </span>
        <span style={{ fontSize: 17, fontWeight: 600, whiteSpace: 'nowrap' }}>
          {screens.md ? t('app.fullName') : t('app.name')}
        </span>
      </Flex>
    </Link>
  );
}
