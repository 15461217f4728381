/**
 * Reading the plan's measures: the list with statuses, one measure in full, and a department's own work. Statuses
 * come from measure-status.service; milestones, progress reports and notices are written by their own services.
 */
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { findDepartmentByCode } from '../identity/index.ts';
import type { UnitRole } from './action-plan.tables.ts';
import { canSeeInternalProgress } from './action-plan.policy.ts';
import { loadPlanSnapshot } from './measure-status.service.ts';
import { loadDepartments, milestoneDto, noticeDto, reportDtos, summaryDto } from './measure-views.service.ts';
import { findMeasureRowByNo } from './measures.repository.ts';
import type {
  MeasureDetailDto,
  MeasureListFilter,
  MeasureSummaryDto,
  MyWorkDto,
  NoticeDto,
  ReportDto,
} from './measures.schemas.ts';
import { listNoticeRows } from './notices.repository.ts';
import { findCurrentPlan } from './plan.repository.ts';
import { listReportRowsOfMeasure } from './reports.repository.ts';

export function noPlan(): AppError {
  return new AppError('NOT_FOUND', 'No action plan has been imported yet.', { params: { reason: 'plan' } });
}

export function measureNotFound(no: number): AppError {
  return new AppError('NOT_FOUND', `Measure ${no} not found.`, { params: { reason: 'plan-measure', no } });
}

export async function listMeasures(ctx: AppContext, filter: MeasureListFilter): Promise<MeasureSummaryDto[]> {
  const plan = await findCurrentPlan(ctx.db);
  if (!plan) return [];
  let departmentId: string | undefined;
  if (filter.department !== undefined) {
    const dept = await findDepartmentByCode(ctx.db, filter.department);
    if (!dept) return [];
    departmentId = dept.id;
  }
  const [snapshot, departments] = await Promise.all([loadPlanSnapshot(ctx, plan), loadDepartments(ctx.db)]);
  return snapshot.measures
    .filter((m) => filter.partNo === undefined || m.part_no === filter.partNo)
    .filter((m) => filter.sectionNo === undefined || m.section_no === filter.sectionNo)
    .filter(
      (m) =>
        departmentId === undefined ||
        (snapshot.units.get(m.id) ?? []).some((u) => u.department_id === departmentId),
    )
    .map((m) => summaryDto(snapshot, m, departments))
    .filter((s) => filter.status === undefined || s.status === filter.status);
}

/** One measure with its text and milestones; reports and notices only for officials (`plan.read`). */
export async function getMeasure(
  ctx: AppContext,
  actor: Actor | undefined,
  no: number,
): Promise<MeasureDetailDto> {
  const plan = await findCurrentPlan(ctx.db);
  if (!plan) throw noPlan();
  const measure = await findMeasureRowByNo(ctx.db, plan.id, no);
  if (!measure) throw measureNotFound(no);
  const [snapshot, departments] = await Promise.all([loadPlanSnapshot(ctx, plan), loadDepartments(ctx.db)]);
  let reports: ReportDto[] = [];
  let notices: NoticeDto[] = [];
  if (actor && canSeeInternalProgress(actor)) {
    const [reportRows, noticeRows] = await Promise.all([
      listReportRowsOfMeasure(ctx.db, plan.id, measure.id),
      listNoticeRows(ctx.db, plan.id, { measureId: measure.id, page: 1, pageSize: 200 }),
    ]);
    reports = await reportDtos(ctx, actor, reportRows, departments);
    notices = noticeRows.items.map((n) => noticeDto(n, departments));
  }
  return {
    ...summaryDto(snapshot, measure, departments),
    body: measure.body,
    milestones: (snapshot.milestones.get(measure.id) ?? []).map((ms) =>
      milestoneDto(snapshot, ms, departments),
    ),
    reports,
    notices,
  };
}

const ROLE_RANK: Record<UnitRole, number> = { lead: 0, responsible: 1, scope: 2 };

/** A department's own work: its measures with what it owes next, its milestones and its notices. */
export async function getMyWork(ctx: AppContext, actor: Actor): Promise<MyWorkDto> {
  const departmentId = actor.departmentId;
  const departments = await loadDepartments(ctx.db);
  const department = departmentId ? departments.get(departmentId) : undefined;
  if (!departmentId || !department) {
    throw new AppError('NOT_FOUND', 'This account belongs to no department.', {
      params: { reason: 'plan-account-department' },
    });
  }
  const plan = await findCurrentPlan(ctx.db);
  if (!plan) return { department, measures: [], milestones: [], notices: [] };
  const snapshot = await loadPlanSnapshot(ctx, plan);

  const measures: MyWorkDto['measures'] = [];
  for (const m of snapshot.measures) {
    const mine = (snapshot.units.get(m.id) ?? []).filter((u) => u.department_id === departmentId);
    if (mine.length === 0) continue;
    const role = mine.map((u) => u.role).sort((a, b) => ROLE_RANK[a] - ROLE_RANK[b])[0] ?? 'scope';
    const latest = snapshot.latestReports.get(m.id)?.get(departmentId);
    const due = snapshot.evaluations.get(m.id)?.units.find((u) => u.departmentId === departmentId)?.reportDue;
    measures.push({
      ...summaryDto(snapshot, m, departments),
      role,
      myLatestReport: latest ? ((await reportDtos(ctx, actor, [latest], departments))[0] ?? null) : null,
      reportDue: due ? { period: due.period, dueOn: due.dueOn, overdue: due.overdue } : null,
    });
  }

  const milestones = [...snapshot.milestones.values()]
    .flat()
    .filter((ms) => ms.owner_department_id === departmentId)
    .map((ms) => milestoneDto(snapshot, ms, departments))
    .sort((a, b) => {
      const openA = a.completedAt === null ? 0 : 1;
      const openB = b.completedAt === null ? 0 : 1;
      return openA - openB || a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id);
    });

  const notices = await listNoticeRows(ctx.db, plan.id, { departmentId, page: 1, pageSize: 100 });
  return { department, measures, milestones, notices: notices.items.map((n) => noticeDto(n, departments)) };
}
