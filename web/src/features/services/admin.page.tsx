/** Settings of one-stop services: the bundles (一件事) and the items they are made of, one tab each. */
import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { Page } from '../../components/page.tsx';
import { BundlesTab } from './admin-bundles-tab.tsx';
import { ItemsAdminTab } from './admin-items-tab.tsx';

export function ServicesAdminPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'items' ? 'items' : 'bundles';
  return (
    <div data-testid="bundle-admin">
      <Page title={t('nav.servicesAdmin')}>
        <Card>
          <Tabs
            activeKey={tab}
            onChange={(k) => setParams(k === 'items' ? { tab: 'items' } : {}, { replace: true })}
            items={[
              { key: 'bundles', label: t('services.admin.bundlesTab'), children: <BundlesTab /> },
              { key: 'items', label: t('services.admin.itemsTab'), children: <ItemsAdminTab /> },
            ]}
          />
        </Card>
      </Page>
    </div>
  );
}

// ---- bundle editor ----
