/** Commitments, paged: an enterprise's own (`mine`, with a button for a new one) or the department's to verify. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useApi } from '../../api/use-api.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { creditPaths } from './credit.api.ts';
import type { Commitment, Paged } from './credit.types.ts';
import { CommitmentModal } from './commitment-new.dialog.tsx';

const COMMITMENT_COLOUR = { pending: 'processing', fulfilled: 'success', broken: 'error' } as const;

export function CommitmentsTable({ mine, onVerify }: { mine: boolean; onVerify?: (c: Commitment) => void }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const { data, error, loading, reload } = useApi<Paged<Commitment>>(
    creditPaths.commitments(undefined, page, 10),
  );
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
      {error !== undefined && <ErrorAlert error={error} onRetry={reload} />}
      <Table<Commitment>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        expandable={{
          expandedRowRender: (c) => (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {c.content}
            </Typography.Paragraph>
          ),
        }}
        pagination={{
          current: page,
          pageSize: 10,
          total: data?.total ?? 0,
          size: 'small',
          hideOnSinglePage: true,
          onChange: setPage,
        }}
        locale={{ emptyText: <Empty description={t('credit.commitments.none')} /> }}
        scroll={{ x: 640 }}
        data-testid="commitments"
      />
      {adding && (
        <CommitmentModal
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            reload();
          }}
        />
      )}
    </Flex>
  );
}
