import {
  ArrowRightOutlined,
  CalendarOutlined,
  IdcardOutlined,
  LoginOutlined,
  OrderedListOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { Button, Card, Col, Row, Typography } from 'antd';
import { createElement, type ComponentType } from 'react';
import { Link } from 'react-router';
import { useT, type MessageKey } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { brand } from '../../app/theme.ts';

interface Service {
  to: string;
  icon: ComponentType;
  title: MessageKey;
  text: MessageKey;
  testId: string;
}

const services: readonly Service[] = [
  {
    to: '/public/plan',
    icon: OrderedListOutlined,
    title: 'public.planTitle',
    text: 'public.planText',
    testId: 'public-plan-link',
  },
  {
    to: '/public/plan/cases',
    icon: TrophyOutlined,
    title: 'public.casesTitle',
    text: 'public.casesText',
    testId: 'public-cases-link',
  },
  {
    to: '/public/calendar',
    icon: CalendarOutlined,
    title: 'public.calendarTitle',
    text: 'public.calendarText',
    testId: 'public-calendar-link',
  },
  {
    to: '/public/uscc',
    icon: IdcardOutlined,
    title: 'public.usccTitle',
    text: 'public.usccText',
    testId: 'public-uscc-link',
  },
];

export function LandingPage() {
  const t = useT();
  const { me } = useSession();
  return (
    <div data-testid="landing">
      <div
        style={{
          background: `linear-gradient(135deg, ${brand.headerBg}, ${brand.primary})`,
          color: '#fff',
          borderRadius: 12,
          padding: '40px 32px',
          marginBottom: 24,
        }}
      >
        <Typography.Title level={1} style={{ color: '#fff', marginTop: 0 }}>
          {t('app.fullName')}
        </Typography.Title>
        <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.85)', fontSize: 16 }}>
          {t('app.tagline')}
        </Typography.Paragraph>
        <Link to={me ? '/' : '/login'}>
          <Button size="large" icon={<LoginOutlined />} data-testid="landing-login">
            {me ? t('public.goToWorkspace') : t('public.login')}
          </Button>
        </Link>
        <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.75)', marginTop: 12, marginBottom: 0 }}>
          {t('public.loginText')}
        </Typography.Paragraph>
      </div>
      <Typography.Title level={3}>{t('public.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('public.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {services.map((s) => (
          <Col key={s.to} xs={24} md={12}>
            <Link to={s.to} data-testid={s.testId}>
              <Card hoverable style={{ height: '100%' }}>
                <Card.Meta
                  avatar={<span style={{ fontSize: 32, color: brand.primary }}>{createElement(s.icon)}</span>}
                  title={
                    <span>
                      {t(s.title)} <ArrowRightOutlined style={{ fontSize: 12 }} />
                    </span>
                  }
                  description={t(s.text)}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </div>
  );
}
