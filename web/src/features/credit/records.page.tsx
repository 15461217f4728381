/**
 * 信用信息录入: a department enters 双公示 licences and penalties and the further categories (the form is built from
 * the category's schema), sees its own records with the timeliness of each entry (working days after the decision,
 * late ones marked), the month's 入库率 / 时效率 and the monthly collection completeness per department.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Statistic,
  Switch,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, newIdempotencyKey } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useApiMutation, useApiQuery } from '../../api/query.ts';
import { formatDateTime, toDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { readPaging } from '../../components/paging.ts';
import { noWrap } from '../../components/table-columns.ts';
import { CollectionCard } from './collection-card.tsx';
import {
  type Category,
  type CategoryField,
  type CreditRecord,
  type EnterRecordResult,
} from './credit.api.ts';
import { PublicationTag, RecordData, TimelyTag, useCategories, useDepartmentNames } from './credit-ui.tsx';
import { chinaMonth } from '../../app/china-time.ts';

/** Categories the signed-in officer's department may enter (empty `departmentCodes` = every department). */
export function useEnterableCategories(): { items: Category[]; loading: boolean; error: unknown } {
  const me = useMe();
  const { items, loading, error } = useCategories();
  const code = me.department?.code;
  const enterable = useMemo(
    () =>
      items.filter(
        (c) =>
          c.active &&
          (c.departmentCodes.length === 0 || (code !== undefined && c.departmentCodes.includes(code))),
      ),
    [items, code],
  );
  return { items: enterable, loading, error };
}

export function categoryOptions(items: readonly Category[], t: ReturnType<typeof useT>) {
  const group = (kind: 'dsgs' | 'other') =>
    items
      .filter((c) => (kind === 'dsgs' ? c.kind !== 'other' : c.kind === 'other'))
      .map((c) => ({ value: c.code, label: c.name }));
  return [
    { label: t('credit.category.dsgs'), options: group('dsgs') },
    { label: t('credit.category.other'), options: group('other') },
  ].filter((g) => g.options.length > 0);
}

function TimelinessCard() {
  const t = useT();
  const [period, setPeriod] = useState(chinaMonth());
  const { data, error, isLoading, refetch } = useApiQuery('/api/credit/stats/timeliness', {
    params: { query: { period } },
  });
  const rows = data?.departments ?? [];
  const sum = rows.reduce(
    (a, d) => ({
      entered: a.entered + d.entered,
      timely: a.timely + d.timely,
      byClose: a.byClose + d.enteredByClose,
    }),
    { entered: 0, timely: 0, byClose: 0 },
  );
  const pct = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 1000) / 10);
  const single = rows.length === 1 ? rows[0] : undefined;
  const entryRate = single ? single.entryRate : pct(sum.byClose, sum.entered);
  const timelyRate = single ? single.timelyRate : pct(sum.timely, sum.entered);
  return (
    <Card
      title={t('credit.stats.title')}
      extra={
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${period}-01`)}
          onChange={(d) => d && setPeriod(d.format('YYYY-MM'))}
          data-testid="stats-period"
        />
      }
      data-testid="timeliness-card"
    >
      {error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : isLoading && !data ? (
        <CardSkeleton rows={2} />
      ) : (
        <Flex vertical gap={12}>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}>
              <Statistic title={t('credit.stats.entered')} value={sum.entered} data-testid="stats-entered" />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('credit.stats.timely')} value={sum.timely} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('credit.stats.entryRate')}
                value={entryRate ?? '—'}
                suffix={entryRate === null ? undefined : '%'}
                data-testid="stats-entry-rate"
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('credit.stats.timelyRate')}
                value={timelyRate ?? '—'}
                suffix={timelyRate === null ? undefined : '%'}
                data-testid="stats-timely-rate"
              />
            </Col>
          </Row>
          {data && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('credit.stats.rule', { days: data.deadlineWorkdays, closesOn: data.closesOn })}
            </Typography.Text>
          )}
          {rows.length > 1 && (
            <Table
              rowKey="departmentId"
              size="small"
              dataSource={rows}
              pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
              scroll={{ x: 560 }}
              columns={[
                { title: t('credit.department'), dataIndex: 'departmentName' },
                { title: t('credit.stats.entered'), dataIndex: 'entered', align: 'right' },
                { title: t('credit.stats.timely'), dataIndex: 'timely', align: 'right' },
                {
                  title: t('credit.stats.entryRate'),
                  dataIndex: 'entryRate',
                  align: 'right',
                  render: (v: number | null) => (v === null ? '—' : `${v}%`),
                },
                {
                  title: t('credit.stats.timelyRate'),
                  dataIndex: 'timelyRate',
                  align: 'right',
                  render: (v: number | null) => (v === null ? '—' : `${v}%`),
                },
              ]}
            />
          )}
        </Flex>
      )}
    </Card>
  );
}

function FieldInput({ field }: { field: CategoryField }) {
  const t = useT();
  switch (field.type) {
    case 'number':
      return <InputNumber style={{ width: '100%' }} data-testid={`field-${field.key}`} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} data-testid={`field-${field.key}`} />;
    case 'boolean':
      return <Switch data-testid={`field-${field.key}`} />;
    case 'enum':
      return (
        <Select
          data-testid={`field-${field.key}`}
          allowClear={!field.required}
          options={(field.options ?? []).map((o) => ({
            value: o,
            label:
              field.key === 'severity' && (o === 'minor' || o === 'ordinary' || o === 'serious')
                ? t(`credit.severity.${o}`)
                : o,
          }))}
        />
      );
    default:
      return (field.maxLength ?? 0) > 200 ? (
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={field.maxLength}
          data-testid={`field-${field.key}`}
        />
      ) : (
        <Input maxLength={field.maxLength} data-testid={`field-${field.key}`} />
      );
  }
}

interface EntryValues {
  categoryCode: string;
  uscc: string;
  entityName: string;
  decisionNo: string;
  decisionDate: dayjs.Dayjs;
  data?: Record<string, unknown>;
}

function toData(
  fields: readonly CategoryField[],
  raw: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = raw?.[f.key];
    if (v === undefined || v === null || v === '') continue;
    out[f.key] = dayjs.isDayjs(v) ? toDay(v) : typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

function EntryDrawer({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<EntryValues>();
  const categories = useEnterableCategories();
  const code = Form.useWatch('categoryCode', form);
  const category = categories.items.find((c) => c.code === code);
  const [error, setError] = useState<unknown>(undefined);
  const enter = useApiMutation('post', '/api/credit/records', { invalidates: ['/api/credit'] });
  const [key, setKey] = useState(newIdempotencyKey);
  const [result, setResult] = useState<EnterRecordResult | null>(null);

  const submit = async (v: EntryValues) => {
    if (!category) return;
    setError(undefined);
    setResult(null);
    try {
      const saved = await enter.mutateAsync({
        body: {
          categoryCode: category.code,
          uscc: v.uscc.trim(),
          entityName: v.entityName.trim(),
          decisionNo: v.decisionNo.trim(),
          decisionDate: toDay(v.decisionDate),
          source: 'form',
          data: toData(category.fields, v.data),
        },
        headers: { 'Idempotency-Key': key },
      });
      setResult(saved);
      setKey(newIdempotencyKey());
      void message.success(t(`credit.entry.outcome.${saved.outcome}`));
    } catch (cause) {
      setError(cause);
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    }
  };

  const label = (path: (string | number)[]) => {
    if (path[0] === 'data') return category?.fields.find((f) => f.key === path[1])?.label;
    const core: Record<string, string> = {
      uscc: t('credit.uscc'),
      entityName: t('credit.entityName'),
      decisionNo: t('credit.records.decisionNo'),
      decisionDate: t('credit.records.decisionDate'),
    };
    return typeof path[0] === 'string' ? core[path[0]] : undefined;
  };

  return (
    <Drawer
      open
      title={t('credit.entry.title')}
      onClose={onClose}
      size="large"
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={enter.isPending}
          disabled={!category}
          onClick={() => form.submit()}
          data-testid="entry-submit"
        >
          {t('common.save')}
        </Button>
      }
      data-testid="entry-drawer"
    >
      <Form<EntryValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        data-testid="entry-form"
      >
        <Form.Item
          name="categoryCode"
          label={t('credit.records.category')}
          rules={[{ required: true, message: t('credit.entry.categoryRequired') }]}
          extra={category?.description}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={categories.loading}
            options={categoryOptions(categories.items, t)}
            data-testid="entry-category"
            onChange={() => form.setFieldValue('data', {})}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="uscc"
              label={t('credit.uscc')}
              rules={[
                { required: true, whitespace: true },
                { len: 18, message: t('credit.entry.usccLength') },
              ]}
              normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
            >
              <Input maxLength={18} data-testid="entry-uscc" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="entityName"
              label={t('credit.entityName')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={200} data-testid="entry-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="decisionNo"
              label={t('credit.records.decisionNo')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={100} data-testid="entry-decision-no" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="decisionDate"
              label={t('credit.records.decisionDate')}
              rules={[{ required: true }]}
              extra={t('credit.entry.deadlineHint')}
            >
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                data-testid="entry-decision-date"
              />
            </Form.Item>
          </Col>
        </Row>
        {category && category.fields.length > 0 && (
          <Card size="small" title={t('credit.entry.fields', { name: category.name })}>
            {category.fields.map((f) => (
              <Form.Item
                key={`${category.code}-${f.key}`}
                name={['data', f.key]}
                label={f.label}
                valuePropName={f.type === 'boolean' ? 'checked' : 'value'}
                rules={
                  f.required
                    ? [{ required: true, message: t('credit.entry.required', { label: f.label }) }]
                    : []
                }
              >
                <FieldInput field={f} />
              </Form.Item>
            ))}
          </Card>
        )}
      </Form>
      {error !== undefined && (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={error} fieldLabel={label} />
        </div>
      )}
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          type={result.record.timely ? 'success' : 'warning'}
          showIcon
          title={t(`credit.entry.outcome.${result.outcome}`)}
          description={
            result.record.timely
              ? t('credit.entry.timelyResult', { days: result.record.entryWorkdays })
              : t('credit.entry.lateResult', { days: result.record.entryWorkdays })
          }
          data-testid="entry-result"
        />
      )}
    </Drawer>
  );
}

function RecordsTable() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const { page, pageSize } = readPaging(params);
  const category = params.get('category') ?? undefined;
  const timely = params.get('timely');
  const uscc = params.get('uscc') ?? undefined;
  const { items, byCode } = useCategories();
  const departments = useDepartmentNames();
  const me = useMe();
  const { data, error, isFetching, refetch } = useApiQuery('/api/credit/records', {
    params: {
      query: {
        page,
        pageSize,
        category,
        uscc,
        timely: timely === 'true' ? true : timely === 'false' ? false : undefined,
      },
    },
  });
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<CreditRecord> = [
    {
      title: t('credit.records.category'),
      dataIndex: 'categoryCode',
      ...noWrap,
      render: (c: string) => byCode.get(c)?.name ?? c,
    },
    {
      title: t('credit.entityName'),
      key: 'entity',
      render: (_: unknown, r) => (
        <Flex vertical>
          <span>{r.entityName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.uscc}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('credit.records.decisionNo'), dataIndex: 'decisionNo' },
    { title: t('credit.records.decisionDate'), dataIndex: 'decisionDate', ...noWrap },
    {
      title: t('credit.records.enteredAt'),
      dataIndex: 'enteredAt',
      ...noWrap,
      responsive: ['lg'],
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('credit.records.timeliness'),
      key: 'timely',
      ...noWrap,
      render: (_: unknown, r) => <TimelyTag timely={r.timely} workdays={r.entryWorkdays} />,
    },
    {
      title: t('credit.records.publication'),
      dataIndex: 'publication',
      ...noWrap,
      responsive: ['md'],
      render: (v: CreditRecord['publication']) => <PublicationTag value={v} />,
    },
    ...(me.department
      ? []
      : [
          {
            title: t('credit.department'),
            dataIndex: 'departmentId',
            render: (v: string) => departments.get(v) ?? '—',
          },
        ]),
    {
      title: t('credit.records.source'),
      dataIndex: 'source',
      ...noWrap,
      responsive: ['lg'],
      render: (v: CreditRecord['source']) => t(`credit.records.source.${v}`),
    },
  ];

  return (
    <Card title={t('credit.records.listTitle')}>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('credit.records.filterCategory')}
          style={{ minWidth: 200 }}
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('credit.records.filterCategory')}
          value={category}
          onChange={(v: string | undefined) => set('category', v)}
          options={categoryOptions(items, t)}
          data-testid="filter-category"
        />
        <Select
          aria-label={t('credit.records.filterTimelyAll')}
          style={{ minWidth: 140 }}
          value={timely ?? 'all'}
          onChange={(v: string) => set('timely', v === 'all' ? undefined : v)}
          options={[
            { value: 'all', label: t('credit.records.filterTimelyAll') },
            { value: 'true', label: t('credit.records.timely') },
            { value: 'false', label: t('credit.records.lateOnly') },
          ]}
          data-testid="filter-timely"
        />
        <Input.Search
          style={{ maxWidth: 260 }}
          allowClear
          placeholder={t('credit.uscc')}
          defaultValue={uscc}
          onSearch={(v) => set('uscc', v.trim().toUpperCase() || undefined)}
          data-testid="filter-uscc"
        />
      </Flex>
      {error && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={error} onRetry={() => void refetch()} />
        </div>
      )}
      <Table<CreditRecord>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        expandable={{
          expandedRowRender: (r) => <RecordData data={r.data} category={byCode.get(r.categoryCode)} />,
        }}
        locale={{ emptyText: <Empty description={t('credit.records.none')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          size: 'small',
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            const next = new URLSearchParams(params);
            next.set('page', String(p));
            next.set('pageSize', String(s));
            setParams(next, { replace: true });
          },
        }}
        scroll={{ x: 900 }}
        data-testid="records-table"
      />
    </Card>
  );
}

export function CreditRecordsPage() {
  const t = useT();
  const [entering, setEntering] = useState(false);
  return (
    <div data-testid="credit-records">
      <Page
        title={t('credit.records.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEntering(true)}
            data-testid="record-new"
          >
            {t('credit.entry.open')}
          </Button>
        }
      >
        <TimelinessCard />
        <CollectionCard />
        <RecordsTable />
      </Page>
      {entering && <EntryDrawer onClose={() => setEntering(false)} />}
    </div>
  );
}
