/** "New policy": a draft with its basic information; the page then opens the first clause. */
import { Form, Modal } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useApiMutation } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PolicyFields, toInput, type PolicyFormValues } from './policy-form.tsx';

export function CreatePolicyModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm<PolicyFormValues>();
  const save = useApiMutation('post', '/api/policies', { invalidates: ['/api/policies'] });
  const create = async (values: PolicyFormValues) => {
    try {
      const created = await save.mutateAsync({ body: toInput(values) });
      onClose();
      void navigate(`/policies/manage/${created.id}?clause=new`);
    } catch (cause) {
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    }
  };
  return (
    <Modal
      open={open}
      title={t('policy.manage.create')}
      width={760}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('policy.manage.createOk')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'policy-create-ok' }}
    >
      <Form<PolicyFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ issuedOn: dayjs(), demo: true, topics: [] }}
        onFinish={create}
        data-testid="policy-form"
      >
        <PolicyFields withCode />
      </Form>
      {save.error && <ErrorAlert error={save.error} />}
    </Modal>
  );
}
