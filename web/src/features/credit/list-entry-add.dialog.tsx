/** A department puts an entity on a red or black list: the list, the entity, reason, basis, and how it exits. */
import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { ApiError } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useApiMutation } from '../../api/query.ts';
import { toDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import type { SanctionCatalogue } from './credit.api.ts';

interface AddValues {
  listCode: string;
  uscc: string;
  entityName?: string;
  reason: string;
  basis: string;
  enteredOn: dayjs.Dayjs;
  exitOn?: dayjs.Dayjs;
  exitCondition?: string;
}

export function ListEntryAddDialog({
  catalogue,
  onClose,
}: {
  catalogue: SanctionCatalogue;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();
  const add = useApiMutation('post', '/api/credit/list-entries', { invalidates: ['/api/credit'] });

  const submit = async (v: AddValues) => {
    try {
      await add.mutateAsync({
        body: {
          listCode: v.listCode,
          uscc: v.uscc.trim(),
          ...(v.entityName?.trim() ? { entityName: v.entityName.trim() } : {}),
          reason: v.reason.trim(),
          basis: v.basis.trim(),
          enteredOn: toDay(v.enteredOn),
          ...(v.exitOn ? { exitOn: toDay(v.exitOn) } : {}),
          ...(v.exitCondition?.trim() ? { exitCondition: v.exitCondition.trim() } : {}),
        },
      });
      void message.success(t('credit.lists.added'));
      onClose();
    } catch (cause) {
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    }
  };

  return (
    <Modal
      open
      title={t('credit.lists.add')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('common.save')}
      okButtonProps={{ loading: add.isPending }}
      onOk={() => form.submit()}
    >
      <Form<AddValues>
        form={form}
        layout="vertical"
        initialValues={{ enteredOn: dayjs() }}
        onFinish={(v) => void submit(v)}
        data-testid="list-entry-form"
      >
        <Form.Item name="listCode" label={t('credit.lists.list')} rules={[{ required: true }]}>
          <Select
            options={catalogue.lists.map((l) => ({
              value: l.code,
              label: `${l.name}（${t(`credit.lists.type.${l.type}`)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="uscc"
          label={t('credit.uscc')}
          rules={[{ required: true, whitespace: true }]}
          normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
        >
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="entityName" label={t('credit.entityName')} extra={t('credit.lists.entityNameHint')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('credit.lists.reason')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="basis"
          label={t('credit.lists.basis')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
        </Form.Item>
        <Form.Item name="enteredOn" label={t('credit.lists.enteredOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
          {t('credit.lists.exitRuleHint')}
        </Typography.Text>
        <Form.Item
          name="exitOn"
          label={t('credit.lists.exitOn')}
          dependencies={['exitCondition']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_: unknown, value: unknown) =>
                value || String(getFieldValue('exitCondition') ?? '').trim()
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('credit.lists.exitRuleRequired'))),
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="exitCondition" label={t('credit.lists.exitCondition')}>
          <Input maxLength={1000} />
        </Form.Item>
      </Form>
      {add.error && <ErrorAlert error={add.error} />}
    </Modal>
  );
}
