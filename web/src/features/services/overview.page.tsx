import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { ApplicationsTable } from './applications-table.tsx';
import { Figures } from './overview-figures.tsx';

export function ServicesOverviewPage() {
  const t = useT();
  const query = useApiQuery('/api/services/overview');
  const { data, error, isFetching: loading } = query;
  const reload = () => void query.refetch();
  return (
    <div data-testid="services-overview">
      <Page
        title={t('nav.servicesOverview')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {t('common.reload')}
          </Button>
        }
      >
        {error ? (
          <ErrorAlert error={error} onRetry={reload} />
        ) : loading && !data ? (
          <Card>
            <CardSkeleton rows={8} />
          </Card>
        ) : data ? (
          <Figures o={data} />
        ) : null}
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('services.overview.allApplications')}
        </Typography.Title>
        <ApplicationsTable scope="all" />
      </Page>
    </div>
  );
}
