import { CalendarOutlined, IdcardOutlined, ShopOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Empty, Flex, Row } from 'antd';
import { useT } from '../../app/i18n.ts';
import { useMe } from '../../app/session.tsx';
import { NotYetAvailable } from '../../components/not-yet-available.tsx';
import { MyPlanCard } from '../plan/plan-home-cards.tsx';
import { Shortcuts } from './shortcuts.tsx';

export function OfficerHome() {
  const t = useT();
  const me = useMe();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Flex vertical gap={16}>
          <Card title={t('home.department')} data-testid="department-card">
            {me.department ? (
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label={t('home.department')}>{me.department.name}</Descriptions.Item>
                <Descriptions.Item label={t('home.departmentCode')}>{me.department.code}</Descriptions.Item>
                <Descriptions.Item label={t('field.displayName')}>{me.displayName}</Descriptions.Item>
              </Descriptions>
            ) : (
              <Empty description={t('home.noDepartment')} />
            )}
          </Card>
          <Shortcuts
            items={[
              { to: '/enterprises', icon: ShopOutlined, label: 'nav.enterprises' },
              { to: '/calendar', icon: CalendarOutlined, label: 'nav.calendar' },
              { to: '/tools/uscc', icon: IdcardOutlined, label: 'nav.uscc' },
            ]}
          />
        </Flex>
      </Col>
      <Col xs={24} lg={14}>
        <Flex vertical gap={16}>
          <MyPlanCard />
          <Card title={t('home.workQueue')} data-testid="work-queue">
            <NotYetAvailable feature={t('home.feature.workQueue')} />
          </Card>
        </Flex>
      </Col>
    </Row>
  );
}
