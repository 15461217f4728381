import {
  CalendarOutlined,
  IdcardOutlined,
  LockOutlined,
  OrderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { CHANGE_PASSWORD_PATH, type LoginRedirectState } from '../../app/guards.tsx';
import { Brand } from '../../app/layout/brand.tsx';
import { useT, type Translate } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { brand } from '../../app/theme.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { lockedUntilText } from './locked-until.ts';

interface LoginForm {
  username: string;
  password: string;
}

function LoginError({ error, t }: { error: unknown; t: Translate }) {
  if (error instanceof ApiError && error.code === 'INVALID_CREDENTIALS') {
    const left = error.problem.attemptsLeft;
    return (
      <Alert
        type="error"
        showIcon
        title={t('login.invalidCredentials')}
        description={typeof left === 'number' ? t('login.attemptsLeft', { n: left }) : undefined}
        data-testid="login-error"
      />
    );
  }
  if (error instanceof ApiError && error.code === 'ACCOUNT_LOCKED') {
    const until = lockedUntilText(error);
    return (
      <Alert
        type="warning"
        showIcon
        title={until ? t('login.lockedUntil', { time: until }) : t('login.locked')}
        description={until ? undefined : error.detail}
        data-testid="login-error"
      />
    );
  }
  return <ErrorAlert error={error} title={t('login.failed')} />;
}

function fromPath(state: unknown): string {
  if (typeof state !== 'object' || state === null) return '/';
  const from = (state as LoginRedirectState).from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const t = useT();
  const { me, login, expired } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(undefined);
  const [submitting, setSubmitting] = useState(false);
  const target = fromPath(location.state);

  if (me && !submitting)
    return <Navigate to={me.mustChangePassword ? CHANGE_PASSWORD_PATH : target} replace />;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(undefined);
    try {
      const signedIn = await login(values.username.trim(), values.password);
      void navigate(signedIn.mustChangePassword ? CHANGE_PASSWORD_PATH : target, { replace: true });
    } catch (cause) {
      setError(cause);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex
      vertical
      align="center"
      style={{
        minHeight: '100vh',
        background: `linear-gradient(160deg, ${brand.headerBg} 0%, ${brand.primary} 55%, #eef3fb 55%)`,
      }}
    >
      <Flex
        justify="space-between"
        align="center"
        style={{ width: '100%', maxWidth: 1100, padding: '16px 24px' }}
      >
        <Brand to="/public" />
        <LanguageSwitch dark />
      </Flex>
      <Card
        style={{
          width: 'calc(100% - 32px)',
          maxWidth: 400,
          marginTop: '6vh',
          boxShadow: '0 12px 32px rgba(15,47,94,0.18)',
        }}
      >
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {expired && !error && (
          <Alert type="info" showIcon title={t('login.sessionExpired')} style={{ marginBottom: 16 }} />
        )}
        {error !== undefined && (
          <div style={{ marginBottom: 16 }}>
            <LoginError error={error} t={t} />
          </div>
        )}
        <Form<LoginForm>
          layout="vertical"
          onFinish={(v) => void onFinish(v)}
          requiredMark={false}
          data-testid="login-form"
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={submitting}
            data-testid="login-submit"
          >
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      {/* On its own light panel: where the card ends depends on the language and on any error shown, so this
          block can land on the dark half of the diagonal background, where grey text and blue links vanish. */}
      <Flex
        vertical
        align="center"
        gap={8}
        style={{
          marginTop: 24,
          marginBottom: 24,
          marginInline: 16,
          padding: '12px 20px',
          borderRadius: 8,
          background: 'rgba(255,255,255,0.94)',
          color: '#4b5563',
        }}
      >
        <span>{t('login.publicLinks')}</span>
        <Flex gap={16} wrap justify="center">
          <Link to="/public/plan">
            <OrderedListOutlined /> {t('public.planTitle')}
          </Link>
          <Link to="/public/calendar">
            <CalendarOutlined /> {t('public.calendarTitle')}
          </Link>
          <Link to="/public/uscc">
            <IdcardOutlined /> {t('public.usccTitle')}
          </Link>
          <Link to="/public">{t('login.backToPublic')}</Link>
        </Flex>
      </Flex>
    </Flex>
  );
}
