/**
 * 红黑名单: the page that holds the public red and black lists, a department's own entries (`credit.review`), the
 * sanctions catalogue and the sanctions check, one tab each (the tab is in the URL).
 */
import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { DepartmentEntries } from './department-entries.tsx';
import { PublicLists } from './public-lists.tsx';
import { SanctionCheck } from './sanction-check.tsx';
import { SanctionsCatalogue } from './sanctions-catalogue.tsx';

export function CreditListsPage() {
  const t = useT();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const canReview = me.permissions.includes('credit.review');
  const catalogue = useApiQuery('/api/credit/sanctions');
  const data = catalogue.data;
  const tab = params.get('tab') ?? 'lists';
  return (
    <div data-testid="credit-lists">
      <Page title={t('credit.lists.title')}>
        {catalogue.error ? (
          <ErrorAlert error={catalogue.error} onRetry={() => void catalogue.refetch()} />
        ) : !data ? (
          <Card>
            <CardSkeleton rows={6} />
          </Card>
        ) : (
          <Card>
            <Tabs
              activeKey={tab}
              // A new tab starts clean: its list, filters and page are not the previous tab's.
              onChange={(k) => setParams({ tab: k }, { replace: true })}
              destroyOnHidden
              items={[
                {
                  key: 'lists',
                  label: t('credit.lists.tabLists'),
                  children: <PublicLists catalogue={data} />,
                },
                ...(canReview
                  ? [
                      {
                        key: 'department',
                        label: t('credit.lists.tabDepartment'),
                        children: <DepartmentEntries catalogue={data} />,
                      },
                    ]
                  : []),
                {
                  key: 'catalogue',
                  label: t('credit.lists.tabCatalogue'),
                  children: <SanctionsCatalogue catalogue={data} />,
                },
                { key: 'check', label: t('credit.lists.tabCheck'), children: <SanctionCheck /> },
              ]}
            />
          </Card>
        )}
      </Page>
    </div>
  );
}
