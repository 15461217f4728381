/**
 * 惩戒措施 tab of 信用规则配置: every sanction or incentive measure, inactive ones included, edited or added in a
 * modal and saved whole with `PUT /api/credit/sanctions/measures/{code}`. An inactive measure takes no part in
 * sanction checks and disappears from the public catalogue (`GET /api/credit/sanctions`).
 */
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Checkbox,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  Modal,
  Radio,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useApiMutation, useApiQuery } from '../../api/query.ts';
import { useT, type Translate } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { noWrap } from '../../components/table-columns.ts';
import {
  CLASS_LETTERS,
  PURPOSES,
  type ClassLetter,
  type EditableMeasure,
  type ListType,
  type MeasureUpdate,
  type Purpose,
  type SanctionCatalogue,
  type SanctionTrigger,
} from './credit.api.ts';

const PAGE_SIZE = 10;
const CODE_PATTERN = /^[a-z0-9-]{2,60}$/;

type Lists = SanctionCatalogue['lists'];

interface MeasureValues {
  code: string;
  name: string;
  triggerType: SanctionTrigger['type'];
  list?: string;
  listType?: ListType;
  classes?: ClassLetter[];
  purposes: Purpose[];
  decision: EditableMeasure['decision'];
  effect: EditableMeasure['effect'];
  message: string;
  basis: string;
  active: boolean;
}

function toValues(m: EditableMeasure | null): Partial<MeasureValues> {
  if (!m) {
    return {
      triggerType: 'listType',
      listType: 'black',
      classes: [],
      purposes: [],
      decision: 'flag',
      effect: 'restriction',
      active: true,
    };
  }
  return {
    code: m.code,
    name: m.name,
    triggerType: m.trigger.type,
    ...(m.trigger.type === 'list' ? { list: m.trigger.list } : {}),
    ...(m.trigger.type === 'listType' ? { listType: m.trigger.listType } : {}),
    classes: m.trigger.type === 'class' ? [...m.trigger.classes] : [],
    purposes: [...m.purposes],
    decision: m.decision,
    effect: m.effect,
    message: m.message,
    basis: m.basis,
    active: m.active,
  };
}

function toBody(v: MeasureValues): MeasureUpdate {
  const trigger: SanctionTrigger =
    v.triggerType === 'list'
      ? { type: 'list', list: v.list ?? '' }
      : v.triggerType === 'listType'
        ? { type: 'listType', listType: v.listType ?? 'black' }
        : { type: 'class', classes: CLASS_LETTERS.filter((c) => (v.classes ?? []).includes(c)) };
  return {
    name: v.name.trim(),
    trigger,
    purposes: PURPOSES.filter((p) => v.purposes.includes(p)),
    decision: v.decision,
    effect: v.effect,
    message: v.message.trim(),
    basis: v.basis.trim(),
    active: v.active === true,
  };
}

function triggerText(trigger: SanctionTrigger, lists: Lists, t: Translate): string {
  switch (trigger.type) {
    case 'list': {
      const code = trigger.list;
      return lists.find((l) => l.code === code)?.name ?? code;
    }
    case 'listType':
      return t('credit.sanctions.anyList', { type: t(`credit.lists.type.${trigger.listType}`) });
    case 'class':
      return t('credit.sanctions.classes', { classes: trigger.classes.join('、') });
  }
}

function fieldLabelOf(t: Translate) {
  return (path: (string | number)[]): string | undefined => {
    const names: Record<string, string> = {
      code: t('credit.settings.measure.code'),
      name: t('credit.settings.measure.name'),
      trigger: t('credit.sanctions.trigger'),
      purposes: t('credit.sanctions.purposes'),
      decision: t('credit.sanctions.decision'),
      effect: t('credit.settings.measure.effect'),
      message: t('credit.settings.measure.message'),
      basis: t('credit.sanctions.basis'),
      active: t('credit.settings.active'),
    };
    const [head, member] = path;
    if (head === 'trigger' && member === 'list') return t('credit.settings.measure.list');
    if (head === 'trigger' && member === 'classes') return t('credit.settings.measure.classes');
    return typeof head === 'string' ? names[head] : undefined;
  };
}

/** Server field paths (`/trigger/list`) onto this form's flat names. */
function formPathOf(field: string): string {
  return field
    .replace(/^\/?body/, '')
    .replace(/^\/trigger\/(list|listType|classes)\b.*/, '/$1')
    .replace(/^\/trigger\b.*/, '/triggerType');
}

function MeasureModal({
  measure,
  lists,
  existing,
  onClose,
  onSaved,
}: {
  measure: EditableMeasure | null;
  lists: Lists;
  existing: ReadonlySet<string>;
  onClose: () => void;
  onSaved: (m: EditableMeasure) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<MeasureValues>();
  const [error, setError] = useState<unknown>(undefined);
  const save = useApiMutation('put', '/api/credit/sanctions/measures/{code}', {
    invalidates: ['/api/credit'],
  });
  const triggerType = Form.useWatch('triggerType', form);
  const adding = measure === null;

  const submit = async (v: MeasureValues) => {
    setError(undefined);
    const code = adding ? v.code.trim() : measure.code;
    try {
      const saved = await save.mutateAsync({ params: { path: { code } }, body: toBody(v) });
      void message.success(t('credit.settings.measureSaved', { name: saved.name }));
      onSaved(saved);
    } catch (cause) {
      setError(cause);
      if (cause instanceof ApiError)
        showFieldErrors(
          form,
          cause.errors.map((e) => ({ ...e, field: formPathOf(e.field) })),
        );
    }
  };

  return (
    <Modal
      open
      title={
        adding ? t('credit.settings.addMeasure') : t('credit.settings.editMeasure', { name: measure.name })
      }
      onCancel={onClose}
      destroyOnHidden
      width={640}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="measure-save"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
      data-testid="measure-modal"
    >
      <Form<MeasureValues>
        form={form}
        layout="vertical"
        initialValues={toValues(measure)}
        onFinish={(v) => void submit(v)}
        scrollToFirstError
        data-testid="measure-form"
      >
        <Form.Item
          name="code"
          label={t('credit.settings.measure.code')}
          extra={adding ? t('credit.settings.measure.codeHint') : undefined}
          rules={
            adding
              ? [
                  { required: true, message: t('credit.settings.measure.codeRequired') },
                  { pattern: CODE_PATTERN, message: t('credit.settings.measure.codePattern') },
                  {
                    validator: async (_: unknown, value: string | undefined) => {
                      if (value && existing.has(value))
                        throw new Error(t('credit.settings.measure.codeTaken', { code: value }));
                    },
                  },
                ]
              : []
          }
        >
          <Input maxLength={60} disabled={!adding} data-testid="measure-code" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('credit.settings.measure.name')}
          rules={[{ required: true, whitespace: true, max: 100 }]}
        >
          <Input maxLength={100} data-testid="measure-name" />
        </Form.Item>
        <Form.Item name="active" label={t('credit.settings.active')} valuePropName="checked">
          <Switch
            checkedChildren={t('credit.settings.activeOn')}
            unCheckedChildren={t('credit.settings.activeOff')}
            data-testid="measure-active"
          />
        </Form.Item>
        <Form.Item name="triggerType" label={t('credit.sanctions.trigger')} rules={[{ required: true }]}>
          <Radio.Group
            options={(['list', 'listType', 'class'] as const).map((k) => ({
              value: k,
              label: t(`credit.settings.measure.trigger.${k}`),
            }))}
            data-testid="measure-trigger"
          />
        </Form.Item>
        {triggerType === 'list' && (
          <Form.Item
            name="list"
            label={t('credit.settings.measure.list')}
            rules={[{ required: true, message: t('credit.settings.measure.listRequired') }]}
          >
            <Select
              options={lists.map((l) => ({
                value: l.code,
                label: `${l.name}（${t(`credit.lists.type.${l.type}`)}）`,
              }))}
              notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
              data-testid="measure-list"
            />
          </Form.Item>
        )}
        {triggerType === 'listType' && (
          <Form.Item
            name="listType"
            label={t('credit.settings.measure.listType')}
            rules={[{ required: true }]}
          >
            <Radio.Group
              options={(['black', 'red'] as const).map((k) => ({
                value: k,
                label: t(`credit.lists.type.${k}`),
              }))}
            />
          </Form.Item>
        )}
        {triggerType === 'class' && (
          <Form.Item
            name="classes"
            label={t('credit.settings.measure.classes')}
            rules={[
              {
                required: true,
                type: 'array',
                min: 1,
                message: t('credit.settings.measure.classesRequired'),
              },
            ]}
          >
            <Checkbox.Group
              options={CLASS_LETTERS.map((c) => ({ value: c, label: t(`credit.class.${c}`) }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="purposes"
          label={t('credit.sanctions.purposes')}
          rules={[
            { required: true, type: 'array', min: 1, message: t('credit.settings.measure.purposesRequired') },
          ]}
        >
          <Checkbox.Group
            options={PURPOSES.map((p) => ({ value: p, label: t(`credit.purpose.${p}`) }))}
            data-testid="measure-purposes"
          />
        </Form.Item>
        <Flex wrap gap={24}>
          <Form.Item name="decision" label={t('credit.sanctions.decision')} rules={[{ required: true }]}>
            <Radio.Group
              options={(['flag', 'block'] as const).map((k) => ({
                value: k,
                label: t(`credit.sanctions.decision.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="effect" label={t('credit.settings.measure.effect')} rules={[{ required: true }]}>
            <Radio.Group
              options={(['restriction', 'incentive'] as const).map((k) => ({
                value: k,
                label: t(`credit.sanctions.effect.${k}`),
              }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item
          name="message"
          label={t('credit.settings.measure.message')}
          extra={t('credit.settings.measure.messageHint')}
          rules={[{ required: true, whitespace: true, max: 500 }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={500}
            data-testid="measure-message"
          />
        </Form.Item>
        <Form.Item
          name="basis"
          label={t('credit.sanctions.basis')}
          rules={[{ required: true, whitespace: true, max: 1000 }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={1000}
            data-testid="measure-basis"
          />
        </Form.Item>
      </Form>
      {error !== undefined && <ErrorAlert error={error} fieldLabel={fieldLabelOf(t)} />}
    </Modal>
  );
}

export function MeasureSettings() {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const wide = screens.md === true;
  const measures = useApiQuery('/api/credit/sanctions/measures');
  const catalogue = useApiQuery('/api/credit/sanctions');
  const [editing, setEditing] = useState<EditableMeasure | null | 'new'>(null);
  const [page, setPage] = useState(1);
  const lists = useMemo(() => catalogue.data?.lists ?? [], [catalogue.data]);
  const items = useMemo(() => measures.data?.items ?? [], [measures.data]);
  const codes = useMemo(() => new Set(items.map((m) => m.code)), [items]);

  const columns: TableColumnsType<EditableMeasure> = [
    {
      title: t('credit.sanctions.measure'),
      key: 'name',
      render: (_: unknown, m) => (
        <Flex vertical>
          <span>{m.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {m.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('credit.sanctions.trigger'),
      key: 'trigger',
      responsive: ['md'],
      render: (_: unknown, m) => triggerText(m.trigger, lists, t),
    },
    {
      title: t('credit.sanctions.purposes'),
      dataIndex: 'purposes',
      responsive: ['lg'],
      render: (ps: Purpose[]) => (
        <Flex wrap gap={4}>
          {ps.map((p) => (
            <Tag key={p} style={{ marginInlineEnd: 0 }}>
              {t(`credit.purpose.${p}`)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('credit.sanctions.decision'),
      key: 'decision',
      ...noWrap,
      responsive: ['sm'],
      render: (_: unknown, m) => (
        <Tag color={m.decision === 'block' ? 'error' : m.effect === 'incentive' ? 'success' : 'warning'}>
          {t(`credit.sanctions.decision.${m.decision}`)} · {t(`credit.sanctions.effect.${m.effect}`)}
        </Tag>
      ),
    },
    {
      title: t('credit.settings.state'),
      key: 'active',
      ...noWrap,
      render: (_: unknown, m) => (
        <Tag color={m.active ? 'success' : 'default'} data-testid="measure-active-tag" data-active={m.active}>
          {m.active ? t('credit.settings.activeOn') : t('credit.settings.activeOff')}
        </Tag>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      ...noWrap,
      render: (_: unknown, m) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          onClick={() => setEditing(m)}
          aria-label={t('credit.settings.edit')}
          data-testid="measure-edit"
        >
          {wide ? t('credit.settings.edit') : null}
        </Button>
      ),
    },
  ];

  if (measures.error) return <ErrorAlert error={measures.error} onRetry={() => void measures.refetch()} />;
  if (measures.isLoading && !measures.data) return <CardSkeleton rows={6} />;
  return (
    <Flex vertical gap={12} data-testid="settings-measures">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary" style={{ flex: '1 1 280px' }}>
          {t('credit.settings.measuresIntro')}
        </Typography.Text>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          disabled={catalogue.data === undefined}
          data-testid="measure-add"
        >
          {t('credit.settings.addMeasure')}
        </Button>
      </Flex>
      {catalogue.error && (
        <ErrorAlert
          error={catalogue.error}
          title={t('credit.settings.listsFailed')}
          onRetry={() => void catalogue.refetch()}
        />
      )}
      <Table<EditableMeasure>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={items}
        loading={measures.isFetching}
        expandable={{
          expandedRowRender: (m) => (
            <Flex vertical gap={4}>
              <span>{m.message}</span>
              <Typography.Text type="secondary">
                {t('credit.sanctions.basis')}：{m.basis}
              </Typography.Text>
            </Flex>
          ),
        }}
        locale={{ emptyText: <Empty description={t('credit.settings.noMeasures')} /> }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: items.length,
          size: 'small',
          hideOnSinglePage: true,
          showSizeChanger: false,
          showTotal: (total) => t('common.total', { total }),
          onChange: setPage,
        }}
        scroll={wide ? { x: 'max-content' } : undefined}
        data-testid="measures-table"
      />
      {editing !== null && (
        <MeasureModal
          measure={editing === 'new' ? null : editing}
          lists={lists}
          existing={codes}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      )}
    </Flex>
  );
}
