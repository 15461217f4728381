/** A department's own list entries (`credit.review`): current, exited or all, paged in the URL; add and exit. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { useUrlState } from '../../components/url-state.ts';
import type { ListEntry, SanctionCatalogue } from './credit.api.ts';
import { ListTag } from './credit-ui.tsx';
import { EntityCell } from './entity-cell.tsx';
import { ListEntryAddDialog } from './list-entry-add.dialog.tsx';
import { ListEntryExitDialog } from './list-entry-exit.dialog.tsx';

const STATES = ['current', 'exited', 'all'] as const;
type EntryState = (typeof STATES)[number];

function readState(value: string): EntryState {
  return STATES.find((s) => s === value) ?? 'current';
}

export function DepartmentEntries({ catalogue }: { catalogue: SanctionCatalogue }) {
  const t = useT();
  const url = useUrlState(20);
  const state = readState(url.get('state'));
  const [adding, setAdding] = useState(false);
  const [exiting, setExiting] = useState<ListEntry | null>(null);
  const entries = useApiQuery('/api/credit/list-entries', { params: { query: { state, ...url.paging } } });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Segmented<EntryState>
          value={state}
          onChange={(v) => url.set({ state: v === 'current' ? undefined : v })}
          options={[
            { value: 'current', label: t('credit.lists.state.current') },
            { value: 'exited', label: t('credit.lists.state.exited') },
            { value: 'all', label: t('common.all') },
          ]}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="list-add">
          {t('credit.lists.add')}
        </Button>
      </Flex>
      {entries.error && <ErrorAlert error={entries.error} onRetry={() => void entries.refetch()} />}
      <PagedTable<ListEntry>
        url={url}
        data={entries.data}
        loading={entries.isFetching}
        emptyText={t('credit.lists.departmentEmpty')}
        rowKey="id"
        size="small"
        columns={[
          {
            title: t('credit.lists.list'),
            key: 'list',
            ...noWrap,
            render: (_: unknown, e) => <ListTag type={e.list.type} name={e.list.name} />,
          },
          {
            title: t('credit.entityName'),
            key: 'entity',
            render: (_: unknown, e) => <EntityCell name={e.entityName} uscc={e.uscc} />,
          },
          { title: t('credit.lists.enteredOn'), dataIndex: 'enteredOn', ...noWrap },
          {
            title: t('credit.lists.exitRule'),
            key: 'exit',
            render: (_: unknown, e) =>
              e.exitedOn ? (
                <Flex vertical>
                  <span>{t('credit.lists.exitedOnDay', { day: e.exitedOn })}</span>
                  {e.exitReason && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {e.exitReason}
                    </Typography.Text>
                  )}
                </Flex>
              ) : (
                <Flex vertical>
                  {e.exitRule.on && <span>{t('credit.lists.exitOnDay', { day: e.exitRule.on })}</span>}
                  {e.exitRule.condition && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {e.exitRule.condition}
                    </Typography.Text>
                  )}
                </Flex>
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            ...noWrap,
            render: (_: unknown, e) =>
              e.current ? (
                <Button size="small" danger onClick={() => setExiting(e)} data-testid="list-exit">
                  {t('credit.lists.exit')}
                </Button>
              ) : (
                <Tag>{t('credit.lists.notCurrent')}</Tag>
              ),
          },
        ]}
        expandable={{
          expandedRowRender: (e) => (
            <Flex vertical gap={4}>
              <div>
                <Typography.Text strong>{t('credit.lists.reason')}：</Typography.Text>
                {e.reason}
              </div>
              <div>
                <Typography.Text strong>{t('credit.lists.basis')}：</Typography.Text>
                {e.basis}
              </div>
            </Flex>
          ),
        }}
        scroll={{ x: 640 }}
        data-testid="department-list-entries"
      />
      {adding && <ListEntryAddDialog catalogue={catalogue} onClose={() => setAdding(false)} />}
      {exiting && <ListEntryExitDialog entry={exiting} onClose={() => setExiting(null)} />}
    </Flex>
  );
}
