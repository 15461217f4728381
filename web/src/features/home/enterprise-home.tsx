import { CalendarOutlined, IdcardOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Flex, Row } from 'antd';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { NotYetAvailable } from '../../components/not-yet-available.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { EnterpriseDescriptions } from '../enterprises/enterprise-descriptions.tsx';
import { Shortcuts } from './shortcuts.tsx';

function EnterpriseProfileCard({ id }: { id: string }) {
  const t = useT();
  const {
    data,
    error,
    isLoading: loading,
    refetch,
  } = useApiQuery('/api/enterprises/{id}', { params: { path: { id } } });
  const reload = () => void refetch();
  return (
    <Card title={t('home.enterpriseProfile')} data-testid="enterprise-profile">
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : loading || !data ? (
        <CardSkeleton rows={6} />
      ) : (
        <EnterpriseDescriptions enterprise={data} />
      )}
    </Card>
  );
}

export function EnterpriseHome() {
  const t = useT();
  const me = useMe();
  const uscc = me.enterprise?.uscc;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        {me.enterprise ? (
          <EnterpriseProfileCard id={me.enterprise.id} />
        ) : (
          <Card title={t('home.enterpriseProfile')}>
            <Empty description={t('home.noEnterprise')} />
          </Card>
        )}
      </Col>
      <Col xs={24} xl={9}>
        <Flex vertical gap={16}>
          <Shortcuts
            items={[
              { to: '/calendar', icon: CalendarOutlined, label: 'nav.calendar' },
              {
                to: uscc ? `/tools/uscc?code=${encodeURIComponent(uscc)}` : '/tools/uscc',
                icon: IdcardOutlined,
                label: 'nav.uscc',
              },
            ]}
          />
          <NotYetAvailable feature={t('home.feature.onlineServices')} />
          <NotYetAvailable feature={t('home.feature.policyMatch')} />
        </Flex>
      </Col>
    </Row>
  );
}
