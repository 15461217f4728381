/** `/services/queue/:id`: one task of a department, with claim and the decisions on it. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApiMutation, useApiQuery } from '../../api/query.ts';
import { formatDateTime, formatDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { CreditFlags, FormView, MaterialsView, SupplementHistory } from './application-parts.tsx';
import { ApplicationTimeline } from './application-timeline.tsx';
import { DueMark, RemainingText, TaskStatusTag } from './services-ui.tsx';
import type { Action } from './task-action-dialog.tsx';
import { ActionModal } from './task-action-dialog.tsx';

export function TaskDetailPage() {
  const t = useT();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const taskState = useApiQuery('/api/services/tasks/{id}', { params: { path: { id } } });
  const task = taskState.data;
  const appState = useApiQuery(
    '/api/services/applications/{id}',
    { params: { path: { id: task?.applicationId ?? '' } } },
    { enabled: task !== undefined },
  );
  const { data: bundle } = useApiQuery(
    '/api/services/bundles/{code}',
    { params: { path: { code: appState.data?.bundleCode ?? '' } } },
    { enabled: appState.data !== undefined },
  );
  const [action, setAction] = useState<Action | undefined>(undefined);
  // Claiming moves the task and its application: both reads (and the queue) refetch.
  const claimTask = useApiMutation('post', '/api/services/tasks/{id}/claim', {
    invalidates: ['/api/services/tasks', '/api/services/applications', '/api/services/overview'],
  });
  const claiming = claimTask.isPending;

  const done = (words: string) => {
    setAction(undefined);
    void message.success(words);
  };

  const claim = () => {
    if (!task || claiming) return;
    claimTask.mutate(
      { params: { path: { id: task.id } } },
      { onSuccess: () => done(t('services.action.claimed')) },
    );
  };

  const back = (
    <Link to="/services/queue">
      <Button icon={<ArrowLeftOutlined />}>{t('services.queue.back')}</Button>
    </Link>
  );
  if (taskState.error)
    return (
      <Page title={t('services.task.title')} extra={back}>
        <ErrorAlert error={taskState.error} onRetry={() => void taskState.refetch()} />
      </Page>
    );
  if (!task)
    return (
      <Page title={t('services.task.title')} extra={back}>
        <Card>
          <CardSkeleton rows={6} />
        </Card>
      </Page>
    );

  const app = appState.data;
  const materialName = (code: string) =>
    app?.materials.find((m) => m.code === code)?.name ??
    bundle?.materials.find((m) => m.code === code)?.name ??
    code;

  return (
    <div data-testid="task-detail" data-id={task.id} data-status={task.status}>
      <Page title={`${task.name} · ${task.applicationNumber}`} extra={back}>
        <Card>
          <Flex vertical gap={12}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, lg: 3 }}
              items={[
                { key: 'bundle', label: t('services.app.bundle'), children: task.bundleName },
                { key: 'applicant', label: t('services.app.applicant'), children: task.applicantName },
                {
                  key: 'status',
                  label: t('services.app.status'),
                  children: (
                    <Flex gap={6} wrap>
                      <TaskStatusTag status={task.status} />
                      <DueMark task={task} />
                    </Flex>
                  ),
                },
                { key: 'started', label: t('services.queue.startedOn'), children: formatDay(task.startedOn) },
                { key: 'due', label: t('services.queue.dueDate'), children: formatDay(task.dueDate) },
                {
                  key: 'remaining',
                  label: t('services.queue.remainingCol'),
                  children:
                    task.status === 'supplement' ? (
                      t('services.queue.paused')
                    ) : task.finishedAt ? (
                      '—'
                    ) : (
                      <RemainingText remaining={task.remainingWorkdays} overdue={task.overdue} />
                    ),
                },
                { key: 'claimedBy', label: t('services.task.claimedBy'), children: task.claimedBy ?? '—' },
                {
                  key: 'finished',
                  label: t('services.task.finishedAt'),
                  children: formatDateTime(task.finishedAt),
                },
                {
                  key: 'promise',
                  label: t('services.app.promise'),
                  children: task.promise ? t('common.yes') : t('common.no'),
                },
                ...(task.pausedWorkdays > 0
                  ? [
                      {
                        key: 'paused',
                        label: t('services.task.paused'),
                        children: t('services.workdays', { count: task.pausedWorkdays }),
                      },
                    ]
                  : []),
                ...(task.comment
                  ? [{ key: 'comment', label: t('services.task.comment'), children: task.comment }]
                  : []),
              ]}
            />
            <CreditFlags flags={task.creditFlags ?? []} />
            <Flex gap={8} wrap data-testid="task-actions">
              {task.status === 'pending' && (
                <Button type="primary" loading={claiming} onClick={claim} data-testid="task-claim">
                  {t('services.action.claim')}
                </Button>
              )}
              {task.status === 'claimed' && (
                <>
                  <Button type="primary" onClick={() => setAction('approve')} data-testid="task-approve">
                    {t('services.action.approve')}
                  </Button>
                  <Button onClick={() => setAction('supplement')} data-testid="task-supplement">
                    {t('services.action.supplement')}
                  </Button>
                  <Button danger onClick={() => setAction('reject')} data-testid="task-reject">
                    {t('services.action.reject')}
                  </Button>
                </>
              )}
              {task.status === 'supplement' && (
                <Typography.Text type="warning">{t('services.task.waitingForApplicant')}</Typography.Text>
              )}
              {task.status === 'waiting' && (
                <Typography.Text type="secondary">{t('services.task.waitingForOthers')}</Typography.Text>
              )}
              {(task.status === 'approved' || task.status === 'rejected' || task.status === 'cancelled') && (
                <Typography.Text type="secondary">{t('services.task.finished')}</Typography.Text>
              )}
            </Flex>
            {claimTask.error && <ErrorAlert error={claimTask.error} />}
          </Flex>
        </Card>
        {appState.error ? (
          <ErrorAlert error={appState.error} onRetry={() => void appState.refetch()} />
        ) : !app ? (
          <Card>
            <CardSkeleton rows={6} />
          </Card>
        ) : (
          <>
            <Card title={t('services.detail.form')}>
              <FormView form={app.form} bundle={bundle} />
            </Card>
            <Card title={t('services.detail.materials')}>
              <MaterialsView application={app} bundle={bundle} />
            </Card>
            {app.supplements.length > 0 && (
              <Card title={t('services.detail.supplements')}>
                <SupplementHistory application={app} materialName={materialName} />
              </Card>
            )}
            <Card title={t('services.detail.timeline')}>
              <ApplicationTimeline application={app} />
            </Card>
          </>
        )}
      </Page>
      {action && (
        <ActionModal
          action={action}
          task={task}
          bundle={bundle}
          onClose={() => setAction(undefined)}
          onDone={() => done(t(`services.action.${action}Done`))}
        />
      )}
    </div>
  );
}
