import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, newIdempotencyKey } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useApiMutation, useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';

interface CaseForm {
  title: string;
  summary: string;
  body: string;
  measureNo: number | undefined;
}

/** A department submits a typical case for the office to review. */
export function CaseNewPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CaseForm>();
  const measures = useApiQuery('/api/action-plan/measures');
  const [idempotencyKey] = useState(newIdempotencyKey);
  const submitCase = useApiMutation('post', '/api/action-plan/cases', {
    invalidates: ['/api/action-plan/cases'],
  });

  const submit = async (v: CaseForm) => {
    if (submitCase.isPending) return;
    try {
      await submitCase.mutateAsync({
        body: {
          title: v.title.trim(),
          summary: v.summary.trim(),
          body: v.body.trim(),
          ...(v.measureNo ? { measureNo: v.measureNo } : {}),
        },
        headers: { 'Idempotency-Key': idempotencyKey },
      });
      void message.success(t('plan.cases.submitted'));
      void navigate('/plan/cases/mine');
    } catch (cause) {
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    }
  };

  return (
    <Page
      title={t('plan.cases.newTitle')}
      extra={
        <Link to="/plan/cases/mine">
          <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
        </Link>
      }
    >
      <Card style={{ maxWidth: 880 }}>
        <Typography.Paragraph type="secondary">{t('plan.cases.newIntro')}</Typography.Paragraph>
        <Form<CaseForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          data-testid="case-form"
        >
          <Form.Item
            name="title"
            label={t('plan.cases.title')}
            rules={[{ required: true, whitespace: true, message: t('plan.required') }, { max: 200 }]}
          >
            <Input maxLength={200} data-testid="case-title" />
          </Form.Item>
          <Form.Item name="measureNo" label={t('plan.cases.measure')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('plan.cases.measurePlaceholder')}
              loading={measures.isLoading}
              options={(measures.data ?? []).map((m) => ({ value: m.no, label: `${m.no} ${m.title}` }))}
            />
          </Form.Item>
          <Form.Item
            name="summary"
            label={t('plan.cases.summary')}
            rules={[{ required: true, whitespace: true, message: t('plan.required') }, { max: 1000 }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 5 }}
              maxLength={1000}
              showCount
              data-testid="case-summary"
            />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('plan.cases.body')}
            rules={[{ required: true, whitespace: true, message: t('plan.required') }, { max: 50000 }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 8, maxRows: 24 }}
              maxLength={50000}
              data-testid="case-body"
            />
          </Form.Item>
          {submitCase.error !== null && (
            <div style={{ marginBottom: 16 }}>
              <ErrorAlert error={submitCase.error} listFields={false} />
            </div>
          )}
          <Button type="primary" htmlType="submit" loading={submitCase.isPending} data-testid="case-submit">
            {t('plan.cases.submitButton')}
          </Button>
        </Form>
      </Card>
    </Page>
  );
}
