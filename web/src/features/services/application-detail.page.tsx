/** `/services/applications/:id`: one application with its timeline, materials, results and supplement requests. */
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex } from 'antd';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { formatDateTime, formatDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import {
  CreditFlags,
  FormView,
  MaterialsView,
  NoticeView,
  ResultsView,
  SupplementHistory,
} from './application-parts.tsx';
import { ApplicationTimeline } from './application-timeline.tsx';
import { ApplicationStatusTag } from './services-ui.tsx';
import { SupplementAnswer } from './supplement-answer.tsx';

/** One application: status, tasks on a timeline, results, 补正 to answer, the form and the materials. */
export function ApplicationDetailPage() {
  const t = useT();
  const { me } = useSession();
  const { id = '' } = useParams();
  // A 补正 answer invalidates this read, so the page shows the answered application without a manual reload.
  const query = useApiQuery('/api/services/applications/{id}', { params: { path: { id } } });
  const { data: app, error, isPending: loading } = query;
  const reload = () => void query.refetch();
  const { data: bundle } = useApiQuery(
    '/api/services/bundles/{code}',
    { params: { path: { code: app?.bundleCode ?? '' } } },
    { enabled: app !== undefined },
  );
  const isApplicant = me?.permissions.includes('services.apply') ?? false;
  const openSupplements = useMemo(() => (app?.supplements ?? []).filter((s) => !s.answeredAt), [app]);
  const materialName = (code: string) =>
    app?.materials.find((m) => m.code === code)?.name ??
    bundle?.materials.find((m) => m.code === code)?.name ??
    code;

  const back = (
    <Link
      to={
        isApplicant
          ? '/services/applications'
          : me?.permissions.includes('services.process')
            ? '/services/queue'
            : '/services/overview'
      }
    >
      <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
    </Link>
  );
  if (error)
    return (
      <Page title={t('services.detail.title')} extra={back}>
        <ErrorAlert error={error} onRetry={reload} />
      </Page>
    );
  if (!app || loading)
    return (
      <Page title={t('services.detail.title')} extra={back}>
        <Card>
          <CardSkeleton rows={8} />
        </Card>
      </Page>
    );

  return (
    <div data-testid="application-detail" data-id={app.id} data-status={app.status}>
      <Page
        title={app.bundleName}
        extra={
          <Flex gap={8}>
            {back}
            <Button icon={<ReloadOutlined />} onClick={reload}>
              {t('common.reload')}
            </Button>
          </Flex>
        }
      >
        <Card>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              {
                key: 'number',
                label: t('services.app.number'),
                children: <span data-testid="application-number">{app.number}</span>,
              },
              {
                key: 'status',
                label: t('services.app.status'),
                children: <ApplicationStatusTag status={app.status} />,
              },
              { key: 'applicant', label: t('services.app.applicant'), children: app.applicantName },
              {
                key: 'submitted',
                label: t('services.app.submittedAt'),
                children: formatDateTime(app.submittedAt),
              },
              { key: 'due', label: t('services.app.dueDate'), children: formatDay(app.dueDate) },
              {
                key: 'completed',
                label: t('services.app.completedAt'),
                children: formatDateTime(app.completedAt),
              },
              {
                key: 'promise',
                label: t('services.app.promise'),
                children: app.promise ? t('common.yes') : t('common.no'),
              },
            ]}
          />
        </Card>
        <NoticeView application={app} />
        <CreditFlags flags={app.creditFlags} />
        {isApplicant &&
          openSupplements.map((s) => (
            <SupplementAnswer key={s.id} application={app} supplement={s} bundle={bundle} />
          ))}
        <Card title={t('services.detail.timeline')}>
          <ApplicationTimeline application={app} />
        </Card>
        <Card title={t('services.detail.results')}>
          <ResultsView application={app} />
        </Card>
        {app.supplements.length > 0 && (
          <Card title={t('services.detail.supplements')}>
            <SupplementHistory application={app} materialName={materialName} />
          </Card>
        )}
        <Card title={t('services.detail.form')}>
          <FormView form={app.form} bundle={bundle} />
        </Card>
        <Card title={t('services.detail.materials')}>
          <MaterialsView application={app} bundle={bundle} />
        </Card>
      </Page>
    </div>
  );
}
