import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Input,
  Progress,
  Row,
  Statistic,
  Table,
  Tabs,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { apiCall, uploadFile as uploadTo } from '../../api/client.ts';
import type { PlanImport, PlanImportResult, UnmatchedUnit } from './plan.api.ts';
import { useApiQuery, useInvalidateApi } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { useUrlState } from '../../components/url-state.ts';
import { noWrap } from '../../components/table-columns.ts';
import { MAX_PLAN_TEXT_BYTES } from './plan.api.ts';
import { formatBytes } from '../../components/file-types.ts';

function UnmatchedTable({ rows, testId }: { rows: readonly UnmatchedUnit[]; testId?: string }) {
  const t = useT();
  const columns: TableColumnsType<UnmatchedUnit> = [
    {
      title: t('plan.measure'),
      dataIndex: 'measureNo',
      ...noWrap,
      width: 120,
      render: (no: number) => <Link to={`/plan/measures/${no}`}>{t('plan.measureNo', { no })}</Link>,
    },
    { title: t('plan.import.unitName'), dataIndex: 'name' },
  ];
  return (
    <Table<UnmatchedUnit>
      rowKey={(u) => `${u.measureNo}-${u.name}`}
      size="small"
      columns={columns}
      dataSource={[...rows]}
      pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      data-testid={testId}
    />
  );
}

function ImportResultCard({ result }: { result: PlanImportResult }) {
  const t = useT();
  return (
    <Card title={t('plan.import.resultTitle', { code: result.planCode })} data-testid="import-result">
      <Flex vertical gap={16}>
        <Row gutter={[12, 12]}>
          {(
            [
              ['measures', result.measures],
              ['added', result.added],
              ['updated', result.updated],
              ['unchanged', result.unchanged],
            ] as const
          ).map(([key, value]) => (
            <Col key={key} xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t(`plan.import.count.${key}`)}
                  value={value}
                  data-testid={`import-${key}`}
                />
              </Card>
            </Col>
          ))}
        </Row>
        <Typography.Text type="secondary">
          {t('plan.import.structure', { parts: result.parts, sections: result.sections })}
        </Typography.Text>
        {result.removed && result.removed.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('plan.import.removed', { nos: result.removed.join('、') })}
          />
        )}
        {result.warnings && result.warnings.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('plan.import.warnings')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {result.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            }
          />
        )}
        {result.unmatchedUnits.length === 0 ? (
          <Alert type="success" showIcon title={t('plan.import.allMatched')} />
        ) : (
          <>
            <Alert
              type="warning"
              showIcon
              title={t('plan.import.unmatched', { count: result.unmatchedUnits.length })}
              data-testid="import-unmatched-note"
            />
            <UnmatchedTable rows={result.unmatchedUnits} testId="import-unmatched" />
          </>
        )}
      </Flex>
    </Card>
  );
}

function History() {
  const t = useT();
  const url = useUrlState(10);
  const { page, pageSize } = url.paging;
  const {
    data,
    error,
    isFetching: loading,
    refetch,
  } = useApiQuery('/api/action-plan/imports', {
    params: { query: { page, pageSize } },
  });
  const columns: TableColumnsType<PlanImport> = [
    {
      title: t('plan.import.importedAt'),
      dataIndex: 'importedAt',
      ...noWrap,
      render: (v: string) => formatDateTime(v),
    },
    { title: t('plan.import.importedBy'), dataIndex: 'importedBy', ...noWrap },
    { title: t('plan.import.planCode'), dataIndex: 'planCode', ...noWrap, responsive: ['md'] },
    { title: t('plan.import.count.added'), dataIndex: 'added', align: 'right', ...noWrap },
    { title: t('plan.import.count.updated'), dataIndex: 'updated', align: 'right', ...noWrap },
    { title: t('plan.import.count.unchanged'), dataIndex: 'unchanged', align: 'right', ...noWrap },
    {
      title: t('plan.import.unmatchedShort'),
      key: 'unmatched',
      align: 'right',
      ...noWrap,
      render: (_: unknown, r) =>
        r.unmatchedUnits.length > 0 ? (
          <Typography.Text type="warning">{r.unmatchedUnits.length}</Typography.Text>
        ) : (
          0
        ),
    },
  ];
  return (
    <Card title={t('plan.import.history')}>
      {error !== undefined && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={error} onRetry={() => void refetch()} />
        </div>
      )}
      <PagedTable<PlanImport>
        url={url}
        rowKey="id"
        size="small"
        columns={columns}
        data={data}
        loading={loading}
        expandable={{
          rowExpandable: (r) => r.unmatchedUnits.length > 0,
          expandedRowRender: (r) => (
            <Flex vertical gap={8}>
              <Typography.Text>
                {t('plan.import.unmatched', { count: r.unmatchedUnits.length })}
              </Typography.Text>
              <UnmatchedTable rows={r.unmatchedUnits} />
            </Flex>
          ),
        }}
        emptyText={t('plan.import.noHistory')}
        scroll={{ x: 720 }}
        data-testid="import-history"
      />
    </Card>
  );
}

/** The office loads or revises the plan from its text; the result says what changed and which units are unknown. */
export function ImportPage() {
  const t = useT();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [result, setResult] = useState<PlanImportResult | null>(null);

  const invalidate = useInvalidateApi();
  const done = (r: PlanImportResult) => {
    setResult(r);
    // Measures, the overview and the import history changed with the import.
    void invalidate('/api/action-plan');
    void message.success(t('plan.import.done'));
  };

  const uploadFile = async (file: File) => {
    if (file.size > MAX_PLAN_TEXT_BYTES) {
      void message.error(t('plan.import.tooLarge', { size: formatBytes(file.size) }));
      return;
    }
    setBusy(true);
    setError(undefined);
    setResult(null);
    setProgress(0);
    try {
      done(await uploadTo('/api/action-plan/import', file, { onProgress: setProgress }));
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const submitText = async () => {
    setBusy(true);
    setError(undefined);
    setResult(null);
    try {
      done(await apiCall('post', '/api/action-plan/import', { body: { text } }));
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('plan.import.title')}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('plan.import.intro')}
      </Typography.Paragraph>
      <Card>
        <Tabs
          items={[
            {
              key: 'file',
              label: t('plan.import.fromFile'),
              children: (
                <Flex vertical gap={12}>
                  <Upload.Dragger
                    accept=".txt,text/plain"
                    multiple={false}
                    showUploadList={false}
                    disabled={busy}
                    beforeUpload={(file) => {
                      void uploadFile(file);
                      return false;
                    }}
                    data-testid="import-file"
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p className="ant-upload-text">{t('plan.import.drop')}</p>
                    <p className="ant-upload-hint">{t('plan.import.dropHint')}</p>
                  </Upload.Dragger>
                  {progress !== null && (
                    <Progress aria-label={t('a11y.progress')} percent={Math.round(progress)} size="small" />
                  )}
                </Flex>
              ),
            },
            {
              key: 'paste',
              label: t('plan.import.fromText'),
              children: (
                <Flex vertical gap={12}>
                  <Input.TextArea
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                    autoSize={{ minRows: 8, maxRows: 20 }}
                    placeholder={t('plan.import.pastePlaceholder')}
                    data-testid="import-text"
                  />
                  <div>
                    <Button
                      type="primary"
                      loading={busy}
                      disabled={text.trim() === ''}
                      onClick={() => void submitText()}
                      data-testid="import-submit"
                    >
                      {t('plan.import.submit')}
                    </Button>
                  </div>
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      {error !== undefined && <ErrorAlert error={error} />}
      {result && <ImportResultCard result={result} />}
      {/* The import invalidated every action-plan read, so the new entry shows here by itself. */}
      <History />
    </Page>
  );
}
