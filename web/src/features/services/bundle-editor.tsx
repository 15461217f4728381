/** The bundle (一件事) form: its items, the order they run in (a task graph without cycles) and the shared fields. */
import {
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
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useApiMutation } from '../../api/query.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { toDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CODE_PATTERN, createsCycle, criticalPathWorkdays, taskKeyFor } from './services.api.ts';
import { workdays } from './services-ui.tsx';
import {
  BUNDLE_CATEGORIES,
  type Bundle,
  type BundleCategory,
  type BundleInput,
  type JsonSchema,
  type ServiceItem,
} from './services.api.ts';
import { TaskGraph } from './task-graph.tsx';

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

export function BundleEditor({ existing, items }: { existing: Bundle | undefined; items: ServiceItem[] }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<BundleFormValues>();
  const [tasks, setTasks] = useState<TaskRow[]>(
    () =>
      existing?.tasks.map((x) => ({ key: x.key, itemCode: x.itemCode, dependsOn: [...x.dependsOn] })) ?? [],
  );
  const [sharedFields, setSharedFields] = useState<string[]>(() => existing?.sharedFields ?? []);
  // Saving changes the catalogue's bundles (public and admin lists, the bundle page) and the overview's names.
  const invalidates = ['/api/services/bundles', '/api/services/overview'] as const;
  const create = useApiMutation('post', '/api/services/bundles', { invalidates });
  const update = useApiMutation('put', '/api/services/bundles/{code}', { invalidates });
  const error = create.error ?? update.error;
  const saving = create.isPending || update.isPending;
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
    const request = existing
      ? update.mutateAsync({ params: { path: { code: existing.code } }, body })
      : create.mutateAsync({ body });
    request.then(
      (saved) => {
        void message.success(t('services.admin.saved'));
        void navigate(`/services/bundles/${encodeURIComponent(saved.code)}`);
      },
      (cause: unknown) => {
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
        {error && <ErrorAlert error={error} />}
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
