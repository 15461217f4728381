import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, apiSend } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import type { Department } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { toDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { readPaging } from '../../components/paging.ts';
import { noWrap } from '../../components/table-columns.ts';
import { SchemaForm } from './schema-form.tsx';
import { createsCycle, criticalPathWorkdays, servicesPaths } from './services.api.ts';
import { CategoryTag, usePhone, workdays } from './services-ui.tsx';
import {
  BUNDLE_CATEGORIES,
  type Bundle,
  type BundleCategory,
  type BundleInput,
  type BundleSummary,
  type ItemInput,
  type JsonSchema,
  type Material,
  type ReplaceableBy,
  type ResultKind,
  type ServiceItem,
} from './services.types.ts';
import { TaskGraph } from './task-graph.tsx';

const ACCEPT_TYPES = ['pdf', 'jpg', 'png', 'ofd', 'docx', 'xlsx'] as const;
const CODE_PATTERN = /^[a-z][a-z0-9-]{1,63}$/;

/** A task key for an item (the server takes `^[a-z][a-z0-9-]{0,31}$`), unique among the keys already used. */
export function taskKeyFor(itemCode: string, used: ReadonlySet<string>): string {
  const base = itemCode.slice(0, 29).replace(/-+$/, '') || 'task';
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

function BundlesTab() {
  const t = useT();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const { page, pageSize } = readPaging(params);
  const { data, error, loading, reload } = useApi<BundleSummary[]>(servicesPaths.allBundles);
  const columns: TableColumnsType<BundleSummary> = [
    {
      title: t('services.admin.bundleName'),
      dataIndex: 'name',
      render: (name: string, b) => (
        <Flex vertical gap={2}>
          <Link to={`/services/admin/bundles/${encodeURIComponent(b.code)}`} data-testid="admin-bundle-link">
            {name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {b.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('services.admin.category'),
      dataIndex: 'category',
      ...noWrap,
      render: (c: BundleCategory) => <CategoryTag category={c} />,
    },
    {
      title: t('services.admin.items'),
      key: 'items',
      responsive: ['md'],
      render: (_: unknown, b) => b.items.map((i) => i.name).join('、'),
    },
    {
      title: t('services.bundle.deadline'),
      key: 'deadline',
      ...noWrap,
      responsive: ['sm'],
      render: (_: unknown, b) => (b.deadlineWorkdays === undefined ? '—' : workdays(b.deadlineWorkdays, t)),
    },
    {
      title: t('services.admin.launchedOn'),
      dataIndex: 'launchedOn',
      ...noWrap,
      responsive: ['lg'],
      render: (v: string | null | undefined) => v ?? '—',
    },
    {
      title: t('services.admin.active'),
      dataIndex: 'active',
      ...noWrap,
      render: (v: boolean | undefined) =>
        v === false ? (
          <Tag>{t('services.admin.inactive')}</Tag>
        ) : (
          <Tag color="green">{t('services.admin.activeYes')}</Tag>
        ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Text type="secondary">{t('services.admin.bundlesHint')}</Typography.Text>
        <Link to="/services/admin/bundles/new">
          <Button type="primary" icon={<PlusOutlined />} data-testid="bundle-add">
            {t('services.admin.addBundle')}
          </Button>
        </Link>
      </Flex>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : (
        <Table<BundleSummary>
          rowKey="code"
          size="small"
          loading={loading}
          dataSource={data ?? []}
          columns={columns}
          data-testid="admin-bundle-table"
          locale={{ emptyText: <Empty description={t('services.catalogue.none')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: data?.length ?? 0,
            showSizeChanger: !phone,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => {
              const next = new URLSearchParams(params);
              next.set('page', String(p));
              next.set('pageSize', String(s));
              setParams(next, { replace: true });
            },
          }}
        />
      )}
    </Flex>
  );
}

function ItemsAdminTab() {
  const t = useT();
  const phone = usePhone();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const { data, error, loading, reload } = useApi<ServiceItem[]>(servicesPaths.items);
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (data ?? []).filter(
      (i) => !needle || `${i.code} ${i.name} ${i.department}`.toLowerCase().includes(needle),
    );
  }, [data, q]);
  const columns: TableColumnsType<ServiceItem> = [
    {
      title: t('services.item.name'),
      dataIndex: 'name',
      render: (name: string, i) => (
        <Flex vertical gap={2}>
          <Link to={`/services/admin/items/${encodeURIComponent(i.code)}`} data-testid="admin-item-link">
            {name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.code}
            {phone ? ` · ${i.department} · ${workdays(i.deadlineWorkdays, t)}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    ...(phone
      ? []
      : [
          { title: t('services.item.department'), dataIndex: 'department', ...noWrap },
          {
            title: t('services.item.deadline'),
            dataIndex: 'deadlineWorkdays',
            ...noWrap,
            render: (n: number) => workdays(n, t),
          },
          {
            title: t('services.item.materials'),
            key: 'materials',
            ...noWrap,
            render: (_: unknown, i: ServiceItem) => i.materials.length,
          },
          {
            title: t('services.admin.active'),
            dataIndex: 'active',
            ...noWrap,
            render: (v: boolean | undefined) =>
              v === false ? (
                <Tag>{t('services.admin.inactive')}</Tag>
              ) : (
                <Tag color="green">{t('services.admin.activeYes')}</Tag>
              ),
          },
        ]),
  ];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Input.Search
          allowClear
          placeholder={t('services.catalogue.itemSearch')}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
          style={{ maxWidth: 320 }}
        />
        <Link to="/services/admin/items/new">
          <Button type="primary" icon={<PlusOutlined />} data-testid="item-add">
            {t('services.admin.addItem')}
          </Button>
        </Link>
      </Flex>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : (
        <Table<ServiceItem>
          rowKey="code"
          size="small"
          loading={loading}
          dataSource={rows}
          columns={columns}
          data-testid="admin-item-table"
          locale={{ emptyText: <Empty description={t('services.catalogue.noItems')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: rows.length,
            showSizeChanger: !phone,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
        />
      )}
    </Flex>
  );
}

export function ServicesAdminPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'items' ? 'items' : 'bundles';
  return (
    <div data-testid="bundle-admin">
      <Page title={t('nav.servicesAdmin')}>
        <Card>
          <Tabs
            activeKey={tab}
            onChange={(k) => setParams(k === 'items' ? { tab: 'items' } : {}, { replace: true })}
            items={[
              { key: 'bundles', label: t('services.admin.bundlesTab'), children: <BundlesTab /> },
              { key: 'items', label: t('services.admin.itemsTab'), children: <ItemsAdminTab /> },
            ]}
          />
        </Card>
      </Page>
    </div>
  );
}

// ---- bundle editor ----

interface TaskRow {
  key: string;
  itemCode: string;
  dependsOn: string[];
}

interface BundleFormValues {
  code: string;
  name: string;
  category: BundleCategory;
  description: string;
  launchedOn?: Dayjs | null;
  active: boolean;
}

/** Property names of an item's form schema. */
function fieldsOf(schema: JsonSchema): { name: string; title: string }[] {
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(props).map(([name, p]) => ({
    name,
    title: typeof p.title === 'string' ? p.title : name,
  }));
}

function BundleEditor({ existing, items }: { existing: Bundle | undefined; items: ServiceItem[] }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<BundleFormValues>();
  const [tasks, setTasks] = useState<TaskRow[]>(
    () =>
      existing?.tasks.map((x) => ({ key: x.key, itemCode: x.itemCode, dependsOn: [...x.dependsOn] })) ?? [],
  );
  const [sharedFields, setSharedFields] = useState<string[]>(() => existing?.sharedFields ?? []);
  const [error, setError] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const byCode = useMemo(() => new Map(items.map((i) => [i.code, i])), [items]);

  const chosen = tasks.map((x) => x.itemCode);
  const setItems = (codes: string[]) => {
    setTasks((rows) => {
      const kept = rows.filter((r) => codes.includes(r.itemCode));
      const used = new Set(kept.map((r) => r.key));
      const added = codes
        .filter((c) => !kept.some((r) => r.itemCode === c))
        .map((c) => {
          const key = taskKeyFor(c, used);
          used.add(key);
          return { key, itemCode: c, dependsOn: [] as string[] };
        });
      const keys = new Set([...kept, ...added].map((r) => r.key));
      return [...kept, ...added].map((r) => ({ ...r, dependsOn: r.dependsOn.filter((d) => keys.has(d)) }));
    });
  };

  const fieldUse = useMemo(() => {
    const use = new Map<string, { title: string; items: string[] }>();
    for (const r of tasks) {
      const item = byCode.get(r.itemCode);
      if (!item) continue;
      for (const f of fieldsOf(item.formSchema)) {
        const entry = use.get(f.name) ?? { title: f.title, items: [] };
        entry.items.push(item.name);
        use.set(f.name, entry);
      }
    }
    return use;
  }, [tasks, byCode]);

  const graphTasks = tasks.map((r) => {
    const item = byCode.get(r.itemCode);
    return {
      key: r.key,
      name: item?.name ?? r.itemCode,
      department: item?.department ?? '',
      dependsOn: r.dependsOn,
      deadlineWorkdays: item?.deadlineWorkdays ?? 0,
    };
  });
  const longest = criticalPathWorkdays(graphTasks);

  const save = (values: BundleFormValues) => {
    const body: BundleInput = {
      code: values.code.trim(),
      name: values.name.trim(),
      category: values.category,
      description: values.description?.trim() ?? '',
      items: chosen,
      tasks,
      active: values.active,
      sharedFields: sharedFields.filter((f) => fieldUse.has(f)),
      ...(values.launchedOn ? { launchedOn: toDay(values.launchedOn) } : {}),
    };
    setSaving(true);
    setError(undefined);
    const request = existing
      ? apiSend<Bundle>('PUT', servicesPaths.bundle(existing.code), body)
      : apiSend<Bundle>('POST', servicesPaths.bundles, body);
    request.then(
      (saved) => {
        setSaving(false);
        void message.success(t('services.admin.saved'));
        void navigate(`/services/bundles/${encodeURIComponent(saved.code)}`);
      },
      (cause: unknown) => {
        setSaving(false);
        setError(cause);
        if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
      },
    );
  };

  return (
    <Form<BundleFormValues>
      form={form}
      layout="vertical"
      onFinish={save}
      data-testid="bundle-form"
      initialValues={{
        code: existing?.code ?? '',
        name: existing?.name ?? '',
        category: existing?.category ?? 'other',
        description: existing?.description ?? '',
        launchedOn: existing?.launchedOn ? dayjs(existing.launchedOn) : null,
        active: existing?.active ?? true,
      }}
    >
      <Flex vertical gap={16}>
        <Card title={t('services.admin.basics')}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="code"
                label={t('services.admin.code')}
                extra={t('services.admin.codeHint')}
                rules={[
                  { required: true, message: t('services.admin.required') },
                  { pattern: CODE_PATTERN, message: t('services.admin.codePattern') },
                ]}
              >
                <Input disabled={existing !== undefined} data-testid="bundle-code" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item
                name="name"
                label={t('services.admin.bundleName')}
                rules={[{ required: true, whitespace: true, message: t('services.admin.required') }]}
              >
                <Input maxLength={100} data-testid="bundle-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="category" label={t('services.admin.category')} rules={[{ required: true }]}>
                <Select
                  options={BUNDLE_CATEGORIES.map((c) => ({ value: c, label: t(`services.category.${c}`) }))}
                  data-testid="bundle-category-select"
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="description" label={t('services.admin.description')}>
                <Input.TextArea
                  autoSize={{ minRows: 2, maxRows: 5 }}
                  maxLength={1000}
                  data-testid="bundle-description"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="launchedOn" label={t('services.admin.launchedOn')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="active" label={t('services.admin.active')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('services.admin.pickItems')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            value={chosen}
            onChange={setItems}
            placeholder={t('services.admin.pickItemsPlaceholder')}
            style={{ width: '100%' }}
            options={items.map((i) => ({ value: i.code, label: `${i.name}（${i.department}）` }))}
            data-testid="bundle-items-select"
          />
        </Card>
        <Card title={t('services.admin.dependencies')}>
          {tasks.length === 0 ? (
            <Empty description={t('services.admin.noItemsYet')} />
          ) : (
            <Flex vertical gap={12}>
              {tasks.map((r) => {
                const item = byCode.get(r.itemCode);
                const options = tasks
                  .filter((o) => o.key !== r.key)
                  .map((o) => ({
                    value: o.key,
                    label: byCode.get(o.itemCode)?.name ?? o.itemCode,
                    disabled: !r.dependsOn.includes(o.key) && createsCycle(tasks, r.key, o.key),
                  }));
                return (
                  <Flex key={r.key} gap={8} wrap align="center" data-testid="dependency-row" data-key={r.key}>
                    <Typography.Text strong style={{ flex: '0 1 220px' }}>
                      {item?.name ?? r.itemCode}
                    </Typography.Text>
                    <Typography.Text type="secondary">{t('services.admin.waitsFor')}</Typography.Text>
                    <Select
                      mode="multiple"
                      allowClear
                      showSearch={{ optionFilterProp: 'label' }}
                      value={r.dependsOn}
                      placeholder={t('services.admin.startsAtOnce')}
                      onChange={(deps: string[]) =>
                        setTasks((rows) => rows.map((x) => (x.key === r.key ? { ...x, dependsOn: deps } : x)))
                      }
                      options={options}
                      style={{ flex: '1 1 260px', minWidth: 0 }}
                      data-testid="dependency-select"
                    />
                  </Flex>
                );
              })}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('services.admin.cycleHint')}
              </Typography.Text>
            </Flex>
          )}
        </Card>
        <Card title={t('services.admin.preview')} extra={tasks.length > 0 ? workdays(longest, t) : undefined}>
          <TaskGraph tasks={graphTasks} />
        </Card>
        <Card title={t('services.admin.sharedFields')}>
          {fieldUse.size === 0 ? (
            <Empty description={t('services.admin.noFields')} />
          ) : (
            <Flex vertical gap={8}>
              <Typography.Text type="secondary">{t('services.admin.sharedHint')}</Typography.Text>
              <Checkbox.Group
                value={sharedFields}
                onChange={(v) => setSharedFields(v)}
                data-testid="shared-fields"
                style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
                options={[...fieldUse].map(([name, u]) => ({
                  value: name,
                  label: (
                    <span>
                      {u.title}{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {u.items.length > 1
                          ? t('services.admin.usedByMany', {
                              count: u.items.length,
                              items: u.items.join('、'),
                            })
                          : u.items[0]}
                      </Typography.Text>
                    </span>
                  ),
                }))}
              />
            </Flex>
          )}
        </Card>
        {error !== undefined && <ErrorAlert error={error} />}
        <Flex justify="flex-end" gap={8}>
          <Link to="/services/admin">
            <Button>{t('common.cancel')}</Button>
          </Link>
          <Button
            type="primary"
            htmlType="submit"
            loading={saving}
            disabled={tasks.length === 0}
            data-testid="bundle-save"
          >
            {t('common.save')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}

export function BundleEditPage() {
  const t = useT();
  const { code } = useParams();
  const isNew = code === undefined;
  const existing = useApi<Bundle>(isNew ? null : servicesPaths.bundle(code));
  const items = useApi<ServiceItem[]>(servicesPaths.items);
  const error = existing.error ?? items.error;
  const ready = items.data && (isNew || existing.data);
  return (
    <Page
      title={
        isNew
          ? t('services.admin.addBundle')
          : t('services.admin.editBundle', { name: existing.data?.name ?? '' })
      }
      extra={
        <Link to="/services/admin">
          <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
        </Link>
      }
    >
      {error ? (
        <ErrorAlert error={error} />
      ) : !ready ? (
        <Card>
          <CardSkeleton rows={8} />
        </Card>
      ) : (
        <BundleEditor existing={existing.data} items={items.data ?? []} />
      )}
    </Page>
  );
}

// ---- item editor ----

interface MaterialRowValues {
  code: string;
  name: string;
  required: boolean;
  replaceableBy: ReplaceableBy | 'none';
  accept: string[];
  maxMb: number;
  promiseReplaces: boolean;
}

interface ItemFormValues {
  code: string;
  name: string;
  departmentId: string;
  deadlineWorkdays: number;
  legalBasis: string;
  promiseAllowed: boolean;
  active: boolean;
  produces: { kind: ResultKind; name: string }[];
  materials: MaterialRowValues[];
  formSchemaText: string;
}

const EMPTY_SCHEMA = JSON.stringify({ type: 'object', properties: {}, required: [] }, null, 2);

function parseSchema(text: string): JsonSchema | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return value as JsonSchema;
  } catch {
    return undefined;
  }
}

function ItemEditor({
  existing,
  departments,
}: {
  existing: ServiceItem | undefined;
  departments: Department[];
}) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemFormValues>();
  const [error, setError] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const schemaText = Form.useWatch('formSchemaText', form) ?? '';
  const [preview, setPreview] = useState<JsonSchema | undefined>(() =>
    existing ? existing.formSchema : parseSchema(EMPTY_SCHEMA),
  );
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setPreview(parseSchema(schemaText)), 400);
    return () => window.clearTimeout(timer.current);
  }, [schemaText]);

  const save = (values: ItemFormValues) => {
    const schema = parseSchema(values.formSchemaText);
    if (!schema) return;
    const materials: Material[] = (values.materials ?? []).map((m) => ({
      code: m.code.trim(),
      name: m.name.trim(),
      required: m.required,
      replaceableBy: m.replaceableBy === 'none' ? null : m.replaceableBy,
      accept: m.accept,
      maxBytes: Math.round(m.maxMb * 1024 * 1024),
      promiseReplaces: m.promiseReplaces,
    }));
    const body: ItemInput = {
      code: values.code.trim(),
      name: values.name.trim(),
      departmentId: values.departmentId,
      deadlineWorkdays: values.deadlineWorkdays,
      legalBasis: values.legalBasis.trim(),
      promiseAllowed: values.promiseAllowed,
      active: values.active,
      produces: values.produces ?? [],
      materials,
      formSchema: schema,
    };
    setSaving(true);
    setError(undefined);
    const request = existing
      ? apiSend<ServiceItem>('PUT', servicesPaths.item(existing.code), body)
      : apiSend<ServiceItem>('POST', servicesPaths.items, body);
    request.then(
      () => {
        setSaving(false);
        void message.success(t('services.admin.saved'));
        void navigate('/services/admin?tab=items');
      },
      (cause: unknown) => {
        setSaving(false);
        setError(cause);
        if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
      },
    );
  };

  const initial: ItemFormValues = {
    code: existing?.code ?? '',
    name: existing?.name ?? '',
    departmentId: existing?.departmentId ?? '',
    deadlineWorkdays: existing?.deadlineWorkdays ?? 1,
    legalBasis: existing?.legalBasis ?? '',
    promiseAllowed: existing?.promiseAllowed ?? false,
    active: existing?.active ?? true,
    produces: existing?.produces ?? [],
    materials: (existing?.materials ?? []).map((m) => ({
      code: m.code,
      name: m.name,
      required: m.required,
      replaceableBy: m.replaceableBy ?? 'none',
      accept: m.accept,
      maxMb: Math.round((m.maxBytes / 1024 / 1024) * 10) / 10,
      promiseReplaces: m.promiseReplaces ?? false,
    })),
    formSchemaText: existing ? JSON.stringify(existing.formSchema, null, 2) : EMPTY_SCHEMA,
  };

  return (
    <Form<ItemFormValues>
      form={form}
      layout="vertical"
      onFinish={save}
      initialValues={initial}
      data-testid="item-form"
    >
      <Flex vertical gap={16}>
        <Card title={t('services.admin.basics')}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="code"
                label={t('services.admin.code')}
                rules={[
                  { required: true, message: t('services.admin.required') },
                  { pattern: CODE_PATTERN, message: t('services.admin.codePattern') },
                ]}
              >
                <Input disabled={existing !== undefined} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                name="name"
                label={t('services.item.name')}
                rules={[{ required: true, whitespace: true, message: t('services.admin.required') }]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item
                name="departmentId"
                label={t('services.item.department')}
                rules={[{ required: true, message: t('services.admin.required') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={departments.map((d) => ({ value: d.id, label: d.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="deadlineWorkdays"
                label={t('services.item.deadline')}
                rules={[{ required: true, message: t('services.admin.required') }]}
              >
                <InputNumber
                  min={0}
                  max={365}
                  style={{ width: '100%' }}
                  addonAfter={t('services.admin.workdaysUnit')}
                />
              </Form.Item>
            </Col>
            <Col xs={6} md={4}>
              <Form.Item name="promiseAllowed" label={t('services.item.promise')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={6} md={4}>
              <Form.Item name="active" label={t('services.admin.active')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="legalBasis"
                label={t('services.item.legalBasis')}
                rules={[{ required: true, whitespace: true, min: 2, message: t('services.admin.required') }]}
              >
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('services.admin.produces')}>
          <Form.List name="produces">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} wrap align="start">
                    <Form.Item
                      name={[f.name, 'kind']}
                      rules={[{ required: true }]}
                      style={{ margin: 0, width: 120 }}
                    >
                      <Select
                        options={(['licence', 'record'] as const).map((k) => ({
                          value: k,
                          label: t(`services.result.${k}`),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'name']}
                      rules={[{ required: true, whitespace: true, message: t('services.admin.required') }]}
                      style={{ margin: 0, flex: '1 1 200px' }}
                    >
                      <Input placeholder={t('services.admin.resultName')} />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                      aria-label={t('common.remove')}
                    />
                  </Flex>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ kind: 'licence', name: '' })}
                  style={{ alignSelf: 'start' }}
                >
                  {t('services.admin.addResult')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Card>
        <Card title={t('services.admin.materials')}>
          <Form.List name="materials">
            {(fields, { add, remove }) => (
              <Flex vertical gap={12}>
                {fields.map((f) => (
                  <Card key={f.key} size="small">
                    <Row gutter={8}>
                      <Col xs={24} md={6}>
                        <Form.Item
                          name={[f.name, 'code']}
                          label={t('services.admin.code')}
                          rules={[
                            {
                              required: true,
                              pattern: CODE_PATTERN,
                              message: t('services.admin.codePattern'),
                            },
                          ]}
                        >
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={10}>
                        <Form.Item
                          name={[f.name, 'name']}
                          label={t('services.material.name')}
                          rules={[
                            { required: true, whitespace: true, message: t('services.admin.required') },
                          ]}
                        >
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item
                          name={[f.name, 'maxMb']}
                          label={t('services.material.maxSize')}
                          rules={[{ required: true }]}
                        >
                          <InputNumber
                            min={0.1}
                            max={20}
                            step={0.5}
                            addonAfter="MB"
                            style={{ width: '100%' }}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item
                          name={[f.name, 'required']}
                          label={t('services.material.required')}
                          valuePropName="checked"
                        >
                          <Switch />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={10}>
                        <Form.Item
                          name={[f.name, 'accept']}
                          label={t('services.material.types')}
                          rules={[
                            { required: true, type: 'array', min: 1, message: t('services.admin.required') },
                          ]}
                        >
                          <Select
                            mode="multiple"
                            options={ACCEPT_TYPES.map((x) => ({ value: x, label: x.toUpperCase() }))}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8}>
                        <Form.Item name={[f.name, 'replaceableBy']} label={t('services.admin.replaceableBy')}>
                          <Select
                            options={[
                              { value: 'none', label: t('common.none') },
                              { value: 'elicence', label: t('services.replace.elicence') },
                              { value: 'earlier_submission', label: t('services.replace.earlier') },
                            ]}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={18} md={4}>
                        <Form.Item
                          name={[f.name, 'promiseReplaces']}
                          label={t('services.admin.promiseReplaces')}
                          valuePropName="checked"
                        >
                          <Switch />
                        </Form.Item>
                      </Col>
                      <Col xs={6} md={2} style={{ display: 'flex', alignItems: 'center' }}>
                        <Button
                          danger
                          icon={<DeleteOutlined />}
                          onClick={() => remove(f.name)}
                          aria-label={t('common.remove')}
                        />
                      </Col>
                    </Row>
                  </Card>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  style={{ alignSelf: 'start' }}
                  onClick={() =>
                    add({
                      code: '',
                      name: '',
                      required: true,
                      replaceableBy: 'none',
                      accept: ['pdf', 'jpg', 'png'],
                      maxMb: 10,
                      promiseReplaces: false,
                    })
                  }
                >
                  {t('services.admin.addMaterial')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Card>
        <Card title={t('services.admin.formSchema')}>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Form.Item
                name="formSchemaText"
                extra={t('services.admin.formSchemaHint')}
                rules={[
                  {
                    validator: (_, v: string) =>
                      parseSchema(v)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('services.admin.schemaInvalid'))),
                  },
                ]}
              >
                <Input.TextArea
                  autoSize={{ minRows: 12, maxRows: 30 }}
                  style={{ fontFamily: 'monospace', fontSize: 12 }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Typography.Text type="secondary">{t('services.admin.formPreview')}</Typography.Text>
              {preview ? (
                <PreviewForm schema={preview} />
              ) : (
                <Alert type="warning" showIcon title={t('services.admin.schemaInvalid')} />
              )}
            </Col>
          </Row>
        </Card>
        {error !== undefined && <ErrorAlert error={error} />}
        <Flex justify="flex-end" gap={8}>
          <Link to="/services/admin?tab=items">
            <Button>{t('common.cancel')}</Button>
          </Link>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="item-save">
            {t('common.save')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}

function PreviewForm({ schema }: { schema: JsonSchema }) {
  const [data, setData] = useState<Record<string, unknown>>({});
  return <SchemaForm schema={schema} formData={data} onChange={setData} />;
}

export function ItemEditPage() {
  const t = useT();
  const { code } = useParams();
  const isNew = code === undefined;
  const existing = useApi<ServiceItem>(isNew ? null : servicesPaths.item(code));
  const departments = useApi<Department[]>('/api/departments');
  const error = existing.error ?? departments.error;
  const ready = departments.data && (isNew || existing.data);
  return (
    <Page
      title={
        isNew
          ? t('services.admin.addItem')
          : t('services.admin.editItem', { name: existing.data?.name ?? '' })
      }
      extra={
        <Link to="/services/admin?tab=items">
          <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
        </Link>
      }
    >
      {error ? (
        <ErrorAlert error={error} />
      ) : !ready ? (
        <Card>
          <CardSkeleton rows={8} />
        </Card>
      ) : (
        <ItemEditor existing={existing.data} departments={departments.data ?? []} />
      )}
    </Page>
  );
}
