/**
 * 信用修复 (department): repair applications for the department's records, earliest review deadline first (the
 * deadline counts working days from the application; overdue ones are marked), approved or rejected with a reason;
 * and the department's commitments to verify (fulfilled, or broken — which becomes a record).
 */
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Segmented,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { apiSend, withQuery } from '../../api/client.ts';
import type { WorkdaysBetweenResult } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { readPaging } from '../../components/paging.ts';
import { noWrap } from '../../components/table-columns.ts';
import { chinaToday, creditPaths } from './credit.api.ts';
import type { Commitment, Paged, Repair, RepairStatus } from './credit.types.ts';
import { RepairStatusTag } from './credit-ui.tsx';
import { CommitmentsTable } from './mine.page.tsx';

const FILTERS = ['pending', 'approved', 'rejected', 'all'] as const;
type Filter = (typeof FILTERS)[number];

function isFilter(v: string | null): v is Filter {
  return v !== null && (FILTERS as readonly string[]).includes(v);
}

function DueCell({ repair }: { repair: Repair }) {
  const t = useT();
  return (
    <Flex vertical gap={2} align="start" data-testid="review-due" data-overdue={String(repair.overdue)}>
      <span>{repair.reviewDueOn}</span>
      {repair.status === 'pending' && repair.overdue && (
        <Tag color="error" style={{ marginInlineEnd: 0 }}>
          {t('credit.repair.overdue')}
        </Tag>
      )}
    </Flex>
  );
}

/** Working days from today to the deadline (official calendar, holidays and make-up days included). */
function WorkdaysLeft({ dueOn }: { dueOn: string }) {
  const t = useT();
  const today = chinaToday();
  const { data } = useApi<WorkdaysBetweenResult>(
    today < dueOn ? withQuery('/api/calendar/workdays-between', { from: today, to: dueOn }) : null,
  );
  if (today === dueOn) return <Tag color="warning">{t('credit.repair.dueToday')}</Tag>;
  if (!data) return null;
  return (
    <Typography.Text type="secondary" data-testid="review-workdays-left">
      {t('credit.repair.workdaysLeft', { days: data.workdays })}
    </Typography.Text>
  );
}

function ReviewModal({
  repair,
  onClose,
  onDone,
}: {
  repair: Repair;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [needReason, setNeedReason] = useState(false);

  const decide = async (decision: 'approve' | 'reject') => {
    if (decision === 'reject' && comment.trim() === '') {
      setNeedReason(true);
      return;
    }
    setBusy(decision);
    setError(undefined);
    try {
      await apiSend<Repair>('POST', creditPaths.reviewRepair(repair.id), {
        decision,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      void message.success(
        decision === 'approve' ? t('credit.repair.approvedMsg') : t('credit.repair.rejectedMsg'),
      );
      onDone();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(null);
    }
  };

  const pending = repair.status === 'pending';
  return (
    <Modal
      open
      width={680}
      title={t('credit.repair.reviewTitle', { name: repair.entityName })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        pending
          ? [
              <Button key="cancel" onClick={onClose}>
                {t('common.cancel')}
              </Button>,
              <Button
                key="reject"
                danger
                loading={busy === 'reject'}
                disabled={busy !== null}
                onClick={() => void decide('reject')}
                data-testid="repair-reject"
              >
                {t('credit.repair.reject')}
              </Button>,
              <Button
                key="approve"
                type="primary"
                loading={busy === 'approve'}
                disabled={busy !== null}
                onClick={() => void decide('approve')}
                data-testid="repair-approve"
              >
                {t('credit.repair.approve')}
              </Button>,
            ]
          : [
              <Button key="close" onClick={onClose}>
                {t('common.back')}
              </Button>,
            ]
      }
      data-testid="repair-review-modal"
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'e', label: t('credit.entityName'), children: `${repair.entityName}（${repair.uscc}）` },
          { key: 'c', label: t('credit.records.category'), children: repair.category },
          { key: 'n', label: t('credit.records.decisionNo'), children: repair.decisionNo },
          { key: 'a', label: t('credit.repair.appliedAtLabel'), children: formatDateTime(repair.appliedAt) },
          {
            key: 'd',
            label: t('credit.repair.reviewDueOn'),
            children: (
              <Space wrap>
                <DueCell repair={repair} />
                {repair.status === 'pending' && !repair.overdue && (
                  <WorkdaysLeft dueOn={repair.reviewDueOn} />
                )}
              </Space>
            ),
          },
          {
            key: 's',
            label: t('credit.repair.statement'),
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{repair.statement}</span>,
          },
          {
            key: 'm',
            label: t('credit.materials.title'),
            children:
              (repair.materials ?? []).length === 0 ? (
                <Typography.Text type="secondary">{t('credit.materials.none')}</Typography.Text>
              ) : (
                <Flex wrap gap={4}>
                  {(repair.materials ?? []).map((m) => (
                    <Tag key={m.id}>
                      <a
                        href={`/api/files/${encodeURIComponent(m.id)}/content`}
                        target="_blank"
                        rel="noreferrer"
                        data-testid="repair-material"
                      >
                        {m.name}
                      </a>
                    </Tag>
                  ))}
                </Flex>
              ),
          },
          ...(pending
            ? []
            : [
                {
                  key: 'st',
                  label: t('credit.repair.statusLabel'),
                  children: <RepairStatusTag value={repair.status} />,
                },
                { key: 'rc', label: t('credit.repair.comment'), children: repair.reviewComment ?? '—' },
              ]),
        ]}
      />
      {pending && (
        <>
          <Typography.Text strong style={{ display: 'block', margin: '16px 0 8px' }}>
            {t('credit.repair.comment')}
          </Typography.Text>
          <Input.TextArea
            value={comment}
            onChange={(e) => {
              setComment(e.target.value);
              setNeedReason(false);
            }}
            status={needReason ? 'error' : undefined}
            maxLength={2000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('credit.repair.commentPlaceholder')}
            data-testid="repair-comment"
          />
          {needReason && (
            <Typography.Text type="danger" data-testid="repair-reason-required">
              {t('credit.repair.reasonRequired')}
            </Typography.Text>
          )}
          <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('credit.repair.approveEffect')} />
        </>
      )}
      {error !== undefined && (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={error} />
        </div>
      )}
    </Modal>
  );
}

function Applications() {
  const t = useT();
  const navigate = useNavigate();
  const { id: openId } = useParams();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const filter: Filter = isFilter(raw) ? raw : 'pending';
  const { page, pageSize } = readPaging(params);
  const { data, error, loading, reload } = useApi<Paged<Repair>>(
    creditPaths.repairs(filter === 'all' ? undefined : filter, page, pageSize),
  );
  const [opened, setOpened] = useState<Repair | null>(null);
  const fromLink = openId ? data?.items.find((r) => r.id === openId) : undefined;
  const shown = opened ?? fromLink ?? null;
  const close = () => {
    setOpened(null);
    if (openId) void navigate({ pathname: '/credit/repairs', search: params.toString() }, { replace: true });
  };

  const columns: TableColumnsType<Repair> = [
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
    {
      title: t('credit.repair.record'),
      key: 'record',
      render: (_: unknown, r) => (
        <Flex vertical>
          <span>{r.category}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.decisionNo}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('credit.repair.appliedOnLabel'), dataIndex: 'appliedOn', ...noWrap, responsive: ['md'] },
    {
      title: t('credit.repair.reviewDueOn'),
      key: 'due',
      ...noWrap,
      render: (_: unknown, r) => <DueCell repair={r} />,
    },
    {
      title: t('credit.repair.statusLabel'),
      dataIndex: 'status',
      ...noWrap,
      render: (v: RepairStatus) => <RepairStatusTag value={v} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      ...noWrap,
      render: (_: unknown, r) => (
        <Button
          size="small"
          type={r.status === 'pending' ? 'primary' : 'default'}
          onClick={() => setOpened(r)}
          data-testid="repair-review-open"
        >
          {r.status === 'pending' ? t('credit.repair.review') : t('common.details')}
        </Button>
      ),
    },
  ];
  const overdue = (data?.items ?? []).filter((r) => r.status === 'pending' && r.overdue).length;

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('credit.repair.reviewIntro')}</Typography.Text>
      <Segmented
        value={filter}
        onChange={(v) => {
          const next = new URLSearchParams(params);
          next.set('status', String(v));
          next.delete('page');
          setParams(next, { replace: true });
        }}
        options={FILTERS.map((f) => ({
          value: f,
          label: f === 'all' ? t('common.all') : t(`credit.repair.status.${f}`),
        }))}
        data-testid="repair-filter"
      />
      {overdue > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('credit.repair.overdueCount', { count: overdue })}
          data-testid="repair-overdue"
        />
      )}
      {error !== undefined && <ErrorAlert error={error} onRetry={reload} />}
      <Table<Repair>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        locale={{ emptyText: <Empty description={t('credit.repair.none')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          size: 'small',
          hideOnSinglePage: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            const next = new URLSearchParams(params);
            next.set('page', String(p));
            next.set('pageSize', String(s));
            setParams(next, { replace: true });
          },
        }}
        scroll={{ x: 720 }}
        data-testid="repair-table"
      />
      {shown && (
        <ReviewModal
          key={shown.id}
          repair={shown}
          onClose={close}
          onDone={() => {
            close();
            reload();
          }}
        />
      )}
    </Flex>
  );
}

function VerifyModal({
  commitment,
  onClose,
  onDone,
}: {
  commitment: Commitment;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ outcome: 'fulfilled' | 'broken'; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const submit = async (v: { outcome: 'fulfilled' | 'broken'; note?: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await apiSend<Commitment>('POST', creditPaths.verifyCommitment(commitment.id), {
        outcome: v.outcome,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
      void message.success(t('credit.commitments.verified'));
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
      title={t('credit.commitments.verifyTitle', { subject: commitment.subject })}
      onCancel={onClose}
      destroyOnHidden
      okText={t('common.save')}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{commitment.content}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ outcome: 'fulfilled' }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="outcome" label={t('credit.commitments.outcome')}>
          <Radio.Group
            options={[
              { value: 'fulfilled', label: t('credit.commitments.status.fulfilled') },
              { value: 'broken', label: t('credit.commitments.status.broken') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('credit.commitments.note')}
          dependencies={['outcome']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_: unknown, value: unknown) =>
                getFieldValue('outcome') !== 'broken' || (typeof value === 'string' && value.trim() !== '')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('credit.commitments.noteRequired'))),
            }),
          ]}
          extra={t('credit.commitments.brokenHint')}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
      </Form>
      {error !== undefined && <ErrorAlert error={error} />}
    </Modal>
  );
}

function Commitments() {
  const [verifying, setVerifying] = useState<Commitment | null>(null);
  const [version, setVersion] = useState(0);
  return (
    <>
      <CommitmentsTable key={version} mine={false} onVerify={setVerifying} />
      {verifying && (
        <VerifyModal
          commitment={verifying}
          onClose={() => setVerifying(null)}
          onDone={() => {
            setVerifying(null);
            setVersion((v) => v + 1);
          }}
        />
      )}
    </>
  );
}

export function RepairReviewPage() {
  const t = useT();
  return (
    <div data-testid="repair-review">
      <Page title={t('credit.repair.reviewPageTitle')}>
        <Card>
          <Tabs
            items={[
              { key: 'repairs', label: t('credit.repair.tabApplications'), children: <Applications /> },
              { key: 'commitments', label: t('credit.repair.tabCommitments'), children: <Commitments /> },
            ]}
          />
        </Card>
      </Page>
    </div>
  );
}
