/** The paged list of applications: the applicant's own (`mine`) or every one (`all`, supervision), filters in the URL. */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Select, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../../api/use-api.ts';
import { formatDateTime, formatDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { readPaging } from '../../components/paging.ts';
import { noWrap } from '../../components/table-columns.ts';
import { servicesPaths } from './services.api.ts';
import { ApplicationStatusTag, BundleFilter, usePhone } from './services-ui.tsx';
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  type ApplicationSummary,
  type ServicesPage,
} from './services.api.ts';

/** A paged list of applications (own ones for applicants, all for the office), status filter in the URL. */
export function ApplicationsTable({ scope }: { scope: 'mine' | 'all' }) {
  const t = useT();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const { page, pageSize } = readPaging(params);
  const statusParam = params.get('status') ?? '';
  const status = (APPLICATION_STATUSES as readonly string[]).includes(statusParam)
    ? (statusParam as ApplicationStatus)
    : undefined;
  const bundleCode = params.get('bundle') ?? '';
  const query = { status, bundleCode: bundleCode || undefined, page, pageSize };
  const path = scope === 'mine' ? servicesPaths.myApplications(query) : servicesPaths.allApplications(query);
  const { data, error, loading, reload } = useApi<ServicesPage<ApplicationSummary>>(path);

  const update = (changes: Record<string, string | number>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const link = (a: ApplicationSummary, text: string) => (
    <Link to={`/services/applications/${encodeURIComponent(a.id)}`} data-testid="application-link">
      {text}
    </Link>
  );

  const columns: TableColumnsType<ApplicationSummary> = phone
    ? [
        {
          title: t('services.app.application'),
          key: 'app',
          render: (_: unknown, a) => (
            <Flex vertical gap={4}>
              {link(a, a.bundleName)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.number}
                {scope === 'all' ? ` · ${a.applicantName}` : ''}
              </Typography.Text>
              <Flex gap={8} wrap align="center">
                <ApplicationStatusTag status={a.status} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {a.completedAt
                    ? t('services.app.completedOn', { time: formatDateTime(a.completedAt) })
                    : t('services.app.dueOn', { date: formatDay(a.dueDate) })}
                </Typography.Text>
              </Flex>
            </Flex>
          ),
        },
      ]
    : [
        {
          title: t('services.app.number'),
          dataIndex: 'number',
          ...noWrap,
          render: (n: string, a) => link(a, n),
        },
        { title: t('services.app.bundle'), dataIndex: 'bundleName' },
        ...(scope === 'all' ? [{ title: t('services.app.applicant'), dataIndex: 'applicantName' }] : []),
        {
          title: t('services.app.status'),
          dataIndex: 'status',
          ...noWrap,
          render: (s: ApplicationStatus) => <ApplicationStatusTag status={s} />,
        },
        {
          title: t('services.app.submittedAt'),
          dataIndex: 'submittedAt',
          ...noWrap,
          render: (v: string) => formatDateTime(v),
        },
        {
          title: t('services.app.dueDate'),
          dataIndex: 'dueDate',
          ...noWrap,
          render: (v: string | null) => formatDay(v),
        },
        {
          title: t('services.app.completedAt'),
          dataIndex: 'completedAt',
          ...noWrap,
          responsive: ['lg'],
          render: (v: string | null) => formatDateTime(v),
        },
      ];

  return (
    <Card size={phone ? 'small' : undefined}>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          aria-label={t('services.app.anyStatus')}
          placeholder={t('services.app.anyStatus')}
          value={status}
          onChange={(v: ApplicationStatus | undefined) => update({ status: v ?? '' })}
          options={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`services.appStatus.${s}`) }))}
          style={{ width: 180 }}
          data-testid="application-status-filter"
        />
        <BundleFilter
          value={bundleCode}
          onChange={(v) => update({ bundle: v })}
          testId="application-bundle-filter"
        />
        <Button icon={<ReloadOutlined />} onClick={reload} style={{ marginInlineStart: 'auto' }}>
          {t('common.reload')}
        </Button>
      </Flex>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : (
        <Table<ApplicationSummary>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          columns={columns}
          scroll={phone ? undefined : { x: 'max-content' }}
          data-testid="application-table"
          locale={{
            emptyText: (
              <Empty
                description={
                  status || bundleCode
                    ? t('services.app.noneWithStatus')
                    : scope === 'mine'
                      ? t('services.app.noneMine')
                      : t('services.app.noneAll')
                }
              >
                {scope === 'mine' && !status && !bundleCode && (
                  <Link to="/services">
                    <Button type="primary">{t('services.app.browse')}</Button>
                  </Link>
                )}
              </Empty>
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
  );
}
