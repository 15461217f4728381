/** A department takes an entity off a list early: the reason, and the day it left (today unless given). */
import { App, DatePicker, Form, Input, Modal } from 'antd';
import type dayjs from 'dayjs';
import { useApiMutation } from '../../api/query.ts';
import { toDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import type { ListEntry } from './credit.api.ts';

interface ExitValues {
  reason: string;
  exitedOn?: dayjs.Dayjs;
}

export function ListEntryExitDialog({ entry, onClose }: { entry: ListEntry; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ExitValues>();
  const exit = useApiMutation('post', '/api/credit/list-entries/{id}/exit', { invalidates: ['/api/credit'] });
  const submit = async (v: ExitValues) => {
    try {
      await exit.mutateAsync({
        params: { path: { id: entry.id } },
        body: { reason: v.reason.trim(), ...(v.exitedOn ? { exitedOn: toDay(v.exitedOn) } : {}) },
      });
      void message.success(t('credit.lists.exited'));
      onClose();
    } catch {
      // Shown from `exit.error` below.
    }
  };
  return (
    <Modal
      open
      title={t('credit.lists.exitTitle', { name: entry.entityName, list: entry.list.name })}
      onCancel={onClose}
      destroyOnHidden
      okText={t('credit.lists.exit')}
      okButtonProps={{ loading: exit.isPending, danger: true }}
      onOk={() => form.submit()}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="list-exit-form">
        <Form.Item
          name="reason"
          label={t('credit.lists.exitReason')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="exitedOn" label={t('credit.lists.exitedOn')} extra={t('credit.lists.exitedOnHint')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
      {exit.error && <ErrorAlert error={exit.error} />}
    </Modal>
  );
}
