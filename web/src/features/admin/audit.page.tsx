import { Card, Flex, Input, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useApiQuery } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { isMessageKey, useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { useUrlState } from '../../components/url-state.ts';
import type { AuditEntry } from './admin.api.ts';
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
  const url = useUrlState();
  const action = url.get('action');
  const actor = url.get('actor');
  const list = useApiQuery('/api/admin/audit', { params: { query: { ...url.paging, action, actor } } });

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
            onSearch={(v) => url.set({ action: v.trim() })}
            style={{ width: 320, maxWidth: '100%' }}
          />
          <Input.Search
            key={`actor-${actor}`}
            defaultValue={actor}
            allowClear
            placeholder={t('audit.actorPlaceholder')}
            onSearch={(v) => url.set({ actor: v.trim() })}
            style={{ width: 220 }}
          />
        </Flex>
        {list.error !== null && (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          </div>
        )}
        <PagedTable<AuditEntry>
          url={url}
          rowKey="id"
          columns={columns}
          data={list.data}
          loading={list.isFetching}
          emptyText={t('audit.empty')}
          scroll={{ x: 900 }}
          data-testid="audit-table"
        />
      </Card>
    </Page>
  );
}
