/**
 * The per-row errors of an import (credit records, the registry, fact feeds): row number as the user counts it in
 * the file, the column, the rule broken and the message — paged when long, with the total when only a sample is
 * shown (the full list is in the downloadable error report).
 */
import { Table, Typography, type TableColumnsType } from 'antd';
import { useT } from '../app/i18n.ts';
import { noWrap } from './table-columns.ts';

export interface ImportRowError {
  /** Line in the file as a spreadsheet shows it (the header is line 1). */
  row: number;
  column: string | null;
  rule: string;
  message: string;
}

export interface ImportErrorsTableProps {
  errors: readonly ImportRowError[];
  /** All failed rows; more than `errors.length` when the server sent a sample. */
  total?: number;
  'data-testid'?: string;
}

export function ImportErrorsTable({ errors, total, 'data-testid': testId }: ImportErrorsTableProps) {
  const t = useT();
  const columns: TableColumnsType<ImportRowError> = [
    { title: t('kit.importErrors.row'), dataIndex: 'row', width: 80, ...noWrap },
    {
      title: t('kit.importErrors.column'),
      dataIndex: 'column',
      ...noWrap,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('kit.importErrors.rule'),
      dataIndex: 'rule',
      ...noWrap,
      render: (v: string) => <code>{v}</code>,
    },
    { title: t('kit.importErrors.message'), dataIndex: 'message' },
  ];
  return (
    <>
      {total !== undefined && total > errors.length && (
        <Typography.Text type="secondary">
          {t('kit.importErrors.sample', { shown: errors.length, total })}
        </Typography.Text>
      )}
      <Table<ImportRowError>
        rowKey={(e) => `${e.row}-${e.column ?? ''}-${e.rule}`}
        size="small"
        columns={columns}
        dataSource={[...errors]}
        pagination={errors.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        scroll={{ x: 480 }}
        data-testid={testId}
      />
    </>
  );
}
