/** `/services/applications/:id`: one application with its timeline, materials, results and supplement requests. */
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/use-api.ts';
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
import { servicesPaths } from './services.api.ts';
import { ApplicationStatusTag } from './services-ui.tsx';
import { type Application, type Bundle } from './services.api.ts';
import { SupplementAnswer } from './supplement-answer.tsx';

/** One application: status, tasks on a timeline, results, 补正 to answer, the form and the materials. */
export function ApplicationDetailPage() {
  const t = useT();
  const { me } = useSession();
  const { id = '' } = useParams();
  const { data: loaded, error, loading, reload } = useApi<Application>(servicesPaths.application(id));
  const [answered, setAnswered] = useState<Application | undefined>(undefined);
  const app = answered && answered.id === loaded?.id && answered !== loaded ? answered : loaded;
  const { data: bundle } = useApi<Bundle>(app ? servicesPaths.bundle(app.bundleCode) : null);
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
  if (!app || (loading && !loaded))
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
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                setAnswered(undefined);
                reload();
              }}
            >
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
            <SupplementAnswer
              key={s.id}
              application={app}
              supplement={s}
              bundle={bundle}
              onAnswered={setAnswered}
            />
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
