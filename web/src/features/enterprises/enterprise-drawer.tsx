import { Drawer } from 'antd';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { EnterpriseDescriptions } from './enterprise-descriptions.tsx';

export function EnterpriseDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const {
    data,
    error,
    isLoading: loading,
    refetch,
  } = useApiQuery(
    '/api/enterprises/{id}',
    { params: { path: { id: id ?? '' } } },
    { enabled: id !== null, placeholderData: undefined },
  );
  const reload = () => void refetch();
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
