import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Segmented,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, apiSend } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useApi } from '../../api/use-api.ts';
import { formatDateTime, formatDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { readPaging } from '../../components/paging.ts';
import { noWrap } from '../../components/table-columns.ts';
import { CreditFlags, FormView, MaterialsView, SupplementHistory } from './application-parts.tsx';
import { ApplicationTimeline } from './application-timeline.tsx';
import { servicesPaths } from './services.api.ts';
import { BundleFilter, DueMark, RemainingText, TaskStatusTag, usePhone } from './services-ui.tsx';
import type { Application, Bundle, QueueTask, ServicesPage, TaskStatus } from './services.types.ts';

const STATUS_FILTERS = ['open', 'done', 'all'] as const;
const DUE_FILTERS = ['', 'overdue', 'soon'] as const;

function taskLink(task: QueueTask, text: string) {
  return (
    <Link to={`/services/queue/${encodeURIComponent(task.id)}`} data-testid="task-link">
      {text}
    </Link>
  );
}

export function WorkQueuePage() {
  const t = useT();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const { page, pageSize } = readPaging(params);
  const statusParam = params.get('status') ?? 'open';
  const status = (STATUS_FILTERS as readonly string[]).includes(statusParam) ? statusParam : 'open';
  const dueParam = params.get('due') ?? '';
  const due = (DUE_FILTERS as readonly string[]).includes(dueParam) ? dueParam : '';
  const bundleCode = params.get('bundle') ?? '';
  const { data, error, loading, reload } = useApi<ServicesPage<QueueTask>>(
    servicesPaths.tasks({
      status,
      due: due || undefined,
      bundleCode: bundleCode || undefined,
      page,
      pageSize,
    }),
  );

  const update = (changes: Record<string, string | number>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<QueueTask> = phone
    ? [
        {
          title: t('services.queue.task'),
          key: 'task',
          render: (_: unknown, x) => (
            <Flex vertical gap={4}>
              {taskLink(x, `${x.name} · ${x.bundleName}`)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {x.applicationNumber} · {x.applicantName}
              </Typography.Text>
              <Flex gap={6} wrap align="center">
                <TaskStatusTag status={x.status} />
                <DueMark task={x} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('services.queue.dueOn', { date: formatDay(x.dueDate) })} ·{' '}
                  {x.status === 'supplement' ? (
                    t('services.queue.paused')
                  ) : x.finishedAt ? (
                    '—'
                  ) : (
                    <RemainingText remaining={x.remainingWorkdays} overdue={x.overdue} />
                  )}
                </Typography.Text>
              </Flex>
            </Flex>
          ),
        },
      ]
    : [
        {
          title: t('services.app.number'),
          dataIndex: 'applicationNumber',
          ...noWrap,
          render: (n: string, x) => taskLink(x, n),
        },
        {
          title: t('services.queue.task'),
          key: 'task',
          render: (_: unknown, x) => (
            <Flex vertical gap={0}>
              <Typography.Text>{x.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {x.bundleName}
              </Typography.Text>
            </Flex>
          ),
        },
        { title: t('services.app.applicant'), dataIndex: 'applicantName' },
        {
          title: t('services.app.status'),
          dataIndex: 'status',
          ...noWrap,
          render: (s: TaskStatus) => <TaskStatusTag status={s} />,
        },
        {
          title: t('services.queue.startedOn'),
          dataIndex: 'startedOn',
          ...noWrap,
          responsive: ['lg'],
          render: (v: string | null) => formatDay(v),
        },
        {
          title: t('services.queue.dueDate'),
          dataIndex: 'dueDate',
          ...noWrap,
          render: (v: string | null, x) => (
            <Flex gap={6} align="center">
              <Typography.Text type={x.overdue ? 'danger' : undefined}>{formatDay(v)}</Typography.Text>
              <DueMark task={x} />
            </Flex>
          ),
        },
        {
          title: t('services.queue.remainingCol'),
          key: 'remaining',
          ...noWrap,
          render: (_: unknown, x) =>
            x.status === 'supplement' ? (
              <Typography.Text type="warning">{t('services.queue.paused')}</Typography.Text>
            ) : x.finishedAt ? (
              '—'
            ) : (
              <RemainingText remaining={x.remainingWorkdays} overdue={x.overdue} />
            ),
        },
      ];

  return (
    <div data-testid="work-queue">
      <Page
        title={t('nav.servicesQueue')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {t('common.reload')}
          </Button>
        }
      >
        <Card size={phone ? 'small' : undefined}>
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            <Segmented
              value={status}
              onChange={(v) => update({ status: String(v) === 'open' ? '' : String(v) })}
              options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`services.queue.filter.${s}`) }))}
              data-testid="queue-status-filter"
            />
            <Segmented
              value={due}
              onChange={(v) => update({ due: String(v) })}
              options={[
                { value: '', label: t('services.queue.due.any') },
                { value: 'overdue', label: t('services.queue.due.overdue') },
                { value: 'soon', label: t('services.queue.due.soon') },
              ]}
              data-testid="queue-due-filter"
            />
            <BundleFilter
              value={bundleCode}
              onChange={(v) => update({ bundle: v })}
              testId="queue-bundle-filter"
            />
          </Flex>
          {error ? (
            <ErrorAlert error={error} onRetry={reload} />
          ) : (
            <Table<QueueTask>
              rowKey="id"
              size="small"
              loading={loading}
              dataSource={data?.items ?? []}
              columns={columns}
              scroll={phone ? undefined : { x: 'max-content' }}
              data-testid="queue-table"
              onRow={(x) => ({ 'data-overdue': x.overdue ? 'true' : 'false' }) as HTMLAttributes<HTMLElement>}
              locale={{
                emptyText: (
                  <Empty
                    description={
                      due || bundleCode || status !== 'open'
                        ? t('services.queue.noneMatch')
                        : t('services.queue.none')
                    }
                  />
                ),
              }}
              pagination={{
                current: page,
                pageSize,
                total: data?.total ?? 0,
                showSizeChanger: !phone,
                showTotal: (total) => t('common.total', { total }),
                onChange: (p, s) => update({ page: p, pageSize: s }),
              }}
            />
          )}
        </Card>
      </Page>
    </div>
  );
}

type Action = 'approve' | 'reject' | 'supplement';

interface ActionValues {
  comment?: string;
  reason?: string;
  materials?: string[];
}

function ActionModal({
  action,
  task,
  bundle,
  onClose,
  onDone,
}: {
  action: Action;
  task: QueueTask;
  bundle: Bundle | undefined;
  onClose: () => void;
  onDone: (task: QueueTask) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<ActionValues>();
  const [error, setError] = useState<unknown>(undefined);
  const [sending, setSending] = useState(false);
  const itemMaterials = (bundle?.materials ?? []).filter((m) => m.items.includes(task.itemCode));

  const submit = (values: ActionValues) => {
    const body =
      action === 'approve'
        ? values.comment?.trim()
          ? { comment: values.comment.trim() }
          : {}
        : action === 'reject'
          ? { reason: (values.reason ?? '').trim() }
          : { reason: (values.reason ?? '').trim(), materials: values.materials ?? [] };
    setSending(true);
    setError(undefined);
    apiSend<QueueTask>('POST', servicesPaths.taskAction(task.id, action), body).then(
      (next) => {
        setSending(false);
        onDone(next);
      },
      (cause: unknown) => {
        setSending(false);
        setError(cause);
        if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
      },
    );
  };

  return (
    <Modal
      open
      title={t(`services.action.${action}Title`, { task: task.name })}
      onCancel={onClose}
      okText={t(`services.action.${action}`)}
      okButtonProps={{
        danger: action === 'reject',
        loading: sending,
        htmlType: 'submit',
        form: 'task-action-form',
        'data-testid': 'action-confirm',
      }}
      destroyOnHidden
      data-testid="action-modal"
    >
      <Form<ActionValues>
        id="task-action-form"
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ materials: [] }}
      >
        {action === 'approve' && (
          <Form.Item name="comment" label={t('services.action.comment')}>
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={500}
              data-testid="action-comment"
            />
          </Form.Item>
        )}
        {action !== 'approve' && (
          <Form.Item
            name="reason"
            label={t(
              action === 'reject' ? 'services.action.rejectReason' : 'services.action.supplementReason',
            )}
            rules={[{ required: true, whitespace: true, message: t('services.action.reasonRequired') }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={500}
              showCount
              data-testid="action-reason"
            />
          </Form.Item>
        )}
        {action === 'supplement' && (
          <Form.Item
            name="materials"
            label={t('services.action.supplementMaterials')}
            extra={t('services.action.supplementHint')}
          >
            {itemMaterials.length === 0 ? (
              <Typography.Text type="secondary">{t('services.action.noItemMaterials')}</Typography.Text>
            ) : (
              <Checkbox.Group
                data-testid="action-materials"
                options={itemMaterials.map((m) => ({ value: m.code, label: m.name }))}
                style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              />
            )}
          </Form.Item>
        )}
        {action === 'reject' && (
          <Typography.Paragraph type="danger" style={{ margin: 0 }}>
            {t('services.action.rejectWarning')}
          </Typography.Paragraph>
        )}
        {error !== undefined && <ErrorAlert error={error} listFields={false} />}
      </Form>
    </Modal>
  );
}

export function TaskDetailPage() {
  const t = useT();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const taskState = useApi<QueueTask>(servicesPaths.task(id));
  const [updated, setUpdated] = useState<QueueTask | undefined>(undefined);
  const task = updated && updated.id === taskState.data?.id ? updated : taskState.data;
  const appState = useApi<Application>(task ? servicesPaths.application(task.applicationId) : null);
  const { data: bundle } = useApi<Bundle>(
    appState.data ? servicesPaths.bundle(appState.data.bundleCode) : null,
  );
  const [action, setAction] = useState<Action | undefined>(undefined);
  const [claimError, setClaimError] = useState<unknown>(undefined);
  const [claiming, setClaiming] = useState(false);

  const done = (next: QueueTask, words: string) => {
    setUpdated(next);
    setAction(undefined);
    void message.success(words);
    appState.reload();
  };

  const claim = () => {
    if (!task || claiming) return;
    setClaiming(true);
    setClaimError(undefined);
    apiSend<QueueTask>('POST', servicesPaths.taskAction(task.id, 'claim')).then(
      (next) => {
        setClaiming(false);
        done(next, t('services.action.claimed'));
      },
      (cause: unknown) => {
        setClaiming(false);
        setClaimError(cause);
      },
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
        <ErrorAlert error={taskState.error} onRetry={taskState.reload} />
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
            {claimError !== undefined && <ErrorAlert error={claimError} />}
          </Flex>
        </Card>
        {appState.error ? (
          <ErrorAlert error={appState.error} onRetry={appState.reload} />
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
          onDone={(next) => done(next, t(`services.action.${action}Done`))}
        />
      )}
    </div>
  );
}
