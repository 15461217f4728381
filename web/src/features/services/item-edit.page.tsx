/** `/services/admin/items/new` and `/services/admin/items/:code`: loads what the item editor needs. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { Link, useParams } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { ItemEditor } from './item-editor.tsx';

export function ItemEditPage() {
  const t = useT();
  const { code } = useParams();
  const isNew = code === undefined;
  const existing = useApiQuery(
    '/api/services/items/{code}',
    { params: { path: { code: code ?? '' } } },
    { enabled: !isNew },
  );
  const departments = useApiQuery('/api/departments');
  const error = existing.error ?? departments.error;
  const ready = departments.data && (isNew || existing.data);
  return (
    <Page
      title={
        isNew
          ? t('services.admin.addItem')
          : t('services.admin.editItem', { name: existing.data?.name ?? '' })
      }
      extra={
        <Link to="/services/admin?tab=items">
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
        <ItemEditor existing={existing.data} departments={departments.data ?? []} />
      )}
    </Page>
  );
}
