import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex } from 'antd';
import { useState } from 'react';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';

/** Result of re-hashing the audit chain, with a button to check again. `run` false waits for the first click. */
export function AuditChainStatus({ run = true }: { run?: boolean }) {
  const t = useT();
  const [requested, setRequested] = useState(run);
  const query = useApiQuery('/api/admin/audit/verify', undefined, { enabled: requested });
  // A check made elsewhere (the auditor's home) stays in the cache; until asked here, say it has not been checked.
  const data = requested ? query.data : undefined;
  const error = requested ? query.error : null;
  const isFetching = requested && query.isFetching;
  const check = () => (requested ? void query.refetch() : setRequested(true));
  const loading = isFetching;

  let body;
  if (error) body = <ErrorAlert error={error} />;
  else if (loading && !data) body = <CardSkeleton rows={1} />;
  else if (!data) body = <Alert type="info" title={t('audit.chainNotChecked')} />;
  else if (data.ok)
    body = (
      <Alert
        type="success"
        showIcon
        title={t('audit.chainOk', { checked: data.checked })}
        data-testid="chain-ok"
      />
    );
  else
    body = (
      <Alert
        type="error"
        showIcon
        data-testid="chain-broken"
        title={t('audit.chainBroken', {
          id: data.firstBroken?.id ?? '?',
          reason: data.firstBroken?.reason ?? '',
          checked: data.checked,
        })}
      />
    );

  return (
    <Flex vertical gap={12} data-testid="audit-chain-status">
      {body}
      <div>
        <Button icon={<ReloadOutlined />} loading={loading} onClick={check} data-testid="audit-verify">
          {data || error ? t('home.recheck') : t('audit.verify')}
        </Button>
      </div>
    </Flex>
  );
}
