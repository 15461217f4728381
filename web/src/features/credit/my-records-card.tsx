/** The enterprise's own records, published or not, each with its repair option and from when it opens. */
import { Button, Card, Empty, Flex, Grid, Table, Typography, type TableColumnsType } from 'antd';
import { useT } from '../../app/i18n.ts';
import { noWrap } from '../../components/table-columns.ts';
import type { MyCredit, MyRecord } from './credit.api.ts';
import { PublicationTag, RecordData, RepairOptionTag, SeverityTag, useCategories } from './credit-ui.tsx';

export function RecordsCard({ data, onApply }: { data: MyCredit; onApply: (r: MyRecord) => void }) {
  const t = useT();
  const { byCode } = useCategories();
  // At phone width two stacked columns replace six, so the repair action stays in view without scrolling.
  const narrow = Grid.useBreakpoint().md === false;
  const publicationCell = (r: MyRecord) => (
    <Flex vertical gap={2}>
      <span>
        <PublicationTag value={r.publication} />
      </span>
      {r.publication === 'published' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.publishedUntil
            ? t('credit.records.publishedUntilDay', { day: r.publishedUntil })
            : t('credit.records.noEnd')}
        </Typography.Text>
      )}
    </Flex>
  );
  const repairCell = (r: MyRecord) => (
    <Flex vertical gap={4} align="start">
      <RepairOptionTag value={r.repair.status} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="repair-option-text">
        {r.repair.status === 'too_early' && r.repair.eligibleFrom
          ? t('credit.repair.option.fromDay', { day: r.repair.eligibleFrom })
          : r.repair.status === 'eligible'
            ? t('credit.repair.option.eligibleText')
            : r.repair.status === 'pending'
              ? t('credit.repair.option.pendingText')
              : r.repair.message}
      </Typography.Text>
      {r.repair.status === 'eligible' && (
        <Button size="small" type="primary" onClick={() => onApply(r)} data-testid="repair-apply">
          {t('credit.repair.apply')}
        </Button>
      )}
    </Flex>
  );
  const narrowColumns: TableColumnsType<MyRecord> = [
    {
      title: t('credit.repair.record'),
      key: 'record',
      render: (_: unknown, r) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{r.category}</Typography.Text>
          <span>{r.decisionNo}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.decisionDate}
          </Typography.Text>
          {publicationCell(r)}
        </Flex>
      ),
    },
    {
      title: t('credit.repair.option.title'),
      key: 'repair',
      width: '45%',
      render: (_: unknown, r) => repairCell(r),
    },
  ];
  const columns: TableColumnsType<MyRecord> = [
    { title: t('credit.records.category'), dataIndex: 'category', ...noWrap },
    { title: t('credit.records.decisionNo'), dataIndex: 'decisionNo' },
    { title: t('credit.records.decisionDate'), dataIndex: 'decisionDate', ...noWrap },
    {
      title: t('credit.records.severity'),
      dataIndex: 'severity',
      ...noWrap,
      responsive: ['md'],
      render: (v: MyRecord['severity']) => <SeverityTag value={v} />,
    },
    {
      title: t('credit.records.publication'),
      key: 'publication',
      render: (_: unknown, r) => publicationCell(r),
    },
    { title: t('credit.repair.option.title'), key: 'repair', render: (_: unknown, r) => repairCell(r) },
  ];
  return (
    <Card title={t('credit.mine.records', { count: data.records.length })}>
      <Table<MyRecord>
        rowKey="id"
        size="small"
        columns={narrow ? narrowColumns : columns}
        dataSource={data.records}
        expandable={{
          expandedRowRender: (r) => <RecordData data={r.data} category={byCode.get(r.categoryCode)} />,
        }}
        pagination={data.records.length > 10 ? { pageSize: 10, size: 'small' } : false}
        locale={{ emptyText: <Empty description={t('credit.mine.noRecords')} /> }}
        scroll={narrow ? undefined : { x: 820 }}
        data-testid="my-records"
      />
    </Card>
  );
}
