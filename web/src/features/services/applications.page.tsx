import { Button } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { Page } from '../../components/page.tsx';
import { ApplicationsTable } from './applications-table.tsx';

export function MyApplicationsPage() {
  const t = useT();
  return (
    <div data-testid="my-applications">
      <Page
        title={t('nav.servicesMine')}
        extra={
          <Link to="/services">
            <Button type="primary">{t('services.app.browse')}</Button>
          </Link>
        }
      >
        <ApplicationsTable scope="mine" />
      </Page>
    </div>
  );
}
