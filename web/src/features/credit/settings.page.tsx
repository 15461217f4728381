/**
 * 信用规则配置: whoever maintains public credit (`credit.manage`) edits the catalogue of credit categories and their
 * fields, the A–D classification rules, and the catalogue of sanctions and incentives. Each tab saves through its
 * own endpoint; the server's checks are mirrored in the forms so most mistakes are named before saving.
 */
import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { Page } from '../../components/page.tsx';
import { CategorySettings } from './settings-categories.tsx';
import { MeasureSettings } from './settings-measures.tsx';
import { RuleSettings } from './settings-rules.tsx';

const TABS = ['categories', 'rules', 'measures'] as const;
type TabKey = (typeof TABS)[number];

function isTab(value: string | null): value is TabKey {
  return TABS.some((k) => k === value);
}

export function CreditSettingsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: TabKey = isTab(raw) ? raw : 'categories';
  return (
    <div data-testid="credit-settings">
      <Page title={t('credit.settings.title')}>
        <Card>
          <Tabs
            activeKey={tab}
            onChange={(k) => setParams({ tab: k }, { replace: true })}
            destroyOnHidden
            items={[
              {
                key: 'categories',
                label: <span data-testid="tab-categories">{t('credit.settings.tabCategories')}</span>,
                children: <CategorySettings />,
              },
              {
                key: 'rules',
                label: <span data-testid="tab-rules">{t('credit.settings.tabRules')}</span>,
                children: <RuleSettings />,
              },
              {
                key: 'measures',
                label: <span data-testid="tab-measures">{t('credit.settings.tabMeasures')}</span>,
                children: <MeasureSettings />,
              },
            ]}
          />
        </Card>
      </Page>
    </div>
  );
}
