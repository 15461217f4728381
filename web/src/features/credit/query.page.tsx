/**
 * 信用查询: anyone searches by name or 统一社会信用代码 and sees the publicised records of an entity (ID numbers
 * masked by the server), its current risk class and its red/black list entries. The same page serves signed-in
 * users (`/credit/query`) and visitors (`/public/credit`).
 */
import { SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Input,
  List,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { noWrap } from '../../components/table-columns.ts';
import type { PublicListEntry, PublicRecord } from './credit.api.ts';
import { ClassTag, ListTag, RecordData, SeverityTag, useCategories } from './credit-ui.tsx';

const SEARCH_PAGE_SIZE = 10;

/** 18 letters/digits: treated as a code, so the server can say exactly what is wrong with it. */
function isCodeShaped(text: string): boolean {
  return /^[0-9A-Za-z]{18}$/.test(text);
}

export function ListEntriesTable({ entries }: { entries: readonly PublicListEntry[] }) {
  const t = useT();
  const columns: TableColumnsType<PublicListEntry> = [
    {
      title: t('credit.lists.list'),
      key: 'list',
      render: (_: unknown, e) => <ListTag type={e.list.type} name={e.list.name} />,
    },
    { title: t('credit.lists.basis'), dataIndex: 'basis' },
    { title: t('credit.lists.enteredOn'), dataIndex: 'enteredOn', ...noWrap },
    {
      title: t('credit.lists.exitOn'),
      dataIndex: 'exitOn',
      ...noWrap,
      render: (v: string | null) => v ?? t('credit.lists.noExitDate'),
    },
  ];
  return (
    <Table<PublicListEntry>
      rowKey={(e) => `${e.list.code}-${e.enteredOn}`}
      size="small"
      columns={columns}
      dataSource={[...entries]}
      pagination={false}
      scroll={{ x: 560 }}
      data-testid="entity-lists"
    />
  );
}

function PublicRecordsTable({ records }: { records: readonly PublicRecord[] }) {
  const t = useT();
  const { byCode } = useCategories();
  const columns: TableColumnsType<PublicRecord> = [
    { title: t('credit.records.category'), dataIndex: 'category', ...noWrap },
    { title: t('credit.records.decisionNo'), dataIndex: 'decisionNo' },
    { title: t('credit.records.decisionDate'), dataIndex: 'decisionDate', ...noWrap },
    {
      title: t('credit.records.severity'),
      dataIndex: 'severity',
      ...noWrap,
      responsive: ['md'],
      render: (v: PublicRecord['severity']) => <SeverityTag value={v} />,
    },
    {
      title: t('credit.records.publishedUntil'),
      dataIndex: 'publishedUntil',
      ...noWrap,
      render: (v: string | null) => v ?? t('credit.records.noEnd'),
    },
  ];
  return (
    <Table<PublicRecord>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...records]}
      expandable={{
        expandedRowRender: (r) => <RecordData data={r.data} category={byCode.get(r.categoryCode)} />,
      }}
      pagination={records.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      locale={{ emptyText: <Empty description={t('credit.query.noRecords')} /> }}
      scroll={{ x: 640 }}
      data-testid="entity-records"
    />
  );
}

function EntityView({ uscc }: { uscc: string }) {
  const t = useT();
  // Another entity must not stay on screen while this one loads.
  const { data, error, refetch } = useApiQuery(
    '/api/credit/entities/{uscc}',
    { params: { path: { uscc } } },
    { placeholderData: undefined },
  );
  const reload = () => void refetch();
  if (error) {
    // The server says what is wrong with the code (`params.reason`); the sentence comes from the error words, so
    // the field list would only repeat it.
    if (error instanceof ApiError && error.code === 'CREDIT_USCC_INVALID')
      return (
        <div data-testid="uscc-invalid">
          <ErrorAlert
            error={error}
            title={t('credit.query.invalidUscc', { code: uscc })}
            listFields={false}
          />
        </div>
      );
    if (error instanceof ApiError && error.status === 404)
      return (
        <Card>
          <Empty description={t('credit.query.unknownUscc', { code: uscc })} data-testid="entity-unknown" />
        </Card>
      );
    return <ErrorAlert error={error} onRetry={reload} />;
  }
  if (!data)
    return (
      <Card>
        <CardSkeleton rows={6} />
      </Card>
    );
  return (
    <Flex vertical gap={16} data-testid="entity-view" data-uscc={data.uscc}>
      <Card title={data.name}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            {
              key: 'uscc',
              label: t('credit.uscc'),
              children: <Typography.Text copyable>{data.uscc}</Typography.Text>,
            },
            {
              key: 'class',
              label: t('credit.class.title'),
              children: (
                <Space wrap>
                  <ClassTag value={data.class} />
                  {data.classPeriod && (
                    <Typography.Text type="secondary">
                      {t('credit.class.period', { period: data.classPeriod })}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            { key: 'count', label: t('credit.query.recordCount'), children: data.records.length },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {t('credit.query.publicNote')}
        </Typography.Paragraph>
      </Card>
      {data.lists.length > 0 && (
        <Card title={t('credit.query.lists')}>
          <ListEntriesTable entries={data.lists} />
        </Card>
      )}
      <Card title={t('credit.query.records')}>
        <PublicRecordsTable records={data.records} />
      </Card>
    </Flex>
  );
}

function SearchResults({
  q,
  page,
  onPage,
  onPick,
}: {
  q: string;
  page: number;
  onPage: (page: number) => void;
  onPick: (uscc: string) => void;
}) {
  const t = useT();
  const {
    data,
    error,
    isFetching: loading,
    refetch,
  } = useApiQuery('/api/credit/entities', {
    params: { query: { q, page, pageSize: SEARCH_PAGE_SIZE } },
  });
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  const codeLike = /^[0-9A-Za-z]{15,}$/.test(q) && q.length !== 18;
  return (
    <Card
      title={t('credit.query.results', { q })}
      extra={
        data ? (
          <Typography.Text type="secondary">{t('common.total', { total: data.total })}</Typography.Text>
        ) : null
      }
    >
      {codeLike && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('credit.query.wrongLength', { n: q.length })}
          data-testid="uscc-length"
        />
      )}
      <List
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('credit.query.noMatch', { q })} /> }}
        pagination={
          (data?.total ?? 0) > SEARCH_PAGE_SIZE
            ? {
                current: page,
                pageSize: SEARCH_PAGE_SIZE,
                total: data?.total ?? 0,
                size: 'small',
                onChange: onPage,
                showSizeChanger: false,
              }
            : false
        }
        data-testid="search-results"
        renderItem={(item) => (
          <List.Item
            key={item.uscc}
            actions={[
              <Button key="open" type="link" onClick={() => onPick(item.uscc)} data-testid="search-open">
                {t('common.open')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <a onClick={() => onPick(item.uscc)} data-testid="search-result" data-uscc={item.uscc}>
                  {item.name}
                </a>
              }
              description={item.uscc}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function CreditQuery({ testId }: { testId: string }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const uscc = params.get('uscc')?.trim().toUpperCase() ?? '';
  const q = params.get('q')?.trim() ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [text, setText] = useState(uscc || q);
  const [hint, setHint] = useState<string | null>(null);
  // A signed-in enterprise sees itself as the public does in one click.
  const own = useSession().me?.enterprise ?? null;

  useEffect(() => setText(uscc || q), [uscc, q]);

  const submit = (raw: string) => {
    const value = raw.trim().replace(/\s+/g, '');
    setHint(null);
    if (value.length < 2) {
      setHint(t('credit.query.tooShort'));
      return;
    }
    if (isCodeShaped(value)) setParams({ uscc: value.toUpperCase() });
    else setParams({ q: raw.trim() });
  };

  return (
    <div data-testid={testId}>
      <Page title={t('credit.query.title')}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('credit.query.intro')}
        </Typography.Paragraph>
        <Card>
          <Input.Search
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={submit}
            enterButton={
              <Button type="primary" icon={<SearchOutlined />} data-testid="credit-search-submit">
                {t('common.search')}
              </Button>
            }
            placeholder={t('credit.query.placeholder')}
            allowClear
            size="large"
            maxLength={100}
            data-testid="credit-search"
          />
          {hint && (
            <Typography.Text type="danger" style={{ display: 'block', marginTop: 8 }}>
              {hint}
            </Typography.Text>
          )}
          {own && own.uscc !== uscc && (
            <Button
              type="link"
              style={{ paddingInline: 0, marginTop: 8 }}
              onClick={() => setParams({ uscc: own.uscc })}
              data-testid="query-own"
            >
              {t('credit.query.own', { name: own.name })}
            </Button>
          )}
        </Card>
        {uscc ? (
          <EntityView uscc={uscc} />
        ) : q ? (
          <SearchResults
            q={q}
            page={page}
            onPage={(p) => setParams({ q, page: String(p) })}
            onPick={(code) => setParams({ uscc: code })}
          />
        ) : (
          <Card>
            <Empty description={t('credit.query.start')} />
          </Card>
        )}
      </Page>
    </div>
  );
}

export function CreditQueryPage() {
  return <CreditQuery testId="credit-query" />;
}

export function PublicCreditPage() {
  return <CreditQuery testId="public-credit" />;
}
