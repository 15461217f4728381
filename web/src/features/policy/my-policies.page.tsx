/**
 * 我的政策 (enterprise): the policies the enterprise matches, each with its explanation and where every value came
 * from; near misses; 免申即享 grants to confirm with one click; the facts it declared; topic subscriptions.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { useUrlState } from '../../components/url-state.ts';
import { ExplanationList } from './explanation-card.tsx';
import { MyFactsTab } from './my-facts-tab.tsx';
import { MyGrantsTab } from './my-grants-tab.tsx';
import { MySubscriptionsTab } from './my-subscriptions-tab.tsx';

const TABS = ['matches', 'near', 'grants', 'facts', 'subscriptions'] as const;
type Tab = (typeof TABS)[number];

export function MyPoliciesPage() {
  const t = useT();
  const url = useUrlState();
  const raw = url.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(raw ?? '') ? (raw as Tab) : 'matches';
  const matches = useApiQuery('/api/policies/my/matches');
  const catalogue = useApiQuery('/api/policies/my/facts');
  const facts = useMemo(
    () => new Map((catalogue.data?.facts ?? []).map((f) => [f.name, f])),
    [catalogue.data],
  );
  const grants = useApiQuery('/api/policies/my/grants');
  const toConfirm = (grants.data ?? []).filter((g) => g.status === 'awaiting_confirmation').length;

  const content = (list: 'matches' | 'nearMisses') => {
    if (matches.error) return <ErrorAlert error={matches.error} onRetry={() => void matches.refetch()} />;
    if (!matches.data) return <CardSkeleton rows={6} />;
    return list === 'matches' ? (
      <ExplanationList
        items={matches.data.matches}
        facts={facts}
        empty={t('policy.mine.noMatches')}
        testId="my-matches"
      />
    ) : (
      <ExplanationList
        items={matches.data.nearMisses}
        facts={facts}
        empty={t('policy.mine.noNearMisses')}
        testId="my-near-misses"
      />
    );
  };

  const refreshAll = () => {
    void matches.refetch();
    void grants.refetch();
  };

  return (
    <div data-testid="my-policies">
      <Page
        title={t('policy.mine.title')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={refreshAll} loading={matches.isFetching}>
            {t('common.reload')}
          </Button>
        }
      >
        {matches.data && (
          <Typography.Text type="secondary" data-testid="my-enterprise">
            {t('policy.mine.enterprise', { name: matches.data.enterprise.name })}
          </Typography.Text>
        )}
        <Card size="small">
          <Tabs
            activeKey={tab}
            onChange={(key) => url.set({ tab: key })}
            items={[
              {
                key: 'matches',
                label: (
                  <span data-testid="tab-matches">
                    {t('policy.mine.tabMatches')}
                    {matches.data ? ` (${matches.data.matches.length})` : ''}
                  </span>
                ),
                children: content('matches'),
              },
              {
                key: 'near',
                label: (
                  <span data-testid="tab-near">
                    {t('policy.mine.tabNear')}
                    {matches.data ? ` (${matches.data.nearMisses.length})` : ''}
                  </span>
                ),
                children: content('nearMisses'),
              },
              {
                key: 'grants',
                label: (
                  <Badge count={toConfirm} size="small" offset={[8, -2]}>
                    <span data-testid="tab-grants">{t('policy.mine.tabGrants')}</span>
                  </Badge>
                ),
                children: <MyGrantsTab />,
              },
              {
                key: 'facts',
                label: <span data-testid="tab-facts">{t('policy.mine.tabFacts')}</span>,
                children: <MyFactsTab />,
              },
              {
                key: 'subscriptions',
                label: <span data-testid="tab-subscriptions">{t('policy.mine.tabSubscriptions')}</span>,
                children: <MySubscriptionsTab />,
              },
            ]}
          />
        </Card>
      </Page>
    </div>
  );
}
