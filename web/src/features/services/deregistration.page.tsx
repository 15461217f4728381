import { Alert, Button, Card, Flex, Segmented, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { useUrlState } from '../../components/url-state.ts';
import { noWrap } from '../../components/table-columns.ts';
import { NoticeStatusTag, usePhone } from './services-ui.tsx';
import type { DeregistrationNotice, NoticeStatus } from './services.api.ts';
import { ObjectionModal } from './objection-dialog.tsx';

const FILTERS = ['running', 'objected', 'ended', 'all'] as const;

export function PublicDeregistrationPage() {
  const t = useT();
  const phone = usePhone();
  const url = useUrlState();
  const { page, pageSize } = url.paging;
  const filterParam = url.get('status', 'running');
  const filter = FILTERS.find((f) => f === filterParam) ?? 'running';
  const query = useApiQuery('/api/services/deregistration-notices', {
    params: { query: { status: filter === 'all' ? undefined : filter, page, pageSize } },
  });
  const { data, error, isFetching: loading } = query;
  const reload = () => void query.refetch();
  const [objecting, setObjecting] = useState<DeregistrationNotice | undefined>(undefined);

  const objectButton = (n: DeregistrationNotice) =>
    n.status === 'running' ? (
      <Button size="small" onClick={() => setObjecting(n)} data-testid="objection-open">
        {t('services.notice.object')}
      </Button>
    ) : null;

  const columns: TableColumnsType<DeregistrationNotice> = phone
    ? [
        {
          title: t('services.notice.enterprise'),
          key: 'n',
          render: (_: unknown, n) => (
            <Flex vertical gap={4}>
              <Typography.Text strong>{n.enterpriseName}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {n.uscc}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('services.notice.periodShort', { from: n.startsOn, to: n.endsOn })}
              </Typography.Text>
              <Flex gap={8} align="center" wrap>
                <NoticeStatusTag status={n.status} />
                {objectButton(n)}
              </Flex>
            </Flex>
          ),
        },
      ]
    : [
        { title: t('services.notice.enterprise'), dataIndex: 'enterpriseName' },
        { title: t('services.notice.uscc'), dataIndex: 'uscc', ...noWrap },
        { title: t('services.notice.startsOn'), dataIndex: 'startsOn', ...noWrap },
        { title: t('services.notice.endsOn'), dataIndex: 'endsOn', ...noWrap },
        {
          title: t('services.app.status'),
          dataIndex: 'status',
          ...noWrap,
          render: (s: NoticeStatus) => <NoticeStatusTag status={s} />,
        },
        { title: t('services.notice.objections'), dataIndex: 'objections', ...noWrap, align: 'right' },
        { title: t('common.actions'), key: 'a', ...noWrap, render: (_: unknown, n) => objectButton(n) },
      ];

  return (
    <div data-testid="public-deregistration">
      <Page title={t('services.notice.title')}>
        <Alert type="info" showIcon title={t('services.notice.intro')} />
        <Card size={phone ? 'small' : undefined}>
          <div style={{ overflowX: 'auto', marginBottom: 12 }}>
            <Segmented
              value={filter}
              onChange={(v) => url.set({ status: String(v) === 'running' ? '' : String(v) })}
              options={FILTERS.map((f) => ({
                value: f,
                label: f === 'all' ? t('common.all') : t(`services.noticeStatus.${f}`),
              }))}
              data-testid="notice-filter"
            />
          </div>
          {error ? (
            <ErrorAlert error={error} onRetry={reload} />
          ) : (
            <PagedTable<DeregistrationNotice>
              url={url}
              data={data}
              loading={loading}
              rowKey="id"
              size="small"
              columns={columns}
              scroll={phone ? undefined : { x: 'max-content' }}
              data-testid="notice-table"
              emptyText={filter === 'running' ? t('services.notice.noneRunning') : t('services.notice.none')}
            />
          )}
        </Card>
      </Page>
      {objecting && <ObjectionModal notice={objecting} onClose={() => setObjecting(undefined)} />}
    </div>
  );
}
