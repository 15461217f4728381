/** Builds a grant list from an auto (免申即享) clause's matches; the server credit-checks every enterprise. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Select, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { newIdempotencyKey } from '../../api/client.ts';
import { useApiMutation, useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import type { GrantListDetail } from './policy.api.ts';

export function BuildGrantListCard({ onBuilt }: { onBuilt: (list: GrantListDetail) => void }) {
  const t = useT();
  const me = useMe();
  // Published policies with an auto (免申即享) clause; the server builds lists only for the officer's department.
  const policies = useApiQuery('/api/policies', { params: { query: { mode: 'auto' } } });
  const { data, error } = policies;
  const options = useMemo(
    () =>
      (data ?? [])
        .filter((p) => !me.department || p.department.id === me.department.id)
        .flatMap((p) =>
          p.clauses
            .filter((c) => c.mode === 'auto' && c.subject === 'enterprise')
            .map((c) => ({ value: c.id, label: `${p.title} · ${c.title}` })),
        ),
    [data, me.department],
  );
  const [clauseId, setClauseId] = useState<string | undefined>(undefined);
  const create = useApiMutation('post', '/api/policies/clauses/{clauseId}/grant-lists', {
    invalidates: ['/api/policies/grant-lists', '/api/policies/stats'],
  });
  const key = useRef<{ clauseId: string; key: string } | undefined>(undefined);

  const build = async () => {
    if (!clauseId) return;
    if (key.current?.clauseId !== clauseId) key.current = { clauseId, key: newIdempotencyKey() };
    try {
      const list = await create.mutateAsync({
        params: { path: { clauseId } },
        headers: { 'Idempotency-Key': key.current.key },
      });
      key.current = undefined;
      onBuilt(list);
    } catch {
      // Shown from `create.error` below; the same key is kept so a retry is done once.
    }
  };

  return (
    <Card size="small" title={t('policy.grants.buildTitle')} data-testid="grant-build">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('policy.grants.buildIntro')}</Typography.Text>
        {error && <ErrorAlert error={error} onRetry={() => void policies.refetch()} />}
        <Flex gap={8} wrap>
          <Select
            style={{ flex: '1 1 280px', minWidth: 0 }}
            aria-label={t('policy.grants.chooseClause')}
            placeholder={t('policy.grants.chooseClause')}
            value={clauseId}
            onChange={setClauseId}
            options={options}
            loading={policies.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            notFoundContent={<Empty description={t('policy.grants.noAutoClauses')} />}
            data-testid="grant-clause"
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!clauseId}
            loading={create.isPending}
            onClick={() => void build()}
            data-testid="grant-build-submit"
          >
            {t('policy.grants.build')}
          </Button>
        </Flex>
        {create.error && <ErrorAlert error={create.error} />}
      </Flex>
    </Card>
  );
}
