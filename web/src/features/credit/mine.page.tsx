/**
 * 我的信用: the enterprise's own full record (published or not), its class with the explained score parts and
 * history, the repair option of each record (and from when it opens), repair applications with materials, list
 * entries, and its commitments with their fulfilment.
 */
import { PlusOutlined } from '@ant-design/icons';
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
  Grid,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
  type TableColumnsType,
} from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError, apiSend, newIdempotencyKey } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import type { Department } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { formatDateTime, toDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FileUpload, type FilesState } from '../../components/file-upload.tsx';
import { Page } from '../../components/page.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { creditPaths } from './credit.api.ts';
import type { Commitment, MyCredit, MyRecord, Paged, Repair } from './credit.types.ts';
import {
  ClassHistoryChart,
  ClassTag,
  PublicationTag,
  RecordData,
  RepairOptionTag,
  RepairStatusTag,
  ScoreParts,
  SeverityTag,
  useCategories,
} from './credit-ui.tsx';
import { ListEntriesTable } from './query.page.tsx';

/** Supporting documents of a repair application (履行证明、整改报告…): documents and images. */
const MATERIAL_TYPES = ['pdf', 'ofd', 'docx', 'xlsx', 'png', 'jpg', 'jpeg', 'gif', 'webp'] as const;

function ClassCard({ data }: { data: MyCredit }) {
  const t = useT();
  const cls = data.class;
  const history = cls.history ?? [];
  return (
    <Card title={t('credit.class.title')} data-testid="my-class">
      <Row gutter={[24, 16]}>
        <Col xs={24} md={10}>
          <Flex vertical gap={12}>
            <Space size="large" align="center" wrap>
              <ClassTag value={cls.class} large />
              <Statistic title={t('credit.class.score')} value={cls.score} suffix="/ 100" />
            </Space>
            <Typography.Text type="secondary">
              {cls.period ? t('credit.class.period', { period: cls.period }) : t('credit.class.provisional')}
            </Typography.Text>
            <ScoreParts parts={cls.parts} />
          </Flex>
        </Col>
        <Col xs={24} md={14}>
          <Typography.Text strong>{t('credit.class.history')}</Typography.Text>
          {history.length === 0 ? (
            <Empty description={t('credit.class.noHistory')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <ClassHistoryChart history={history} />
          )}
        </Col>
      </Row>
    </Card>
  );
}

function ApplyRepairModal({
  record,
  onClose,
  onDone,
}: {
  record: MyRecord;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ statement: string }>();
  const [materials, setMaterials] = useState<FilesState>({ fileIds: [], files: [], uploading: false });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [key] = useState(newIdempotencyKey);

  const submit = async (values: { statement: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await apiSend<Repair>(
        'POST',
        creditPaths.applyRepair(record.id),
        {
          statement: values.statement.trim(),
          ...(materials.fileIds.length > 0 ? { materialFileIds: materials.fileIds } : {}),
        },
        { headers: { 'Idempotency-Key': key } },
      );
      void message.success(t('credit.repair.applied'));
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
      title={t('credit.repair.applyTitle')}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          loading={busy}
          disabled={materials.uploading}
          onClick={() => form.submit()}
          data-testid="repair-submit"
        >
          {t('credit.repair.submit')}
        </Button>,
      ]}
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'c', label: t('credit.records.category'), children: record.category },
          { key: 'n', label: t('credit.records.decisionNo'), children: record.decisionNo },
          { key: 'd', label: t('credit.records.decisionDate'), children: record.decisionDate },
        ]}
      />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="repair-form">
        <Form.Item
          name="statement"
          label={t('credit.repair.statement')}
          rules={[{ required: true, whitespace: true, message: t('credit.repair.statementRequired') }]}
          extra={t('credit.repair.statementHint')}
        >
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={4000}
            data-testid="repair-statement"
          />
        </Form.Item>
        <Form.Item label={t('credit.materials.title')}>
          <FileUpload
            multiple
            accept={MATERIAL_TYPES}
            onChange={setMaterials}
            pickLabel={t('credit.materials.pick')}
            hint={t('credit.materials.hint')}
            testId="materials-upload"
            pickTestId="materials-pick"
          />
        </Form.Item>
      </Form>
      {error !== undefined && <ErrorAlert error={error} />}
    </Modal>
  );
}

function RecordsCard({ data, onApply }: { data: MyCredit; onApply: (r: MyRecord) => void }) {
  const t = useT();
  const { byCode } = useCategories();
  // At phone width two stacked columns replace six, so the repair action stays in view without scrolling.
  const narrow = Grid.useBreakpoint().md === false;
  const publicationCell = (r: MyRecord) => (
    <Flex vertical gap={2}>
      <span>
        <PublicationTag value={r.publication} />
      </span>
      {r.publication === 'published' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.publishedUntil
            ? t('credit.records.publishedUntilDay', { day: r.publishedUntil })
            : t('credit.records.noEnd')}
        </Typography.Text>
      )}
    </Flex>
  );
  const repairCell = (r: MyRecord) => (
    <Flex vertical gap={4} align="start">
      <RepairOptionTag value={r.repair.status} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="repair-option-text">
        {r.repair.status === 'too_early' && r.repair.eligibleFrom
          ? t('credit.repair.option.fromDay', { day: r.repair.eligibleFrom })
          : r.repair.status === 'eligible'
            ? t('credit.repair.option.eligibleText')
            : r.repair.status === 'pending'
              ? t('credit.repair.option.pendingText')
              : r.repair.message}
      </Typography.Text>
      {r.repair.status === 'eligible' && (
        <Button size="small" type="primary" onClick={() => onApply(r)} data-testid="repair-apply">
          {t('credit.repair.apply')}
        </Button>
      )}
    </Flex>
  );
  const narrowColumns: TableColumnsType<MyRecord> = [
    {
      title: t('credit.repair.record'),
      key: 'record',
      render: (_: unknown, r) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{r.category}</Typography.Text>
          <span>{r.decisionNo}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.decisionDate}
          </Typography.Text>
          {publicationCell(r)}
        </Flex>
      ),
    },
    {
      title: t('credit.repair.option.title'),
      key: 'repair',
      width: '45%',
      render: (_: unknown, r) => repairCell(r),
    },
  ];
  const columns: TableColumnsType<MyRecord> = [
    { title: t('credit.records.category'), dataIndex: 'category', ...noWrap },
    { title: t('credit.records.decisionNo'), dataIndex: 'decisionNo' },
    { title: t('credit.records.decisionDate'), dataIndex: 'decisionDate', ...noWrap },
    {
      title: t('credit.records.severity'),
      dataIndex: 'severity',
      ...noWrap,
      responsive: ['md'],
      render: (v: MyRecord['severity']) => <SeverityTag value={v} />,
    },
    {
      title: t('credit.records.publication'),
      key: 'publication',
      render: (_: unknown, r) => publicationCell(r),
    },
    { title: t('credit.repair.option.title'), key: 'repair', render: (_: unknown, r) => repairCell(r) },
  ];
  return (
    <Card title={t('credit.mine.records', { count: data.records.length })}>
      <Table<MyRecord>
        rowKey="id"
        size="small"
        columns={narrow ? narrowColumns : columns}
        dataSource={data.records}
        expandable={{
          expandedRowRender: (r) => <RecordData data={r.data} category={byCode.get(r.categoryCode)} />,
        }}
        pagination={data.records.length > 10 ? { pageSize: 10, size: 'small' } : false}
        locale={{ emptyText: <Empty description={t('credit.mine.noRecords')} /> }}
        scroll={narrow ? undefined : { x: 820 }}
        data-testid="my-records"
      />
    </Card>
  );
}

function RepairsCard({ repairs }: { repairs: readonly Repair[] }) {
  const t = useT();
  if (repairs.length === 0)
    return (
      <Card title={t('credit.mine.repairs')}>
        <Empty description={t('credit.mine.noRepairs')} />
      </Card>
    );
  return (
    <Card title={t('credit.mine.repairs')} data-testid="my-repairs">
      <Flex vertical gap={16}>
        {repairs.map((r) => (
          <Card
            key={r.id}
            size="small"
            type="inner"
            title={`${r.category} · ${r.decisionNo}`}
            extra={<RepairStatusTag value={r.status} />}
            data-testid="my-repair"
            data-id={r.id}
            data-status={r.status}
          >
            <Timeline
              items={[
                {
                  color: 'blue',
                  children: (
                    <>
                      <div>{t('credit.repair.appliedOn', { day: r.appliedOn })}</div>
                      <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                        {r.statement}
                      </Typography.Text>
                      {(r.materials ?? []).length > 0 && (
                        <div>
                          {(r.materials ?? []).map((m) => (
                            <Tag key={m.id}>
                              <a
                                href={`/api/files/${encodeURIComponent(m.id)}/content`}
                                target="_blank"
                                rel="noreferrer"
                              >
                                {m.name}
                              </a>
                            </Tag>
                          ))}
                        </div>
                      )}
                    </>
                  ),
                },
                r.status === 'pending'
                  ? {
                      color: r.overdue ? 'red' : 'gray',
                      children: r.overdue
                        ? t('credit.repair.overdueSince', { day: r.reviewDueOn })
                        : t('credit.repair.dueBy', { day: r.reviewDueOn }),
                    }
                  : {
                      color: r.status === 'approved' ? 'green' : 'red',
                      children: (
                        <>
                          <div>
                            {r.status === 'approved'
                              ? t('credit.repair.approvedAt')
                              : t('credit.repair.rejectedAt')}{' '}
                            {formatDateTime(r.reviewedAt)}
                          </div>
                          {r.reviewComment && (
                            <Typography.Text type="secondary">{r.reviewComment}</Typography.Text>
                          )}
                        </>
                      ),
                    },
              ]}
            />
          </Card>
        ))}
      </Flex>
    </Card>
  );
}

interface CommitmentForm {
  kind: 'notification' | 'credit';
  departmentId: string;
  subject: string;
  content: string;
  applicationRef?: string;
  verifyBy: dayjs.Dayjs;
}

function CommitmentModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CommitmentForm>();
  const departments = useApi<Department[]>(creditPaths.departments);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [key] = useState(newIdempotencyKey);

  const submit = async (v: CommitmentForm) => {
    setBusy(true);
    setError(undefined);
    try {
      await apiSend<Commitment>(
        'POST',
        creditPaths.addCommitment,
        {
          kind: v.kind,
          departmentId: v.departmentId,
          subject: v.subject.trim(),
          content: v.content.trim(),
          ...(v.applicationRef?.trim() ? { applicationRef: v.applicationRef.trim() } : {}),
          verifyBy: toDay(v.verifyBy),
        },
        { headers: { 'Idempotency-Key': key } },
      );
      void message.success(t('credit.commitments.saved'));
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
      title={t('credit.commitments.new')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('credit.commitments.submit')}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
    >
      <Form<CommitmentForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'credit' }}
        onFinish={(v) => void submit(v)}
        data-testid="commitment-form"
      >
        <Form.Item name="kind" label={t('credit.commitments.kind')} rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'credit', label: t('credit.commitments.kind.credit') },
              { value: 'notification', label: t('credit.commitments.kind.notification') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('credit.commitments.department')}
          rules={[{ required: true, message: t('credit.commitments.departmentRequired') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={departments.loading}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item
          name="subject"
          label={t('credit.commitments.subject')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('credit.commitments.content')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={10000} />
        </Form.Item>
        <Form.Item name="applicationRef" label={t('credit.commitments.applicationRef')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="verifyBy" label={t('credit.commitments.verifyBy')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
      {error !== undefined && <ErrorAlert error={error} />}
    </Modal>
  );
}

const COMMITMENT_COLOUR = { pending: 'processing', fulfilled: 'success', broken: 'error' } as const;

export function CommitmentsTable({ mine, onVerify }: { mine: boolean; onVerify?: (c: Commitment) => void }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const { data, error, loading, reload } = useApi<Paged<Commitment>>(
    creditPaths.commitments(undefined, page, 10),
  );
  const columns: TableColumnsType<Commitment> = [
    {
      title: t('credit.commitments.kind'),
      dataIndex: 'kind',
      ...noWrap,
      render: (v: Commitment['kind']) => t(`credit.commitments.kind.${v}`),
    },
    ...(mine ? [] : [{ title: t('credit.entityName'), dataIndex: 'entityName' }]),
    { title: t('credit.commitments.subject'), dataIndex: 'subject' },
    { title: t('credit.commitments.committedOn'), dataIndex: 'committedOn', ...noWrap, responsive: ['md'] },
    { title: t('credit.commitments.verifyBy'), dataIndex: 'verifyBy', ...noWrap },
    {
      title: t('credit.commitments.status'),
      key: 'status',
      render: (_: unknown, c) => (
        <Flex vertical gap={2} align="start">
          <Tag color={COMMITMENT_COLOUR[c.status]} data-testid="commitment-status" data-status={c.status}>
            {t(`credit.commitments.status.${c.status}`)}
          </Tag>
          {c.verificationNote && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.verificationNote}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    ...(onVerify
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            ...noWrap,
            render: (_: unknown, c: Commitment) =>
              c.status === 'pending' ? (
                <Button size="small" onClick={() => onVerify(c)} data-testid="commitment-verify">
                  {t('credit.commitments.verify')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Flex vertical gap={12}>
      {mine && (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="commitment-new">
            {t('credit.commitments.new')}
          </Button>
        </div>
      )}
      {error !== undefined && <ErrorAlert error={error} onRetry={reload} />}
      <Table<Commitment>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        expandable={{
          expandedRowRender: (c) => (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {c.content}
            </Typography.Paragraph>
          ),
        }}
        pagination={{
          current: page,
          pageSize: 10,
          total: data?.total ?? 0,
          size: 'small',
          hideOnSinglePage: true,
          onChange: setPage,
        }}
        locale={{ emptyText: <Empty description={t('credit.commitments.none')} /> }}
        scroll={{ x: 640 }}
        data-testid="commitments"
      />
      {adding && (
        <CommitmentModal
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            reload();
          }}
        />
      )}
    </Flex>
  );
}

export function MyCreditPage() {
  const t = useT();
  const { data, error, loading, reload } = useApi<MyCredit>(creditPaths.my);
  const [applying, setApplying] = useState<MyRecord | null>(null);
  const eligible = data?.records.filter((r) => r.repair.status === 'eligible').length ?? 0;

  return (
    <div data-testid="my-credit">
      <Page title={t('credit.mine.title')}>
        {error !== undefined ? (
          <ErrorAlert error={error} onRetry={reload} />
        ) : loading && !data ? (
          <Card>
            <CardSkeleton rows={8} />
          </Card>
        ) : data ? (
          <>
            <Card>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'name', label: t('credit.entityName'), children: data.name },
                  { key: 'uscc', label: t('credit.uscc'), children: data.uscc },
                ]}
              />
            </Card>
            {eligible > 0 && (
              <Alert
                type="info"
                showIcon
                title={t('credit.mine.eligibleNote', { count: eligible })}
                data-testid="repair-eligible-note"
              />
            )}
            <ClassCard data={data} />
            <Tabs
              items={[
                {
                  key: 'records',
                  label: t('credit.mine.tabRecords'),
                  children: (
                    <Flex vertical gap={16}>
                      <RecordsCard data={data} onApply={setApplying} />
                      <RepairsCard repairs={data.repairs} />
                    </Flex>
                  ),
                },
                {
                  key: 'lists',
                  label: t('credit.mine.tabLists', { count: data.lists.length }),
                  children:
                    data.lists.length === 0 ? (
                      <Card>
                        <Empty description={t('credit.mine.noLists')} />
                      </Card>
                    ) : (
                      <Card>
                        <ListEntriesTable entries={data.lists} />
                      </Card>
                    ),
                },
                {
                  key: 'commitments',
                  label: t('credit.mine.tabCommitments'),
                  children: (
                    <Card>
                      <CommitmentsTable mine />
                    </Card>
                  ),
                },
              ]}
            />
          </>
        ) : null}
      </Page>
      {applying && (
        <ApplyRepairModal
          record={applying}
          onClose={() => setApplying(null)}
          onDone={() => {
            setApplying(null);
            reload();
          }}
        />
      )}
    </div>
  );
}
