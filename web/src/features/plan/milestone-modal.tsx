import { App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useApiMutation } from '../../api/query.ts';
import type { Milestone, MilestoneInput, PlanUnit } from './plan.api.ts';
import { toDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

interface MilestoneForm {
  title: string;
  description: string;
  dueOn: Dayjs | null;
  ownerDepartmentCode: string | undefined;
}

/** Units that may own a milestone: lead and responsible units linked to a department. */
export function ownerOptions(units: readonly PlanUnit[]): { value: string; label: string }[] {
  const seen = new Set<string>();
  const out: { value: string; label: string }[] = [];
  for (const u of units) {
    if (u.role === 'scope' || !u.departmentCode || seen.has(u.departmentCode)) continue;
    seen.add(u.departmentCode);
    out.push({ value: u.departmentCode, label: u.name });
  }
  return out;
}

/**
 * Adds a milestone to a measure, or edits one (`editing`). Mounted only while open, so every opening starts from the
 * milestone's current values.
 */
export function MilestoneModal({
  measureNo,
  units,
  editing,
  onClose,
  onSaved,
}: {
  measureNo: number;
  units: readonly PlanUnit[];
  editing: Milestone | null;
  onClose: () => void;
  onSaved: (m: Milestone) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<MilestoneForm>();
  // Every action-plan read (the measure, the lists, the dashboard) is fetched again after a change.
  const update = useApiMutation('put', '/api/action-plan/milestones/{id}', {
    invalidates: ['/api/action-plan'],
  });
  const add = useApiMutation('post', '/api/action-plan/measures/{no}/milestones', {
    invalidates: ['/api/action-plan'],
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const owners = ownerOptions(units);

  const initial: MilestoneForm = editing
    ? {
        title: editing.title,
        description: editing.description,
        dueOn: dayjs(editing.dueOn),
        ownerDepartmentCode: editing.ownerDepartment.code,
      }
    : {
        title: '',
        description: '',
        dueOn: null,
        ownerDepartmentCode: owners.length === 1 ? owners[0]?.value : undefined,
      };

  const submit = async (v: MilestoneForm) => {
    if (!v.dueOn || !v.ownerDepartmentCode) return;
    const body: MilestoneInput = {
      title: v.title.trim(),
      description: (v.description ?? '').trim(),
      dueOn: toDay(v.dueOn),
      ownerDepartmentCode: v.ownerDepartmentCode,
    };
    setSaving(true);
    setError(undefined);
    try {
      const saved = editing
        ? await update.mutateAsync({ params: { path: { id: editing.id } }, body })
        : await add.mutateAsync({ params: { path: { no: measureNo } }, body });
      void message.success(editing ? t('plan.milestone.updated') : t('plan.milestone.added'));
      onSaved(saved);
    } catch (cause) {
      setError(cause);
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={editing ? t('plan.milestone.edit') : t('plan.milestone.add')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="save"
          type="primary"
          loading={saving}
          onClick={() => form.submit()}
          data-testid="milestone-save"
        >
          {t('common.save')}
        </Button>,
      ]}
    >
      <Form<MilestoneForm>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
        data-testid="milestone-form"
      >
        <Form.Item
          name="title"
          label={t('plan.milestone.title')}
          rules={[{ required: true, whitespace: true, message: t('plan.required') }, { max: 200 }]}
        >
          <Input maxLength={200} data-testid="milestone-title" />
        </Form.Item>
        <Form.Item
          name="ownerDepartmentCode"
          label={t('plan.milestone.owner')}
          rules={[{ required: true, message: t('plan.milestone.ownerRequired') }]}
          extra={owners.length === 0 ? t('plan.milestone.noOwners') : undefined}
        >
          <Select
            options={owners}
            placeholder={t('plan.milestone.ownerPlaceholder')}
            data-testid="milestone-owner"
          />
        </Form.Item>
        <Form.Item
          name="dueOn"
          label={t('plan.milestone.dueOn')}
          rules={[{ required: true, message: t('plan.milestone.dueOnRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="milestone-due" />
        </Form.Item>
        <Form.Item name="description" label={t('plan.milestone.description')} rules={[{ max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
        </Form.Item>
      </Form>
      {error !== undefined && <ErrorAlert error={error} listFields={false} />}
    </Modal>
  );
}
