import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, apiCall } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useT } from '../../app/i18n.ts';
import { useMe, useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordPage() {
  const t = useT();
  const me = useMe();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const [error, setError] = useState<unknown>(undefined);
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (values: PasswordForm) => {
    setSubmitting(true);
    setError(undefined);
    try {
      await apiCall('post', '/api/auth/password', {
        body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      });
      void message.success(t('password.changed'));
      form.resetFields();
      await refresh();
      void navigate('/', { replace: true });
    } catch (cause) {
      setError(cause);
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Page title={t('password.title')}>
      <Card style={{ maxWidth: 520 }}>
        {me.mustChangePassword && (
          <Alert
            type="warning"
            showIcon
            title={t('password.mustChange')}
            style={{ marginBottom: 16 }}
            data-testid="must-change"
          />
        )}
        {error !== undefined && (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={error} title={t('password.failed')} listFields={false} />
          </div>
        )}
        <Form<PasswordForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void onFinish(v)}
          data-testid="password-form"
        >
          <Form.Item
            name="currentPassword"
            label={t('password.current')}
            rules={[{ required: true, message: t('password.currentRequired') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            extra={t('password.hint')}
            dependencies={['currentPassword']}
            rules={[
              { required: true, message: t('password.newRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value: unknown) =>
                  value && value === getFieldValue('currentPassword')
                    ? Promise.reject(new Error(t('password.sameAsOld')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.confirmRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value: unknown) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="password-submit">
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </Page>
  );
}
