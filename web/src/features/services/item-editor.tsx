/** The item (事项) form: owner, deadline, materials and the JSON Schema of its form, with a live preview. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, type ApiData } from '../../api/client.ts';
import { useApiMutation } from '../../api/query.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CODE_PATTERN } from './services.api.ts';
import {
  type ItemInput,
  type JsonSchema,
  type Material,
  type ReplaceableBy,
  type ResultKind,
  type ServiceItem,
} from './services.api.ts';
import { PreviewForm } from './schema-preview.tsx';

const ACCEPT_TYPES = ['pdf', 'jpg', 'png', 'ofd', 'docx', 'xlsx'] as const;

interface MaterialRowValues {
  code: string;
  name: string;
  required: boolean;
  replaceableBy: ReplaceableBy | 'none';
  accept: Material['accept'];
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

export function ItemEditor({
  existing,
  departments,
}: {
  existing: ServiceItem | undefined;
  departments: ApiData<'get', '/api/departments'>;
}) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemFormValues>();
  // Saving changes the catalogue, its bundles (which show item names and deadlines) and the admin lists.
  const invalidates = ['/api/services/items', '/api/services/bundles'] as const;
  const create = useApiMutation('post', '/api/services/items', { invalidates });
  const update = useApiMutation('put', '/api/services/items/{code}', { invalidates });
  const error = create.error ?? update.error;
  const saving = create.isPending || update.isPending;
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
    const request = existing
      ? update.mutateAsync({ params: { path: { code: existing.code } }, body })
      : create.mutateAsync({ body });
    request.then(
      () => {
        void message.success(t('services.admin.saved'));
        void navigate('/services/admin?tab=items');
      },
      (cause: unknown) => {
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
        {error && <ErrorAlert error={error} />}
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
