import { Card } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { AuditChainStatus } from '../admin/audit-chain-status.tsx';

export function AuditorHome() {
  const t = useT();
  return (
    <Card
      title={t('home.auditChain')}
      extra={<Link to="/admin/audit">{t('nav.adminAudit')}</Link>}
      style={{ maxWidth: 760 }}
    >
      <AuditChainStatus />
    </Card>
  );
}
