import { Grid, Select, Tag, Tooltip, Typography } from 'antd';
import { useApiQuery } from '../../api/query.ts';
import { useT, type Translate } from '../../app/i18n.ts';
import type {
  ApplicationStatus,
  BundleCategory,
  NoticeStatus,
  QueueTask,
  ReplaceableBy,
  TaskStatus,
} from './services.api.ts';

/** Phones get stacked cells instead of wide tables (the breakpoint the layout uses for its drawer menu). */
export function usePhone(): boolean {
  return Grid.useBreakpoint().md === false;
}

const APPLICATION_TAG = {
  submitted: 'default',
  in_progress: 'processing',
  supplement: 'warning',
  notice: 'purple',
  objected: 'magenta',
  completed: 'success',
  rejected: 'error',
} as const satisfies Record<ApplicationStatus, string>;

export function applicationStatusLabel(status: ApplicationStatus, t: Translate): string {
  return t(`services.appStatus.${status}`);
}

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const t = useT();
  return (
    <Tag
      color={APPLICATION_TAG[status] ?? 'default'}
      data-testid="application-status"
      data-status={status}
      style={{ marginInlineEnd: 0 }}
    >
      {applicationStatusLabel(status, t)}
    </Tag>
  );
}

/** Colours of task states, shared by the task graph, the timeline lanes and the tags. */
export const taskColours = {
  waiting: '#bfc4cc',
  pending: '#2f7de1',
  claimed: '#1d5fbf',
  supplement: '#d48806',
  approved: '#389e0d',
  rejected: '#d9363e',
  cancelled: '#8a919c',
} as const satisfies Record<TaskStatus, string>;

const TASK_TAG = {
  waiting: 'default',
  pending: 'processing',
  claimed: 'blue',
  supplement: 'warning',
  approved: 'success',
  rejected: 'error',
  cancelled: 'default',
} as const satisfies Record<TaskStatus, string>;

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const t = useT();
  return (
    <Tag
      color={TASK_TAG[status] ?? 'default'}
      data-testid="task-status"
      data-status={status}
      style={{ marginInlineEnd: 0 }}
    >
      {t(`services.taskStatus.${status}`)}
    </Tag>
  );
}

const CATEGORY_TAG = {
  opening: 'green',
  change: 'blue',
  closing: 'volcano',
  utilities: 'cyan',
  industry: 'gold',
  other: 'default',
} as const satisfies Record<BundleCategory, string>;

export function CategoryTag({ category }: { category: BundleCategory }) {
  const t = useT();
  return (
    <Tag color={CATEGORY_TAG[category] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {t(`services.category.${category}`)}
    </Tag>
  );
}

export function NoticeStatusTag({ status }: { status: NoticeStatus }) {
  const t = useT();
  const color = status === 'running' ? 'processing' : status === 'objected' ? 'error' : 'default';
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }} data-testid="notice-status" data-status={status}>
      {t(`services.noticeStatus.${status}`)}
    </Tag>
  );
}

export function replaceLabel(by: ReplaceableBy, t: Translate): string {
  return t(by === 'elicence' ? 'services.replace.elicence' : 'services.replace.earlier');
}

/** "3 个工作日" — deadlines are always working days, so say so. */
export function workdays(n: number, t: Translate): string {
  return t('services.workdays', { count: n });
}

/** Overdue / due-soon mark of a queue task, with the remaining working days in words. */
export function DueMark({ task }: { task: Pick<QueueTask, 'overdue' | 'dueSoon' | 'remainingWorkdays'> }) {
  const t = useT();
  if (task.overdue)
    return (
      <Tag color="error" data-testid="due-mark" data-due="overdue" style={{ marginInlineEnd: 0 }}>
        {t('services.queue.overdue')}
      </Tag>
    );
  if (task.dueSoon)
    return (
      <Tooltip title={t('services.queue.dueSoonHint')}>
        <Tag color="warning" data-testid="due-mark" data-due="soon" style={{ marginInlineEnd: 0 }}>
          {t('services.queue.dueSoon')}
        </Tag>
      </Tooltip>
    );
  return null;
}

export function RemainingText({ remaining, overdue }: { remaining: number | null; overdue: boolean }) {
  const t = useT();
  if (remaining === null) return <>—</>;
  if (overdue || remaining < 0)
    return (
      <Typography.Text type="danger">
        {t('services.queue.overdueBy', { count: Math.abs(remaining) })}
      </Typography.Text>
    );
  return <>{t('services.queue.remaining', { count: remaining })}</>;
}

/** A filter by bundle (一件事), its choices from the public catalogue. */
export function BundleFilter({
  value,
  onChange,
  testId,
}: {
  value: string | undefined;
  onChange: (code: string) => void;
  testId: string;
}) {
  const t = useT();
  const { data, isFetching: loading } = useApiQuery('/api/services/bundles', {
    params: { query: { includeInactive: false } },
  });
  return (
    <Select
      aria-label={t('services.app.anyBundle')}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('services.app.anyBundle')}
      value={value || undefined}
      loading={loading}
      onChange={(v: string | undefined) => onChange(v ?? '')}
      options={(data ?? []).map((b) => ({ value: b.code, label: b.name }))}
      style={{ width: 200, maxWidth: '100%' }}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}
