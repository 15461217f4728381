import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { useUrlState } from '../../components/url-state.ts';
import { CaseStatusTag } from './case-status-tag.tsx';
import type { CaseStatus, TypicalCase } from './plan.api.ts';

/** The department's own typical cases, with the office's decision. */
export function CasesMinePage() {
  const t = useT();
  const url = useUrlState(10);
  const list = useApiQuery('/api/action-plan/cases/mine', { params: { query: url.paging } });
  const columns: TableColumnsType<TypicalCase> = [
    {
      title: t('plan.cases.title'),
      dataIndex: 'title',
      render: (title: string, c) => <Link to={`/plan/cases/${c.id}`}>{title}</Link>,
    },
    {
      title: t('plan.cases.statusLabel'),
      dataIndex: 'status',
      ...noWrap,
      render: (s: CaseStatus) => <CaseStatusTag status={s} />,
    },
    {
      title: t('plan.cases.submittedAt'),
      dataIndex: 'submittedAt',
      ...noWrap,
      responsive: ['md'],
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('plan.cases.reviewComment'),
      dataIndex: 'reviewComment',
      responsive: ['md'],
      render: (v: string | null) => v ?? '—',
    },
  ];
  return (
    <Page
      title={t('plan.cases.mineTitle')}
      extra={
        <Link to="/plan/cases/new">
          <Button type="primary" icon={<PlusOutlined />} data-testid="case-new">
            {t('plan.cases.submit')}
          </Button>
        </Link>
      }
    >
      <Card>
        {list.error !== null && (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          </div>
        )}
        <PagedTable<TypicalCase>
          url={url}
          rowKey="id"
          columns={columns}
          data={list.data}
          loading={list.isFetching}
          emptyText={t('plan.cases.noneMine')}
          scroll={{ x: 640 }}
          data-testid="cases-mine"
        />
      </Card>
    </Page>
  );
}
