import {
  App,
  Button,
  Checkbox,
  Col,
  Drawer,
  type DrawerProps,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Radio,
  Row,
  Slider,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { ApiError, newIdempotencyKey } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import type { Milestone, PlanReport, ReportInput, ReportingPeriod } from './plan.api.ts';
import { useApiMutation, useApiQuery } from '../../api/query.ts';
import { formatDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { FileUpload, type FilesState } from '../../components/file-upload.tsx';
import { openPeriods, serverOpenPeriods } from './plan.api.ts';
import { periodLabel } from './plan-ui.tsx';

/** Evidence a report may carry (the server sniffs the bytes again); the size limit is the server's. */
const EVIDENCE_TYPES = ['pdf', 'png', 'jpg', 'gif', 'webp', 'ofd', 'docx', 'xlsx', 'txt', 'csv'] as const;

export interface ReportTarget {
  no: number;
  title: string;
  /** Open milestones of this measure owned by the reporting department. */
  milestones: readonly Milestone[];
  /** The period the department owes, if the server said so. */
  duePeriod?: string | null;
  /** The department's latest percent, the natural starting point. */
  lastPercent?: number;
}

interface ReportForm {
  period: string;
  percent: number;
  body: string;
  completedMilestoneIds: string[];
}

/**
 * Files a progress report for one measure. One Idempotency-Key per opened form: a double click, or a retry after a
 * lost answer, files the report once. Mount it only while open.
 */
export function ReportDrawer({
  target,
  onClose,
  onSubmitted,
}: {
  target: ReportTarget;
  onClose: () => void;
  onSubmitted: (report: PlanReport) => void;
}) {
  const t = useT();
  const phone = Grid.useBreakpoint().md === false;
  // The plan's reporting cycle (monthly or quarterly) decides which periods may be reported.
  const overview = useApiQuery('/api/action-plan');
  const cycle = overview.data?.plan.reportingPeriod;
  const common = {
    open: true,
    onClose,
    size: phone ? '100%' : 560,
    title: t('plan.report.title', { no: target.no }),
    destroyOnHidden: true,
    'data-testid': 'report-drawer',
  } as const;
  if (!cycle)
    return (
      <Drawer {...common}>
        {overview.error ? (
          <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />
        ) : (
          <CardSkeleton rows={8} />
        )}
      </Drawer>
    );
  return (
    <ReportFormDrawer
      common={common}
      target={target}
      cycle={cycle}
      onClose={onClose}
      onSubmitted={onSubmitted}
    />
  );
}

function ReportFormDrawer({
  common,
  target,
  cycle,
  onClose,
  onSubmitted,
}: {
  common: DrawerProps;
  target: ReportTarget;
  cycle: ReportingPeriod;
  onClose: () => void;
  onSubmitted: (report: PlanReport) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReportForm>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [periods, setPeriods] = useState<string[]>(() => openPeriods(cycle));
  const [evidence, setEvidence] = useState<FilesState>({ fileIds: [], files: [], uploading: false });
  // The measure, the department's work and the dashboard are fetched again once the report is in.
  const fileReport = useApiMutation('post', '/api/action-plan/measures/{no}/reports', {
    invalidates: ['/api/action-plan'],
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const inFlight = useRef(false);

  const initial: ReportForm = {
    period: target.duePeriod && periods.includes(target.duePeriod) ? target.duePeriod : (periods[0] ?? ''),
    percent: target.lastPercent ?? 0,
    body: '',
    completedMilestoneIds: [],
  };

  const submit = async (v: ReportForm) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setSaving(true);
    setError(undefined);
    const body: ReportInput = {
      period: v.period,
      percent: v.percent,
      body: v.body.trim(),
      evidenceFileIds: evidence.fileIds,
      completedMilestoneIds: v.completedMilestoneIds ?? [],
    };
    try {
      const report = await fileReport.mutateAsync({
        params: { path: { no: target.no } },
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      });
      void message.success(t('plan.report.submitted', { no: target.no }));
      onSubmitted(report);
    } catch (cause) {
      setError(cause);
      const allowed = serverOpenPeriods(cause);
      if (allowed && allowed.length > 0) setPeriods(allowed);
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
  };

  return (
    <Drawer
      {...common}
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={saving}
            disabled={evidence.uploading}
            onClick={() => form.submit()}
            data-testid="report-submit"
          >
            {evidence.uploading ? t('plan.report.waitUpload') : t('plan.report.submit')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph strong>{target.title}</Typography.Paragraph>
      <Form<ReportForm>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
        data-testid="report-form"
      >
        <Form.Item name="period" label={t('plan.report.period')} rules={[{ required: true }]}>
          <Radio.Group data-testid="report-period">
            {periods.map((p, i) => (
              <Radio.Button key={p} value={p}>
                {i === 0 ? t('plan.report.currentPeriod') : t('plan.report.previousPeriod')} ·{' '}
                {periodLabel(p, t)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('plan.report.percent')} required>
          <Row gutter={12} align="middle">
            <Col flex="auto">
              <Form.Item name="percent" noStyle>
                <Slider min={0} max={100} marks={{ 0: '0', 50: '50', 100: '100' }} />
              </Form.Item>
            </Col>
            <Col flex="96px">
              <Form.Item
                name="percent"
                noStyle
                rules={[
                  {
                    required: true,
                    type: 'integer',
                    min: 0,
                    max: 100,
                    message: t('plan.report.percentRange'),
                  },
                ]}
              >
                <InputNumber
                  min={0}
                  max={100}
                  precision={0}
                  suffix="%"
                  style={{ width: 96 }}
                  data-testid="report-percent"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form.Item>
        <Form.Item
          name="body"
          label={t('plan.report.body')}
          rules={[
            { required: true, whitespace: true, message: t('plan.report.bodyRequired') },
            { max: 5000 },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 12 }}
            maxLength={5000}
            showCount
            placeholder={t('plan.report.bodyPlaceholder')}
            data-testid="report-body"
          />
        </Form.Item>
        <Form.Item label={t('plan.report.evidence')}>
          <FileUpload
            multiple
            accept={EVIDENCE_TYPES}
            pickLabel={t('plan.report.pickEvidence')}
            hint={t('plan.report.evidenceHint')}
            testId="evidence-upload"
            pickTestId="evidence-pick"
            onChange={setEvidence}
          />
        </Form.Item>
        {target.milestones.length === 0 ? (
          <Form.Item label={t('plan.report.completedMilestones')}>
            <Typography.Text type="secondary">{t('plan.report.noOpenMilestones')}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item name="completedMilestoneIds" label={t('plan.report.completedMilestones')}>
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
              data-testid="report-milestones"
            >
              {target.milestones.map((m) => (
                <Checkbox key={m.id} value={m.id} data-testid="report-milestone">
                  {m.title}{' '}
                  <Typography.Text type={m.status === 'lagging' ? 'danger' : 'secondary'}>
                    {t('plan.dueOnShort', { date: formatDay(m.dueOn) })}
                  </Typography.Text>
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
        )}
      </Form>
      {error !== undefined && <ErrorAlert error={error} listFields={false} />}
    </Drawer>
  );
}
