import { Button, Card, Empty, Flex, Pagination, Typography } from 'antd';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { useUrlState } from '../../components/url-state.ts';

/** The published typical cases, for everyone (cards rather than a table). */
export function PublicCasesPage() {
  const t = useT();
  const url = useUrlState(10);
  const { page, pageSize } = url.paging;
  const { data, error, isLoading, refetch } = useApiQuery('/api/action-plan/cases', {
    params: { query: url.paging },
  });
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
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : isLoading && !data ? (
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
              onChange={(p, s) => url.set({ page: p, pageSize: s })}
            />
          )}
        </Flex>
      )}
    </Page>
  );
}
