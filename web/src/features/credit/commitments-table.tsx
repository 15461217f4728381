/** Commitments, paged: an enterprise's own (`mine`, with a button for a new one) or the department's to verify. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { useUrlState } from '../../components/url-state.ts';
import type { Commitment } from './credit.api.ts';
import { CommitmentModal } from './commitment-new.dialog.tsx';

const COMMITMENT_COLOUR = { pending: 'processing', fulfilled: 'success', broken: 'error' } as const;

export function CommitmentsTable({ mine, onVerify }: { mine: boolean; onVerify?: (c: Commitment) => void }) {
  const t = useT();
  const url = useUrlState(10);
  const [adding, setAdding] = useState(false);
  const list = useApiQuery('/api/credit/commitments', { params: { query: url.paging } });
  const columns: TableColumnsType<Commitment> = [
    {
      title: t('credit.commitments.kind'),
      dataIndex: 'kind',
      ...noWrap,
      render: (v: Commitment['kind']) => t(`credit.commitments.kind.${v}`),
    },
    ...(mine ? [] : [{ title: t('credit.entityName'), dataIndex: 'entityName' }]),
    { title: t('credit.commitments.subject'), dataIndex: 'subject' },
    { title: t('credit.commitments.committedOn'), dataIndex: 'committedOn', ...noWrap, responsive: ['md'] },
    { title: t('credit.commitments.verifyBy'), dataIndex: 'verifyBy', ...noWrap },
    {
      title: t('credit.commitments.status'),
      key: 'status',
      render: (_: unknown, c) => (
        <Flex vertical gap={2} align="start">
          <Tag color={COMMITMENT_COLOUR[c.status]} data-testid="commitment-status" data-status={c.status}>
            {t(`credit.commitments.status.${c.status}`)}
          </Tag>
          {c.verificationNote && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.verificationNote}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    ...(onVerify
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            ...noWrap,
            render: (_: unknown, c: Commitment) =>
              c.status === 'pending' ? (
                <Button size="small" onClick={() => onVerify(c)} data-testid="commitment-verify">
                  {t('credit.commitments.verify')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Flex vertical gap={12}>
      {mine && (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="commitment-new">
            {t('credit.commitments.new')}
          </Button>
        </div>
      )}
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <PagedTable<Commitment>
        url={url}
        data={list.data}
        loading={list.isFetching}
        emptyText={t('credit.commitments.none')}
        rowKey="id"
        size="small"
        columns={columns}
        expandable={{
          expandedRowRender: (c) => (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {c.content}
            </Typography.Paragraph>
          ),
        }}
        scroll={{ x: 640 }}
        data-testid="commitments"
      />
      {adding && <CommitmentModal onClose={() => setAdding(false)} />}
    </Flex>
  );
}
