import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Input,
  Select,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { apiSend, newIdempotencyKey } from '../../api/client.ts';
import type { StoredFile } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { formatDateTime, formatDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { readPaging } from '../../components/paging.ts';
import { noWrap } from '../../components/table-columns.ts';
import {
  CreditFlags,
  FormView,
  MaterialsView,
  NoticeView,
  ResultsView,
  SupplementHistory,
} from './application-parts.tsx';
import { ApplicationTimeline } from './application-timeline.tsx';
import { MaterialUpload } from './material-upload.tsx';
import { servicesPaths } from './services.api.ts';
import { ApplicationStatusTag, BundleFilter, usePhone } from './services-ui.tsx';
import {
  APPLICATION_STATUSES,
  type Application,
  type ApplicationStatus,
  type ApplicationSummary,
  type Bundle,
  type ServicesPage,
  type Supplement,
} from './services.types.ts';

/** A paged list of applications (own ones for applicants, all for the office), status filter in the URL. */
export function ApplicationsTable({ scope }: { scope: 'mine' | 'all' }) {
  const t = useT();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const { page, pageSize } = readPaging(params);
  const statusParam = params.get('status') ?? '';
  const status = (APPLICATION_STATUSES as readonly string[]).includes(statusParam)
    ? (statusParam as ApplicationStatus)
    : undefined;
  const bundleCode = params.get('bundle') ?? '';
  const query = { status, bundleCode: bundleCode || undefined, page, pageSize };
  const path = scope === 'mine' ? servicesPaths.myApplications(query) : servicesPaths.allApplications(query);
  const { data, error, loading, reload } = useApi<ServicesPage<ApplicationSummary>>(path);

  const update = (changes: Record<string, string | number>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const link = (a: ApplicationSummary, text: string) => (
    <Link to={`/services/applications/${encodeURIComponent(a.id)}`} data-testid="application-link">
      {text}
    </Link>
  );

  const columns: TableColumnsType<ApplicationSummary> = phone
    ? [
        {
          title: t('services.app.application'),
          key: 'app',
          render: (_: unknown, a) => (
            <Flex vertical gap={4}>
              {link(a, a.bundleName)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.number}
                {scope === 'all' ? ` · ${a.applicantName}` : ''}
              </Typography.Text>
              <Flex gap={8} wrap align="center">
                <ApplicationStatusTag status={a.status} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {a.completedAt
                    ? t('services.app.completedOn', { time: formatDateTime(a.completedAt) })
                    : t('services.app.dueOn', { date: formatDay(a.dueDate) })}
                </Typography.Text>
              </Flex>
            </Flex>
          ),
        },
      ]
    : [
        {
          title: t('services.app.number'),
          dataIndex: 'number',
          ...noWrap,
          render: (n: string, a) => link(a, n),
        },
        { title: t('services.app.bundle'), dataIndex: 'bundleName' },
        ...(scope === 'all' ? [{ title: t('services.app.applicant'), dataIndex: 'applicantName' }] : []),
        {
          title: t('services.app.status'),
          dataIndex: 'status',
          ...noWrap,
          render: (s: ApplicationStatus) => <ApplicationStatusTag status={s} />,
        },
        {
          title: t('services.app.submittedAt'),
          dataIndex: 'submittedAt',
          ...noWrap,
          render: (v: string) => formatDateTime(v),
        },
        {
          title: t('services.app.dueDate'),
          dataIndex: 'dueDate',
          ...noWrap,
          render: (v: string | null) => formatDay(v),
        },
        {
          title: t('services.app.completedAt'),
          dataIndex: 'completedAt',
          ...noWrap,
          responsive: ['lg'],
          render: (v: string | null) => formatDateTime(v),
        },
      ];

  return (
    <Card size={phone ? 'small' : undefined}>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('services.app.anyStatus')}
          allowClear
          placeholder={t('services.app.anyStatus')}
          value={status}
          onChange={(v: ApplicationStatus | undefined) => update({ status: v ?? '' })}
          options={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`services.appStatus.${s}`) }))}
          style={{ width: 180 }}
          data-testid="application-status-filter"
        />
        <BundleFilter
          value={bundleCode}
          onChange={(v) => update({ bundle: v })}
          testId="application-bundle-filter"
        />
        <Button icon={<ReloadOutlined />} onClick={reload} style={{ marginInlineStart: 'auto' }}>
          {t('common.reload')}
        </Button>
      </Flex>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : (
        <Table<ApplicationSummary>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          columns={columns}
          scroll={phone ? undefined : { x: 'max-content' }}
          data-testid="application-table"
          locale={{
            emptyText: (
              <Empty
                description={
                  status || bundleCode
                    ? t('services.app.noneWithStatus')
                    : scope === 'mine'
                      ? t('services.app.noneMine')
                      : t('services.app.noneAll')
                }
              >
                {scope === 'mine' && !status && !bundleCode && (
                  <Link to="/services">
                    <Button type="primary">{t('services.app.browse')}</Button>
                  </Link>
                )}
              </Empty>
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
  );
}

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

/** The applicant answers one 补正 request: the requested materials again, and a note. */
function SupplementAnswer({
  application,
  supplement,
  bundle,
  onAnswered,
}: {
  application: Application;
  supplement: Supplement;
  bundle: Bundle | undefined;
  onAnswered: (app: Application) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<Partial<Record<string, StoredFile>>>({});
  const [error, setError] = useState<unknown>(undefined);
  const [sending, setSending] = useState(false);
  const attempt = useRef<{ key: string; body: string } | undefined>(undefined);
  const taskName = application.tasks.find((x) => x.id === supplement.taskId)?.name ?? '';
  const materialOf = (code: string) =>
    bundle?.materials.find((m) => m.code === code) ?? {
      code,
      name: code,
      accept: ['pdf', 'jpg', 'png'],
      maxBytes: 20 * 1024 * 1024,
    };
  const missing = supplement.materials.filter((c) => !files[c]);

  const send = () => {
    if (sending) return;
    const body = {
      note: note.trim(),
      materials: supplement.materials.flatMap((code) => {
        const f = files[code];
        return f ? [{ code, fileId: f.id }] : [];
      }),
    };
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { key: newIdempotencyKey(), body: json };
    setSending(true);
    setError(undefined);
    apiSend<Application>('POST', servicesPaths.answerSupplement(application.id, supplement.id), body, {
      headers: { 'Idempotency-Key': attempt.current.key },
    }).then(
      (app) => {
        setSending(false);
        void message.success(t('services.supplement.sent'));
        onAnswered(app);
      },
      (cause: unknown) => {
        setSending(false);
        setError(cause);
      },
    );
  };

  return (
    <Card
      size="small"
      title={t('services.supplement.requestTitle', { task: taskName })}
      data-testid="supplement-request"
      data-id={supplement.id}
      style={{ borderColor: '#faad14' }}
    >
      <Flex vertical gap={12}>
        <Typography.Text>{t('services.supplement.reasonIs', { reason: supplement.reason })}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('services.supplement.requestedAt', { time: formatDateTime(supplement.requestedAt) })} ·{' '}
          {t('services.supplement.clockPaused')}
        </Typography.Text>
        {supplement.materials.map((code) => {
          const m = materialOf(code);
          return (
            <Flex key={code} vertical gap={4}>
              <Typography.Text strong>{m.name}</Typography.Text>
              <MaterialUpload
                material={m}
                file={files[code]}
                onChange={(f) => setFiles((all) => ({ ...all, [code]: f }))}
                testId="supplement-upload"
              />
            </Flex>
          );
        })}
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('services.supplement.notePlaceholder')}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={500}
          showCount
          data-testid="supplement-note"
        />
        {error !== undefined && <ErrorAlert error={error} />}
        <Flex justify="flex-end">
          <Button
            type="primary"
            loading={sending}
            disabled={missing.length > 0 || (supplement.materials.length === 0 && note.trim() === '')}
            onClick={send}
            data-testid="supplement-submit"
          >
            {t('services.supplement.send')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}

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
