/** Records one disbursement (amount and payment reference) of a grant the enterprise has confirmed. */
import { Form, Input, InputNumber, Modal } from 'antd';
import { useRef } from 'react';
import { ApiError, newIdempotencyKey } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useApiMutation } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import type { GrantEntry } from './policy.api.ts';

interface DisburseValues {
  amount: number;
  reference: string;
}

export function DisburseModal({
  entry,
  onClose,
  onDone,
}: {
  entry: GrantEntry | undefined;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<DisburseValues>();
  const disburse = useApiMutation('post', '/api/policies/grants/{id}/disburse', {
    invalidates: ['/api/policies'],
  });
  const key = useRef<string | undefined>(undefined);
  const submit = async (values: DisburseValues) => {
    if (!entry) return;
    key.current ??= newIdempotencyKey();
    try {
      await disburse.mutateAsync({
        params: { path: { id: entry.id } },
        body: values,
        headers: { 'Idempotency-Key': key.current },
      });
      key.current = undefined;
      onDone();
    } catch (cause) {
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    }
  };
  return (
    <Modal
      open={entry !== undefined}
      title={t('policy.grants.disburseTitle', { name: entry?.enterprise.name ?? '' })}
      destroyOnHidden
      onCancel={() => {
        key.current = undefined;
        disburse.reset();
        onClose();
      }}
      onOk={() => form.submit()}
      okText={t('policy.grants.disburse')}
      cancelText={t('common.cancel')}
      confirmLoading={disburse.isPending}
      okButtonProps={{ 'data-testid': 'disburse-ok' }}
    >
      <Form<DisburseValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ amount: entry?.amount ?? undefined, reference: '' }}
        onFinish={submit}
        data-testid="disburse-form"
      >
        <Form.Item
          name="amount"
          label={t('policy.grants.disbursedAmount')}
          rules={[{ required: true, message: t('policy.grants.amountRequired') }]}
        >
          <InputNumber
            min={0}
            style={{ width: '100%' }}
            suffix={t('policy.unit.wan')}
            data-testid="disburse-amount"
          />
        </Form.Item>
        <Form.Item
          name="reference"
          label={t('policy.grants.reference')}
          rules={[{ required: true, whitespace: true, message: t('policy.grants.referenceRequired') }]}
        >
          <Input maxLength={200} data-testid="disburse-reference" />
        </Form.Item>
      </Form>
      {disburse.error && <ErrorAlert error={disburse.error} />}
    </Modal>
  );
}
