import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Typography, type TableColumnsType } from 'antd';
import { type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { formatDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { useUrlState } from '../../components/url-state.ts';
import { noWrap } from '../../components/table-columns.ts';
import { BundleFilter, DueMark, RemainingText, TaskStatusTag, usePhone } from './services-ui.tsx';
import type { QueueTask, TaskStatus } from './services.api.ts';

const STATUS_FILTERS = ['open', 'done', 'all'] as const;

const DUE_FILTERS = ['', 'overdue', 'soon'] as const;

function taskLink(task: QueueTask, text: string) {
  return (
    <Link to={`/services/queue/${encodeURIComponent(task.id)}`} data-testid="task-link">
      {text}
    </Link>
  );
}

export function WorkQueuePage() {
  const t = useT();
  const phone = usePhone();
  const url = useUrlState();
  const { page, pageSize } = url.paging;
  const statusParam = url.get('status', 'open');
  const status = STATUS_FILTERS.find((s) => s === statusParam) ?? 'open';
  const dueParam = url.get('due');
  const due = DUE_FILTERS.find((d) => d === dueParam) ?? '';
  const bundleCode = url.get('bundle');
  const query = useApiQuery('/api/services/tasks', {
    params: {
      query: { status, due: due || undefined, bundleCode: bundleCode || undefined, page, pageSize },
    },
  });
  const { data, error, isFetching: loading } = query;
  const reload = () => void query.refetch();
  const update = url.set;

  const columns: TableColumnsType<QueueTask> = phone
    ? [
        {
          title: t('services.queue.task'),
          key: 'task',
          render: (_: unknown, x) => (
            <Flex vertical gap={4}>
              {taskLink(x, `${x.name} · ${x.bundleName}`)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {x.applicationNumber} · {x.applicantName}
              </Typography.Text>
              <Flex gap={6} wrap align="center">
                <TaskStatusTag status={x.status} />
                <DueMark task={x} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('services.queue.dueOn', { date: formatDay(x.dueDate) })} ·{' '}
                  {x.status === 'supplement' ? (
                    t('services.queue.paused')
                  ) : x.finishedAt ? (
                    '—'
                  ) : (
                    <RemainingText remaining={x.remainingWorkdays} overdue={x.overdue} />
                  )}
                </Typography.Text>
              </Flex>
            </Flex>
          ),
        },
      ]
    : [
        {
          title: t('services.app.number'),
          dataIndex: 'applicationNumber',
          ...noWrap,
          render: (n: string, x) => taskLink(x, n),
        },
        {
          title: t('services.queue.task'),
          key: 'task',
          render: (_: unknown, x) => (
            <Flex vertical gap={0}>
              <Typography.Text>{x.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {x.bundleName}
              </Typography.Text>
            </Flex>
          ),
        },
        { title: t('services.app.applicant'), dataIndex: 'applicantName' },
        {
          title: t('services.app.status'),
          dataIndex: 'status',
          ...noWrap,
          render: (s: TaskStatus) => <TaskStatusTag status={s} />,
        },
        {
          title: t('services.queue.startedOn'),
          dataIndex: 'startedOn',
          ...noWrap,
          responsive: ['lg'],
          render: (v: string | null) => formatDay(v),
        },
        {
          title: t('services.queue.dueDate'),
          dataIndex: 'dueDate',
          ...noWrap,
          render: (v: string | null, x) => (
            <Flex gap={6} align="center">
              <Typography.Text type={x.overdue ? 'danger' : undefined}>{formatDay(v)}</Typography.Text>
              <DueMark task={x} />
            </Flex>
          ),
        },
        {
          title: t('services.queue.remainingCol'),
          key: 'remaining',
          ...noWrap,
          render: (_: unknown, x) =>
            x.status === 'supplement' ? (
              <Typography.Text type="warning">{t('services.queue.paused')}</Typography.Text>
            ) : x.finishedAt ? (
              '—'
            ) : (
              <RemainingText remaining={x.remainingWorkdays} overdue={x.overdue} />
            ),
        },
      ];

  return (
    <div data-testid="work-queue">
      <Page
        title={t('nav.servicesQueue')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {t('common.reload')}
          </Button>
        }
      >
        <Card size={phone ? 'small' : undefined}>
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            <Segmented
              value={status}
              onChange={(v) => update({ status: String(v) === 'open' ? '' : String(v) })}
              options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`services.queue.filter.${s}`) }))}
              data-testid="queue-status-filter"
            />
            <Segmented
              value={due}
              onChange={(v) => update({ due: String(v) })}
              options={[
                { value: '', label: t('services.queue.due.any') },
                { value: 'overdue', label: t('services.queue.due.overdue') },
                { value: 'soon', label: t('services.queue.due.soon') },
              ]}
              data-testid="queue-due-filter"
            />
            <BundleFilter
              value={bundleCode}
              onChange={(v) => update({ bundle: v })}
              testId="queue-bundle-filter"
            />
          </Flex>
          {error ? (
            <ErrorAlert error={error} onRetry={reload} />
          ) : (
            <PagedTable<QueueTask>
              url={url}
              data={data}
              loading={loading}
              rowKey="id"
              size="small"
              columns={columns}
              scroll={phone ? undefined : { x: 'max-content' }}
              data-testid="queue-table"
              onRow={(x) => ({ 'data-overdue': x.overdue ? 'true' : 'false' }) as HTMLAttributes<HTMLElement>}
              emptyText={
                due || bundleCode || status !== 'open'
                  ? t('services.queue.noneMatch')
                  : t('services.queue.none')
              }
            />
          )}
        </Card>
      </Page>
    </div>
  );
}
