import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Table, Typography, type TableColumnsType } from 'antd';
import { useApiQuery } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { noWrap } from '../../components/table-columns.ts';
import type { JobQueue } from './admin.api.ts';

export function JobsPage() {
  const t = useT();
  const { data, error, isFetching: loading, refetch } = useApiQuery('/api/system/jobs');
  const reload = () => void refetch();
  const columns: TableColumnsType<JobQueue> = [
    {
      title: t('jobs.name'),
      ...noWrap,
      dataIndex: 'name',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('jobs.description'), dataIndex: 'description' },
    {
      title: t('jobs.schedule'),
      ...noWrap,
      dataIndex: 'schedule',
      render: (v: string | null | undefined) => (v ? <Typography.Text code>{v}</Typography.Text> : '—'),
    },
    { title: t('jobs.queued'), ...noWrap, dataIndex: 'queued', align: 'right' },
    { title: t('jobs.active'), ...noWrap, dataIndex: 'active', align: 'right' },
    {
      title: t('jobs.failed'),
      ...noWrap,
      dataIndex: 'failed',
      align: 'right',
      render: (v: number) =>
        v > 0 ? (
          <Typography.Text type="danger" strong>
            {v}
          </Typography.Text>
        ) : (
          v
        ),
    },
    { title: t('jobs.total'), ...noWrap, dataIndex: 'total', align: 'right' },
    {
      title: t('jobs.lastProgress'),
      ...noWrap,
      key: 'lastProgress',
      render: (_: unknown, q) =>
        q.lastProgress ? (
          <span>
            {formatDateTime(q.lastProgress.at)} · {q.lastProgress.percent}%
            {q.lastProgress.message ? ` · ${q.lastProgress.message}` : ''}
          </span>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Page
      title={t('jobs.title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
          {t('common.reload')}
        </Button>
      }
    >
      <Card>
        {error !== null ? (
          <ErrorAlert error={error} onRetry={reload} />
        ) : (
          // The table is wider than a phone or the 长辈版 text allows and scrolls sideways. Its rows hold nothing
          // focusable, so the scrolling box itself takes the focus (arrow keys scroll it) and is named for screen
          // readers: antd's own scroll box cannot take a tabIndex, hence this one instead of `scroll.x`.
          <div
            role="region"
            aria-label={t('jobs.title')}
            tabIndex={0}
            style={{ overflowX: 'auto' }}
            data-testid="jobs-scroll"
          >
            <Table<JobQueue>
              rowKey="name"
              columns={columns}
              dataSource={data?.queues ?? []}
              loading={loading}
              pagination={false}
              locale={{ emptyText: <Empty description={t('jobs.empty')} /> }}
              style={{ minWidth: 900 }}
              data-testid="jobs-table"
            />
          </div>
        )}
      </Card>
    </Page>
  );
}
