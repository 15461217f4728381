import { Flex, Grid, Progress, Tag, Tooltip, Typography } from 'antd';
import type { MeasureStatus, PlanUnit, UnitRole } from './plan.api.ts';
import { useT, type Translate } from '../../app/i18n.ts';
import { statusColours } from '../../app/theme.ts';

const STATUS_TAG = {
  not_started: 'default',
  in_progress: 'processing',
  completed: 'success',
  lagging: 'error',
} as const satisfies Record<MeasureStatus, string>;

export function statusLabel(status: MeasureStatus, t: Translate): string {
  return t(`plan.status.${status}`);
}

export function StatusTag({ status }: { status: MeasureStatus }) {
  const t = useT();
  return (
    <Tag
      color={STATUS_TAG[status]}
      data-testid="status-tag"
      data-status={status}
      style={{ marginInlineEnd: 0 }}
    >
      {statusLabel(status, t)}
    </Tag>
  );
}

const ROLE_TAG = { lead: 'gold', responsible: 'blue', scope: 'default' } as const satisfies Record<
  UnitRole,
  string
>;

export function RoleTag({ role }: { role: UnitRole }) {
  const t = useT();
  return (
    <Tag color={ROLE_TAG[role]} style={{ marginInlineEnd: 0 }}>
      {t(`plan.role.${role}`)}
    </Tag>
  );
}

/** A progress bar in the status colour, always with the number (antd would show a tick at 100 %). */
export function ProgressCell({
  percent,
  status,
  width = 120,
}: {
  percent: number;
  status?: MeasureStatus;
  width?: number;
}) {
  const t = useT();
  return (
    <div style={{ width, maxWidth: '100%' }} data-testid="progress" data-percent={percent}>
      <Progress
        aria-label={t('plan.progress')}
        percent={percent}
        size="small"
        strokeColor={status ? statusColours[status] : undefined}
        format={(p) => `${p ?? 0}%`}
      />
    </div>
  );
}

/** Units grouped by role: 牵头单位 / 责任单位 / 范围. Unmatched units (no department) are marked. */
export function UnitsList({ units, compact = false }: { units: readonly PlanUnit[]; compact?: boolean }) {
  const t = useT();
  const roles: UnitRole[] = ['lead', 'responsible', 'scope'];
  return (
    <Flex vertical gap={compact ? 2 : 6} data-testid="units">
      {roles.map((role) => {
        const inRole = units.filter((u) => u.role === role);
        if (inRole.length === 0) return null;
        return (
          <Flex key={role} gap={6} wrap align="baseline">
            <Typography.Text type="secondary" style={{ flex: 'none' }}>
              {t(`plan.role.${role}`)}
            </Typography.Text>
            {inRole.map((u) =>
              role !== 'scope' && u.departmentId === null ? (
                <Tooltip key={u.name} title={t('plan.unitUnmatched')}>
                  <Tag variant="outlined" style={{ borderStyle: 'dashed', marginInlineEnd: 0 }}>
                    {u.name}
                  </Tag>
                </Tooltip>
              ) : (
                <Tag key={u.name} color={ROLE_TAG[role]} style={{ marginInlineEnd: 0 }}>
                  {u.name}
                </Tag>
              ),
            )}
          </Flex>
        );
      })}
    </Flex>
  );
}

/** `2026-11` → 2026年11月 / Nov 2026; `2026-Q4` → 2026年第4季度 / Q4 2026. Unknown shapes are shown as they are. */
export function periodLabel(period: string, t: Translate): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return t('plan.periodQuarter', { year: q[1] ?? '', quarter: q[2] ?? '' });
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return t('plan.periodMonth', { year: m[1] ?? '', month: Number(m[2]) });
  return period;
}

/** Phones get stacked cells instead of wide tables (the same breakpoint the layout uses for its drawer menu). */
export function usePhone(): boolean {
  return Grid.useBreakpoint().md === false;
}
