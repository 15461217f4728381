import { CalendarOutlined, IdcardOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Flex, Row } from 'antd';
import { useT } from '../../app/i18n.ts';
import { useMe } from '../../app/session.tsx';
import { NotYetAvailable } from '../../components/not-yet-available.tsx';
import { Shortcuts } from './shortcuts.tsx';

export function IndividualHome() {
  const t = useT();
  const me = useMe();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={t('home.personalProfile')} data-testid="personal-profile">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('field.displayName')}>{me.displayName}</Descriptions.Item>
            <Descriptions.Item label={t('field.username')}>{me.username}</Descriptions.Item>
            <Descriptions.Item label={t('field.kind')}>{t(`kind.${me.kind}`)}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Flex vertical gap={16}>
          <Shortcuts
            items={[
              { to: '/calendar', icon: CalendarOutlined, label: 'nav.calendar' },
              { to: '/tools/uscc', icon: IdcardOutlined, label: 'nav.uscc' },
            ]}
          />
          <NotYetAvailable feature={t('home.feature.talentPolicy')} />
          <NotYetAvailable feature={t('home.feature.onlineServices')} />
        </Flex>
      </Col>
    </Row>
  );
}
