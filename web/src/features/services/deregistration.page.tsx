import { Alert, Button, Card, Empty, Flex, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useApi } from '../../api/use-api.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { readPaging } from '../../components/paging.ts';
import { noWrap } from '../../components/table-columns.ts';
import { servicesPaths } from './services.api.ts';
import { NoticeStatusTag, usePhone } from './services-ui.tsx';
import type { DeregistrationNotice, NoticeStatus, ServicesPage } from './services.api.ts';
import { ObjectionModal } from './objection-dialog.tsx';

const FILTERS = ['running', 'objected', 'ended', 'all'] as const;

export function PublicDeregistrationPage() {
  const t = useT();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const { page, pageSize } = readPaging(params);
  const filterParam = params.get('status') ?? 'running';
  const filter = (FILTERS as readonly string[]).includes(filterParam) ? filterParam : 'running';
  const { data, error, loading, reload } = useApi<ServicesPage<DeregistrationNotice>>(
    servicesPaths.notices({ status: filter === 'all' ? undefined : filter, page, pageSize }),
  );
  const [objecting, setObjecting] = useState<DeregistrationNotice | undefined>(undefined);

  const update = (changes: Record<string, string | number>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

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
              onChange={(v) => update({ status: String(v) === 'running' ? '' : String(v) })}
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
            <Table<DeregistrationNotice>
              rowKey="id"
              size="small"
              loading={loading}
              dataSource={data?.items ?? []}
              columns={columns}
              scroll={phone ? undefined : { x: 'max-content' }}
              data-testid="notice-table"
              locale={{
                emptyText: (
                  <Empty
                    description={
                      filter === 'running' ? t('services.notice.noneRunning') : t('services.notice.none')
                    }
                  />
                ),
              }}
              pagination={{
                current: page,
                pageSize,
                total: data?.total ?? 0,
                showSizeChanger: !phone,
                showTotal: (total) => t('common.total', { total }),
                onChange: (p, s) => update({ page: p, pageSize: s }),
              }}
            />
          )}
        </Card>
      </Page>
      {objecting && (
        <ObjectionModal
          notice={objecting}
          onClose={(sent) => {
            setObjecting(undefined);
            if (sent) reload();
          }}
        />
      )}
    </div>
  );
}
