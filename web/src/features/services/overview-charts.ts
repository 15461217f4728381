/** The chart options of the supervision page, built from the overview figures. */
import { type Translate } from '../../app/i18n.ts';
import { type ChartOption } from '../../components/echart.tsx';
import { APPLICATION_STATUSES, type ApplicationStatus, type Overview } from './services.api.ts';

/** The plan's target for opening a company (measure 19): half a working day. */
export const OPENING_TARGET_WORKDAYS = 0.5;

const STATUS_COLOUR: Record<ApplicationStatus, string> = {
  submitted: '#8a919c',
  in_progress: '#2f7de1',
  supplement: '#d48806',
  notice: '#722ed1',
  objected: '#c41d7f',
  completed: '#389e0d',
  rejected: '#d9363e',
};

/** The server sends the zero-paper share in percent (0–100, docs/services-api.md); charts want a fraction. */
export function shareFraction(value: number | null): number | null {
  return value === null ? null : Math.min(1, Math.max(0, value / 100));
}

export function statusOption(byStatus: Overview['applications']['byStatus'], t: Translate): ChartOption {
  const shown = APPLICATION_STATUSES.filter((s) => (byStatus[s] ?? 0) > 0);
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}: {c}' },
        data: shown.map((s) => ({
          name: t(`services.appStatus.${s}`),
          value: byStatus[s] ?? 0,
          itemStyle: { color: STATUS_COLOUR[s] },
        })),
      },
    ],
  };
}

/** Buckets are working days (`≤0.5`, `0.5–1`, …); the first is within the plan's target. */
export function openingOption(o: Overview['openingTime'], t: Translate): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: o.histogram.map((b) => t('services.overview.bucket', { bucket: b.bucket })),
      axisLabel: { interval: 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: t('services.overview.applications'),
        barMaxWidth: 48,
        data: o.histogram.map((b, i) => ({
          value: b.count,
          itemStyle: { color: i === 0 ? '#389e0d' : '#d48806' },
        })),
        label: { show: true, position: 'top' },
      },
    ],
  };
}

export function departmentOption(
  rows: Overview['overdueByDepartment'],
  t: Translate,
  narrow: boolean,
): ChartOption {
  const sorted = [...rows].sort((a, b) => b.overdue - a.overdue || b.open - a.open);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 24, top: 8, bottom: 36, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: sorted.map((r) => r.department),
      axisTick: { show: false },
      axisLabel: { width: narrow ? 90 : 160, overflow: 'truncate', interval: 0 },
    },
    series: [
      {
        type: 'bar',
        name: t('services.overview.overdue'),
        stack: 'tasks',
        itemStyle: { color: '#d9363e' },
        barMaxWidth: 22,
        data: sorted.map((r) => r.overdue),
      },
      {
        type: 'bar',
        name: t('services.overview.openOnTime'),
        stack: 'tasks',
        itemStyle: { color: '#2f7de1' },
        barMaxWidth: 22,
        data: sorted.map((r) => Math.max(0, r.open - r.overdue)),
      },
    ],
  };
}

export function paperOption(share: number, t: Translate): ChartOption {
  return {
    tooltip: { trigger: 'item', valueFormatter: (v) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '') },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['50%', '72%'],
        center: ['50%', '45%'],
        label: { show: false },
        data: [
          { name: t('services.overview.zeroPaper'), value: share * 100, itemStyle: { color: '#389e0d' } },
          {
            name: t('services.overview.withPaper'),
            value: 100 - share * 100,
            itemStyle: { color: '#d9d9d9' },
          },
        ],
      },
    ],
  };
}
