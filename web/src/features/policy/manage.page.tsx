/**
 * 政策管理 (officers with policy.author): the department's policies; one policy's details, clauses (rule editor,
 * benefit, tests), publication — refused in words while a test fails — and withdrawal.
 */
import { EditOutlined, PlusOutlined, RocketOutlined, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Switch,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, apiSend } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useApi } from '../../api/use-api.ts';
import { formatDateTime, formatDay } from '../../app/format.ts';
import { useT, type Translate } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { readPaging } from '../../components/paging.ts';
import { noWrap } from '../../components/table-columns.ts';
import { ClauseEditor, testFailureText } from './clause-editor.tsx';
import { policyPaths } from './policy.api.ts';
import {
  POLICY_STATUSES,
  type PolicyDetail,
  type PolicyInput,
  type PolicyStatus,
  type TestResult,
} from './policy.types.ts';
import { ModeTag, PolicyStatusTag, TopicTags, usePhone, useTopics } from './policy-ui.tsx';

interface PolicyFormValues {
  code?: string;
  title: string;
  documentNo: string;
  issuedOn: Dayjs;
  summary?: string;
  topics?: string[];
  measureNos?: string[];
  demo?: boolean;
}

function toInput(v: PolicyFormValues): PolicyInput {
  return {
    ...(v.code?.trim() ? { code: v.code.trim() } : {}),
    title: v.title.trim(),
    documentNo: v.documentNo.trim(),
    issuedOn: v.issuedOn.format('YYYY-MM-DD'),
    summary: (v.summary ?? '').trim(),
    topics: v.topics ?? [],
    measureNos: (v.measureNos ?? []).map(Number).filter((n) => Number.isInteger(n) && n > 0),
    demo: v.demo ?? false,
  };
}

function PolicyFields({ withCode }: { withCode: boolean }) {
  const t = useT();
  const { topics, label } = useTopics();
  return (
    <Row gutter={16}>
      <Col xs={24} md={16}>
        <Form.Item
          name="title"
          label={t('policy.form.title')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('policy.form.titleRequired') }]}
        >
          <Input maxLength={200} data-testid="policy-title-input" />
        </Form.Item>
      </Col>
      {withCode && (
        <Col xs={24} md={8}>
          <Form.Item name="code" label={t('policy.code')} extra={t('policy.form.codeHint')}>
            <Input maxLength={40} placeholder="XC-KJ-2026-01" data-testid="policy-code-input" />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} md={8}>
        <Form.Item
          name="documentNo"
          label={t('policy.documentNo')}
          rules={[{ required: true, whitespace: true, message: t('policy.form.documentNoRequired') }]}
        >
          <Input maxLength={100} data-testid="policy-docno-input" />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item
          name="issuedOn"
          label={t('policy.issuedOn')}
          rules={[{ required: true, message: t('policy.form.issuedOnRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="policy-issued-input" />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name="demo" label={t('policy.form.demo')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="topics" label={t('policy.topics')}>
          <Select
            mode="multiple"
            options={topics.map((topic) => ({ value: topic.code, label: label(topic.code) }))}
            data-testid="policy-topics-input"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="measureNos" label={t('policy.measures')} extra={t('policy.form.measuresHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="summary" label={t('policy.form.summary')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
        </Form.Item>
      </Col>
    </Row>
  );
}

function CreatePolicyModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm<PolicyFormValues>();
  const [error, setError] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const create = async (values: PolicyFormValues) => {
    setSaving(true);
    setError(undefined);
    try {
      const created = await apiSend<PolicyDetail>('POST', policyPaths.create, toInput(values));
      onClose();
      void navigate(`/policies/manage/${created.id}?clause=new`);
    } catch (cause) {
      setError(cause);
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    } finally {
      setSaving(false);
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
      confirmLoading={saving}
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
      {error !== undefined && <ErrorAlert error={error} />}
    </Modal>
  );
}

export function ManagePoliciesPage() {
  const t = useT();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const { page, pageSize } = readPaging(params);
  const rawStatus = params.get('status') ?? '';
  const status = (POLICY_STATUSES as readonly string[]).includes(rawStatus)
    ? (rawStatus as PolicyStatus)
    : '';
  const { data, error, loading, reload } = useApi<PolicyDetail[]>(policyPaths.manage(status || undefined));
  const [creating, setCreating] = useState(false);
  const { label } = useTopics();

  const setParam = (key: string, value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
    if (key !== 'page' && key !== 'pageSize') next.delete('page');
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<PolicyDetail> = [
    {
      title: t('policy.form.title'),
      key: 'title',
      render: (_: unknown, p) => (
        <Flex vertical gap={2}>
          <Link to={`/policies/manage/${p.id}`} data-testid="manage-policy-link">
            {p.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.code} · {p.documentNo}
          </Typography.Text>
          {phone && (
            <Flex gap={4} wrap>
              <PolicyStatusTag status={p.status} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('policy.clauseCount', { count: p.clauses.length })}
              </Typography.Text>
            </Flex>
          )}
        </Flex>
      ),
    },
    ...(phone
      ? []
      : ([
          {
            title: t('policy.manage.status'),
            dataIndex: 'status',
            ...noWrap,
            render: (s: PolicyStatus) => <PolicyStatusTag status={s} />,
          },
          {
            title: t('policy.manage.clauses'),
            key: 'clauses',
            render: (_: unknown, p: PolicyDetail) => (
              <Flex gap={4} wrap>
                {p.clauses.map((c) => (
                  <ModeTag key={c.id} mode={c.mode} />
                ))}
                {p.clauses.length === 0 && '—'}
              </Flex>
            ),
          },
          {
            title: t('policy.topics'),
            key: 'topics',
            responsive: ['lg'],
            render: (_: unknown, p: PolicyDetail) => (
              <Flex gap={4} wrap>
                <TopicTags topics={p.topics} label={label} />
              </Flex>
            ),
          },
          {
            title: t('policy.manage.updatedAt'),
            dataIndex: 'updatedAt',
            ...noWrap,
            render: (v: string) => formatDateTime(v),
          },
        ] satisfies TableColumnsType<PolicyDetail>)),
  ];

  return (
    <div data-testid="policy-manage">
      <Page
        title={t('policy.manage.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="policy-new"
          >
            {t('policy.manage.create')}
          </Button>
        }
      >
        <Card size={phone ? 'small' : undefined}>
          <Flex gap={8} wrap style={{ marginBottom: 16 }}>
            <Select
              aria-label={t('policy.manage.anyStatus')}
              allowClear
              placeholder={t('policy.manage.anyStatus')}
              value={status || undefined}
              options={POLICY_STATUSES.map((s) => ({ value: s, label: t(`policy.status.${s}`) }))}
              onChange={(v: string | undefined) => setParam('status', v)}
              style={{ width: 160 }}
              data-testid="manage-filter-status"
            />
          </Flex>
          {error !== undefined && (
            <div style={{ marginBottom: 16 }}>
              <ErrorAlert error={error} onRetry={reload} />
            </div>
          )}
          <Table<PolicyDetail>
            rowKey="id"
            columns={columns}
            dataSource={data ?? []}
            loading={loading}
            locale={{ emptyText: <Empty description={t('policy.manage.empty')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: data?.length ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('policy.total', { total }),
              onChange: (p, s) => {
                const next = new URLSearchParams(params);
                next.set('page', String(p));
                next.set('pageSize', String(s));
                setParams(next, { replace: true });
              },
            }}
            scroll={phone ? undefined : { x: 800 }}
            data-testid="manage-table"
          />
        </Card>
        <CreatePolicyModal open={creating} onClose={() => setCreating(false)} />
      </Page>
    </div>
  );
}

/** The failures the server sends with `POLICY_TESTS_FAILING`, if it sent them in the expected shape. */
function failuresOf(error: unknown): TestResult[] {
  if (!(error instanceof ApiError)) return [];
  const value = error.problem.failures;
  return Array.isArray(value)
    ? value.filter(
        (x): x is TestResult => typeof x === 'object' && x !== null && 'name' in x && 'passed' in x,
      )
    : [];
}

function PublishRefusal({ error, t }: { error: unknown; t: Translate }) {
  const failures = failuresOf(error);
  if (
    !(error instanceof ApiError) ||
    (error.code !== 'POLICY_TESTS_FAILING' && error.code !== 'POLICY_NO_CLAUSES')
  )
    return <ErrorAlert error={error} />;
  return (
    <Alert
      type="error"
      showIcon
      title={
        error.code === 'POLICY_TESTS_FAILING'
          ? t('policy.publish.refusedTests')
          : t('policy.publish.refusedNoClauses')
      }
      description={
        <Flex vertical gap={4}>
          {error.detail && <span>{error.detail}</span>}
          {failures.length > 0 && (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {failures.map((f, i) => (
                <li key={`${f.clauseId}-${f.name}-${i}`}>
                  {t('policy.publish.failure', {
                    no: f.clauseNo,
                    name: f.name,
                    reason: testFailureText(f, t),
                  })}
                </li>
              ))}
            </ul>
          )}
        </Flex>
      }
      data-testid="publish-refused"
    />
  );
}

export function ManagePolicyPage() {
  const t = useT();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { data, error, loading, reload } = useApi<PolicyDetail>(policyPaths.managed(id));
  const [detail, setDetail] = useState<PolicyDetail | undefined>(undefined);
  const policy =
    detail && detail.id === data?.id && detail.updatedAt >= (data?.updatedAt ?? '') ? detail : data;
  const [editingInfo, setEditingInfo] = useState(false);
  const [infoForm] = Form.useForm<PolicyFormValues>();
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const selected = params.get('clause') ?? '';

  const openClause = (value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set('clause', value);
    else next.delete('clause');
    setParams(next, { replace: true });
  };

  const act = async (what: 'publish' | 'withdraw' | 'info', run: () => Promise<PolicyDetail>) => {
    setBusy(what);
    setActionError(undefined);
    try {
      const next = await run();
      setDetail(next);
      reload();
      if (what === 'publish') message.success(t('policy.publish.done'));
      if (what === 'withdraw') message.success(t('policy.withdraw.done'));
      if (what === 'info') {
        message.success(t('policy.form.saved'));
        setEditingInfo(false);
      }
    } catch (cause) {
      setActionError(cause);
      if (what === 'info' && cause instanceof ApiError) showFieldErrors(infoForm, cause.errors);
    } finally {
      setBusy(undefined);
    }
  };

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!policy)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  const clause = policy.clauses.find((c) => c.id === selected);

  return (
    <Page
      title={policy.title}
      extra={
        <Flex gap={8} wrap>
          <Link to="/policies/manage">
            <Button>{t('common.back')}</Button>
          </Link>
          {policy.status !== 'published' && (
            <Button
              type="primary"
              icon={<RocketOutlined />}
              loading={busy === 'publish'}
              onClick={() =>
                void act('publish', () => apiSend<PolicyDetail>('POST', policyPaths.publish(policy.id)))
              }
              data-testid="policy-publish"
            >
              {t('policy.publish.action')}
            </Button>
          )}
          {policy.status === 'published' && (
            <Popconfirm
              title={t('policy.withdraw.confirm')}
              okText={t('policy.withdraw.action')}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                act('withdraw', () => apiSend<PolicyDetail>('POST', policyPaths.withdraw(policy.id)))
              }
            >
              <Button
                danger
                icon={<StopOutlined />}
                loading={busy === 'withdraw'}
                data-testid="policy-withdraw"
              >
                {t('policy.withdraw.action')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      }
    >
      <div data-testid="policy-editor" data-status={policy.status} data-id={policy.id}>
        <Flex vertical gap={16}>
          {loading && <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>}
          {actionError !== undefined && <PublishRefusal error={actionError} t={t} />}
          <Card
            size="small"
            title={
              <Flex gap={8} align="center">
                <span>{t('policy.manage.info')}</span>
                <PolicyStatusTag status={policy.status} />
              </Flex>
            }
            extra={
              !editingInfo && (
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => {
                    infoForm.setFieldsValue({
                      title: policy.title,
                      documentNo: policy.documentNo,
                      issuedOn: dayjs(policy.issuedOn, 'YYYY-MM-DD'),
                      summary: policy.summary,
                      topics: policy.topics,
                      measureNos: policy.measureNos.map(String),
                      demo: policy.demo,
                    });
                    setEditingInfo(true);
                  }}
                >
                  {t('policy.manage.editInfo')}
                </Button>
              )
            }
          >
            {editingInfo ? (
              <Form<PolicyFormValues>
                form={infoForm}
                layout="vertical"
                onFinish={(v) =>
                  void act('info', () =>
                    apiSend<PolicyDetail>('PUT', policyPaths.update(policy.id), toInput(v)),
                  )
                }
              >
                <PolicyFields withCode={false} />
                <Flex gap={8}>
                  <Button type="primary" htmlType="submit" loading={busy === 'info'}>
                    {t('common.save')}
                  </Button>
                  <Button onClick={() => setEditingInfo(false)}>{t('common.cancel')}</Button>
                </Flex>
              </Form>
            ) : (
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'code', label: t('policy.code'), children: policy.code },
                  { key: 'doc', label: t('policy.documentNo'), children: policy.documentNo },
                  { key: 'issued', label: t('policy.issuedOn'), children: formatDay(policy.issuedOn) },
                  {
                    key: 'published',
                    label: t('policy.manage.publishedAt'),
                    children: formatDateTime(policy.publishedAt),
                  },
                  { key: 'summary', label: t('policy.form.summary'), children: policy.summary || '—' },
                ]}
              />
            )}
          </Card>
          <Card
            size="small"
            title={t('policy.manage.clauses')}
            extra={
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => openClause('new')}
                disabled={selected === 'new'}
                data-testid="clause-new"
              >
                {t('policy.clause.add')}
              </Button>
            }
          >
            {policy.clauses.length === 0 ? (
              <Empty description={t('policy.noClauses')} />
            ) : (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={policy.clauses}
                scroll={{ x: 640 }}
                data-testid="clause-table"
                columns={[
                  { title: t('policy.clause.no'), dataIndex: 'no', width: 56 },
                  { title: t('policy.clause.title'), dataIndex: 'title' },
                  {
                    title: t('policy.clause.mode'),
                    key: 'mode',
                    render: (_: unknown, c) => <ModeTag mode={c.mode} />,
                  },
                  {
                    title: t('policy.clause.subject'),
                    key: 'subject',
                    render: (_: unknown, c) => t(`policy.subject.${c.subject}`),
                  },
                  {
                    title: t('policy.tests.title'),
                    key: 'tests',
                    render: (_: unknown, c) => t('policy.tests.count', { count: c.tests.length }),
                  },
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, c) => (
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => openClause(c.id)}
                        data-testid="clause-edit"
                      >
                        {t('policy.clause.edit')}
                      </Button>
                    ),
                  },
                ]}
              />
            )}
          </Card>
          {(selected === 'new' || clause) && (
            <ClauseEditor
              key={selected}
              policy={policy}
              clause={clause}
              // A new clause keeps its editor (and its test results) open; the editor tracks the saved id.
              onSaved={(next) => setDetail(next)}
              onClose={() => openClause(undefined)}
            />
          )}
        </Flex>
      </div>
    </Page>
  );
}
