/** The paged list of applications: the applicant's own (`mine`) or every one (`all`, supervision), filters in the URL. */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Select, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { formatDateTime, formatDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { useUrlState } from '../../components/url-state.ts';
import { noWrap } from '../../components/table-columns.ts';
import { ApplicationStatusTag, BundleFilter, usePhone } from './services-ui.tsx';
import { APPLICATION_STATUSES, type ApplicationStatus, type ApplicationSummary } from './services.api.ts';

/** A paged list of applications (own ones for applicants, all for the office), status filter in the URL. */
export function ApplicationsTable({ scope }: { scope: 'mine' | 'all' }) {
  const t = useT();
  const phone = usePhone();
  const url = useUrlState();
  const { page, pageSize } = url.paging;
  const statusParam = url.get('status');
  const status = APPLICATION_STATUSES.find((s) => s === statusParam);
  const bundleCode = url.get('bundle');
  const init = { params: { query: { status, bundleCode: bundleCode || undefined, page, pageSize } } };
  // Both hooks are declared (hooks cannot be conditional); only the one of this scope fetches.
  const mine = useApiQuery('/api/services/applications', init, { enabled: scope === 'mine' });
  const all = useApiQuery('/api/services/applications/all', init, { enabled: scope === 'all' });
  const query = scope === 'mine' ? mine : all;
  const { data, error, isFetching: loading } = query;
  const reload = () => void query.refetch();
  const update = url.set;

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
        <PagedTable<ApplicationSummary>
          url={url}
          data={data}
          loading={loading}
          rowKey="id"
          size="small"
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
        />
      )}
    </Card>
  );
}
