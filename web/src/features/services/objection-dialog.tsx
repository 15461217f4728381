/** The public objection form against a simple deregistration notice (简易注销异议). */
import { Button, Form, Input, Modal, Result, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ApiError, newIdempotencyKey } from '../../api/client.ts';
import { useApiMutation } from '../../api/query.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import type { DeregistrationNotice, ObjectionCreated } from './services.api.ts';

interface ObjectionValues {
  name: string;
  contact: string;
  reason: string;
}

export function ObjectionModal({
  notice,
  onClose,
}: {
  notice: DeregistrationNotice;
  onClose: (sent: boolean) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<ObjectionValues>();
  // The notice list refetches after an objection (its count and status change).
  const object = useApiMutation('post', '/api/services/deregistration-notices/{id}/objections', {
    invalidates: ['/api/services/deregistration-notices'],
  });
  const sending = object.isPending;
  const error = object.error;
  const [done, setDone] = useState<ObjectionCreated | undefined>(undefined);
  const attempt = useRef<{ key: string; body: string } | undefined>(undefined);

  const submit = (values: ObjectionValues) => {
    if (sending) return;
    const body = { name: values.name.trim(), contact: values.contact.trim(), reason: values.reason.trim() };
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { key: newIdempotencyKey(), body: json };
    object.mutate(
      {
        params: { path: { id: notice.id } },
        body,
        // One key per attempt: a retry of the same objection is recorded once.
        headers: { 'Idempotency-Key': attempt.current.key },
      },
      {
        onSuccess: setDone,
        onError: (cause) => {
          if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('services.notice.objectTitle', { name: notice.enterpriseName })}
      onCancel={() => onClose(done !== undefined)}
      footer={
        done
          ? [
              <Button key="close" type="primary" onClick={() => onClose(true)}>
                {t('services.notice.close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={() => onClose(false)}>
                {t('common.cancel')}
              </Button>,
              <Button
                key="submit"
                type="primary"
                htmlType="submit"
                form="objection-form"
                loading={sending}
                data-testid="objection-submit"
              >
                {t('services.notice.submitObjection')}
              </Button>,
            ]
      }
      destroyOnHidden
    >
      {done ? (
        <Result status="success" title={t('services.notice.objectionSent')} data-testid="objection-done" />
      ) : (
        <Form<ObjectionValues>
          id="objection-form"
          form={form}
          layout="vertical"
          onFinish={submit}
          data-testid="objection-form"
        >
          <Typography.Paragraph type="secondary">{t('services.notice.objectionHint')}</Typography.Paragraph>
          <Form.Item
            name="name"
            label={t('services.notice.yourName')}
            rules={[{ required: true, whitespace: true, message: t('services.admin.required') }]}
          >
            <Input maxLength={100} data-testid="objection-name" />
          </Form.Item>
          <Form.Item
            name="contact"
            label={t('services.notice.contact')}
            rules={[{ required: true, whitespace: true, message: t('services.admin.required') }]}
          >
            <Input maxLength={100} data-testid="objection-contact" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('services.notice.reason')}
            rules={[{ required: true, whitespace: true, message: t('services.admin.required') }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={1000}
              showCount
              data-testid="objection-reason"
            />
          </Form.Item>
          {error && <ErrorAlert error={error} listFields={false} />}
        </Form>
      )}
    </Modal>
  );
}
