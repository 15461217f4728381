/**
 * Figures of the services module for the action plan's KPIs and the office overview. Definitions (period = a
 * China calendar month `YYYY-MM`; an application counts in the month its last task completed, up to `asOf`):
 *
 * - `services.opening-time-workdays` (KPI enterprise-opening-time, measure 19, target ≤ 0.5): the median opening
 *   time of completed 企业开办 applications (bundle `openingBundle` in config/services/settings.json), in working
 *   days of office time (see deadlines.ts: office hours on working days, 8 h = 1 working day). The median is used
 *   because one application stuck for weeks must not hide that the typical one takes half a day; the mean is in
 *   the detail next to it, with the median in wall-clock hours.
 * - `services.new-bundles` (KPI new-one-thing-bundles, measure 21, target 15): active bundles launched on or
 *   before the period's last day.
 * - `services.zero-paper-share`: % of applications completed in the period with no material delivered on paper.
 *
 * Nothing to measure → null, never 0.
 */
import { chinaDate, chinaDayStart } from '../../kernel/china-time.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { MetricProvider } from '../../kernel/metrics.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import type { OverviewDto } from './applications.schemas.ts';
import { getCatalogue, servicesSettings } from './catalogue.service.ts';
import { median, officeWorkdaysBetween, quantile } from './deadlines.ts';
import {
  applicationCountsByStatus,
  completedPaperCounts,
  completedTimes,
  openTasksByDepartment,
} from './metrics.repository.ts';

function monthRange(period: string): { from: Date; to: Date; lastDay: string } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const from = chinaDayStart(`${period}-01`);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const to = chinaDayStart(`${next}-01`);
  const lastDay = chinaDate(new Date(to.getTime() - 1));
  return { from, to, lastDay };
}

const round = (x: number | null, digits = 2): number | null =>
  x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits;

interface OpeningSample {
  workdays: number;
  hours: number;
}

async function openingSamples(ctx: AppContext, range?: { from: Date; to: Date }): Promise<OpeningSample[]> {
  const settings = servicesSettings();
  const rows = await completedTimes(ctx.db, settings.openingBundle, range);
  const cal = await getWorkCalendar(ctx);
  const out: OpeningSample[] = [];
  for (const r of rows) {
    const from = new Date(r.submitted_at);
    const to = new Date(r.completed_at!);
    try {
      out.push({
        workdays: officeWorkdaysBetween(from, to, settings.officeHours, (d) => cal.isWorkday(d)),
        hours: (to.getTime() - from.getTime()) / 3_600_000,
      });
    } catch {
      // A year without a loaded schedule cannot be measured in working days; it is left out, not guessed.
    }
  }
  return out;
}

async function zeroPaper(
  ctx: AppContext,
  range?: { from: Date; to: Date },
): Promise<{ share: number | null; completed: number; paperless: number }> {
  const r = await completedPaperCounts(ctx.db, range);
  return {
    share: r.n === 0 ? null : round((100 * r.paperless) / r.n, 1),
    completed: r.n,
    paperless: r.paperless,
  };
}

export function servicesMetrics(): MetricProvider[] {
  return [
    {
      id: 'services.opening-time-workdays',
      name: '企业开办用时（中位数）',
      unit: '工作日',
      description:
        '统计期（月）内办结的“企业开办”一件事从提交到全部办结的用时中位数，按工作日的办公时间（09:00–17:00，8小时为1个工作日）计算；明细含平均值与小时数。',
      async compute(ctx, period, asOf) {
        const { from, to } = monthRange(period);
        const end = asOf < to ? asOf : to;
        const s = await openingSamples(ctx, { from, to: end });
        if (s.length === 0) return { value: null, detail: { applications: 0 } };
        const wd = s.map((x) => x.workdays);
        return {
          value: round(median(wd)),
          detail: {
            applications: s.length,
            medianHours: round(median(s.map((x) => x.hours)), 1),
            meanWorkdays: round(wd.reduce((a, b) => a + b, 0) / wd.length),
            p90Workdays: round(quantile(wd, 0.9)),
          },
        };
      },
    },
    {
      id: 'services.new-bundles',
      name: '已上线“一件事”套餐数',
      unit: '个',
      description: '当前启用、且上线日期不晚于统计期末的“一件事”套餐数（措施21：再推出15个）。',
      async compute(ctx, period) {
        const { lastDay } = monthRange(period);
        const bundles = [...(await getCatalogue(ctx)).bundles.values()].filter(
          (b) => b.active && b.launchedOn <= lastDay,
        );
        return { value: bundles.length, detail: { bundles: bundles.map((b) => b.code) } };
      },
    },
    {
      id: 'services.zero-paper-share',
      name: '无纸化办结占比',
      unit: '%',
      description: '统计期（月）内办结的办件中，没有任何材料以纸质方式提交的比例。',
      async compute(ctx, period, asOf) {
        const { from, to } = monthRange(period);
        const z = await zeroPaper(ctx, { from, to: asOf < to ? asOf : to });
        return { value: z.share, detail: { completed: z.completed, paperless: z.paperless } };
      },
    },
  ];
}

const BUCKETS: { label: string; max: number }[] = [
  { label: '≤0.5', max: 0.5 },
  { label: '0.5–1', max: 1 },
  { label: '1–2', max: 2 },
  { label: '2–3', max: 3 },
  { label: '>3', max: Infinity },
];

export async function getOverview(ctx: AppContext): Promise<OverviewDto> {
  const today = chinaDate(ctx.clock.now());
  const [catalogue, byStatus, samples, paper, depts] = await Promise.all([
    getCatalogue(ctx),
    applicationCountsByStatus(ctx.db),
    openingSamples(ctx),
    zeroPaper(ctx),
    openTasksByDepartment(ctx.db, today),
  ]);
  const statusMap: Record<string, number> = {};
  let total = 0;
  for (const r of byStatus) {
    statusMap[r.status] = r.n;
    total += r.n;
  }
  const wd = samples.map((s) => s.workdays);
  const hours = samples.map((s) => s.hours);
  return {
    bundlesLive: [...catalogue.bundles.values()].filter((b) => b.active).length,
    applications: { total, byStatus: statusMap },
    openingTime: {
      count: samples.length,
      medianWorkdays: round(median(wd)),
      medianHours: round(median(hours), 1),
      p90Hours: round(quantile(hours, 0.9), 1),
      histogram: BUCKETS.map((b, i) => ({
        bucket: b.label,
        count: wd.filter((x) => x <= b.max && (i === 0 || x > BUCKETS[i - 1]!.max)).length,
      })),
    },
    zeroPaperShare: paper.share,
    overdueByDepartment: depts
      .map((d) => ({
        departmentId: d.department_id,
        department: catalogue.departments.get(d.department_id) ?? '',
        overdue: d.overdue,
        open: d.open,
      }))
      .sort((a, b) => b.overdue - a.overdue || b.open - a.open),
  };
}
