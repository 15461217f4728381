import { Card, Tabs, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { Page } from '../../components/page.tsx';
import { BundlesTab } from './catalogue-bundles.tsx';
import { ItemsTab } from './catalogue-items.tsx';

function Catalogue({ base }: { base: string }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'items' ? 'items' : 'bundles';
  return (
    <Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          const next = new URLSearchParams();
          if (k === 'items') next.set('tab', 'items');
          setParams(next, { replace: true });
        }}
        items={[
          { key: 'bundles', label: t('services.catalogue.bundlesTab'), children: <BundlesTab base={base} /> },
          { key: 'items', label: t('services.catalogue.itemsTab'), children: <ItemsTab /> },
        ]}
      />
    </Card>
  );
}

export function BundleCataloguePage() {
  const t = useT();
  return (
    <div data-testid="bundle-catalogue">
      <Page title={t('services.catalogue.title')}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('services.catalogue.intro')}
        </Typography.Paragraph>
        <Catalogue base="/services/bundles" />
      </Page>
    </div>
  );
}

export function PublicBundleCataloguePage() {
  const t = useT();
  return (
    <div data-testid="public-services">
      <Page
        title={t('services.catalogue.publicTitle')}
        extra={
          <Link to="/public/deregistration" data-testid="public-deregistration-link">
            {t('services.notice.title')}
          </Link>
        }
      >
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('services.catalogue.intro')}
        </Typography.Paragraph>
        <Catalogue base="/public/services" />
      </Page>
    </div>
  );
}
