import { Typography } from 'antd';
import type { ReactNode } from 'react';
import type { UserKind } from '../../app/session.tsx';
import { useT } from '../../app/i18n.ts';
import { useMe } from '../../app/session.tsx';
import { AuditorHome } from './auditor-home.tsx';
import { EnterpriseHome } from './enterprise-home.tsx';
import { IndividualHome } from './individual-home.tsx';
import { OfficeHome } from './office-home.tsx';
import { OfficerHome } from './officer-home.tsx';
import { SecadminHome } from './secadmin-home.tsx';
import { SysadminHome } from './sysadmin-home.tsx';

const homes: Record<UserKind, () => ReactNode> = {
  enterprise: () => <EnterpriseHome />,
  individual: () => <IndividualHome />,
  officer: () => <OfficerHome />,
  office: () => <OfficeHome />,
  sysadmin: () => <SysadminHome />,
  secadmin: () => <SecadminHome />,
  auditor: () => <AuditorHome />,
};

export function HomePage() {
  const t = useT();
  const me = useMe();
  return (
    <div data-testid={`home-${me.kind}`}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('home.welcome', { name: me.displayName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t(`kind.${me.kind}`)}
        {me.department ? ` · ${me.department.name}` : ''}
        {me.enterprise ? ` · ${me.enterprise.name}` : ''}
      </Typography.Paragraph>
      {homes[me.kind]()}
    </div>
  );
}
