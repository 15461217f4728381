import { Button } from 'antd';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { ExplanationCard } from './explanation-card.tsx';
import { useTopics } from './policy-ui.tsx';

/** `/policies/my/:clauseId` — where a 直达 notification leads: one clause explained for the enterprise. */
export function MyExplanationPage() {
  const t = useT();
  const { clauseId = '' } = useParams();
  const explanation = useApiQuery(
    '/api/policies/my/explain/{clauseId}',
    { params: { path: { clauseId } } },
    { placeholderData: undefined },
  );
  const { data, error } = explanation;
  const catalogue = useApiQuery('/api/policies/my/facts');
  const facts = useMemo(
    () => new Map((catalogue.data?.facts ?? []).map((f) => [f.name, f])),
    [catalogue.data],
  );
  const { label } = useTopics();
  return (
    <Page
      title={t('policy.mine.explainTitle')}
      extra={
        <Link to="/policies/mine">
          <Button>{t('nav.policyMine')}</Button>
        </Link>
      }
    >
      {error && (
        <ErrorAlert
          error={error}
          onRetry={
            error instanceof ApiError && error.status === 404 ? undefined : () => void explanation.refetch()
          }
        />
      )}
      {explanation.isLoading && <CardSkeleton rows={5} />}
      {data && <ExplanationCard item={data} facts={facts} label={label} />}
    </Page>
  );
}
