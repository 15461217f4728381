import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { ApiError, apiCall } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import type { Kpi, KpiDirection, KpiInput, MeasureSummary, MetricProvider } from './plan.api.ts';
import { useApiQuery, useInvalidateApi } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { useLocale, useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { formatKpiValue, kpiState, kpiTarget, MetTag } from './kpi-tiles.tsx';
import { usePhone } from './plan-ui.tsx';

/** The select's value for "no provider": antd Select cannot hold null as a value. */
const NO_PROVIDER = '__none__';

interface KpiForm {
  code: string;
  name: string;
  description: string;
  unit: string;
  target: number | null;
  direction: KpiDirection;
  provider: string;
  measureNos: number[];
}

function KpiModal({
  editing,
  providers,
  measures,
  onClose,
  onSaved,
}: {
  editing: Kpi | null;
  providers: readonly MetricProvider[];
  measures: readonly MeasureSummary[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<KpiForm>();
  const invalidate = useInvalidateApi();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const initial: KpiForm = editing
    ? {
        code: editing.code,
        name: editing.name,
        description: editing.description,
        unit: editing.unit,
        target: editing.target,
        direction: editing.direction,
        provider: editing.provider ?? NO_PROVIDER,
        measureNos: editing.measureNos,
      }
    : {
        code: '',
        name: '',
        description: '',
        unit: '',
        target: null,
        direction: 'at_least',
        provider: NO_PROVIDER,
        measureNos: [],
      };

  // A provider the registry no longer has (or not yet) stays selectable, so editing does not silently drop it.
  const providerOptions = [
    { value: NO_PROVIDER, label: t('plan.kpi.providerNoneOption') },
    ...providers.map((p) => ({ value: p.id, label: `${p.name}（${p.id}）` })),
    ...(editing?.provider && !providers.some((p) => p.id === editing.provider)
      ? [
          {
            value: editing.provider,
            label: t('plan.kpi.providerUnregistered', { provider: editing.provider }),
          },
        ]
      : []),
  ];

  const submit = async (v: KpiForm) => {
    if (v.target === null) return;
    const body: KpiInput = {
      name: v.name.trim(),
      description: (v.description ?? '').trim(),
      unit: v.unit.trim(),
      target: v.target,
      direction: v.direction,
      provider: v.provider === NO_PROVIDER ? null : v.provider,
      measureNos: v.measureNos ?? [],
    };
    setSaving(true);
    setError(undefined);
    try {
      if (editing) {
        await apiCall('put', '/api/action-plan/kpis/{code}', {
          params: { path: { code: editing.code } },
          body,
        });
      } else {
        await apiCall('post', '/api/action-plan/kpis', { body: { ...body, code: v.code.trim() } });
      }
      // The list and the dashboard's tiles show the change.
      await invalidate('/api/action-plan');
      void message.success(t('plan.kpi.saved'));
      onSaved();
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
      width={640}
      title={editing ? t('plan.kpi.edit') : t('plan.kpi.add')}
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
          data-testid="kpi-save"
        >
          {t('common.save')}
        </Button>,
      ]}
    >
      <Form<KpiForm>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
        onValuesChange={(changed: Partial<KpiForm>) => {
          // Picking a provider suggests its unit, unless one is typed already.
          if (changed.provider && changed.provider !== NO_PROVIDER && !form.getFieldValue('unit')) {
            const p = providers.find((x) => x.id === changed.provider);
            if (p) form.setFieldValue('unit', p.unit);
          }
        }}
        data-testid="kpi-form"
      >
        <Form.Item
          name="code"
          label={t('plan.kpi.code')}
          extra={editing ? undefined : t('plan.kpi.codeHint')}
          rules={[
            { required: true, message: t('plan.required') },
            { pattern: /^[a-z0-9][a-z0-9-]{1,40}$/, message: t('plan.kpi.codeHint') },
          ]}
        >
          <Input disabled={editing !== null} maxLength={41} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('plan.kpi.name')}
          rules={[{ required: true, whitespace: true, message: t('plan.required') }, { max: 100 }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="provider" label={t('plan.kpi.provider')} extra={t('plan.kpi.providerHint')}>
          <Select
            options={providerOptions}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="kpi-provider"
          />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="direction"
            label={t('plan.kpi.direction')}
            rules={[{ required: true }]}
            style={{ flex: '1 1 200px' }}
          >
            <Radio.Group
              options={[
                { value: 'at_least', label: t('plan.kpi.atLeast') },
                { value: 'at_most', label: t('plan.kpi.atMost') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="target"
            label={t('plan.kpi.target')}
            rules={[{ required: true, message: t('plan.required') }]}
            style={{ flex: '1 1 140px' }}
          >
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="unit"
            label={t('plan.kpi.unit')}
            rules={[{ required: true, whitespace: true, message: t('plan.required') }, { max: 20 }]}
            style={{ flex: '1 1 120px' }}
          >
            <Input maxLength={20} placeholder="%" />
          </Form.Item>
        </Flex>
        <Form.Item name="measureNos" label={t('plan.kpi.measures')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={measures.map((m) => ({ value: m.no, label: `${m.no} ${m.title}` }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t('plan.kpi.description')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
      {error !== undefined && <ErrorAlert error={error} listFields={false} />}
    </Modal>
  );
}

export function KpisPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const kpis = useApiQuery('/api/action-plan/kpis');
  const providers = useApiQuery('/api/action-plan/metric-providers');
  const measures = useApiQuery('/api/action-plan/measures');
  const invalidate = useInvalidateApi();
  const [editing, setEditing] = useState<Kpi | 'new' | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [actionError, setActionError] = useState<unknown>(undefined);
  const phone = usePhone();

  const refresh = async () => {
    setRefreshing(true);
    setActionError(undefined);
    try {
      await apiCall('post', '/api/action-plan/kpis/refresh');
      void message.success(t('plan.kpi.refreshed'));
      await invalidate('/api/action-plan');
    } catch (cause) {
      setActionError(cause);
    } finally {
      setRefreshing(false);
    }
  };

  const remove = async (k: Kpi) => {
    setActionError(undefined);
    try {
      await apiCall('delete', '/api/action-plan/kpis/{code}', { params: { path: { code: k.code } } });
      void message.success(t('plan.kpi.deleted'));
      await invalidate('/api/action-plan');
    } catch (cause) {
      setActionError(cause);
    }
  };

  const sourceCell = (k: Kpi) =>
    k.source ? (
      <Flex vertical gap={2} align="start">
        <Tag color="success" style={{ marginInlineEnd: 0 }}>
          {t('plan.kpi.connected')}
        </Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {k.source.name}
        </Typography.Text>
      </Flex>
    ) : (
      <Flex vertical gap={2} align="start" data-testid="kpi-no-source">
        <Tag style={{ marginInlineEnd: 0 }}>{t('plan.kpi.state.no_source')}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
          {k.provider ?? t('plan.kpi.providerNone')}
        </Typography.Text>
      </Flex>
    );
  const latestCell = (k: Kpi) => {
    const state = kpiState(k);
    if (state !== 'value' || !k.latest || k.latest.value === null)
      return <Typography.Text type="secondary">{t(`plan.kpi.state.${state}`)}</Typography.Text>;
    return (
      <Flex vertical gap={2} align="start">
        <Flex gap={6} align="center">
          <span>{formatKpiValue(k.latest.value, k.unit, locale)}</span>
          <MetTag met={k.latest.met} />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {k.latest.period} · {formatDateTime(k.latest.computedAt)}
        </Typography.Text>
      </Flex>
    );
  };
  const actionsCell = (k: Kpi) => (
    <Flex gap={4}>
      <Button
        size="small"
        type="text"
        icon={<EditOutlined />}
        aria-label={t('plan.kpi.edit')}
        onClick={() => setEditing(k)}
        data-testid="kpi-edit"
      />
      <Popconfirm
        title={t('plan.kpi.deleteConfirm', { name: k.name })}
        okText={t('common.remove')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true }}
        onConfirm={() => remove(k)}
      >
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} />
      </Popconfirm>
    </Flex>
  );
  const phoneColumns: TableColumnsType<Kpi> = [
    {
      title: t('plan.kpi.name'),
      key: 'kpi',
      render: (_: unknown, k) => (
        <Flex vertical gap={6}>
          <Flex justify="space-between" align="start" gap={8}>
            <Flex vertical gap={2}>
              <Typography.Text>{k.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {kpiTarget(k, t, locale)}
              </Typography.Text>
            </Flex>
            {actionsCell(k)}
          </Flex>
          <Flex gap={16} wrap>
            {sourceCell(k)}
            {latestCell(k)}
          </Flex>
        </Flex>
      ),
    },
  ];

  const columns: TableColumnsType<Kpi> = [
    {
      title: t('plan.kpi.name'),
      dataIndex: 'name',
      width: 220,
      render: (name: string, k) => (
        <Flex vertical gap={2}>
          <Typography.Text>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
            {k.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('plan.kpi.provider'),
      key: 'source',
      render: (_: unknown, k) => sourceCell(k),
    },
    {
      title: t('plan.kpi.target'),
      key: 'target',
      ...noWrap,
      render: (_: unknown, k) => kpiTarget(k, t, locale),
    },
    {
      title: t('plan.kpi.latest'),
      key: 'latest',
      ...noWrap,
      render: (_: unknown, k) => latestCell(k),
    },
    {
      title: t('plan.kpi.measures'),
      dataIndex: 'measureNos',
      responsive: ['lg'],
      render: (nos: number[]) => (nos.length > 0 ? nos.join('、') : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      ...noWrap,
      render: (_: unknown, k) => actionsCell(k),
    },
  ];

  return (
    <Page
      title={t('plan.kpi.title')}
      extra={
        <Flex gap={8} wrap>
          <Button
            icon={<ReloadOutlined />}
            loading={refreshing}
            onClick={() => void refresh()}
            data-testid="kpi-refresh"
          >
            {t('plan.kpi.refresh')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="kpi-add"
          >
            {t('plan.kpi.add')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('plan.kpi.intro')}
      </Typography.Paragraph>
      {(kpis.error !== undefined || actionError !== undefined || providers.error !== undefined) && (
        <Flex vertical gap={8}>
          <ErrorAlert error={kpis.error} onRetry={() => void kpis.refetch()} />
          <ErrorAlert error={providers.error} onRetry={() => void providers.refetch()} />
          <ErrorAlert error={actionError} />
        </Flex>
      )}
      <Card>
        <Table<Kpi>
          rowKey="id"
          columns={phone ? phoneColumns : columns}
          dataSource={kpis.data ?? []}
          loading={kpis.isLoading}
          pagination={(kpis.data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
          locale={{ emptyText: <Empty description={t('plan.kpi.empty')} /> }}
          scroll={phone ? undefined : { x: 900 }}
          data-testid="kpi-table"
        />
      </Card>
      {editing !== null && (
        <KpiModal
          editing={editing === 'new' ? null : editing}
          providers={providers.data ?? []}
          measures={measures.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      )}
    </Page>
  );
}
