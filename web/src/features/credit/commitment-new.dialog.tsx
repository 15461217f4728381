/** An enterprise makes a commitment (信用承诺 / 告知承诺) to a department, verified by a given day. */
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/client.ts';
import { useApiMutation, useApiQuery } from '../../api/query.ts';
import { toDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

interface CommitmentForm {
  kind: 'notification' | 'credit';
  departmentId: string;
  subject: string;
  content: string;
  applicationRef?: string;
  verifyBy: dayjs.Dayjs;
}

export function CommitmentModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CommitmentForm>();
  const departments = useApiQuery('/api/departments');
  const add = useApiMutation('post', '/api/credit/commitments', { invalidates: ['/api/credit'] });
  const [key] = useState(newIdempotencyKey);

  const submit = async (v: CommitmentForm) => {
    try {
      await add.mutateAsync({
        body: {
          kind: v.kind,
          departmentId: v.departmentId,
          subject: v.subject.trim(),
          content: v.content.trim(),
          ...(v.applicationRef?.trim() ? { applicationRef: v.applicationRef.trim() } : {}),
          verifyBy: toDay(v.verifyBy),
        },
        headers: { 'Idempotency-Key': key },
      });
      void message.success(t('credit.commitments.saved'));
      onClose();
    } catch {
      // Shown from `add.error` below.
    }
  };

  return (
    <Modal
      open
      title={t('credit.commitments.new')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('credit.commitments.submit')}
      okButtonProps={{ loading: add.isPending }}
      onOk={() => form.submit()}
    >
      <Form<CommitmentForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'credit' }}
        onFinish={(v) => void submit(v)}
        data-testid="commitment-form"
      >
        <Form.Item name="kind" label={t('credit.commitments.kind')} rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'credit', label: t('credit.commitments.kind.credit') },
              { value: 'notification', label: t('credit.commitments.kind.notification') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('credit.commitments.department')}
          rules={[{ required: true, message: t('credit.commitments.departmentRequired') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={departments.isLoading}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item
          name="subject"
          label={t('credit.commitments.subject')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('credit.commitments.content')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={10000} />
        </Form.Item>
        <Form.Item name="applicationRef" label={t('credit.commitments.applicationRef')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="verifyBy" label={t('credit.commitments.verifyBy')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
      {add.error && <ErrorAlert error={add.error} />}
    </Modal>
  );
}
