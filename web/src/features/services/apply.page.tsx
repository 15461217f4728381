import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { Link, useParams } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { Wizard } from './apply-wizard.tsx';

export function ApplyPage() {
  const t = useT();
  const { code = '' } = useParams();
  const params = { params: { path: { code } } };
  const bundle = useApiQuery('/api/services/bundles/{code}', params);
  const prefill = useApiQuery('/api/services/bundles/{code}/prefill', params);
  const back = (
    <Link to={`/services/bundles/${encodeURIComponent(code)}`}>
      <Button icon={<ArrowLeftOutlined />}>{t('services.apply.backToBundle')}</Button>
    </Link>
  );
  const error = bundle.error ?? prefill.error;
  return (
    <Page
      title={
        bundle.data ? t('services.apply.title', { name: bundle.data.name }) : t('services.apply.titlePlain')
      }
      extra={back}
    >
      {error ? (
        <ErrorAlert
          error={error}
          onRetry={() => {
            void bundle.refetch();
            void prefill.refetch();
          }}
        />
      ) : !bundle.data || !prefill.data ? (
        <Card>
          <CardSkeleton rows={8} />
        </Card>
      ) : (
        <Wizard key={bundle.data.code} bundle={bundle.data} prefill={prefill.data} />
      )}
    </Page>
  );
}
