/** The bundles tab of the services settings: every bundle, active or not, with a link to its editor. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { readPaging } from '../../components/paging.ts';
import { CategoryTag, usePhone, workdays } from './services-ui.tsx';
import { type BundleCategory, type BundleSummary } from './services.api.ts';

export function BundlesTab() {
  const t = useT();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const { page, pageSize } = readPaging(params);
  const query = useApiQuery('/api/services/bundles', { params: { query: { includeInactive: true } } });
  const { data, error, isFetching: loading } = query;
  const reload = () => void query.refetch();
  const columns: TableColumnsType<BundleSummary> = [
    {
      title: t('services.admin.bundleName'),
      dataIndex: 'name',
      render: (name: string, b) => (
        <Flex vertical gap={2}>
          <Link to={`/services/admin/bundles/${encodeURIComponent(b.code)}`} data-testid="admin-bundle-link">
            {name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {b.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('services.admin.category'),
      dataIndex: 'category',
      ...noWrap,
      render: (c: BundleCategory) => <CategoryTag category={c} />,
    },
    {
      title: t('services.admin.items'),
      key: 'items',
      responsive: ['md'],
      render: (_: unknown, b) => b.items.map((i) => i.name).join('、'),
    },
    {
      title: t('services.bundle.deadline'),
      key: 'deadline',
      ...noWrap,
      responsive: ['sm'],
      render: (_: unknown, b) => (b.deadlineWorkdays === undefined ? '—' : workdays(b.deadlineWorkdays, t)),
    },
    {
      title: t('services.admin.launchedOn'),
      dataIndex: 'launchedOn',
      ...noWrap,
      responsive: ['lg'],
      render: (v: string | null | undefined) => v ?? '—',
    },
    {
      title: t('services.admin.active'),
      dataIndex: 'active',
      ...noWrap,
      render: (v: boolean | undefined) =>
        v === false ? (
          <Tag>{t('services.admin.inactive')}</Tag>
        ) : (
          <Tag color="green">{t('services.admin.activeYes')}</Tag>
        ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Text type="secondary">{t('services.admin.bundlesHint')}</Typography.Text>
        <Link to="/services/admin/bundles/new">
          <Button type="primary" icon={<PlusOutlined />} data-testid="bundle-add">
            {t('services.admin.addBundle')}
          </Button>
        </Link>
      </Flex>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : (
        <Table<BundleSummary>
          rowKey="code"
          size="small"
          loading={loading}
          dataSource={data ?? []}
          columns={columns}
          data-testid="admin-bundle-table"
          locale={{ emptyText: <Empty description={t('services.catalogue.none')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: data?.length ?? 0,
            showSizeChanger: !phone,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => {
              const next = new URLSearchParams(params);
              next.set('page', String(p));
              next.set('pageSize', String(s));
              setParams(next, { replace: true });
            },
          }}
        />
      )}
    </Flex>
  );
}
