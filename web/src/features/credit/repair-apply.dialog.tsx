/** An enterprise applies to repair one of its records: a statement and supporting documents (履行证明、整改报告…). */
import { App, Button, Descriptions, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiError, newIdempotencyKey } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useApiMutation } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FileUpload, type FilesState } from '../../components/file-upload.tsx';
import type { MyRecord } from './credit.api.ts';

/** Supporting documents of a repair application (履行证明、整改报告…): documents and images. */
const MATERIAL_TYPES = ['pdf', 'ofd', 'docx', 'xlsx', 'png', 'jpg', 'jpeg', 'gif', 'webp'] as const;

export function ApplyRepairModal({ record, onClose }: { record: MyRecord; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ statement: string }>();
  const [materials, setMaterials] = useState<FilesState>({ fileIds: [], files: [], uploading: false });
  const apply = useApiMutation('post', '/api/credit/records/{id}/repair', { invalidates: ['/api/credit'] });
  const [key] = useState(newIdempotencyKey);

  const submit = async (values: { statement: string }) => {
    try {
      await apply.mutateAsync({
        params: { path: { id: record.id } },
        body: {
          statement: values.statement.trim(),
          ...(materials.fileIds.length > 0 ? { materialFileIds: materials.fileIds } : {}),
        },
        headers: { 'Idempotency-Key': key },
      });
      void message.success(t('credit.repair.applied'));
      onClose();
    } catch (cause) {
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    }
  };

  return (
    <Modal
      open
      title={t('credit.repair.applyTitle')}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          loading={apply.isPending}
          disabled={materials.uploading}
          onClick={() => form.submit()}
          data-testid="repair-submit"
        >
          {t('credit.repair.submit')}
        </Button>,
      ]}
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'c', label: t('credit.records.category'), children: record.category },
          { key: 'n', label: t('credit.records.decisionNo'), children: record.decisionNo },
          { key: 'd', label: t('credit.records.decisionDate'), children: record.decisionDate },
        ]}
      />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="repair-form">
        <Form.Item
          name="statement"
          label={t('credit.repair.statement')}
          rules={[{ required: true, whitespace: true, message: t('credit.repair.statementRequired') }]}
          extra={t('credit.repair.statementHint')}
        >
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={4000}
            data-testid="repair-statement"
          />
        </Form.Item>
        <Form.Item label={t('credit.materials.title')}>
          <FileUpload
            multiple
            accept={MATERIAL_TYPES}
            onChange={setMaterials}
            pickLabel={t('credit.materials.pick')}
            hint={t('credit.materials.hint')}
            testId="materials-upload"
            pickTestId="materials-pick"
          />
        </Form.Item>
      </Form>
      {apply.error && <ErrorAlert error={apply.error} />}
    </Modal>
  );
}
