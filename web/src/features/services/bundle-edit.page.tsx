/** `/services/admin/bundles/new` and `/services/admin/bundles/:code`: loads what the bundle editor needs. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { Link, useParams } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { BundleEditor } from './bundle-editor.tsx';

export function BundleEditPage() {
  const t = useT();
  const { code } = useParams();
  const isNew = code === undefined;
  const existing = useApiQuery(
    '/api/services/bundles/{code}',
    { params: { path: { code: code ?? '' } } },
    { enabled: !isNew },
  );
  const items = useApiQuery('/api/services/items');
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
