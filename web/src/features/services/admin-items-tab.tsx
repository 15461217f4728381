/** The items tab of the services settings: every item (事项) with a link to its editor. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { usePhone, workdays } from './services-ui.tsx';
import { type ServiceItem } from './services.api.ts';

export function ItemsAdminTab() {
  const t = useT();
  const phone = usePhone();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = useApiQuery('/api/services/items');
  const { data, error, isFetching: loading } = query;
  const reload = () => void query.refetch();
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (data ?? []).filter(
      (i) => !needle || `${i.code} ${i.name} ${i.department}`.toLowerCase().includes(needle),
    );
  }, [data, q]);
  const columns: TableColumnsType<ServiceItem> = [
    {
      title: t('services.item.name'),
      dataIndex: 'name',
      render: (name: string, i) => (
        <Flex vertical gap={2}>
          <Link to={`/services/admin/items/${encodeURIComponent(i.code)}`} data-testid="admin-item-link">
            {name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.code}
            {phone ? ` · ${i.department} · ${workdays(i.deadlineWorkdays, t)}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    ...(phone
      ? []
      : [
          { title: t('services.item.department'), dataIndex: 'department', ...noWrap },
          {
            title: t('services.item.deadline'),
            dataIndex: 'deadlineWorkdays',
            ...noWrap,
            render: (n: number) => workdays(n, t),
          },
          {
            title: t('services.item.materials'),
            key: 'materials',
            ...noWrap,
            render: (_: unknown, i: ServiceItem) => i.materials.length,
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
        ]),
  ];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Input.Search
          allowClear
          placeholder={t('services.catalogue.itemSearch')}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
          style={{ maxWidth: 320 }}
        />
        <Link to="/services/admin/items/new">
          <Button type="primary" icon={<PlusOutlined />} data-testid="item-add">
            {t('services.admin.addItem')}
          </Button>
        </Link>
      </Flex>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : (
        <Table<ServiceItem>
          rowKey="code"
          size="small"
          loading={loading}
          dataSource={rows}
          columns={columns}
          data-testid="admin-item-table"
          locale={{ emptyText: <Empty description={t('services.catalogue.noItems')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: rows.length,
            showSizeChanger: !phone,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
        />
      )}
    </Flex>
  );
}
