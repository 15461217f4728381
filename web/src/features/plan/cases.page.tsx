import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Pagination,
  Result,
  Segmented,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, apiSend, newIdempotencyKey } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import type { CaseStatus, MeasureSummary, Page as ApiPage, TypicalCase } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { readPaging } from '../../components/paging.ts';
import { noWrap } from '../../components/table-columns.ts';
import { planPaths } from './plan.api.ts';

const CASE_TAG = {
  submitted: 'processing',
  published: 'success',
  rejected: 'default',
} as const satisfies Record<CaseStatus, string>;

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const t = useT();
  return (
    <Tag
      color={CASE_TAG[status]}
      style={{ marginInlineEnd: 0 }}
      data-testid="case-status"
      data-status={status}
    >
      {t(`plan.cases.status.${status}`)}
    </Tag>
  );
}

/** `page` and `pageSize` in the URL, so the browser's back button returns to the same page of a list. */
function useUrlPaging() {
  const [params, setParams] = useSearchParams();
  const paging = readPaging(params, 10);
  const setPaging = (page: number, pageSize: number, extra: Record<string, string> = {}) => {
    const next = new URLSearchParams(params);
    next.set('page', String(page));
    next.set('pageSize', String(pageSize));
    for (const [k, v] of Object.entries(extra)) {
      if (v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  return { ...paging, params, setPaging };
}

// ---- submit ----

interface CaseForm {
  title: string;
  summary: string;
  body: string;
  measureNo: number | undefined;
}

export function CaseNewPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CaseForm>();
  const measures = useApi<MeasureSummary[]>(planPaths.measures);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (v: CaseForm) => {
    if (saving) return;
    setSaving(true);
    setError(undefined);
    try {
      await apiSend<TypicalCase>(
        'POST',
        planPaths.submitCase,
        {
          title: v.title.trim(),
          summary: v.summary.trim(),
          body: v.body.trim(),
          ...(v.measureNo ? { measureNo: v.measureNo } : {}),
        },
        { headers: { 'Idempotency-Key': idempotencyKey } },
      );
      void message.success(t('plan.cases.submitted'));
      void navigate('/plan/cases/mine');
    } catch (cause) {
      setError(cause);
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Page
      title={t('plan.cases.newTitle')}
      extra={
        <Link to="/plan/cases/mine">
          <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
        </Link>
      }
    >
      <Card style={{ maxWidth: 880 }}>
        <Typography.Paragraph type="secondary">{t('plan.cases.newIntro')}</Typography.Paragraph>
        <Form<CaseForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          data-testid="case-form"
        >
          <Form.Item
            name="title"
            label={t('plan.cases.title')}
            rules={[{ required: true, whitespace: true, message: t('plan.required') }, { max: 200 }]}
          >
            <Input maxLength={200} data-testid="case-title" />
          </Form.Item>
          <Form.Item name="measureNo" label={t('plan.cases.measure')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('plan.cases.measurePlaceholder')}
              loading={measures.loading}
              options={(measures.data ?? []).map((m) => ({ value: m.no, label: `${m.no} ${m.title}` }))}
            />
          </Form.Item>
          <Form.Item
            name="summary"
            label={t('plan.cases.summary')}
            rules={[{ required: true, whitespace: true, message: t('plan.required') }, { max: 1000 }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 5 }}
              maxLength={1000}
              showCount
              data-testid="case-summary"
            />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('plan.cases.body')}
            rules={[{ required: true, whitespace: true, message: t('plan.required') }, { max: 50000 }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 8, maxRows: 24 }}
              maxLength={50000}
              data-testid="case-body"
            />
          </Form.Item>
          {error !== undefined && (
            <div style={{ marginBottom: 16 }}>
              <ErrorAlert error={error} listFields={false} />
            </div>
          )}
          <Button type="primary" htmlType="submit" loading={saving} data-testid="case-submit">
            {t('plan.cases.submitButton')}
          </Button>
        </Form>
      </Card>
    </Page>
  );
}

// ---- the department's own ----

export function CasesMinePage() {
  const t = useT();
  const { page, pageSize, setPaging } = useUrlPaging();
  const { data, error, loading, reload } = useApi<ApiPage<TypicalCase>>(planPaths.casesMine(page, pageSize));
  const columns: TableColumnsType<TypicalCase> = [
    {
      title: t('plan.cases.title'),
      dataIndex: 'title',
      render: (title: string, c) => <Link to={`/plan/cases/${c.id}`}>{title}</Link>,
    },
    {
      title: t('plan.cases.statusLabel'),
      dataIndex: 'status',
      ...noWrap,
      render: (s: CaseStatus) => <CaseStatusTag status={s} />,
    },
    {
      title: t('plan.cases.submittedAt'),
      dataIndex: 'submittedAt',
      ...noWrap,
      responsive: ['md'],
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('plan.cases.reviewComment'),
      dataIndex: 'reviewComment',
      responsive: ['md'],
      render: (v: string | null) => v ?? '—',
    },
  ];
  return (
    <Page
      title={t('plan.cases.mineTitle')}
      extra={
        <Link to="/plan/cases/new">
          <Button type="primary" icon={<PlusOutlined />} data-testid="case-new">
            {t('plan.cases.submit')}
          </Button>
        </Link>
      }
    >
      <Card>
        {error !== undefined && (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={error} onRetry={reload} />
          </div>
        )}
        <Table<TypicalCase>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          locale={{ emptyText: <Empty description={t('plan.cases.noneMine')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => setPaging(p, s),
          }}
          scroll={{ x: 640 }}
          data-testid="cases-mine"
        />
      </Card>
    </Page>
  );
}

// ---- review (office) ----

const REVIEW_FILTERS = ['submitted', 'published', 'rejected', 'all'] as const;
type ReviewFilter = (typeof REVIEW_FILTERS)[number];

function isReviewFilter(v: string | null): v is ReviewFilter {
  return v !== null && (REVIEW_FILTERS as readonly string[]).includes(v);
}

function ReviewModal({
  item,
  onClose,
  onDone,
}: {
  item: TypicalCase;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<'publish' | 'reject' | null>(null);
  const [error, setError] = useState<unknown>(undefined);

  const decide = async (decision: 'publish' | 'reject') => {
    setBusy(decision);
    setError(undefined);
    try {
      await apiSend<TypicalCase>('POST', planPaths.reviewCase(item.id), {
        decision,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      void message.success(decision === 'publish' ? t('plan.cases.published') : t('plan.cases.rejected'));
      onDone();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={t('plan.cases.reviewTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="reject"
          danger
          loading={busy === 'reject'}
          disabled={busy !== null}
          onClick={() => void decide('reject')}
          data-testid="case-reject"
        >
          {t('plan.cases.reject')}
        </Button>,
        <Button
          key="publish"
          type="primary"
          loading={busy === 'publish'}
          disabled={busy !== null}
          onClick={() => void decide('publish')}
          data-testid="case-publish"
        >
          {t('plan.cases.publish')}
        </Button>,
      ]}
    >
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {item.title}
      </Typography.Title>
      <CaseBody item={item} showStatus={false} />
      <Typography.Text strong style={{ display: 'block', marginTop: 16, marginBottom: 8 }}>
        {t('plan.cases.reviewComment')}
      </Typography.Text>
      <Input.TextArea
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        maxLength={2000}
        autoSize={{ minRows: 2, maxRows: 6 }}
        placeholder={t('plan.cases.commentPlaceholder')}
        data-testid="case-comment"
      />
      {error !== undefined && (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={error} />
        </div>
      )}
    </Modal>
  );
}

export function CasesReviewPage() {
  const t = useT();
  const { page, pageSize, params, setPaging } = useUrlPaging();
  const raw = params.get('status');
  const status: ReviewFilter = isReviewFilter(raw) ? raw : 'submitted';
  const { data, error, loading, reload } = useApi<ApiPage<TypicalCase>>(
    planPaths.casesReview(status, page, pageSize),
  );
  const [reviewing, setReviewing] = useState<TypicalCase | null>(null);

  const columns: TableColumnsType<TypicalCase> = [
    {
      title: t('plan.cases.title'),
      dataIndex: 'title',
      render: (title: string, c) => (
        <Flex vertical gap={2}>
          <Link to={`/plan/cases/${c.id}`}>{title}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: c.summary }}>
            {c.summary}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('plan.department'),
      key: 'department',
      ...noWrap,
      render: (_: unknown, c) => c.department.name,
    },
    {
      title: t('plan.cases.measure'),
      dataIndex: 'measureNo',
      ...noWrap,
      responsive: ['md'],
      render: (no: number | null) =>
        no ? <Link to={`/plan/measures/${no}`}>{t('plan.measureNo', { no })}</Link> : '—',
    },
    {
      title: t('plan.cases.submittedAt'),
      dataIndex: 'submittedAt',
      ...noWrap,
      responsive: ['lg'],
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('plan.cases.statusLabel'),
      dataIndex: 'status',
      ...noWrap,
      render: (s: CaseStatus) => <CaseStatusTag status={s} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      ...noWrap,
      render: (_: unknown, c) =>
        c.status === 'submitted' ? (
          <Button size="small" type="primary" onClick={() => setReviewing(c)} data-testid="case-review">
            {t('plan.cases.review')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Page title={t('plan.cases.reviewPageTitle')}>
      <Card>
        <Flex style={{ marginBottom: 16 }} wrap>
          <Segmented<ReviewFilter>
            value={status}
            options={REVIEW_FILTERS.map((s) => ({
              value: s,
              label: s === 'all' ? t('common.all') : t(`plan.cases.status.${s}`),
            }))}
            onChange={(v) => setPaging(1, pageSize, { status: v === 'submitted' ? '' : v })}
            data-testid="case-filter"
          />
        </Flex>
        {error !== undefined && (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={error} onRetry={reload} />
          </div>
        )}
        <Table<TypicalCase>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          locale={{
            emptyText: (
              <Empty
                description={status === 'submitted' ? t('plan.cases.noneToReview') : t('plan.cases.none')}
              />
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => setPaging(p, s),
          }}
          scroll={{ x: 760 }}
          data-testid="cases-review"
        />
      </Card>
      {reviewing && (
        <ReviewModal
          item={reviewing}
          onClose={() => setReviewing(null)}
          onDone={() => {
            setReviewing(null);
            reload();
          }}
        />
      )}
    </Page>
  );
}

// ---- public ----

export function PublicCasesPage() {
  const t = useT();
  const { page, pageSize, setPaging } = useUrlPaging();
  const { data, error, loading, reload } = useApi<ApiPage<TypicalCase>>(planPaths.cases(page, pageSize));
  return (
    <Page
      title={t('plan.cases.publicTitle')}
      extra={
        <Link to="/public/plan">
          <Button>{t('plan.publicTitle')}</Button>
        </Link>
      }
    >
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('plan.cases.publicIntro')}
      </Typography.Paragraph>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Card>
          <CardSkeleton rows={6} />
        </Card>
      ) : !data || data.items.length === 0 ? (
        <Card>
          <Empty description={t('plan.cases.nonePublished')} />
        </Card>
      ) : (
        <Flex vertical gap={12} data-testid="public-cases">
          {data.items.map((c) => (
            <Link key={c.id} to={`/public/plan/cases/${c.id}`} data-testid="case-card">
              <Card hoverable size="small">
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {c.title}
                </Typography.Title>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>
                  {c.summary}
                </Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.department.name} · {formatDateTime(c.publishedAt)}
                  {c.measureNo ? ` · ${t('plan.measureNo', { no: c.measureNo })}` : ''}
                </Typography.Text>
              </Card>
            </Link>
          ))}
          {data.total > pageSize && (
            <Pagination
              align="center"
              current={page}
              pageSize={pageSize}
              total={data.total}
              showSizeChanger={false}
              onChange={(p, s) => setPaging(p, s)}
            />
          )}
        </Flex>
      )}
    </Page>
  );
}

// ---- detail ----

function CaseBody({
  item,
  showStatus,
  publicView = false,
}: {
  item: TypicalCase;
  showStatus: boolean;
  publicView?: boolean;
}) {
  const t = useT();
  const measureBase = publicView ? '/public/plan' : '/plan/measures';
  return (
    <Flex vertical gap={12} data-testid="case-detail">
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        items={[
          { key: 'department', label: t('plan.department'), children: item.department.name },
          {
            key: 'measure',
            label: t('plan.cases.measure'),
            children: item.measureNo ? (
              <Link to={`${measureBase}/${item.measureNo}`}>
                {t('plan.measureNo', { no: item.measureNo })}
              </Link>
            ) : (
              '—'
            ),
          },
          ...(showStatus
            ? [
                {
                  key: 'status',
                  label: t('plan.cases.statusLabel'),
                  children: <CaseStatusTag status={item.status} />,
                },
              ]
            : []),
          {
            key: 'date',
            label: item.publishedAt ? t('plan.cases.publishedAt') : t('plan.cases.submittedAt'),
            children: formatDateTime(item.publishedAt ?? item.submittedAt),
          },
          ...(item.reviewComment && !publicView
            ? [{ key: 'comment', label: t('plan.cases.reviewComment'), children: item.reviewComment }]
            : []),
        ]}
      />
      <Typography.Paragraph strong style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
        {item.summary}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 15 }}>
        {item.body}
      </Typography.Paragraph>
    </Flex>
  );
}

function CaseDetailView({ publicView }: { publicView: boolean }) {
  const t = useT();
  const { id } = useParams();
  const { me } = useSession();
  const { data, error, loading, reload } = useApi<TypicalCase>(id ? planPaths.typicalCase(id) : null);
  // Back to the list this case was most likely opened from.
  const listPath = publicView
    ? '/public/plan/cases'
    : me?.permissions.includes('plan.supervise')
      ? '/plan/cases/review'
      : '/plan/cases/mine';
  const back = (
    <Link to={listPath}>
      <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
    </Link>
  );
  if (!id || (error instanceof ApiError && (error.status === 404 || error.status === 400))) {
    return <Result status="404" title={t('plan.cases.notFound')} extra={back} />;
  }
  return (
    <Page title={data?.title ?? t('plan.cases.detailTitle')} extra={back}>
      {error !== undefined && <ErrorAlert error={error} onRetry={reload} />}
      <Card>
        {loading && !data ? (
          <CardSkeleton rows={6} />
        ) : data ? (
          <CaseBody item={data} showStatus={!publicView} publicView={publicView} />
        ) : null}
      </Card>
    </Page>
  );
}

export function CaseDetailPage() {
  return <CaseDetailView publicView={false} />;
}

export function PublicCaseDetailPage() {
  return <CaseDetailView publicView />;
}
