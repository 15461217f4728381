import { Button, Card, Flex, Input, Select, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { useUrlState } from '../../components/url-state.ts';
import { EnterpriseDrawer } from './enterprise-drawer.tsx';
import { industryLabel, isEnterpriseSize, sizeLabel } from './enterprise-labels.ts';
import { ENTERPRISE_SIZES, type Enterprise } from './enterprises.api.ts';

const FILTERS = ['q', 'town', 'size', 'industrySection'] as const;
type Filter = (typeof FILTERS)[number];

export function EnterprisesPage() {
  const t = useT();
  const url = useUrlState();
  const filters = Object.fromEntries(FILTERS.map((f) => [f, url.get(f)])) as Record<Filter, string>;
  const [selected, setSelected] = useState<string | null>(null);

  const list = useApiQuery('/api/enterprises', {
    params: {
      query: {
        ...url.paging,
        q: filters.q,
        town: filters.town,
        industrySection: filters.industrySection,
        // An unknown size in a hand-edited URL is left out rather than refused by the server.
        size: isEnterpriseSize(filters.size) ? filters.size : undefined,
      },
    },
  });
  // The stats give the filter choices (towns and industry sections that actually occur).
  const stats = useApiQuery('/api/enterprises/stats');
  const update = (changes: Partial<Record<Filter, string>>) => url.set(changes);

  const anyFilter = FILTERS.some((f) => filters[f] !== '');

  const columns: TableColumnsType<Enterprise> = [
    {
      title: t('enterprise.name'),
      dataIndex: 'name',
      // Names are the point of the list; without a width the industry column took the room and they wrapped.
      width: 260,
      render: (name: string, e) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() => setSelected(e.id)}
        >
          {name}
        </Button>
      ),
    },
    {
      title: t('enterprise.uscc'),
      ...noWrap,
      dataIndex: 'uscc',
      render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
    },
    { title: t('enterprise.town'), ...noWrap, dataIndex: 'town', responsive: ['md'] },
    {
      title: t('enterprise.industry'),
      key: 'industry',
      responsive: ['lg'],
      render: (_: unknown, e) => industryLabel(e),
    },
    { title: t('enterprise.size'), ...noWrap, dataIndex: 'size', render: (v: string) => sizeLabel(v, t) },
    {
      title: t('enterprise.employees'),
      ...noWrap,
      dataIndex: 'employees',
      align: 'right',
      responsive: ['lg'],
    },
    {
      title: t('enterprise.tags'),
      ...noWrap,
      key: 'tags',
      responsive: ['xl'],
      render: (_: unknown, e) => (
        <>
          {e.highTech && <Tag color="blue">{t('enterprise.highTech')}</Tag>}
          {e.specialisedSme && <Tag color="purple">{t('enterprise.specialisedSme')}</Tag>}
        </>
      ),
    },
  ];

  return (
    <Page title={t('enterprise.title')}>
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <Input.Search
            key={filters.q}
            defaultValue={filters.q}
            placeholder={t('enterprise.searchPlaceholder')}
            allowClear
            onSearch={(q) => update({ q: q.trim() })}
            style={{ width: 340 }}
            data-testid="enterprise-search"
          />
          <Select
            aria-label={t('enterprise.anyTown')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('enterprise.anyTown')}
            value={filters.town || undefined}
            options={(stats.data?.byTown ?? []).map((x) => ({
              value: x.key,
              label: `${x.key} (${x.count})`,
            }))}
            onChange={(v: string | undefined) => update({ town: v ?? '' })}
            style={{ width: 200 }}
            loading={stats.isLoading}
            data-testid="filter-town"
          />
          <Select
            aria-label={t('enterprise.anySize')}
            allowClear
            placeholder={t('enterprise.anySize')}
            value={filters.size || undefined}
            options={ENTERPRISE_SIZES.map((s) => ({ value: s, label: t(`size.${s}`) }))}
            onChange={(v: string | undefined) => update({ size: v ?? '' })}
            style={{ width: 140 }}
            data-testid="filter-size"
          />
          <Select
            aria-label={t('enterprise.anySection')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('enterprise.anySection')}
            value={filters.industrySection || undefined}
            options={(stats.data?.bySection ?? []).map((x) => ({
              value: x.key,
              label: `${x.key} ${x.name} (${x.count})`,
            }))}
            onChange={(v: string | undefined) => update({ industrySection: v ?? '' })}
            style={{ width: 260 }}
            loading={stats.isLoading}
            data-testid="filter-section"
          />
          {anyFilter && (
            <Button onClick={() => url.set(Object.fromEntries(FILTERS.map((f) => [f, ''])))}>
              {t('common.reset')}
            </Button>
          )}
        </Flex>
        {list.error !== null && (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          </div>
        )}
        <PagedTable<Enterprise>
          url={url}
          rowKey="id"
          columns={columns}
          data={list.data}
          loading={list.isFetching}
          onRow={(e) => ({ onDoubleClick: () => setSelected(e.id) })}
          emptyText={anyFilter ? t('enterprise.empty') : t('enterprise.emptyAll')}
          scroll={{ x: 960 }}
          data-testid="enterprise-table"
        />
      </Card>
      <EnterpriseDrawer id={selected} onClose={() => setSelected(null)} />
    </Page>
  );
}
