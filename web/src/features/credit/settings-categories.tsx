/**
 * 信用信息目录 tab of 信用规则配置: the categories with their fields, each edited in a drawer and saved whole with
 * `PUT /api/credit/categories/{code}`. The form repeats the server's own checks (records.service.ts
 * `checkCategoryFields`): field keys are lower-case identifiers, unique and not one of the core columns; an enum field
 * needs options; a penalty category keeps a required `severity` field.
 */
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Select,
  Space,
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
import type { Category, CategoryField, CategoryUpdate, Department, FieldType } from './credit.api.ts';

const PAGE_SIZE = 10;
const FIELD_TYPES = ['string', 'number', 'date', 'enum', 'boolean'] as const satisfies readonly FieldType[];
/** The columns every record has (row-validation.ts CORE_FIELDS); a category field may not reuse their keys. */
const CORE_KEYS: readonly string[] = ['uscc', 'entityName', 'decisionNo', 'decisionDate'];
const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const MAX_FIELDS = 50;

interface FieldValues {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  options?: string[];
  maxLength?: number | null;
}

interface CategoryValues {
  name: string;
  description: string;
  collection: Category['collection'];
  departmentCodes: string[];
  public: boolean;
  active: boolean;
  fields: FieldValues[];
}

function toValues(c: Category): CategoryValues {
  return {
    name: c.name,
    description: c.description,
    collection: c.collection,
    departmentCodes: [...c.departmentCodes],
    public: c.public,
    active: c.active,
    fields: c.fields.map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type,
      required: f.required,
      options: f.options ? [...f.options] : [],
      maxLength: f.maxLength ?? null,
    })),
  };
}

function toBody(v: CategoryValues): CategoryUpdate {
  const fields: CategoryField[] = (v.fields ?? []).map((f) => {
    const options = (f.options ?? []).map((o) => o.trim()).filter((o) => o !== '');
    return {
      key: f.key.trim(),
      label: f.label.trim(),
      type: f.type,
      required: f.required === true,
      ...(f.type === 'enum' ? { options } : {}),
      ...(f.type === 'string' && typeof f.maxLength === 'number' ? { maxLength: f.maxLength } : {}),
    };
  });
  return {
    name: v.name.trim(),
    description: (v.description ?? '').trim(),
    fields,
    collection: v.collection,
    departmentCodes: v.departmentCodes ?? [],
    public: v.public === true,
    active: v.active === true,
  };
}

/** Names a field of the form for an error list: "字段 2 · 选项". */
function fieldLabelOf(t: Translate) {
  return (path: (string | number)[]): string | undefined => {
    const [head, index, member] = path;
    if (head === 'fields' && typeof index === 'number') {
      const which = t('credit.settings.fieldNo', { no: index + 1 });
      const part =
        member === 'key'
          ? t('credit.settings.fieldKey')
          : member === 'label'
            ? t('credit.settings.fieldLabel')
            : member === 'type'
              ? t('credit.settings.fieldType')
              : member === 'options'
                ? t('credit.settings.fieldOptions')
                : member === 'maxLength'
                  ? t('credit.settings.fieldMaxLength')
                  : undefined;
      return part ? `${which} · ${part}` : which;
    }
    const names: Record<string, string> = {
      fields: t('credit.settings.fields'),
      name: t('credit.settings.name'),
      description: t('credit.settings.description'),
      collection: t('credit.settings.collection'),
      departmentCodes: t('credit.settings.departments'),
      public: t('credit.settings.public'),
      active: t('credit.settings.active'),
    };
    return typeof head === 'string' ? names[head] : undefined;
  };
}

function CategoryDrawer({
  category,
  departments,
  onClose,
  onSaved,
}: {
  category: Category;
  departments: readonly Department[];
  onClose: () => void;
  onSaved: (saved: Category) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CategoryValues>();
  const [error, setError] = useState<unknown>(undefined);
  const save = useApiMutation('put', '/api/credit/categories/{code}', { invalidates: ['/api/credit'] });
  const watched = Form.useWatch('fields', form);

  const submit = async (v: CategoryValues) => {
    setError(undefined);
    try {
      const saved = await save.mutateAsync({ params: { path: { code: category.code } }, body: toBody(v) });
      void message.success(t('credit.settings.categorySaved', { name: saved.name }));
      onSaved(saved);
    } catch (cause) {
      setError(cause);
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    }
  };

  const departmentOptions = departments.map((d) => ({ value: d.code, label: d.name }));

  return (
    <Drawer
      open
      title={t('credit.settings.editCategory', { name: category.name })}
      onClose={onClose}
      size="large"
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="category-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
      data-testid="category-drawer"
    >
      {error !== undefined && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} fieldLabel={fieldLabelOf(t)} />
        </div>
      )}
      <Form<CategoryValues>
        form={form}
        layout="vertical"
        initialValues={toValues(category)}
        onFinish={(v) => void submit(v)}
        onFinishFailed={() => void message.error(t('credit.settings.fixForm'))}
        scrollToFirstError
        data-testid="category-form"
      >
        <Typography.Paragraph type="secondary">
          {t('credit.settings.categoryCode', {
            code: category.code,
            kind: t(`credit.settings.kind.${category.kind}`),
          })}
        </Typography.Paragraph>
        <Form.Item
          name="name"
          label={t('credit.settings.name')}
          rules={[{ required: true, whitespace: true, max: 100 }]}
        >
          <Input maxLength={100} data-testid="category-name" />
        </Form.Item>
        <Form.Item name="description" label={t('credit.settings.description')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Flex wrap gap={16}>
          <Form.Item name="collection" label={t('credit.settings.collection')} style={{ minWidth: 180 }}>
            <Select
              options={(['monthly', 'on_event'] as const).map((c) => ({
                value: c,
                label: t(`credit.settings.collection.${c}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="public" label={t('credit.settings.public')} valuePropName="checked">
            <Switch data-testid="category-public" />
          </Form.Item>
          <Form.Item name="active" label={t('credit.settings.active')} valuePropName="checked">
            <Switch data-testid="category-active" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="departmentCodes"
          label={t('credit.settings.departments')}
          extra={t('credit.settings.departmentsHint')}
        >
          <Select
            aria-label={t('credit.settings.allDepartments')}
            mode="multiple"
            allowClear
            options={departmentOptions}
            optionFilterProp="label"
            placeholder={t('credit.settings.allDepartments')}
            data-testid="category-departments"
          />
        </Form.Item>

        <Typography.Title level={5}>{t('credit.settings.fields')}</Typography.Title>
        {category.kind === 'penalty' && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('credit.settings.penaltySeverityNote')}
          />
        )}
        <Form.List
          name="fields"
          rules={[
            {
              validator: async (_: unknown, fields: FieldValues[] | undefined) => {
                if (
                  category.kind === 'penalty' &&
                  !(fields ?? []).some((f) => f?.key === 'severity' && f.required === true)
                ) {
                  throw new Error(t('credit.settings.penaltySeverityNote'));
                }
              },
            },
          ]}
        >
          {(items, { add, remove }, { errors }) => (
            <Flex vertical gap={12}>
              {items.length === 0 && (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('credit.settings.noFields')} />
              )}
              {items.map((item, index) => {
                const current = watched?.[index];
                const type = current?.type;
                const key = current?.key ?? '';
                // Form.List numbers the initial rows 0…n-1 and never reuses a number, so this is the saved field.
                const original = item.key < category.fields.length ? category.fields[item.key] : undefined;
                return (
                  <Card
                    key={item.key}
                    size="small"
                    title={t('credit.settings.fieldNo', { no: index + 1 })}
                    extra={
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => remove(item.name)}
                        aria-label={t('common.remove')}
                        data-testid="field-remove"
                      >
                        {t('common.remove')}
                      </Button>
                    }
                    data-testid="category-field"
                    data-key={key}
                  >
                    <Flex wrap gap={12}>
                      <Form.Item
                        name={[item.name, 'key']}
                        label={t('credit.settings.fieldKey')}
                        style={{ flex: '1 1 160px', marginBottom: 8 }}
                        extra={
                          original !== undefined && key !== original.key
                            ? t('credit.settings.keyRenamedHint', { key: original.key })
                            : undefined
                        }
                        rules={[
                          { required: true, message: t('credit.settings.keyRequired') },
                          { pattern: KEY_PATTERN, message: t('credit.settings.keyPattern') },
                          {
                            validator: async (_: unknown, value: string | undefined) => {
                              if (!value) return;
                              if (CORE_KEYS.includes(value))
                                throw new Error(t('credit.settings.keyReserved', { key: value }));
                              const all: FieldValues[] = form.getFieldValue('fields') ?? [];
                              if (all.filter((f) => f?.key === value).length > 1)
                                throw new Error(t('credit.settings.keyDuplicate', { key: value }));
                            },
                          },
                        ]}
                      >
                        <Input maxLength={40} data-testid="field-key" />
                      </Form.Item>
                      <Form.Item
                        name={[item.name, 'label']}
                        label={t('credit.settings.fieldLabel')}
                        style={{ flex: '2 1 200px', marginBottom: 8 }}
                        rules={[{ required: true, whitespace: true, max: 50 }]}
                      >
                        <Input maxLength={50} data-testid="field-label" />
                      </Form.Item>
                      <Form.Item
                        name={[item.name, 'type']}
                        label={t('credit.settings.fieldType')}
                        style={{ flex: '1 1 120px', marginBottom: 8 }}
                        rules={[{ required: true }]}
                      >
                        <Select
                          options={FIELD_TYPES.map((ft) => ({
                            value: ft,
                            label: t(`credit.settings.type.${ft}`),
                          }))}
                          data-testid="field-type"
                        />
                      </Form.Item>
                      <Form.Item
                        name={[item.name, 'required']}
                        label={t('credit.settings.fieldRequired')}
                        valuePropName="checked"
                        style={{ marginBottom: 8 }}
                      >
                        <Switch data-testid="field-required" />
                      </Form.Item>
                    </Flex>
                    {type === 'enum' && (
                      <Form.Item
                        name={[item.name, 'options']}
                        label={t('credit.settings.fieldOptions')}
                        extra={t('credit.settings.optionsHint')}
                        style={{ marginBottom: 8 }}
                        rules={[
                          {
                            validator: async (_: unknown, value: string[] | undefined) => {
                              const list = (value ?? []).map((o) => o.trim()).filter((o) => o !== '');
                              if (list.length === 0) throw new Error(t('credit.settings.optionsRequired'));
                              if (list.length > 100) throw new Error(t('credit.settings.optionsTooMany'));
                              if (list.some((o) => o.length > 50))
                                throw new Error(t('credit.settings.optionTooLong'));
                            },
                          },
                        ]}
                      >
                        <Select
                          mode="tags"
                          tokenSeparators={[',', '，', '、']}
                          open={false}
                          suffixIcon={null}
                          placeholder={t('credit.settings.optionsPlaceholder')}
                          data-testid="field-options"
                        />
                      </Form.Item>
                    )}
                    {type === 'string' && (
                      <Form.Item
                        name={[item.name, 'maxLength']}
                        label={t('credit.settings.fieldMaxLength')}
                        extra={t('credit.settings.maxLengthHint')}
                        style={{ marginBottom: 8 }}
                      >
                        <InputNumber min={1} max={20000} precision={0} style={{ width: 160 }} />
                      </Form.Item>
                    )}
                  </Card>
                );
              })}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={items.length >= MAX_FIELDS}
                onClick={() => add({ key: '', label: '', type: 'string', required: false, options: [] })}
                data-testid="field-add"
              >
                {t('credit.settings.addField')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

export function CategorySettings() {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const wide = screens.md === true;
  const { data, error, isLoading, isFetching, refetch } = useApiQuery('/api/credit/categories');
  const departments = useApiQuery('/api/departments');
  const [editing, setEditing] = useState<Category | null>(null);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const deptName = useMemo(
    () => new Map((departments.data ?? []).map((d) => [d.code, d.name])),
    [departments.data],
  );
  const items = useMemo(() => {
    const all = data?.items ?? [];
    const needle = q.trim().toLowerCase();
    if (!needle) return all;
    return all.filter((c) => c.name.toLowerCase().includes(needle) || c.code.includes(needle));
  }, [data, q]);

  const columns: TableColumnsType<Category> = [
    {
      title: t('credit.settings.name'),
      key: 'name',
      render: (_: unknown, c) => (
        <Flex vertical>
          <span>{c.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {c.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('credit.settings.kind'),
      dataIndex: 'kind',
      ...noWrap,
      responsive: ['md'],
      render: (k: Category['kind']) => t(`credit.settings.kind.${k}`),
    },
    {
      title: t('credit.settings.collection'),
      dataIndex: 'collection',
      ...noWrap,
      responsive: ['lg'],
      render: (c: Category['collection']) => t(`credit.settings.collection.${c}`),
    },
    {
      title: t('credit.settings.fields'),
      key: 'fields',
      responsive: ['lg'],
      render: (_: unknown, c) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {c.fields.map((f) => f.label).join('、') || '—'}
        </Typography.Text>
      ),
    },
    {
      title: t('credit.settings.departments'),
      key: 'departments',
      responsive: ['md'],
      render: (_: unknown, c) =>
        c.departmentCodes.length === 0 ? (
          <Typography.Text type="secondary">{t('credit.settings.allDepartments')}</Typography.Text>
        ) : (
          c.departmentCodes.map((d) => deptName.get(d) ?? d).join('、')
        ),
    },
    {
      title: t('credit.settings.state'),
      key: 'state',
      ...noWrap,
      render: (_: unknown, c) => (
        <Flex vertical gap={4} align="flex-start">
          <Tag
            color={c.active ? 'success' : 'default'}
            data-testid="category-active-tag"
            data-active={c.active}
          >
            {c.active ? t('credit.settings.activeOn') : t('credit.settings.activeOff')}
          </Tag>
          <Tag color={c.public ? 'processing' : 'default'}>
            {c.public ? t('credit.settings.publicOn') : t('credit.settings.publicOff')}
          </Tag>
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      ...noWrap,
      render: (_: unknown, c) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          onClick={() => setEditing(c)}
          aria-label={t('credit.settings.edit')}
          data-testid="category-edit"
        >
          {wide ? t('credit.settings.edit') : null}
        </Button>
      ),
    },
  ];

  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (isLoading && !data) return <CardSkeleton rows={6} />;
  return (
    <Flex vertical gap={12} data-testid="settings-categories">
      <Typography.Text type="secondary">{t('credit.settings.categoriesIntro')}</Typography.Text>
      {departments.error && (
        <ErrorAlert
          error={departments.error}
          title={t('credit.settings.departmentsFailed')}
          onRetry={() => void departments.refetch()}
        />
      )}
      <Input.Search
        allowClear
        placeholder={t('credit.settings.searchCategory')}
        onSearch={(v) => {
          setQ(v);
          setPage(1);
        }}
        onChange={(e) => {
          if (e.target.value === '') {
            setQ('');
            setPage(1);
          }
        }}
        style={{ maxWidth: 360 }}
        data-testid="category-search"
      />
      <Table<Category>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={items}
        loading={isFetching}
        locale={{
          emptyText: (
            <Empty
              description={q ? t('credit.settings.noCategoryMatch') : t('credit.settings.noCategories')}
            />
          ),
        }}
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
        data-testid="category-table"
      />
      {editing && (
        <CategoryDrawer
          category={editing}
          departments={departments.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      )}
    </Flex>
  );
}
