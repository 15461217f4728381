import {
  AlertOutlined,
  BellOutlined,
  CheckCircleOutlined,
  FileTextOutlined,
  FlagOutlined,
  PaperClipOutlined,
} from '@ant-design/icons';
import { Empty, Flex, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import type { MeasureDetail, Milestone, PlanNotice, PlanReport } from './plan.api.ts';
import { formatDateTime, formatDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { statusColours } from '../../app/theme.ts';
import { buildUrl, type ApiPath } from '../../api/client.ts';
import { formatBytes } from '../../components/file-types.ts';
import { periodLabel, StatusTag } from './plan-ui.tsx';

/** Where an evidence file's bytes are read (typed against the schema, so a renamed route fails the typecheck). */
const FILE_CONTENT: ApiPath<'get'> = '/api/files/{id}/content';

type Entry =
  | { kind: 'milestone'; at: number; milestone: Milestone }
  | { kind: 'report'; at: number; report: PlanReport }
  | { kind: 'notice'; at: number; notice: PlanNotice };

/** Milestones sit on their due day (a calendar day: start of that day); reports and notices on their instant. */
export function timelineEntries(m: Pick<MeasureDetail, 'milestones' | 'reports' | 'notices'>): Entry[] {
  const entries: Entry[] = [
    ...m.milestones.map((x) => ({ kind: 'milestone' as const, at: dayjs(x.dueOn).valueOf(), milestone: x })),
    ...m.reports.map((x) => ({ kind: 'report' as const, at: dayjs(x.submittedAt).valueOf(), report: x })),
    ...m.notices.map((x) => ({ kind: 'notice' as const, at: dayjs(x.createdAt).valueOf(), notice: x })),
  ];
  return entries.sort((a, b) => a.at - b.at);
}

function When({ children }: { children: ReactNode }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {children}
    </Typography.Text>
  );
}

function MilestoneEntry({ m }: { m: Milestone }) {
  const t = useT();
  return (
    <Flex vertical gap={4} data-testid="timeline-milestone" data-id={m.id}>
      <When>{t('plan.timeline.dueOn', { date: formatDay(m.dueOn) })}</When>
      <Flex gap={8} wrap align="center">
        <Tag style={{ marginInlineEnd: 0 }}>{t('plan.timeline.milestone')}</Tag>
        <Typography.Text strong>{m.title}</Typography.Text>
        <StatusTag status={m.status} />
      </Flex>
      <Typography.Text type="secondary">
        {t('plan.milestone.ownerIs', { name: m.ownerDepartment.name })}
        {m.completedAt
          ? ` · ${t('plan.milestone.completedAt', { time: formatDateTime(m.completedAt) })}`
          : ''}
        {m.overdueWorkdays > 0 ? ` · ` : ''}
        {m.overdueWorkdays > 0 && (
          <Typography.Text type="danger">{t('plan.overdueBy', { count: m.overdueWorkdays })}</Typography.Text>
        )}
      </Typography.Text>
      {m.description && (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
          {m.description}
        </Typography.Paragraph>
      )}
    </Flex>
  );
}

function ReportEntry({ r, milestones }: { r: PlanReport; milestones: readonly Milestone[] }) {
  const t = useT();
  const completed = r.completedMilestoneIds
    .map((id) => milestones.find((m) => m.id === id)?.title)
    .filter((x): x is string => x !== undefined);
  return (
    <Flex vertical gap={4} data-testid="timeline-report" data-id={r.id}>
      <When>{formatDateTime(r.submittedAt)}</When>
      <Flex gap={8} wrap align="center">
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {t('plan.timeline.report')}
        </Tag>
        <Typography.Text strong>
          {t('plan.timeline.reportHeadline', {
            department: r.department.name,
            period: periodLabel(r.period, t),
          })}
        </Typography.Text>
        <Tag color="processing" style={{ marginInlineEnd: 0 }} data-testid="report-percent-tag">
          {r.percent}%
        </Tag>
      </Flex>
      <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="report-text">
        {r.body}
      </Typography.Paragraph>
      {completed.length > 0 && (
        <Typography.Text type="secondary">
          <CheckCircleOutlined style={{ color: statusColours.completed }} />{' '}
          {t('plan.timeline.completedMilestones', { titles: completed.join('、') })}
        </Typography.Text>
      )}
      {r.evidence.length > 0 && (
        <Flex vertical gap={2} data-testid="report-evidence">
          {r.evidence.map((e) => (
            <a
              key={e.id}
              href={buildUrl(FILE_CONTENT, { path: { id: e.id } })}
              download={e.name}
              data-testid="evidence-link"
            >
              <PaperClipOutlined /> {e.name}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                ({formatBytes(e.sizeBytes)})
              </Typography.Text>
            </a>
          ))}
        </Flex>
      )}
    </Flex>
  );
}

function NoticeEntry({ n }: { n: PlanNotice }) {
  const t = useT();
  const escalation = n.kind === 'escalation';
  return (
    <Flex vertical gap={4} data-testid="timeline-notice" data-kind={n.kind}>
      <When>{formatDateTime(n.createdAt)}</When>
      <Flex gap={8} wrap align="center">
        <Tag color={escalation ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
          {t(`plan.notice.kind.${n.kind}`)}
        </Tag>
        <Typography.Text strong>
          {n.reason === 'milestone_overdue'
            ? t('plan.notice.milestoneOverdue', { title: n.milestoneTitle ?? '' })
            : t('plan.notice.reportMissing', { period: n.period ? periodLabel(n.period, t) : '' })}
        </Typography.Text>
        {n.resolvedAt && (
          <Tag color="success" style={{ marginInlineEnd: 0 }}>
            {t('plan.notice.resolved')}
          </Tag>
        )}
      </Flex>
      <Typography.Text type="secondary">
        {n.department.name} · {t('plan.dueOnShort', { date: formatDay(n.dueOn) })}
        {n.overdueWorkdays > 0 ? ` · ${t('plan.overdueBy', { count: n.overdueWorkdays })}` : ''}
      </Typography.Text>
    </Flex>
  );
}

/** Milestones, progress reports and reminders/督办单 of one measure, in date order. */
export function MeasureTimeline({
  measure,
}: {
  measure: Pick<MeasureDetail, 'milestones' | 'reports' | 'notices'>;
}) {
  const t = useT();
  const entries = timelineEntries(measure);
  if (entries.length === 0) return <Empty description={t('plan.timeline.empty')} />;
  return (
    <Timeline
      data-testid="measure-timeline"
      items={entries.map((e) => {
        switch (e.kind) {
          case 'milestone':
            return {
              key: `m-${e.milestone.id}`,
              color: statusColours[e.milestone.status],
              icon: <FlagOutlined style={{ color: statusColours[e.milestone.status] }} />,
              content: <MilestoneEntry m={e.milestone} />,
            };
          case 'report':
            return {
              key: `r-${e.report.id}`,
              color: 'blue',
              icon: <FileTextOutlined style={{ color: statusColours.in_progress }} />,
              content: <ReportEntry r={e.report} milestones={measure.milestones} />,
            };
          case 'notice':
            return {
              key: `n-${e.notice.id}`,
              color: e.notice.kind === 'escalation' ? 'red' : 'orange',
              icon:
                e.notice.kind === 'escalation' ? (
                  <AlertOutlined style={{ color: statusColours.lagging }} />
                ) : (
                  <BellOutlined style={{ color: '#d48806' }} />
                ),
              content: <NoticeEntry n={e.notice} />,
            };
        }
      })}
    />
  );
}
