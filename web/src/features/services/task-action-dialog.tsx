/** The dialog a department answers a task with: approve, reject (a reason) or ask for a supplement (materials). */
import { Checkbox, Form, Input, Modal, Typography } from 'antd';
import { ApiError } from '../../api/client.ts';
import { useApiMutation, type ApiPathPrefix } from '../../api/query.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import type { Bundle, QueueTask } from './services.api.ts';

export type Action = 'approve' | 'reject' | 'supplement';

interface ActionValues {
  comment?: string;
  reason?: string;
  materials?: string[];
}

export function ActionModal({
  action,
  task,
  bundle,
  onClose,
  onDone,
}: {
  action: Action;
  task: QueueTask;
  bundle: Bundle | undefined;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<ActionValues>();
  // A decision moves the task, its application, the queue and the figures: all of them refetch.
  const invalidates: ApiPathPrefix[] = [
    '/api/services/tasks',
    '/api/services/applications',
    '/api/services/overview',
  ];
  const approve = useApiMutation('post', '/api/services/tasks/{id}/approve', { invalidates });
  const reject = useApiMutation('post', '/api/services/tasks/{id}/reject', { invalidates });
  const supplement = useApiMutation('post', '/api/services/tasks/{id}/supplement', { invalidates });
  const current = action === 'approve' ? approve : action === 'reject' ? reject : supplement;
  const error = current.error;
  const sending = current.isPending;
  const itemMaterials = (bundle?.materials ?? []).filter((m) => m.items.includes(task.itemCode));

  const submit = (values: ActionValues) => {
    const params = { path: { id: task.id } };
    const reason = (values.reason ?? '').trim();
    const sent =
      action === 'approve'
        ? approve.mutateAsync({
            params,
            body: values.comment?.trim() ? { comment: values.comment.trim() } : {},
          })
        : action === 'reject'
          ? reject.mutateAsync({ params, body: { reason } })
          : supplement.mutateAsync({ params, body: { reason, materials: values.materials ?? [] } });
    sent.then(
      () => onDone(),
      (cause: unknown) => {
        if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
      },
    );
  };

  return (
    <Modal
      open
      title={t(`services.action.${action}Title`, { task: task.name })}
      onCancel={onClose}
      okText={t(`services.action.${action}`)}
      okButtonProps={{
        danger: action === 'reject',
        loading: sending,
        htmlType: 'submit',
        form: 'task-action-form',
        'data-testid': 'action-confirm',
      }}
      destroyOnHidden
      data-testid="action-modal"
    >
      <Form<ActionValues>
        id="task-action-form"
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ materials: [] }}
      >
        {action === 'approve' && (
          <Form.Item name="comment" label={t('services.action.comment')}>
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={500}
              data-testid="action-comment"
            />
          </Form.Item>
        )}
        {action !== 'approve' && (
          <Form.Item
            name="reason"
            label={t(
              action === 'reject' ? 'services.action.rejectReason' : 'services.action.supplementReason',
            )}
            rules={[{ required: true, whitespace: true, message: t('services.action.reasonRequired') }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={500}
              showCount
              data-testid="action-reason"
            />
          </Form.Item>
        )}
        {action === 'supplement' && (
          <Form.Item
            name="materials"
            label={t('services.action.supplementMaterials')}
            extra={t('services.action.supplementHint')}
          >
            {itemMaterials.length === 0 ? (
              <Typography.Text type="secondary">{t('services.action.noItemMaterials')}</Typography.Text>
            ) : (
              <Checkbox.Group
                data-testid="action-materials"
                options={itemMaterials.map((m) => ({ value: m.code, label: m.name }))}
                style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              />
            )}
          </Form.Item>
        )}
        {action === 'reject' && (
          <Typography.Paragraph type="danger" style={{ margin: 0 }}>
            {t('services.action.rejectWarning')}
          </Typography.Paragraph>
        )}
        {error && <ErrorAlert error={error} listFields={false} />}
      </Form>
    </Modal>
  );
}
