import { App, Button, Card, Flex, Segmented, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApiMutation, useApiQuery } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { ReviewDialog } from '../../components/review-dialog.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { useUrlState } from '../../components/url-state.ts';
import { CaseBody } from './case-body.tsx';
import { CaseStatusTag } from './case-status-tag.tsx';
import type { CaseStatus, TypicalCase } from './plan.api.ts';

const REVIEW_FILTERS = ['submitted', 'published', 'rejected', 'all'] as const;
type ReviewFilter = (typeof REVIEW_FILTERS)[number];

function isReviewFilter(v: string | null): v is ReviewFilter {
  return v !== null && (REVIEW_FILTERS as readonly string[]).includes(v);
}

/** The office's queue of typical cases: publish or reject (oldest submitted first). */
export function CasesReviewPage() {
  const t = useT();
  const { message } = App.useApp();
  const url = useUrlState(10);
  const raw = url.params.get('status');
  const status: ReviewFilter = isReviewFilter(raw) ? raw : 'submitted';
  const list = useApiQuery('/api/action-plan/cases/review', { params: { query: { status, ...url.paging } } });
  const review = useApiMutation('post', '/api/action-plan/cases/{id}/review', {
    invalidates: ['/api/action-plan/cases'],
  });
  const [reviewing, setReviewing] = useState<TypicalCase | null>(null);

  const decide = async (item: TypicalCase, publish: boolean, comment: string) => {
    await review.mutateAsync({
      params: { path: { id: item.id } },
      body: { decision: publish ? 'publish' : 'reject', ...(comment ? { comment } : {}) },
    });
    void message.success(publish ? t('plan.cases.published') : t('plan.cases.rejected'));
  };

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
            onChange={(v) => url.set({ status: v === 'submitted' ? '' : v })}
            data-testid="case-filter"
          />
        </Flex>
        {list.error !== null && (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          </div>
        )}
        <PagedTable<TypicalCase>
          url={url}
          rowKey="id"
          columns={columns}
          data={list.data}
          loading={list.isFetching}
          emptyText={status === 'submitted' ? t('plan.cases.noneToReview') : t('plan.cases.none')}
          scroll={{ x: 760 }}
          data-testid="cases-review"
        />
      </Card>
      {reviewing && (
        <ReviewDialog
          open
          title={t('plan.cases.reviewTitle')}
          onDecide={(decision, comment) => decide(reviewing, decision === 'approve', comment)}
          onClose={() => setReviewing(null)}
          approveLabel={t('plan.cases.publish')}
          rejectLabel={t('plan.cases.reject')}
          commentLabel={t('plan.cases.reviewComment')}
          // A case is not a citizen's application: the office may turn one down without a written reason.
          reasonRequiredOnReject={false}
          testId="case"
        >
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {reviewing.title}
          </Typography.Title>
          <CaseBody item={reviewing} showStatus={false} />
        </ReviewDialog>
      )}
    </Page>
  );
}
