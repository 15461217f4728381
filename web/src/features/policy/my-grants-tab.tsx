/** The enterprise's 免申即享 grants: confirm one with a click, see the disbursement once recorded. */
import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useRef } from 'react';
import { newIdempotencyKey } from '../../api/client.ts';
import { useApiMutation, useApiQuery } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { noWrap } from '../../components/table-columns.ts';
import type { GrantEntry } from './policy.api.ts';
import { formatAmount, GrantStatusTag, usePhone } from './policy-ui.tsx';

export function MyGrantsTab() {
  const t = useT();
  const phone = usePhone();
  const { message } = App.useApp();
  const grants = useApiQuery('/api/policies/my/grants');
  const { data, error } = grants;
  // A confirmed grant changes the grant list, the matches (their grant status) and the figures.
  const confirmation = useApiMutation('post', '/api/policies/grants/{id}/confirm', {
    invalidates: ['/api/policies'],
  });
  const busy = confirmation.isPending ? confirmation.variables.params.path.id : undefined;
  // One key per grant until it succeeds, so a retried click is the same request to the server.
  const keys = useRef(new Map<string, string>());

  const confirm = async (entry: GrantEntry) => {
    const key = keys.current.get(entry.id) ?? newIdempotencyKey();
    keys.current.set(entry.id, key);
    try {
      await confirmation.mutateAsync({
        params: { path: { id: entry.id } },
        headers: { 'Idempotency-Key': key },
      });
      keys.current.delete(entry.id);
      message.success(t('policy.grants.confirmed'));
    } catch {
      // Shown from `confirmation.error` above the table; the key is kept for the retry.
    }
  };

  const action = (g: GrantEntry) =>
    g.status === 'awaiting_confirmation' ? (
      <Button
        type="primary"
        size="small"
        icon={<CheckOutlined />}
        loading={busy === g.id}
        onClick={() => void confirm(g)}
        data-testid="grant-confirm"
      >
        {t('policy.grants.confirm')}
      </Button>
    ) : null;

  const disbursement = (g: GrantEntry) =>
    g.status === 'disbursed' ? (
      <Flex vertical gap={2} data-testid="grant-disbursement">
        <span>{g.disbursedAmount === null ? '—' : formatAmount(g.disbursedAmount, t)}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[formatDateTime(g.disbursedAt), g.reference].filter(Boolean).join(' · ')}
        </Typography.Text>
      </Flex>
    ) : g.status === 'confirmed' ? (
      <Typography.Text type="secondary">{t('policy.grants.awaitingDisbursement')}</Typography.Text>
    ) : (
      '—'
    );

  const columns: TableColumnsType<GrantEntry> = phone
    ? [
        {
          key: 'grant',
          title: t('policy.grants.grant'),
          render: (_: unknown, g) => (
            <Flex vertical gap={6}>
              <Typography.Text strong>
                {g.policyTitle} · {g.clauseTitle}
              </Typography.Text>
              <Flex gap={8} wrap align="center">
                <GrantStatusTag status={g.status} />
                <span>{g.amount === null ? '—' : formatAmount(g.amount, t)}</span>
              </Flex>
              {g.formula && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {g.formula}
                </Typography.Text>
              )}
              {disbursement(g)}
              {action(g)}
            </Flex>
          ),
        },
      ]
    : [
        {
          key: 'policy',
          title: t('policy.grants.grant'),
          render: (_: unknown, g) => (
            <Flex vertical gap={2}>
              <span>
                {g.policyTitle} · {g.clauseTitle}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {g.citation}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          key: 'amount',
          title: t('policy.grants.amount'),
          ...noWrap,
          render: (_: unknown, g) => (
            <Flex vertical gap={2}>
              <span>{g.amount === null ? '—' : formatAmount(g.amount, t)}</span>
              {g.formula && (
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
                  {g.formula}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        {
          key: 'status',
          title: t('policy.grants.status'),
          ...noWrap,
          render: (_: unknown, g) => (
            <Flex vertical gap={2}>
              <GrantStatusTag status={g.status} />
              {g.confirmedAt && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('policy.grants.confirmedAt', { at: formatDateTime(g.confirmedAt) })}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        {
          key: 'disbursed',
          title: t('policy.grants.disbursement'),
          render: (_: unknown, g) => disbursement(g),
        },
        { key: 'action', title: t('common.actions'), ...noWrap, render: (_: unknown, g) => action(g) },
      ];

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('policy.grants.mineIntro')}
      </Typography.Paragraph>
      {error && <ErrorAlert error={error} onRetry={() => void grants.refetch()} />}
      {confirmation.error && <ErrorAlert error={confirmation.error} />}
      <Table<GrantEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data ?? []}
        loading={grants.isFetching}
        locale={{ emptyText: <Empty description={t('policy.grants.noneMine')} /> }}
        pagination={(data?.length ?? 0) > 10 ? { pageSize: 10, size: 'small' } : false}
        data-testid="my-grants"
      />
    </Flex>
  );
}
