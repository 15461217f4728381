/** The items tab of the catalogue: every item (事项) in a searchable table. */
import { SearchOutlined } from '@ant-design/icons';
import { Empty, Flex, Input, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { readPaging } from '../../components/paging.ts';
import { noWrap } from '../../components/table-columns.ts';
import { usePhone, workdays } from './services-ui.tsx';
import { type ServiceItem } from './services.api.ts';

function itemMatches(i: ServiceItem, q: string): boolean {
  if (q === '') return true;
  const hay = [i.name, i.code, i.department, i.legalBasis].join('\n').toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

/** The single service items (政务服务事项) behind the bundles, searchable and paged. */
export function ItemsTab() {
  const t = useT();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const { page, pageSize } = readPaging(params);
  const q = params.get('iq') ?? '';
  const query = useApiQuery('/api/services/items');
  const { data, error, isFetching: loading } = query;
  const reload = () => void query.refetch();
  const rows = useMemo(() => (data ?? []).filter((i) => itemMatches(i, q)), [data, q]);

  const update = (changes: Record<string, string | number>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === '' || v === undefined) next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<ServiceItem> = phone
    ? [
        {
          title: t('services.item.name'),
          key: 'name',
          render: (_: unknown, i) => (
            <Flex vertical gap={2}>
              <Typography.Text strong>{i.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {i.department} · {workdays(i.deadlineWorkdays, t)}
                {i.promiseAllowed ? ` · ${t('services.item.promise')}` : ''}
              </Typography.Text>
            </Flex>
          ),
        },
      ]
    : [
        { title: t('services.item.code'), dataIndex: 'code', ...noWrap, width: 150 },
        { title: t('services.item.name'), dataIndex: 'name' },
        { title: t('services.item.department'), dataIndex: 'department', ...noWrap },
        {
          title: t('services.item.deadline'),
          dataIndex: 'deadlineWorkdays',
          ...noWrap,
          render: (n: number) => workdays(n, t),
        },
        {
          title: t('services.item.promise'),
          dataIndex: 'promiseAllowed',
          ...noWrap,
          render: (v: boolean) => (v ? <Tag color="green">{t('common.yes')}</Tag> : t('common.no')),
        },
        {
          title: t('services.item.materials'),
          key: 'materials',
          responsive: ['lg'],
          render: (_: unknown, i) => t('services.item.materialCount', { count: i.materials.length }),
        },
        {
          title: t('services.item.legalBasis'),
          dataIndex: 'legalBasis',
          responsive: ['xl'],
          ellipsis: true,
        },
      ];

  return (
    <Flex vertical gap={12}>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('services.catalogue.itemSearch')}
        defaultValue={q}
        onChange={(e) => update({ iq: e.target.value.trim() })}
        style={{ maxWidth: 360 }}
        data-testid="item-search"
        aria-label={t('services.catalogue.itemSearch')}
      />
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : (
        <Table<ServiceItem>
          rowKey="code"
          size="small"
          loading={loading}
          dataSource={rows}
          columns={columns}
          scroll={phone ? undefined : { x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('services.catalogue.noItems')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: rows.length,
            showSizeChanger: !phone,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => update({ page: p, pageSize: s }),
          }}
          data-testid="item-table"
        />
      )}
    </Flex>
  );
}
