import { MEASURE_STATUSES, type DepartmentRollup, type Kpi, type PlanRollup } from './plan.api.ts';
import type { Translate } from '../../app/i18n.ts';
import { statusColours } from '../../app/theme.ts';
import type { ChartOption } from '../../components/echart.tsx';

/** Measures of each part, stacked by status: how much of each part is moving, done or behind. */
export function partOption(parts: readonly PlanRollup[], t: Translate, narrow = false): ChartOption {
  const names = parts.map((p) => `${p.label}、${p.title}`);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 24, top: 8, bottom: 40, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, splitNumber: narrow ? 3 : 5 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: names,
      axisTick: { show: false },
      // Part titles are long; the label keeps the numeral and the start, the tooltip shows it all.
      axisLabel: { width: narrow ? 96 : 190, overflow: 'truncate', interval: 0 },
    },
    series: MEASURE_STATUSES.map((s) => ({
      type: 'bar' as const,
      name: t(`plan.status.${s}`),
      stack: 'status',
      barMaxWidth: 28,
      itemStyle: { color: statusColours[s] },
      data: parts.map((p) => p.byStatus[s]),
      label: {
        show: true,
        formatter: (x: { value?: unknown }) =>
          typeof x.value === 'number' && x.value > 0 ? String(x.value) : '',
      },
    })),
  };
}

/** Average progress of each of the 19 sections, in plan order top to bottom. */
export function sectionOption(
  sections: readonly (PlanRollup & { partNo: number })[],
  t: Translate,
  narrow = false,
): ChartOption {
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => `${typeof v === 'number' ? v : 0}%`,
    },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      splitNumber: narrow ? 2 : 5,
      axisLabel: { formatter: '{value}%' },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: sections.map((s) => `${s.label}${s.title}`),
      axisTick: { show: false },
      axisLabel: { width: narrow ? 120 : 220, overflow: 'truncate', interval: 0, fontSize: narrow ? 11 : 12 },
    },
    series: [
      {
        type: 'bar',
        name: t('plan.averageProgress'),
        barMaxWidth: 16,
        data: sections.map((s) => ({
          value: s.averageProgress,
          itemStyle: { color: s.byStatus.lagging > 0 ? statusColours.lagging : statusColours.in_progress },
        })),
        label: { show: true, position: 'right', formatter: '{c}%' },
      },
    ],
  };
}

/**
 * Departments by their own average progress, highest first; red when the department has an overdue milestone or a
 * missing report, so the ones behind stand out whatever their percent.
 */
export function departmentOption(
  departments: readonly DepartmentRollup[],
  t: Translate,
  narrow = false,
): ChartOption {
  const sorted = [...departments].sort(
    (a, b) => b.averageProgress - a.averageProgress || a.name.localeCompare(b.name, 'zh-CN'),
  );
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => `${typeof v === 'number' ? v : 0}%`,
    },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      splitNumber: narrow ? 2 : 5,
      axisLabel: { formatter: '{value}%' },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: sorted.map((d) => d.name),
      axisTick: { show: false },
      axisLabel: { width: narrow ? 100 : 130, overflow: 'truncate', fontSize: 11, interval: 0 },
    },
    series: [
      {
        type: 'bar',
        name: t('plan.averageProgress'),
        barMaxWidth: 10,
        data: sorted.map((d) => ({
          value: d.averageProgress,
          itemStyle: {
            color:
              d.overdueMilestones + d.missingReports > 0 ? statusColours.lagging : statusColours.in_progress,
          },
        })),
        label: { show: true, position: 'right', formatter: '{c}%' },
      },
    ],
  };
}

/**
 * A KPI's trend: its values period by period, gaps where there was no value (never an invented zero), and the
 * target as a dashed line.
 */
export function sparklineOption(kpi: Kpi, t: Translate): ChartOption {
  return {
    grid: { left: 2, right: 2, top: 6, bottom: 2 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      valueFormatter: (v) => (typeof v === 'number' ? `${v} ${kpi.unit}` : t('plan.kpi.noValue')),
    },
    xAxis: { type: 'category', show: false, boundaryGap: false, data: kpi.history.map((h) => h.period) },
    yAxis: { type: 'value', show: false, scale: true },
    series: [
      {
        type: 'line',
        name: kpi.name,
        data: kpi.history.map((h) => h.value),
        connectNulls: false,
        symbol: 'circle',
        symbolSize: 4,
        lineStyle: { width: 2, color: statusColours.in_progress },
        itemStyle: { color: statusColours.in_progress },
        areaStyle: { color: 'rgba(47,125,225,0.08)' },
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: false },
          lineStyle: { type: 'dashed', color: statusColours.completed },
          data: [{ yAxis: kpi.target }],
        },
      },
    ],
  };
}
