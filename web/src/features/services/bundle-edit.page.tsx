/** `/services/admin/bundles/new` and `/services/admin/bundles/:code`: loads what the bundle editor needs. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/use-api.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { servicesPaths } from './services.api.ts';
import { type Bundle, type ServiceItem } from './services.api.ts';
import { BundleEditor } from './bundle-editor.tsx';

export function BundleEditPage() {
  const t = useT();
  const { code } = useParams();
  const isNew = code === undefined;
  const existing = useApi<Bundle>(isNew ? null : servicesPaths.bundle(code));
  const items = useApi<ServiceItem[]>(servicesPaths.items);
  const error = existing.error ?? items.error;
  const ready = items.data && (isNew || existing.data);
  return (
    <Page
      title={
        isNew
          ? t('services.admin.addBundle')
          : t('services.admin.editBundle', { name: existing.data?.name ?? '' })
      }
      extra={
        <Link to="/services/admin">
          <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
        </Link>
      }
    >
      {error ? (
        <ErrorAlert error={error} />
      ) : !ready ? (
        <Card>
          <CardSkeleton rows={8} />
        </Card>
      ) : (
        <BundleEditor existing={existing.data} items={items.data ?? []} />
      )}
    </Page>
  );
}

// ---- item editor ----
