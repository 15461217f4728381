/**
 * 批量导入: a department uploads a CSV or XLSX of one category, optionally as a dry run, all-or-nothing or partial;
 * the job's progress is polled while it runs; the result gives the counts, the first errors and the per-row error
 * report (XLSX) to download, fix and upload again. Re-importing the same file changes nothing.
 */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Progress,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { downloadFile, newIdempotencyKey, uploadFile } from '../../api/client.ts';
import { useApiQuery, useInvalidateApi } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ImportErrorsTable } from '../../components/import-errors-table.tsx';
import { Page } from '../../components/page.tsx';
import { readPaging } from '../../components/paging.ts';
import { noWrap } from '../../components/table-columns.ts';
import type { Category, CreditImport } from './credit.api.ts';
import { useCategories } from './credit-ui.tsx';
import { categoryOptions, useEnterableCategories } from './records.page.tsx';

/** The server's default HTTP upload limit (UPLOAD_MAX_BYTES); bigger files go through the CLI. */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const POLL_MS = 1000;

function errorReportName(imp: CreditImport): string {
  return `${imp.filename.replace(/\.(csv|xlsx)$/i, '')}.errors.xlsx`;
}

/** A CSV header for the category (core columns, then its fields; `*` marks required), UTF-8 with BOM for Excel. */
function downloadTemplate(category: Category, t: ReturnType<typeof useT>): void {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const header = [
    `${t('credit.uscc')}*`,
    `${t('credit.entityName')}*`,
    `${t('credit.import.colDecisionNo')}*`,
    `${t('credit.import.colDecisionDate')}*`,
    ...category.fields.map((f) => `${f.label}${f.required ? '*' : ''}`),
  ];
  const blob = new Blob(['\uFEFF', header.map(quote).join(','), '\r\n'], { type: 'text/csv;charset=utf-8' });
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = `${category.code}-template.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

const STATUS_COLOUR = { running: 'processing', done: 'success', failed: 'error' } as const;

function ImportStatusTag({ imp }: { imp: CreditImport }) {
  const t = useT();
  const failedRows = imp.status === 'done' && imp.rowsFailed > 0;
  return (
    <Tag
      color={failedRows ? 'warning' : STATUS_COLOUR[imp.status]}
      data-testid="import-status"
      data-status={imp.status}
    >
      {imp.status === 'running'
        ? t(`credit.import.phase.${phaseKey(imp.phase)}`)
        : t(`credit.import.status.${imp.status}`)}
    </Tag>
  );
}

function phaseKey(phase: string): 'queued' | 'validating' | 'writing' | 'done' | 'failed' {
  return phase === 'queued' || phase === 'validating' || phase === 'writing' || phase === 'failed'
    ? phase
    : 'done';
}

function ErrorReportButton({ imp, size }: { imp: CreditImport; size?: 'small' }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!imp.errorReportUrl || imp.status === 'running') return null;
  return (
    <Button
      size={size}
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={() => {
        setBusy(true);
        downloadFile(
          '/api/credit/imports/{id}/errors.xlsx',
          { params: { path: { id: imp.id } } },
          errorReportName(imp),
        )
          .catch(
            (cause: unknown) => void message.error(cause instanceof Error ? cause.message : String(cause)),
          )
          .finally(() => setBusy(false));
      }}
      data-testid="import-error-report"
    >
      {t('credit.import.errorReport')}
    </Button>
  );
}

function ProgressView({ imp }: { imp: CreditImport }) {
  const t = useT();
  const percent =
    imp.rowsTotal > 0 ? Math.min(100, Math.round((imp.rowsProcessed / imp.rowsTotal) * 100)) : undefined;
  return (
    <Flex vertical gap={8} data-testid="import-progress" data-phase={imp.phase}>
      <Space wrap>
        <ImportStatusTag imp={imp} />
        <Typography.Text>
          {imp.rowsTotal > 0
            ? t('credit.import.progressRows', { done: imp.rowsProcessed, total: imp.rowsTotal })
            : t('credit.import.progressRowsOnly', { done: imp.rowsProcessed })}
        </Typography.Text>
      </Space>
      {/* The total is known only once a pass has counted the rows; until then the count alone says it moves. */}
      {percent !== undefined ? (
        <Progress aria-label={t('a11y.progress')} percent={percent} status="active" />
      ) : (
        <Spin size="small" />
      )}
    </Flex>
  );
}

function ResultView({ imp }: { imp: CreditImport }) {
  const t = useT();
  const counts = [
    ['rowsTotal', imp.rowsTotal],
    ['rowsOk', imp.rowsOk],
    ['rowsFailed', imp.rowsFailed],
    ['rowsUnchanged', imp.rowsUnchanged],
  ] as const;
  const written = !imp.dryRun && imp.status === 'done' && (imp.partial || imp.rowsFailed === 0);
  return (
    <Flex vertical gap={12} data-testid="import-result" data-status={imp.status}>
      {(imp.status !== 'failed' || imp.rowsTotal > 0) && (
        <Row gutter={[12, 12]}>
          {counts.map(([key, value]) => (
            <Col key={key} xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t(`credit.import.count.${key}`)}
                  value={value}
                  styles={key === 'rowsFailed' && value > 0 ? { content: { color: '#cf1322' } } : undefined}
                  data-testid={`import-${key}`}
                  data-value={value}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Alert
        type={imp.status === 'failed' ? 'error' : imp.rowsFailed > 0 ? 'warning' : 'success'}
        showIcon
        title={
          imp.status === 'failed'
            ? t('credit.import.failed')
            : imp.dryRun
              ? t('credit.import.dryRunDone')
              : written
                ? t('credit.import.written', { count: imp.rowsOk - imp.rowsUnchanged })
                : t('credit.import.notWritten')
        }
        description={imp.message ?? undefined}
        data-testid="import-summary"
      />
      {imp.errorSample.length > 0 && (
        <>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text strong>
              {t('credit.import.errorsTitle', { shown: imp.errorSample.length, total: imp.rowsFailed })}
            </Typography.Text>
            <ErrorReportButton imp={imp} />
          </Flex>
          <ImportErrorsTable errors={imp.errorSample} data-testid="import-errors" />
        </>
      )}
    </Flex>
  );
}

/** Polls one import while it runs (the cache refetches every POLL_MS and stops once it is done or failed). */
function useImportPolling(started: CreditImport): { imp: CreditImport; error: Error | null } {
  const poll = useApiQuery(
    '/api/credit/imports/{id}',
    { params: { path: { id: started.id } } },
    {
      enabled: started.status === 'running',
      placeholderData: undefined,
      refetchInterval: (query) =>
        query.state.data?.status === 'done' || query.state.data?.status === 'failed' ? false : POLL_MS,
    },
  );
  return { imp: poll.data ?? started, error: poll.error };
}

function CurrentImport({ started, onFinished }: { started: CreditImport; onFinished: () => void }) {
  const t = useT();
  const { imp, error } = useImportPolling(started);
  const finished = imp.status !== 'running';
  const reported = useRef(false);
  useEffect(() => {
    if (finished && !reported.current) {
      reported.current = true;
      onFinished();
    }
  }, [finished, onFinished]);
  return (
    <Card
      title={t('credit.import.current', { name: imp.filename })}
      extra={imp.dryRun ? <Tag color="purple">{t('credit.import.dryRun')}</Tag> : null}
      data-testid="import-current"
      data-id={imp.id}
    >
      <Flex vertical gap={12}>
        {error && <ErrorAlert error={error} />}
        {imp.status === 'running' ? <ProgressView imp={imp} /> : <ResultView imp={imp} />}
      </Flex>
    </Card>
  );
}

function History() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const { page, pageSize } = readPaging(params, 10);
  const { byCode } = useCategories();
  // Uploads and finished imports invalidate `/api/credit`, so this list follows them through the cache; an import
  // started elsewhere (another tab, the CLI) still shows its progress because the list polls while one runs.
  const { data, error, isFetching, refetch } = useApiQuery(
    '/api/credit/imports',
    { params: { query: { page, pageSize } } },
    {
      refetchInterval: (query) =>
        (query.state.data?.items ?? []).some((r) => r.status === 'running') ? POLL_MS * 2 : false,
    },
  );
  const columns: TableColumnsType<CreditImport> = [
    {
      title: t('credit.import.startedAt'),
      dataIndex: 'startedAt',
      ...noWrap,
      render: (v: string) => formatDateTime(v),
    },
    { title: t('credit.import.file'), dataIndex: 'filename' },
    {
      title: t('credit.records.category'),
      dataIndex: 'categoryCode',
      ...noWrap,
      responsive: ['md'],
      render: (c: string) => byCode.get(c)?.name ?? c,
    },
    {
      title: t('credit.import.mode'),
      key: 'mode',
      ...noWrap,
      responsive: ['lg'],
      render: (_: unknown, r) => (
        <Space size={4}>
          {r.dryRun && <Tag color="purple">{t('credit.import.dryRun')}</Tag>}
          <span>{r.partial ? t('credit.import.modePartial') : t('credit.import.modeAll')}</span>
        </Space>
      ),
    },
    {
      title: t('credit.import.status'),
      key: 'status',
      ...noWrap,
      render: (_: unknown, r) => <ImportStatusTag imp={r} />,
    },
    { title: t('credit.import.count.rowsOk'), dataIndex: 'rowsOk', align: 'right', ...noWrap },
    {
      title: t('credit.import.count.rowsFailed'),
      dataIndex: 'rowsFailed',
      align: 'right',
      ...noWrap,
      render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
    },
    {
      title: t('credit.import.count.rowsUnchanged'),
      dataIndex: 'rowsUnchanged',
      align: 'right',
      ...noWrap,
      responsive: ['md'],
    },
    {
      title: '',
      key: 'report',
      ...noWrap,
      render: (_: unknown, r) => <ErrorReportButton imp={r} size="small" />,
    },
  ];
  return (
    <Card title={t('credit.import.history')}>
      {error && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={error} onRetry={() => void refetch()} />
        </div>
      )}
      <Table<CreditImport>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching && !data}
        expandable={{
          rowExpandable: (r) => r.status !== 'running',
          expandedRowRender: (r) => <ResultView imp={r} />,
        }}
        locale={{ emptyText: <Empty description={t('credit.import.noHistory')} /> }}
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
        data-testid="import-history"
      />
    </Card>
  );
}

interface UploadValues {
  categoryCode: string;
  dryRun: boolean;
  mode: 'all' | 'partial';
}

export function CreditImportsPage() {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<UploadValues>();
  const categories = useEnterableCategories();
  const code = Form.useWatch('categoryCode', form);
  const category = categories.items.find((c) => c.code === code);
  const [file, setFile] = useState<File | null>(null);
  const [uploadPercent, setUploadPercent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [current, setCurrent] = useState<CreditImport | null>(null);
  const invalidate = useInvalidateApi();
  const [running, setRunning] = useState(false);
  const busy = uploadPercent !== null || running;

  const start = async (v: UploadValues) => {
    if (!file) {
      void message.error(t('credit.import.pickFile'));
      return;
    }
    setError(undefined);
    setUploadPercent(0);
    try {
      const imp = await uploadFile('/api/credit/imports', file, {
        fields: {
          categoryCode: v.categoryCode,
          dryRun: String(v.dryRun),
          partial: String(v.mode === 'partial'),
        },
        headers: { 'Idempotency-Key': newIdempotencyKey() },
        onProgress: setUploadPercent,
      });
      setCurrent(imp);
      setRunning(imp.status === 'running');
      void invalidate('/api/credit');
    } catch (cause) {
      setError(cause);
    } finally {
      setUploadPercent(null);
    }
  };

  return (
    <div data-testid="credit-imports">
      <Page title={t('credit.import.title')}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('credit.import.intro')}
        </Typography.Paragraph>
        <Card>
          <Form<UploadValues>
            form={form}
            layout="vertical"
            initialValues={{ dryRun: false, mode: 'all' }}
            onFinish={(v) => void start(v)}
            data-testid="import-form"
          >
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="categoryCode"
                  label={t('credit.records.category')}
                  rules={[{ required: true, message: t('credit.entry.categoryRequired') }]}
                >
                  <Select
                    showSearch
                    optionFilterProp="label"
                    loading={categories.loading}
                    options={categoryOptions(categories.items, t)}
                    data-testid="import-category"
                  />
                </Form.Item>
                {category && (
                  <Button
                    type="link"
                    icon={<DownloadOutlined />}
                    style={{ paddingInline: 0, marginTop: -16, marginBottom: 8 }}
                    onClick={() => downloadTemplate(category, t)}
                    data-testid="import-template"
                  >
                    {t('credit.import.template', { name: category.name })}
                  </Button>
                )}
                <Form.Item name="mode" label={t('credit.import.mode')} extra={t('credit.import.modeHint')}>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 'all', label: t('credit.import.modeAll') },
                      { value: 'partial', label: t('credit.import.modePartial') },
                    ]}
                    data-testid="import-mode"
                  />
                </Form.Item>
                <Form.Item
                  name="dryRun"
                  label={t('credit.import.dryRun')}
                  valuePropName="checked"
                  extra={t('credit.import.dryRunHint')}
                >
                  <Switch data-testid="import-dry-run" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={t('credit.import.file')} required>
                  <Upload.Dragger
                    accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    multiple={false}
                    showUploadList={false}
                    disabled={busy}
                    beforeUpload={(f) => {
                      if (f.size > MAX_UPLOAD_BYTES) {
                        void message.error(t('credit.import.tooLarge'));
                        return Upload.LIST_IGNORE;
                      }
                      setFile(f);
                      return false;
                    }}
                    data-testid="import-file"
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p className="ant-upload-text">
                      {file ? t('credit.import.picked', { name: file.name }) : t('credit.import.drop')}
                    </p>
                    <p className="ant-upload-hint">{t('credit.import.dropHint')}</p>
                  </Upload.Dragger>
                </Form.Item>
                {uploadPercent !== null && (
                  <Progress
                    aria-label={t('a11y.progress')}
                    percent={Math.round(uploadPercent)}
                    size="small"
                  />
                )}
              </Col>
            </Row>
            <Button
              type="primary"
              htmlType="submit"
              loading={busy}
              disabled={!file}
              data-testid="import-submit"
            >
              {t('credit.import.submit')}
            </Button>
          </Form>
        </Card>
        {error !== undefined && <ErrorAlert error={error} />}
        {current && (
          <CurrentImport
            key={current.id}
            started={current}
            onFinished={() => {
              setRunning(false);
              void invalidate('/api/credit');
            }}
          />
        )}
        <History />
      </Page>
    </div>
  );
}
