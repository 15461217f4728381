import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Result } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { CaseBody } from './case-body.tsx';

function CaseDetailView({ publicView }: { publicView: boolean }) {
  const t = useT();
  const { id = '' } = useParams();
  const { me } = useSession();
  const { data, error, isLoading, refetch } = useApiQuery(
    '/api/action-plan/cases/{id}',
    { params: { path: { id } } },
    { enabled: id !== '', placeholderData: undefined },
  );
  // Back to the list this case was most likely opened from.
  const listPath = publicView
    ? '/public/plan/cases'
    : me?.permissions.includes('plan.supervise')
      ? '/plan/cases/review'
      : '/plan/cases/mine';
  const back = (
    <Link to={listPath}>
      <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
    </Link>
  );
  if (!id || (error instanceof ApiError && (error.status === 404 || error.status === 400))) {
    return <Result status="404" title={t('plan.cases.notFound')} extra={back} />;
  }
  return (
    <Page title={data?.title ?? t('plan.cases.detailTitle')} extra={back}>
      {error !== null && <ErrorAlert error={error} onRetry={() => void refetch()} />}
      <Card>
        {isLoading && !data ? (
          <CardSkeleton rows={6} />
        ) : data ? (
          <CaseBody item={data} showStatus={!publicView} publicView={publicView} />
        ) : null}
      </Card>
    </Page>
  );
}

/** One typical case, as its department or the office sees it (status, review comment). */
export function CaseDetailPage() {
  return <CaseDetailView publicView={false} />;
}

/** One published typical case, for everyone. */
export function PublicCaseDetailPage() {
  return <CaseDetailView publicView />;
}
