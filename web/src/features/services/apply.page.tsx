import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/use-api.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { servicesPaths } from './services.api.ts';
import type { Bundle, Prefill } from './services.api.ts';
import { Wizard } from './apply-wizard.tsx';

export function ApplyPage() {
  const t = useT();
  const { code = '' } = useParams();
  const bundle = useApi<Bundle>(servicesPaths.bundle(code));
  const prefill = useApi<Prefill>(servicesPaths.prefill(code));
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
            bundle.reload();
            prefill.reload();
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
