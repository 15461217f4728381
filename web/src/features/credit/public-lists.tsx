/** The public red and black lists: one list at a time, its entries with entry and exit dates, paged in the URL. */
import { Flex, Segmented, Space, Typography } from 'antd';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { useUrlState } from '../../components/url-state.ts';
import type { PublicListEntry, SanctionCatalogue } from './credit.api.ts';
import { EntityCell } from './entity-cell.tsx';

export function PublicLists({ catalogue }: { catalogue: SanctionCatalogue }) {
  const t = useT();
  const url = useUrlState(20);
  const code = url.get('list', catalogue.lists[0]?.code ?? '');
  const entries = useApiQuery(
    '/api/credit/lists/{code}/entries',
    { params: { path: { code }, query: url.paging } },
    { enabled: code !== '' },
  );
  const list = catalogue.lists.find((l) => l.code === code);
  return (
    <Flex vertical gap={12}>
      <Segmented
        value={code}
        onChange={(v) => url.set({ list: String(v) })}
        options={catalogue.lists.map((l) => ({
          value: l.code,
          label: (
            <Space size={4}>
              <span style={{ color: l.type === 'red' ? '#cf1322' : '#262626' }}>●</span>
              {l.name}
            </Space>
          ),
        }))}
        style={{ maxWidth: '100%', overflowX: 'auto' }}
        data-testid="list-select"
      />
      {list && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {list.description}
        </Typography.Text>
      )}
      {entries.error && <ErrorAlert error={entries.error} onRetry={() => void entries.refetch()} />}
      <PagedTable<PublicListEntry>
        url={url}
        data={entries.data}
        loading={entries.isFetching}
        emptyText={t('credit.lists.empty')}
        rowKey={(e) => `${e.uscc}-${e.enteredOn}`}
        size="small"
        columns={[
          {
            title: t('credit.entityName'),
            key: 'entity',
            render: (_: unknown, e) => <EntityCell name={e.entityName} uscc={e.uscc} />,
          },
          { title: t('credit.lists.basis'), dataIndex: 'basis', responsive: ['md'] },
          { title: t('credit.lists.enteredOn'), dataIndex: 'enteredOn', ...noWrap },
          {
            title: t('credit.lists.exitOn'),
            dataIndex: 'exitOn',
            ...noWrap,
            render: (v: string | null) => v ?? t('credit.lists.noExitDate'),
          },
        ]}
        scroll={{ x: 560 }}
        data-testid="public-list-entries"
      />
    </Flex>
  );
}
