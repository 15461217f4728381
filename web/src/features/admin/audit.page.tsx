import { Card, Empty, Flex, Input, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import { withQuery } from '../../api/client.ts';
import type { AuditEntry, Page as ApiPage } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { formatDateTime } from '../../app/format.ts';
import { isMessageKey, useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { readPaging } from '../../components/paging.ts';
import { AuditChainStatus } from './audit-chain-status.tsx';

function Hash({ value }: { value: string }) {
  return (
    <Tooltip title={<span style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{value}</span>}>
      <Typography.Text code copyable={{ text: value }}>
        {value.slice(0, 12)}…
      </Typography.Text>
    </Tooltip>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Actor({ actor }: { actor: string | null }) {
  const t = useT();
  if (actor === null) return <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>;
  if (actor.startsWith('system:')) {
    return (
      <Typography.Text type="secondary">{t('audit.systemActor', { name: actor.slice(7) })}</Typography.Text>
    );
  }
  return <>{actor}</>;
}

/** The action in words, with its code underneath: the code is what the filter above takes. */
function Action({ action }: { action: string }) {
  const t = useT();
  const key = `audit.action.${action}`;
  if (!isMessageKey(key)) return <Typography.Text code>{action}</Typography.Text>;
  return (
    <Flex vertical>
      <span>{t(key)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {action}
      </Typography.Text>
    </Flex>
  );
}

/** "User 3f2a9c1e…" rather than a 36-character UUID; the full id is one click away (copy) or in the tooltip. */
function Subject({ type, id }: { type: string; id: string | null }) {
  const t = useT();
  const key = `audit.subjectType.${type}`;
  const label = isMessageKey(key) ? t(key) : type;
  if (!id) return <>{label}</>;
  const short = UUID.test(id) ? `${id.slice(0, 8)}…` : id;
  return (
    <span>
      {label}{' '}
      <Tooltip title={<span style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{id}</span>}>
        <Typography.Text type="secondary" copyable={short === id ? false : { text: id }}>
          {short}
        </Typography.Text>
      </Tooltip>
    </span>
  );
}

export function AuditPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const { page, pageSize } = readPaging(params);
  const action = params.get('action') ?? '';
  const actor = params.get('actor') ?? '';
  const list = useApi<ApiPage<AuditEntry>>(withQuery('/api/admin/audit', { page, pageSize, action, actor }));

  const set = (changes: Record<string, string | number>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.at'),
      ...noWrap,
      dataIndex: 'at',
      render: (v: string) => formatDateTime(v),
      width: 150,
    },
    {
      title: t('audit.actor'),
      ...noWrap,
      dataIndex: 'actor',
      render: (v: string | null) => <Actor actor={v} />,
    },
    {
      title: t('audit.action'),
      ...noWrap,
      dataIndex: 'action',
      render: (v: string) => <Action action={v} />,
    },
    {
      title: t('audit.subject'),
      ...noWrap,
      key: 'subject',
      render: (_: unknown, e) => <Subject type={e.subjectType} id={e.subjectId} />,
    },
    {
      title: t('audit.hash'),
      ...noWrap,
      dataIndex: 'hash',
      render: (v: string) => <Hash value={v} />,
      responsive: ['lg'],
    },
    {
      title: t('audit.prevHash'),
      ...noWrap,
      dataIndex: 'prevHash',
      render: (v: string) => <Hash value={v} />,
      responsive: ['xl'],
    },
  ];

  return (
    <Page title={t('audit.title')}>
      <Card title={t('home.auditChain')}>
        <AuditChainStatus run={false} />
      </Card>
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <Input.Search
            key={`action-${action}`}
            defaultValue={action}
            allowClear
            placeholder={t('audit.actionPlaceholder')}
            onSearch={(v) => set({ action: v.trim(), page: '' })}
            style={{ width: 320, maxWidth: '100%' }}
          />
          <Input.Search
            key={`actor-${actor}`}
            defaultValue={actor}
            allowClear
            placeholder={t('audit.actorPlaceholder')}
            onSearch={(v) => set({ actor: v.trim(), page: '' })}
            style={{ width: 220 }}
          />
        </Flex>
        {list.error !== undefined && (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={list.error} onRetry={list.reload} />
          </div>
        )}
        <Table<AuditEntry>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => set({ page: p, pageSize: s }),
          }}
          scroll={{ x: 900 }}
          data-testid="audit-table"
        />
      </Card>
    </Page>
  );
}
