/**
 * 双公示 and collection figures for the action plan's KPIs (measure 47), and the per-department statistics the
 * credit pages show. Definitions (period = a month `YYYY-MM`, "双公示" = categories of kind license or penalty):
 *
 * - 时效率 `credit.dsgs-timely-rate`: of the 双公示 records whose decision date lies in the period and that were
 *   entered by `asOf`, the share entered within the deadline (`entryDeadlineWorkdays` working days after the
 *   decision, default 5).
 * - 入库率 `credit.dsgs-entry-rate`: the platform knows only decisions that were entered — no other register of
 *   decisions feeds it yet — so this cannot be "entered / all decisions made". It is measured as: of the same
 *   records, the share entered by the period's close (the deadline of the period's last day, i.e. N working days
 *   after month end). Late stragglers entered after the close lower it; decisions never entered are invisible to it,
 *   which the description says.
 * - `credit.categories-collected`: the number of active monthly categories (kind other) with at least one record
 *   whose information date lies in the period, entered by `asOf`.
 *
 * With nothing to measure (no 双公示 record in the period; no monthly category) the value is null, never 0 or 100.
 */
import { chinaDayEnd } from '../../kernel/china-time.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { MetricProvider, MetricValue } from '../../kernel/metrics.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { listDepartments } from '../identity/index.ts';
import { collectionCounts, listCategoryRows, timelinessByDepartment } from './records.repository.ts';
import type { CollectionStatsDto, TimelinessStatsDto } from './records.schemas.ts';
import { creditSettings } from './records.service.ts';

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((1000 * part) / whole) / 10;
}

export function periodRange(period: string): { from: string; to: string } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
}

function dayAfterStartInChina(date: string): Date {
  return chinaDayEnd(date);
}

export async function computeTimeliness(
  ctx: AppContext,
  period: string,
  asOf: Date,
): Promise<TimelinessStatsDto> {
  const deadline = creditSettings().entryDeadlineWorkdays;
  const { from, to } = periodRange(period);
  const cal = await getWorkCalendar(ctx);
  const closesOn = cal.addWorkdays(to, deadline);
  const rows = await timelinessByDepartment(ctx.db, {
    from,
    to,
    closesAt: dayAfterStartInChina(closesOn),
    asOf,
  });
  const depts = new Map((await listDepartments(ctx.db)).map((d) => [d.id, d]));
  return {
    period,
    deadlineWorkdays: deadline,
    closesOn,
    departments: rows
      .map((r) => {
        const d = depts.get(r.department_id);
        return {
          departmentId: r.department_id,
          departmentCode: d?.code ?? '',
          departmentName: d?.name ?? '',
          entered: r.entered,
          timely: r.timely,
          enteredByClose: r.entered_by_close,
          entryRate: percent(r.entered_by_close, r.entered),
          timelyRate: percent(r.timely, r.entered),
        };
      })
      .sort((a, b) => a.departmentCode.localeCompare(b.departmentCode)),
  };
}

export async function computeCollection(
  ctx: AppContext,
  period: string,
  asOf: Date,
): Promise<CollectionStatsDto> {
  const { from, to } = periodRange(period);
  const categories = (await listCategoryRows(ctx.db)).filter(
    (c) => c.kind === 'other' && c.collection === 'monthly' && c.active,
  );
  const departments = await listDepartments(ctx.db);
  const counts = await collectionCounts(ctx.db, { from, to, asOf });
  const byDeptCat = new Map<string, number>();
  const collectedCats = new Set<string>();
  for (const r of counts) {
    byDeptCat.set(`${r.department_id}|${r.category_code}`, r.records);
    collectedCats.add(r.category_code);
  }
  const cells: CollectionStatsDto['cells'] = [];
  for (const c of categories) {
    // Categories open to all departments are listed under the departments that actually sent records.
    const owners =
      c.department_codes.length > 0
        ? departments.filter((d) => c.department_codes.includes(d.code))
        : departments.filter((d) => byDeptCat.has(`${d.id}|${c.code}`));
    for (const d of owners) {
      const records = byDeptCat.get(`${d.id}|${c.code}`) ?? 0;
      cells.push({
        departmentCode: d.code,
        departmentName: d.name,
        categoryCode: c.code,
        categoryName: c.name,
        records,
        collected: records > 0,
      });
    }
  }
  return {
    period,
    categories: categories.length,
    collected: categories.filter((c) => collectedCats.has(c.code)).length,
    cells,
  };
}

async function timelinessTotals(
  ctx: AppContext,
  period: string,
  asOf: Date,
): Promise<{ entered: number; timely: number; enteredByClose: number; closesOn: string } | MetricValue> {
  let stats: TimelinessStatsDto;
  try {
    stats = await computeTimeliness(ctx, period, asOf);
  } catch (err) {
    if ((err as { code?: unknown }).code === 'CALENDAR_YEAR_NOT_LOADED') {
      return { value: null, detail: { reason: 'calendar_year_not_loaded' } };
    }
    throw err;
  }
  let entered = 0;
  let timely = 0;
  let enteredByClose = 0;
  for (const d of stats.departments) {
    entered += d.entered;
    timely += d.timely;
    enteredByClose += d.enteredByClose;
  }
  return { entered, timely, enteredByClose, closesOn: stats.closesOn };
}

export function creditMetrics(): MetricProvider[] {
  return [
    {
      id: 'credit.dsgs-timely-rate',
      name: '“双公示”数据时效率',
      unit: '%',
      description:
        '决定日期在本期、已录入信用平台的行政许可和行政处罚信息中，在作出决定后规定工作日（默认 5 个工作日）内录入的比例。',
      async compute(ctx, period, asOf) {
        const t = await timelinessTotals(ctx, period, asOf);
        if ('value' in t) return t;
        return {
          value: percent(t.timely, t.entered),
          detail: {
            entered: t.entered,
            timely: t.timely,
            deadlineWorkdays: creditSettings().entryDeadlineWorkdays,
          },
        };
      },
    },
    {
      id: 'credit.dsgs-entry-rate',
      name: '“双公示”数据入库率',
      unit: '%',
      description:
        '平台只知道已录入的决定，尚无其他决定来源可比对，因此按以下口径计算：决定日期在本期、已录入的行政许可和行政处罚信息中，' +
        '在本期截止日（月末后第 N 个工作日，N 为录入时限）前入库的比例。从未录入的决定不在统计范围内。',
      async compute(ctx, period, asOf) {
        const t = await timelinessTotals(ctx, period, asOf);
        if ('value' in t) return t;
        return {
          value: percent(t.enteredByClose, t.entered),
          detail: {
            entered: t.entered,
            enteredByClose: t.enteredByClose,
            closesOn: t.closesOn,
            provisional: asOf.getTime() < dayAfterStartInChina(t.closesOn).getTime(),
          },
        };
      },
    },
    {
      id: 'credit.categories-collected',
      name: '按月归集的其他信用信息类别',
      unit: '类',
      description: '按月归集的其他信用信息类别中，本期（信息日期在本月）至少有一条记录的类别数。',
      async compute(ctx, period, asOf) {
        const c = await computeCollection(ctx, period, asOf);
        if (c.categories === 0) return { value: null, detail: { categories: 0 } };
        return { value: c.collected, detail: { categories: c.categories, collected: c.collected } };
      },
    },
  ];
}
