/**
 * A list's table with its paging bound to the URL (`page`, `pageSize`), the total shown in words, an empty state
 * that says what is missing, and the previous page kept on screen while the next one loads. Pages pass the
 * server's `{ items, total }` and read `paging` from `useUrlState()` for their query.
 */
import { Empty, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../app/i18n.ts';
import type { UrlState } from './url-state.ts';

export interface PageOf<T> {
  items: readonly T[];
  total: number;
}

export interface PagedTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading'> {
  url: UrlState;
  data: PageOf<T> | undefined;
  loading: boolean;
  /** What the empty list means, e.g. "没有待办任务". */
  emptyText?: ReactNode;
  /** Page sizes offered; the server caps at 100. */
  pageSizeOptions?: number[];
  'data-testid'?: string;
}

export function PagedTable<T extends object>({
  url,
  data,
  loading,
  emptyText,
  pageSizeOptions = [10, 20, 50, 100],
  locale,
  ...table
}: PagedTableProps<T>) {
  const t = useT();
  const { page, pageSize } = url.paging;
  return (
    <Table<T>
      {...table}
      dataSource={data ? [...data.items] : []}
      loading={loading}
      locale={{ emptyText: <Empty description={emptyText ?? t('kit.table.empty')} />, ...locale }}
      pagination={{
        current: page,
        pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions,
        showTotal: (total) => t('common.total', { total }),
        onChange: (p, s) => url.set({ page: p === 1 ? undefined : p, pageSize: s }),
      }}
    />
  );
}
