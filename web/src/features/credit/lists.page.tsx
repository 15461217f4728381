/**
 * 红黑名单: the public red and black lists with entry and exit dates; a department's own entries, which it adds and
 * removes (`credit.review`); the sanctions catalogue — which lists block or flag which purposes — read-only; and a
 * sanctions check for one entity and purpose.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, apiSend } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useApi } from '../../api/use-api.ts';
import { toDay } from '../../app/format.ts';
import { useT, type Translate } from '../../app/i18n.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { creditPaths, PURPOSES } from './credit.api.ts';
import { ListTag } from './credit-ui.tsx';
import type {
  ListEntry,
  Paged,
  PublicListEntry,
  Purpose,
  SanctionCatalogue,
  SanctionDecision,
  SanctionMeasure,
} from './credit.types.ts';

const PAGE_SIZE = 20;

function PublicLists({ catalogue }: { catalogue: SanctionCatalogue }) {
  const t = useT();
  const [code, setCode] = useState(catalogue.lists[0]?.code ?? '');
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi<Paged<PublicListEntry>>(
    code ? creditPaths.publicList(code, page, PAGE_SIZE) : null,
  );
  const list = catalogue.lists.find((l) => l.code === code);
  const columns: TableColumnsType<PublicListEntry> = [
    {
      title: t('credit.entityName'),
      key: 'entity',
      render: (_: unknown, e) => (
        <Flex vertical>
          <span>{e.entityName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.uscc}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('credit.lists.basis'), dataIndex: 'basis', responsive: ['md'] },
    { title: t('credit.lists.enteredOn'), dataIndex: 'enteredOn', ...noWrap },
    {
      title: t('credit.lists.exitOn'),
      dataIndex: 'exitOn',
      ...noWrap,
      render: (v: string | null) => v ?? t('credit.lists.noExitDate'),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Segmented
        value={code}
        onChange={(v) => {
          setCode(String(v));
          setPage(1);
        }}
        options={catalogue.lists.map((l) => ({
          value: l.code,
          label: (
            <Space size={4}>
              <span style={{ color: l.type === 'red' ? '#cf1322' : '#262626' }}>●</span>
              {l.name}
            </Space>
          ),
        }))}
        style={{ maxWidth: '100%', overflowX: 'auto' }}
        data-testid="list-select"
      />
      {list && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {list.description}
        </Typography.Text>
      )}
      {error !== undefined && <ErrorAlert error={error} onRetry={reload} />}
      <Table<PublicListEntry>
        rowKey={(e) => `${e.uscc}-${e.enteredOn}`}
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        locale={{ emptyText: <Empty description={t('credit.lists.empty')} /> }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          size: 'small',
          hideOnSinglePage: true,
          showSizeChanger: false,
          onChange: setPage,
        }}
        scroll={{ x: 560 }}
        data-testid="public-list-entries"
      />
    </Flex>
  );
}

interface AddValues {
  listCode: string;
  uscc: string;
  entityName?: string;
  reason: string;
  basis: string;
  enteredOn: dayjs.Dayjs;
  exitOn?: dayjs.Dayjs;
  exitCondition?: string;
}

function AddEntryModal({
  catalogue,
  onClose,
  onDone,
}: {
  catalogue: SanctionCatalogue;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (v: AddValues) => {
    setBusy(true);
    setError(undefined);
    try {
      await apiSend<ListEntry>('POST', creditPaths.addListEntry, {
        listCode: v.listCode,
        uscc: v.uscc.trim(),
        ...(v.entityName?.trim() ? { entityName: v.entityName.trim() } : {}),
        reason: v.reason.trim(),
        basis: v.basis.trim(),
        enteredOn: toDay(v.enteredOn),
        ...(v.exitOn ? { exitOn: toDay(v.exitOn) } : {}),
        ...(v.exitCondition?.trim() ? { exitCondition: v.exitCondition.trim() } : {}),
      });
      void message.success(t('credit.lists.added'));
      onDone();
    } catch (cause) {
      setError(cause);
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('credit.lists.add')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('common.save')}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
    >
      <Form<AddValues>
        form={form}
        layout="vertical"
        initialValues={{ enteredOn: dayjs() }}
        onFinish={(v) => void submit(v)}
        data-testid="list-entry-form"
      >
        <Form.Item name="listCode" label={t('credit.lists.list')} rules={[{ required: true }]}>
          <Select
            options={catalogue.lists.map((l) => ({
              value: l.code,
              label: `${l.name}（${t(`credit.lists.type.${l.type}`)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="uscc"
          label={t('credit.uscc')}
          rules={[{ required: true, whitespace: true }]}
          normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
        >
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="entityName" label={t('credit.entityName')} extra={t('credit.lists.entityNameHint')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('credit.lists.reason')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="basis"
          label={t('credit.lists.basis')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
        </Form.Item>
        <Form.Item name="enteredOn" label={t('credit.lists.enteredOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
          {t('credit.lists.exitRuleHint')}
        </Typography.Text>
        <Form.Item
          name="exitOn"
          label={t('credit.lists.exitOn')}
          dependencies={['exitCondition']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_: unknown, value: unknown) =>
                value || String(getFieldValue('exitCondition') ?? '').trim()
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('credit.lists.exitRuleRequired'))),
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="exitCondition" label={t('credit.lists.exitCondition')}>
          <Input maxLength={1000} />
        </Form.Item>
      </Form>
      {error !== undefined && <ErrorAlert error={error} />}
    </Modal>
  );
}

function ExitModal({
  entry,
  onClose,
  onDone,
}: {
  entry: ListEntry;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string; exitedOn?: dayjs.Dayjs }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const submit = async (v: { reason: string; exitedOn?: dayjs.Dayjs }) => {
    setBusy(true);
    setError(undefined);
    try {
      await apiSend<ListEntry>('POST', creditPaths.exitListEntry(entry.id), {
        reason: v.reason.trim(),
        ...(v.exitedOn ? { exitedOn: toDay(v.exitedOn) } : {}),
      });
      void message.success(t('credit.lists.exited'));
      onDone();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('credit.lists.exitTitle', { name: entry.entityName, list: entry.list.name })}
      onCancel={onClose}
      destroyOnHidden
      okText={t('credit.lists.exit')}
      okButtonProps={{ loading: busy, danger: true }}
      onOk={() => form.submit()}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="list-exit-form">
        <Form.Item
          name="reason"
          label={t('credit.lists.exitReason')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="exitedOn" label={t('credit.lists.exitedOn')} extra={t('credit.lists.exitedOnHint')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
      {error !== undefined && <ErrorAlert error={error} />}
    </Modal>
  );
}

function DepartmentEntries({ catalogue }: { catalogue: SanctionCatalogue }) {
  const t = useT();
  const [state, setState] = useState<'current' | 'exited' | 'all'>('current');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [exiting, setExiting] = useState<ListEntry | null>(null);
  const { data, error, loading, reload } = useApi<Paged<ListEntry>>(
    creditPaths.listEntries(state, page, PAGE_SIZE),
  );
  const columns: TableColumnsType<ListEntry> = [
    {
      title: t('credit.lists.list'),
      key: 'list',
      ...noWrap,
      render: (_: unknown, e) => <ListTag type={e.list.type} name={e.list.name} />,
    },
    {
      title: t('credit.entityName'),
      key: 'entity',
      render: (_: unknown, e) => (
        <Flex vertical>
          <span>{e.entityName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.uscc}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('credit.lists.enteredOn'), dataIndex: 'enteredOn', ...noWrap },
    {
      title: t('credit.lists.exitRule'),
      key: 'exit',
      render: (_: unknown, e) =>
        e.exitedOn ? (
          <Flex vertical>
            <span>{t('credit.lists.exitedOnDay', { day: e.exitedOn })}</span>
            {e.exitReason && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.exitReason}
              </Typography.Text>
            )}
          </Flex>
        ) : (
          <Flex vertical>
            {e.exitRule.on && <span>{t('credit.lists.exitOnDay', { day: e.exitRule.on })}</span>}
            {e.exitRule.condition && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.exitRule.condition}
              </Typography.Text>
            )}
          </Flex>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      ...noWrap,
      render: (_: unknown, e) =>
        e.current ? (
          <Button size="small" danger onClick={() => setExiting(e)} data-testid="list-exit">
            {t('credit.lists.exit')}
          </Button>
        ) : (
          <Tag>{t('credit.lists.notCurrent')}</Tag>
        ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Segmented
          value={state}
          onChange={(v) => {
            setState(v as typeof state);
            setPage(1);
          }}
          options={[
            { value: 'current', label: t('credit.lists.state.current') },
            { value: 'exited', label: t('credit.lists.state.exited') },
            { value: 'all', label: t('common.all') },
          ]}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="list-add">
          {t('credit.lists.add')}
        </Button>
      </Flex>
      {error !== undefined && <ErrorAlert error={error} onRetry={reload} />}
      <Table<ListEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        expandable={{
          expandedRowRender: (e) => (
            <Flex vertical gap={4}>
              <div>
                <Typography.Text strong>{t('credit.lists.reason')}：</Typography.Text>
                {e.reason}
              </div>
              <div>
                <Typography.Text strong>{t('credit.lists.basis')}：</Typography.Text>
                {e.basis}
              </div>
            </Flex>
          ),
        }}
        locale={{ emptyText: <Empty description={t('credit.lists.departmentEmpty')} /> }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          size: 'small',
          hideOnSinglePage: true,
          showSizeChanger: false,
          onChange: setPage,
        }}
        scroll={{ x: 640 }}
        data-testid="department-list-entries"
      />
      {adding && (
        <AddEntryModal
          catalogue={catalogue}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            reload();
          }}
        />
      )}
      {exiting && (
        <ExitModal
          entry={exiting}
          onClose={() => setExiting(null)}
          onDone={() => {
            setExiting(null);
            reload();
          }}
        />
      )}
    </Flex>
  );
}

function triggerText(m: SanctionMeasure, catalogue: SanctionCatalogue, t: Translate): string {
  switch (m.trigger.type) {
    case 'list': {
      const code = m.trigger.list;
      return catalogue.lists.find((l) => l.code === code)?.name ?? code;
    }
    case 'listType':
      return t('credit.sanctions.anyList', { type: t(`credit.lists.type.${m.trigger.listType}`) });
    case 'class':
      return t('credit.sanctions.classes', { classes: m.trigger.classes.join('、') });
  }
}

function Catalogue({ catalogue }: { catalogue: SanctionCatalogue }) {
  const t = useT();
  const columns: TableColumnsType<SanctionMeasure> = [
    { title: t('credit.sanctions.measure'), dataIndex: 'name' },
    {
      title: t('credit.sanctions.trigger'),
      key: 'trigger',
      render: (_: unknown, m) => triggerText(m, catalogue, t),
    },
    {
      title: t('credit.sanctions.purposes'),
      dataIndex: 'purposes',
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
      render: (_: unknown, m) => (
        <Tag color={m.decision === 'block' ? 'error' : m.effect === 'incentive' ? 'success' : 'warning'}>
          {t(`credit.sanctions.decision.${m.decision}`)} · {t(`credit.sanctions.effect.${m.effect}`)}
        </Tag>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Alert type="info" showIcon title={t('credit.sanctions.commitmentRule')} />
      <Table<SanctionMeasure>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={catalogue.measures}
        pagination={false}
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
        scroll={{ x: 720 }}
        data-testid="sanctions-catalogue"
      />
    </Flex>
  );
}

function SanctionCheck() {
  const t = useT();
  const [form] = Form.useForm<{ uscc: string; purpose: Purpose }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [result, setResult] = useState<SanctionDecision | null>(null);
  const check = async (v: { uscc: string; purpose: Purpose }) => {
    setBusy(true);
    setError(undefined);
    setResult(null);
    try {
      setResult(
        await apiSend<SanctionDecision>('POST', creditPaths.sanctionCheck, {
          uscc: v.uscc.trim(),
          purpose: v.purpose,
        }),
      );
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };
  const decisionType = { allow: 'success', flag: 'warning', block: 'error' } as const;
  return (
    <Flex vertical gap={12}>
      <Form
        form={form}
        layout="inline"
        initialValues={{ purpose: 'application' }}
        onFinish={(v) => void check(v)}
        style={{ rowGap: 8 }}
        data-testid="sanction-check-form"
      >
        <Form.Item
          name="uscc"
          rules={[{ required: true, whitespace: true, message: t('credit.sanctions.usccRequired') }]}
          normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
        >
          <Input
            placeholder={t('credit.uscc')}
            maxLength={18}
            style={{ width: 240 }}
            data-testid="sanction-uscc"
          />
        </Form.Item>
        <Form.Item name="purpose">
          <Select
            style={{ width: 200 }}
            options={PURPOSES.map((p) => ({ value: p, label: t(`credit.purpose.${p}`) }))}
            data-testid="sanction-purpose"
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="sanction-check">
            {t('credit.sanctions.check')}
          </Button>
        </Form.Item>
      </Form>
      {error !== undefined && <ErrorAlert error={error} />}
      {result && (
        <Card size="small" data-testid="sanction-result" data-decision={result.decision}>
          <Alert
            type={decisionType[result.decision]}
            showIcon
            title={t(`credit.sanctions.result.${result.decision}`, {
              purpose: t(`credit.purpose.${result.purpose}`),
            })}
            description={t('credit.sanctions.checkedOn', { day: result.checkedOn, uscc: result.uscc })}
          />
          {result.reasons.length > 0 && (
            <List
              size="small"
              style={{ marginTop: 8 }}
              dataSource={result.reasons}
              renderItem={(r) => (
                <List.Item key={`${r.code}-${r.list?.entryId ?? r.record?.id ?? ''}`}>
                  <Flex vertical gap={2}>
                    <Space wrap>
                      <Tag
                        color={
                          r.decision === 'block' ? 'error' : r.effect === 'incentive' ? 'success' : 'warning'
                        }
                      >
                        {t(`credit.sanctions.decision.${r.decision}`)}
                      </Tag>
                      <span>{r.message}</span>
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[r.list?.name, r.record?.decisionNo, r.class ? t(`credit.class.${r.class}`) : null]
                        .filter(Boolean)
                        .join(' · ')}
                      {r.basis ? ` — ${r.basis}` : ''}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
    </Flex>
  );
}

export function CreditListsPage() {
  const t = useT();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const canReview = me.permissions.includes('credit.review');
  const { data, error, loading, reload } = useApi<SanctionCatalogue>(creditPaths.sanctions);
  const tab = params.get('tab') ?? 'lists';
  return (
    <div data-testid="credit-lists">
      <Page title={t('credit.lists.title')}>
        {error !== undefined ? (
          <ErrorAlert error={error} onRetry={reload} />
        ) : loading || !data ? (
          <Card>
            <CardSkeleton rows={6} />
          </Card>
        ) : (
          <Card>
            <Tabs
              activeKey={tab}
              onChange={(k) => setParams({ tab: k }, { replace: true })}
              items={[
                {
                  key: 'lists',
                  label: t('credit.lists.tabLists'),
                  children: <PublicLists catalogue={data} />,
                },
                ...(canReview
                  ? [
                      {
                        key: 'department',
                        label: t('credit.lists.tabDepartment'),
                        children: <DepartmentEntries catalogue={data} />,
                      },
                    ]
                  : []),
                {
                  key: 'catalogue',
                  label: t('credit.lists.tabCatalogue'),
                  children: <Catalogue catalogue={data} />,
                },
                { key: 'check', label: t('credit.lists.tabCheck'), children: <SanctionCheck /> },
              ]}
            />
          </Card>
        )}
      </Page>
    </div>
  );
}
