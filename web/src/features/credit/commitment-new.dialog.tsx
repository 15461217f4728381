/** An enterprise makes a commitment (信用承诺 / 告知承诺) to a department, verified by a given day. */
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { apiSend, newIdempotencyKey } from '../../api/client.ts';
import type { Department } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { toDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { creditPaths } from './credit.api.ts';
import type { Commitment } from './credit.types.ts';

interface CommitmentForm {
  kind: 'notification' | 'credit';
  departmentId: string;
  subject: string;
  content: string;
  applicationRef?: string;
  verifyBy: dayjs.Dayjs;
}

export function CommitmentModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CommitmentForm>();
  const departments = useApi<Department[]>(creditPaths.departments);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [key] = useState(newIdempotencyKey);

  const submit = async (v: CommitmentForm) => {
    setBusy(true);
    setError(undefined);
    try {
      await apiSend<Commitment>(
        'POST',
        creditPaths.addCommitment,
        {
          kind: v.kind,
          departmentId: v.departmentId,
          subject: v.subject.trim(),
          content: v.content.trim(),
          ...(v.applicationRef?.trim() ? { applicationRef: v.applicationRef.trim() } : {}),
          verifyBy: toDay(v.verifyBy),
        },
        { headers: { 'Idempotency-Key': key } },
      );
      void message.success(t('credit.commitments.saved'));
      onDone();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('credit.commitments.new')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('credit.commitments.submit')}
      okButtonProps={{ loading: busy }}
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
            loading={departments.loading}
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
      {error !== undefined && <ErrorAlert error={error} />}
    </Modal>
  );
}
