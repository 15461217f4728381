import { PaperClipOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../app/format.ts';
import { useT, type Translate } from '../../app/i18n.ts';
import { fileContentUrl, formFields } from './services.api.ts';
import { NoticeStatusTag, replaceLabel } from './services-ui.tsx';
import type { Application, Bundle, Reason } from './services.api.ts';

function scalarText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v) ?? '';
}

/** A form value in words: lists joined, rows of a table as their values side by side. */
export function valueText(value: unknown, t: Translate): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value))
    return value
      .map((v) =>
        typeof v === 'object' && v !== null
          ? Object.values(v as Record<string, unknown>)
              .map(scalarText)
              .join(' ')
          : scalarText(v),
      )
      .join('；');
  return scalarText(value);
}

/** A plain divided list (antd's List is deprecated in antd 6.6). */
function Rows<T>({
  rows,
  rowKey,
  render,
  testId,
  rowTestId,
  rowProps,
}: {
  rows: readonly T[];
  rowKey: (row: T) => string;
  render: (row: T) => ReactNode;
  testId: string;
  rowTestId: string;
  rowProps?: (row: T) => Record<string, string>;
}) {
  return (
    <div data-testid={testId}>
      {rows.map((row, i) => (
        <div
          key={rowKey(row)}
          data-testid={rowTestId}
          {...rowProps?.(row)}
          style={{ padding: '8px 0', borderTop: i === 0 ? undefined : '1px solid #f0f0f0' }}
        >
          {render(row)}
        </div>
      ))}
    </div>
  );
}

/** The applicant's answers, in form order with the form's titles when the bundle is known. */
export function FormView({ form, bundle }: { form: Record<string, unknown>; bundle: Bundle | undefined }) {
  const t = useT();
  const fields = bundle
    ? formFields(bundle.formSchema, bundle.uiSchema)
    : Object.keys(form).map((name) => ({ name, title: name, required: false }));
  const shown = [
    ...fields,
    ...Object.keys(form)
      .filter((k) => !fields.some((f) => f.name === k))
      .map((name) => ({ name, title: name, required: false })),
  ].filter((f) => f.name in form);
  if (shown.length === 0) return <Empty description={t('services.detail.noForm')} />;
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      data-testid="application-form"
      items={shown.map((f) => ({
        key: f.name,
        label: f.title,
        children: <span data-field={f.name}>{valueText(form[f.name], t)}</span>,
      }))}
    />
  );
}

export function MaterialsView({
  application,
  bundle,
}: {
  application: Application;
  bundle: Bundle | undefined;
}) {
  const t = useT();
  if (application.materials.length === 0) return <Empty description={t('services.detail.noMaterials')} />;
  return (
    <Rows
      testId="application-materials"
      rowTestId="application-material"
      rows={application.materials}
      rowKey={(m) => m.code}
      rowProps={(m) => ({ 'data-code': m.code })}
      render={(m) => {
        const name = m.name ?? bundle?.materials.find((x) => x.code === m.code)?.name ?? m.code;
        return (
          <Flex gap={8} wrap align="center" style={{ width: '100%' }}>
            <Typography.Text strong>{name}</Typography.Text>
            {m.fileId ? (
              <a
                href={fileContentUrl({ id: m.fileId })}
                download={m.fileName ?? name}
                data-testid="material-link"
              >
                <PaperClipOutlined /> {m.fileName ?? t('services.detail.file')}
              </a>
            ) : m.replacedBy ? (
              <Tag color="green" style={{ marginInlineEnd: 0 }}>
                {replaceLabel(m.replacedBy, t)}
                {m.ref ? ` · ${m.ref}` : ''}
              </Tag>
            ) : m.paper ? (
              <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                {t('services.material.modePaper')}
              </Tag>
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            )}
          </Flex>
        );
      }}
    />
  );
}

export function ResultsView({ application }: { application: Application }) {
  const t = useT();
  if (application.results.length === 0)
    return <Empty description={t('services.detail.noResults')} data-testid="no-results" />;
  return (
    <Rows
      testId="application-results"
      rowTestId="application-result"
      rows={application.results}
      rowKey={(r) => `${r.kind}-${r.number}`}
      rowProps={(r) => ({ 'data-kind': r.kind })}
      render={(r) => (
        <Flex vertical gap={2}>
          <Flex gap={8} wrap align="center">
            <SafetyCertificateOutlined style={{ color: '#389e0d' }} />
            <Typography.Text strong>{r.name}</Typography.Text>
            <Tag color={r.kind === 'licence' ? 'green' : 'blue'} style={{ marginInlineEnd: 0 }}>
              {t(`services.result.${r.kind}`)}
            </Tag>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('services.result.numberIs', { number: r.number })} ·{' '}
            {t('services.result.issuedAt', { time: formatDateTime(r.issuedAt) })}
          </Typography.Text>
          {r.fileId && (
            <a href={fileContentUrl({ id: r.fileId })}>
              <PaperClipOutlined /> {t('services.result.download')}
            </a>
          )}
        </Flex>
      )}
    />
  );
}

export function CreditFlags({ flags }: { flags: readonly Reason[] }) {
  const t = useT();
  if (flags.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('services.detail.creditFlags')}
      data-testid="credit-flags"
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {flags.map((f, i) => (
            <li key={`${f.code}-${i}`}>{f.message}</li>
          ))}
        </ul>
      }
    />
  );
}

export function NoticeView({ application }: { application: Application }) {
  const t = useT();
  const n = application.notice;
  if (!n) return null;
  return (
    <Alert
      type={n.status === 'objected' ? 'error' : 'info'}
      showIcon
      data-testid="application-notice"
      title={
        <Flex gap={8} wrap align="center">
          {t('services.notice.onApplication')}
          <NoticeStatusTag status={n.status} />
        </Flex>
      }
      description={t('services.notice.period', {
        from: n.startsOn,
        to: n.endsOn,
        count: n.objections,
      })}
    />
  );
}

/** 补正 requests and answers so far. */
export function SupplementHistory({
  application,
  materialName,
}: {
  application: Application;
  materialName: (code: string) => string;
}) {
  const t = useT();
  if (application.supplements.length === 0) return null;
  const taskName = (id: string) => application.tasks.find((x) => x.id === id)?.name ?? '';
  return (
    <Rows
      testId="supplement-history"
      rowTestId="supplement-item"
      rows={application.supplements}
      rowKey={(s) => s.id}
      rowProps={(s) => ({ 'data-answered': s.answeredAt ? 'true' : 'false' })}
      render={(s) => (
        <Flex vertical gap={2}>
          <Typography.Text>
            <Tag color={s.answeredAt ? 'green' : 'orange'} style={{ marginInlineEnd: 6 }}>
              {s.answeredAt ? t('services.supplement.answered') : t('services.supplement.open')}
            </Tag>
            {taskName(s.taskId)} · {formatDateTime(s.requestedAt)}
          </Typography.Text>
          <Typography.Text>{t('services.supplement.reasonIs', { reason: s.reason })}</Typography.Text>
          {s.materials.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('services.supplement.materialsAre', { names: s.materials.map(materialName).join('、') })}
            </Typography.Text>
          )}
          {s.answeredAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('services.supplement.answeredAt', { time: formatDateTime(s.answeredAt) })}
              {s.note ? ` · ${s.note}` : ''}
            </Typography.Text>
          )}
        </Flex>
      )}
    />
  );
}
