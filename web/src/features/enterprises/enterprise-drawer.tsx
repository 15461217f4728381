import { Drawer } from 'antd';
import type { Enterprise } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { EnterpriseDescriptions } from './enterprise-descriptions.tsx';

export function EnterpriseDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const { data, error, loading, reload } = useApi<Enterprise>(
    id ? `/api/enterprises/${encodeURIComponent(id)}` : null,
  );
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={data?.name ?? t('enterprise.detail')}
      size={640}
      data-testid="enterprise-drawer"
    >
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : loading || !data ? (
        <CardSkeleton rows={10} />
      ) : (
        <EnterpriseDescriptions enterprise={data} columns={1} />
      )}
    </Drawer>
  );
}
