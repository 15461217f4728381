/**
 * Measures, milestones and progress reports. Statuses are derived (status.ts) from one bulk read of the plan's
 * state (`loadPlanSnapshot`); writes are one transaction each with their audit entry.
 */
import { appendAudit, type AuditOrigin } from '../../kernel/audit.ts';
import type { WorkCalendar } from '../../kernel/calendar/calendar.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError, type FieldViolation } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { FILE_KINDS, type FileKind } from '../../kernel/storage.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { attachFile, getFile, type FileDto } from '../files/index.ts';
import { findDepartmentByCode, findUserDisplayNames, listDepartments } from '../identity/index.ts';
import type { MeasureStatus, UnitRole } from './action-plan.tables.ts';
import {
  canSeeInternalProgress,
  isReportingRole,
  mayReadEvidence,
  noticeScope,
  PLAN_SUPERVISE,
  reportingDepartmentOf,
} from './action-plan.policy.ts';
import './measures.errors.ts';
import {
  completeMilestones,
  countMilestoneNotices,
  deleteOpenMilestone,
  findCurrentPlan,
  findMeasureRowByNo,
  findMilestoneRow,
  findPlan,
  insertMilestone,
  insertReport,
  isReportId,
  listLastReportTimes,
  listLatestReportRows,
  listMeasureRows,
  listMilestoneRows,
  listNoticeRows,
  listOpenReportNoticePeriods,
  listReportRowsOfMeasure,
  listUnitRows,
  lockMilestones,
  resolveMilestoneNotices,
  resolveReportNotices,
  supersedeMilestoneNotices,
  updateOpenMilestone,
  type MeasureRow,
  type MilestoneRow,
  type NoticeRow,
  type PlanRow,
  type ReportRow,
  type UnitRow,
} from './measures.repository.ts';
import type {
  DepartmentRef,
  MeasureDetailDto,
  MeasureListFilter,
  MeasureSummaryDto,
  MilestoneCreateInput,
  MilestoneDto,
  MilestoneUpdateInput,
  MyWorkDto,
  NoticeDto,
  NoticeListFilter,
  ReportDto,
  ReportInput,
} from './measures.schemas.ts';
import {
  comparePeriods,
  evaluateMeasure,
  lastDuePeriod,
  milestoneState,
  periodOf,
  previousPeriod,
  type LatestReport,
  type MeasureEvaluation,
  type PlanRules,
} from './status.ts';

/** Owner module name for evidence files (files module). */
export const EVIDENCE_OWNER = 'action-plan';

/** Evidence is documents and pictures; text and CSV uploads (imports) are not accepted as proof of work. */
const EVIDENCE_KINDS: readonly FileKind[] = ['pdf', 'ofd', 'docx', 'xlsx', 'png', 'jpeg', 'gif', 'webp'];
const EVIDENCE_TYPES = new Set<string>(EVIDENCE_KINDS.map((k) => FILE_KINDS[k].mime));
/** Each file is already capped by UPLOAD_MAX_BYTES; this caps one report's evidence as a whole. */
export const EVIDENCE_MAX_TOTAL_BYTES = 50 * 1024 * 1024;

// Every official who may read progress reports may download their evidence (the uploader always may).
export async function evidenceAccess(actor: Actor, ownerId: string, db: Db): Promise<boolean> {
  return mayReadEvidence(actor) && (await isReportId(db, ownerId));
}

// ---------------------------------------------------------------------------------------------------------------
// The plan's derived state

export interface MeasureState {
  status: MeasureStatus;
  progress: number;
  nextDueOn: string | null;
  overdue: boolean;
}

export interface PlanSnapshot {
  plan: PlanRow;
  rules: PlanRules;
  today: string;
  calendar: WorkCalendar;
  /** The latest reporting period whose deadline has passed; null before the plan's first full period is due. */
  lastDue: string | null;
  measures: MeasureRow[];
  units: Map<string, UnitRow[]>;
  milestones: Map<string, MilestoneRow[]>;
  /** measure id → department id → latest report */
  latestReports: Map<string, Map<string, ReportRow>>;
  lastReportAt: Map<string, Date>;
  evaluations: Map<string, MeasureEvaluation>;
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export function planRules(plan: PlanRow): PlanRules {
  return {
    cycle: plan.reporting_period,
    dueWorkdays: plan.report_due_workdays,
    planStart: chinaDate(plan.created_at),
  };
}

function reportingDepartments(units: readonly UnitRow[]): string[] {
  return units.flatMap((u) => (u.department_id !== null && isReportingRole(u.role) ? [u.department_id] : []));
}

/** Reads the plan's whole state in five queries (the calendar is cached) and derives every measure's status. */
export async function loadPlanSnapshot(ctx: AppContext, plan: PlanRow): Promise<PlanSnapshot> {
  const today = chinaDate(ctx.clock.now());
  const [calendar, measures, units, milestones, latest, lastReportAt] = await Promise.all([
    getWorkCalendar(ctx),
    listMeasureRows(ctx.db, plan.id),
    listUnitRows(ctx.db, plan.id),
    listMilestoneRows(ctx.db, plan.id),
    listLatestReportRows(ctx.db, plan.id),
    listLastReportTimes(ctx.db, plan.id),
  ]);
  const rules = planRules(plan);
  const lastDue = lastDuePeriod(calendar, rules, today);
  const unitsByMeasure = groupBy(units, (u) => u.measure_id);
  const milestonesByMeasure = groupBy(milestones, (m) => m.measure_id);
  const latestReports = new Map<string, Map<string, ReportRow>>();
  for (const r of latest) {
    let byDept = latestReports.get(r.measure_id);
    if (!byDept) latestReports.set(r.measure_id, (byDept = new Map()));
    byDept.set(r.department_id, r);
  }
  const evaluations = new Map<string, MeasureEvaluation>();
  for (const m of measures) {
    const reports = new Map<string, LatestReport>();
    for (const [dept, r] of latestReports.get(m.id) ?? [])
      reports.set(dept, { period: r.period, percent: r.percent });
    evaluations.set(
      m.id,
      evaluateMeasure(
        calendar,
        rules,
        today,
        {
          reportingDepartmentIds: reportingDepartments(unitsByMeasure.get(m.id) ?? []),
          milestones: (milestonesByMeasure.get(m.id) ?? []).map((ms) => ({
            id: ms.id,
            dueOn: ms.due_on,
            createdAt: new Date(ms.created_at).getTime(),
            completedAt: ms.completed_at ? new Date(ms.completed_at).getTime() : null,
          })),
          latestReports: reports,
          lastReportAt: lastReportAt.get(m.id)?.getTime() ?? null,
        },
        lastDue,
      ),
    );
  }
  return {
    plan,
    rules,
    today,
    calendar,
    lastDue,
    measures,
    units: unitsByMeasure,
    milestones: milestonesByMeasure,
    latestReports,
    lastReportAt,
    evaluations,
  };
}

/**
 * Status, progress, next due date and overdue flag of every measure of a plan, keyed by measure id. Six queries
 * for the whole plan. An unknown plan id gives an empty map.
 */
export async function computeMeasureStates(
  ctx: AppContext,
  planId: string,
): Promise<Map<string, MeasureState>> {
  const plan = await findPlan(ctx.db, planId);
  if (!plan) return new Map();
  const snapshot = await loadPlanSnapshot(ctx, plan);
  const out = new Map<string, MeasureState>();
  for (const [id, e] of snapshot.evaluations) {
    out.set(id, { status: e.status, progress: e.progress, nextDueOn: e.nextDueOn, overdue: e.overdue });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// DTOs

type Departments = Map<string, DepartmentRef>;

export async function loadDepartments(db: Db): Promise<Departments> {
  const rows = await listDepartments(db);
  return new Map(rows.map((d) => [d.id, { id: d.id, code: d.code, name: d.name }]));
}

function departmentRef(departments: Departments, id: string): DepartmentRef {
  // A department row is never deleted while milestones or reports point at it (foreign keys).
  return departments.get(id) ?? { id, code: '', name: '' };
}

/** "二" + "优化…" → "二、优化…"; "（一）" + "降低…" → "（一）降低…". */
export function headingOf(label: string, title: string): string {
  if (label === '') return title;
  return /[、.．)）]$/.test(label) ? `${label}${title}` : `${label}、${title}`;
}

export function summaryDto(
  snapshot: PlanSnapshot,
  m: MeasureRow,
  departments: Departments,
): MeasureSummaryDto {
  const e = snapshot.evaluations.get(m.id);
  return {
    no: m.no,
    title: m.title,
    part: headingOf(m.part_label, m.part_title),
    section: headingOf(m.section_label, m.section_title),
    partNo: m.part_no,
    sectionNo: m.section_no,
    units: (snapshot.units.get(m.id) ?? []).map((u) => ({
      name: u.name,
      role: u.role,
      departmentId: u.department_id,
      departmentCode: u.department_id ? (departments.get(u.department_id)?.code ?? null) : null,
    })),
    status: e?.status ?? 'not_started',
    progress: e?.progress ?? 0,
    nextDueOn: e?.nextDueOn ?? null,
    overdue: e?.overdue ?? false,
  };
}

export function milestoneDto(
  snapshot: PlanSnapshot,
  ms: MilestoneRow,
  departments: Departments,
): MilestoneDto {
  const state = snapshot.evaluations.get(ms.measure_id)?.milestones.get(ms.id) ?? {
    status: 'not_started' as const,
    overdueWorkdays: 0,
  };
  return {
    id: ms.id,
    measureNo: ms.measure_no,
    title: ms.title,
    description: ms.description,
    dueOn: ms.due_on,
    ownerDepartment: departmentRef(departments, ms.owner_department_id),
    status: state.status,
    completedAt: ms.completed_at ? new Date(ms.completed_at).toISOString() : null,
    overdueWorkdays: state.overdueWorkdays,
  };
}

function evidenceDto(f: FileDto) {
  return { id: f.id, name: f.name, contentType: f.contentType, sizeBytes: f.sizeBytes };
}

async function evidenceOf(ctx: AppContext, actor: Actor, ids: readonly string[]) {
  const files = await Promise.all(
    ids.map((id) =>
      getFile(ctx, actor, id).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'NOT_FOUND') return undefined;
        throw err;
      }),
    ),
  );
  return files.flatMap((f) => (f ? [evidenceDto(f)] : []));
}

function reportDto(
  r: ReportRow,
  departments: Departments,
  evidence: ReportDto['evidence'],
  names: ReadonlyMap<string, string>,
): ReportDto {
  return {
    id: r.id,
    measureNo: r.measure_no,
    department: departmentRef(departments, r.department_id),
    period: r.period,
    percent: r.percent,
    body: r.body,
    submittedAt: new Date(r.submitted_at).toISOString(),
    submittedBy: r.submitted_by ? (names.get(r.submitted_by) ?? '') : '',
    evidence,
    completedMilestoneIds: r.completed_milestone_ids,
  };
}

async function reportDtos(
  ctx: AppContext,
  actor: Actor,
  rows: readonly ReportRow[],
  departments: Departments,
): Promise<ReportDto[]> {
  const names = await findUserDisplayNames(
    ctx.db,
    rows.flatMap((r) => (r.submitted_by ? [r.submitted_by] : [])),
  );
  return Promise.all(
    rows.map(async (r) =>
      reportDto(r, departments, await evidenceOf(ctx, actor, r.evidence_file_ids), names),
    ),
  );
}

export function noticeDto(n: NoticeRow, departments: Departments): NoticeDto {
  return {
    id: n.id,
    kind: n.kind,
    reason: n.reason,
    measureNo: n.measure_no,
    measureTitle: n.measure_title,
    milestoneId: n.milestone_id,
    milestoneTitle: n.milestone_title,
    department: departmentRef(departments, n.department_id),
    period: n.period,
    dueOn: n.due_on,
    overdueWorkdays: n.overdue_workdays,
    createdAt: new Date(n.created_at).toISOString(),
    resolvedAt: n.resolved_at ? new Date(n.resolved_at).toISOString() : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reads

function noPlan(): AppError {
  return new AppError('NOT_FOUND', '尚未导入行动方案。 No action plan has been imported yet.');
}

function measureNotFound(no: number): AppError {
  return new AppError('NOT_FOUND', `没有找到第 ${no} 项措施。 Measure ${no} not found.`);
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
    throw new AppError('NOT_FOUND', '该账号不属于任何部门。 This account belongs to no department.');
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

/** Notices: the leading-group office sees all, an officer only their department's, anyone else none. */
export async function listNotices(
  ctx: AppContext,
  actor: Actor,
  q: NoticeListFilter,
): Promise<{ items: NoticeDto[]; total: number }> {
  const scope = noticeScope(actor);
  if (scope.kind === 'none') return { items: [], total: 0 };
  const plan = await findCurrentPlan(ctx.db);
  if (!plan) return { items: [], total: 0 };
  const [page, departments] = await Promise.all([
    listNoticeRows(ctx.db, plan.id, {
      ...(scope.kind === 'department' ? { departmentId: scope.departmentId } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      page: q.page,
      pageSize: q.pageSize,
    }),
    loadDepartments(ctx.db),
  ]);
  return { items: page.items.map((n) => noticeDto(n, departments)), total: page.total };
}

// ---------------------------------------------------------------------------------------------------------------
// Progress reports

/**
 * A department files a progress report on a measure it is a lead or responsible unit of (any other measure is
 * "not found"). The period must be the current or the previous period of the plan's cycle. Listed milestones must
 * be this department's open milestones of this measure and are completed by the report; evidence must be the
 * caller's own uploads of an evidence type and is attached to the report. Notices the report answers (its
 * milestones' reminders, this department's missing-report notices up to this period) are resolved.
 */
export async function submitReport(
  ctx: AppContext,
  actor: Actor,
  no: number,
  input: ReportInput,
  origin: AuditOrigin,
): Promise<ReportDto> {
  const plan = await findCurrentPlan(ctx.db);
  if (!plan) throw noPlan();
  const measure = await findMeasureRowByNo(ctx.db, plan.id, no);
  if (!measure) throw measureNotFound(no);
  const units = await listUnitRows(ctx.db, plan.id, [measure.id]);
  const departmentId = reportingDepartmentOf(
    actor,
    units.map((u) => ({ role: u.role, departmentId: u.department_id })),
  );
  if (!departmentId) throw measureNotFound(no);

  const now = ctx.clock.now();
  const current = periodOf(chinaDate(now), plan.reporting_period);
  const open = [previousPeriod(current), current];
  if (!open.includes(input.period)) {
    throw new AppError(
      'PLAN_REPORT_PERIOD_CLOSED',
      `只能报送本期（${current}）或上一期（${open[0]}）的进展。 Only ${open[0]} or ${current} may be reported now.`,
      {
        errors: [
          { field: '/body/period', rule: 'open_period', message: `must be one of ${open.join(', ')}` },
        ],
        extra: { openPeriods: open },
      },
    );
  }
  const evidenceIds = input.evidenceFileIds ?? [];
  const milestoneIds = input.completedMilestoneIds ?? [];

  const result = await ctx.db.transaction().execute(async (trx) => {
    const locked = new Map((await lockMilestones(trx, milestoneIds)).map((m) => [m.id, m]));
    const notCompletable: FieldViolation[] = [];
    milestoneIds.forEach((id, i) => {
      const m = locked.get(id);
      if (
        !m ||
        m.measure_id !== measure.id ||
        m.owner_department_id !== departmentId ||
        m.completed_at !== null
      ) {
        notCompletable.push({
          field: `/body/completedMilestoneIds/${i}`,
          rule: 'open_own_milestone',
          message: 'must be an open milestone of this measure owned by your department',
        });
      }
    });
    if (notCompletable.length > 0) {
      throw new AppError(
        'PLAN_MILESTONE_NOT_COMPLETABLE',
        '所列节点须为本部门在该措施下尚未完成的节点。 Only your department’s open milestones of this measure can be completed.',
        { errors: notCompletable },
      );
    }

    const reportId = await insertReport(trx, {
      measure_id: measure.id,
      department_id: departmentId,
      period: input.period,
      percent: input.percent,
      body: input.body,
      evidence_file_ids: evidenceIds,
      completed_milestone_ids: milestoneIds,
      submitted_by: actor.userId,
      submitted_at: now,
    });

    const evidence: ReportDto['evidence'] = [];
    const rejected: FieldViolation[] = [];
    let totalBytes = 0;
    for (const [i, id] of evidenceIds.entries()) {
      let file: FileDto;
      try {
        file = await attachFile(trx, actor, id, { ownerModule: EVIDENCE_OWNER, ownerId: reportId });
      } catch (err) {
        if (!(err instanceof AppError) || (err.code !== 'NOT_FOUND' && err.code !== 'CONFLICT')) throw err;
        rejected.push({
          field: `/body/evidenceFileIds/${i}`,
          rule: 'own_unattached_upload',
          message: 'must be a file you uploaded through POST /api/files and not yet attached elsewhere',
        });
        continue;
      }
      if (!EVIDENCE_TYPES.has(file.contentType)) {
        rejected.push({
          field: `/body/evidenceFileIds/${i}`,
          rule: 'evidence_type',
          message: `must be one of: ${EVIDENCE_KINDS.join(', ')}`,
        });
      }
      totalBytes += file.sizeBytes;
      evidence.push(evidenceDto(file));
    }
    if (totalBytes > EVIDENCE_MAX_TOTAL_BYTES) {
      rejected.push({
        field: '/body/evidenceFileIds',
        rule: 'max_total_bytes',
        message: `evidence of one report may total at most ${EVIDENCE_MAX_TOTAL_BYTES} bytes`,
      });
    }
    if (rejected.length > 0) {
      throw new AppError(
        'PLAN_EVIDENCE_REJECTED',
        '佐证材料须为本人上传、尚未用于其他事项的文档或图片。 Evidence must be your own, unattached document or image uploads.',
        { errors: rejected },
      );
    }

    await completeMilestones(trx, milestoneIds, reportId, now);
    const resolvedMilestoneNotices = await resolveMilestoneNotices(trx, milestoneIds, now);
    const answered = (await listOpenReportNoticePeriods(trx, measure.id, departmentId)).filter(
      (p) => comparePeriods(p, input.period) <= 0,
    );
    const resolvedReportNotices = await resolveReportNotices(trx, measure.id, departmentId, answered, now);

    await appendAudit(trx, origin, {
      action: 'plan.report_submitted',
      subjectType: 'progress_report',
      subjectId: reportId,
      detail: {
        planCode: plan.code,
        measureNo: no,
        departmentId,
        period: input.period,
        percent: input.percent,
        evidenceFileIds: evidenceIds,
        completedMilestoneIds: milestoneIds,
        resolvedNoticeIds: [...resolvedMilestoneNotices, ...resolvedReportNotices],
      },
    });
    for (const id of milestoneIds) {
      await appendAudit(trx, origin, {
        action: 'plan.milestone_completed',
        subjectType: 'milestone',
        subjectId: id,
        detail: { measureNo: no, reportId },
      });
    }
    return { reportId, evidence };
  });

  const departments = await loadDepartments(ctx.db);
  return {
    id: result.reportId,
    measureNo: no,
    department: departmentRef(departments, departmentId),
    period: input.period,
    percent: input.percent,
    body: input.body,
    submittedAt: now.toISOString(),
    submittedBy: actor.displayName,
    evidence: result.evidence,
    completedMilestoneIds: milestoneIds,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Milestones (leading-group office)

function assertSupervisor(actor: Actor): void {
  if (!actor.permissions.has(PLAN_SUPERVISE)) {
    throw new AppError(
      'FORBIDDEN',
      `没有权限（需要 ${PLAN_SUPERVISE}）。 Permission ${PLAN_SUPERVISE} required.`,
      {
        extra: { permission: PLAN_SUPERVISE },
      },
    );
  }
}

function milestoneNotFound(): AppError {
  return new AppError('NOT_FOUND', '没有找到该节点。 Milestone not found.');
}

function milestoneCompleted(): AppError {
  return new AppError(
    'PLAN_MILESTONE_COMPLETED',
    '该节点已完成，不能再修改或删除。 A completed milestone can no longer be changed or deleted.',
  );
}

/**
 * A due date must fall in or after the first year the working-day calendar has (overdue days are counted with it);
 * a later year need not be loaded yet — it is only counted once it has passed.
 */
async function assertDueOnCountable(ctx: AppContext, dueOn: string): Promise<void> {
  const years = (await getWorkCalendar(ctx)).loadedYears();
  if (years.length === 0) return;
  const first = Math.min(...years);
  if (Number(dueOn.slice(0, 4)) < first) {
    throw new AppError(
      'VALIDATION_FAILED',
      `截止日期不能早于 ${first} 年。 The due date cannot be before ${first}.`,
      {
        errors: [{ field: '/body/dueOn', rule: 'calendar_range', message: `must be in ${first} or later` }],
      },
    );
  }
}

/** The owner must be a lead or responsible unit of the measure; returns its department. */
async function ownerOf(
  ctx: AppContext,
  planId: string,
  measureId: string,
  code: string,
): Promise<DepartmentRef> {
  const [dept, units] = await Promise.all([
    findDepartmentByCode(ctx.db, code),
    listUnitRows(ctx.db, planId, [measureId]),
  ]);
  if (!dept || !units.some((u) => u.department_id === dept.id && isReportingRole(u.role))) {
    throw new AppError(
      'PLAN_MILESTONE_OWNER_NOT_UNIT',
      `部门 ${code} 不是该措施的牵头或责任单位。 ${code} is not a lead or responsible unit of this measure.`,
      {
        errors: [
          {
            field: '/body/ownerDepartmentCode',
            rule: 'reporting_unit',
            message: 'must be the code of a lead or responsible unit of the measure',
          },
        ],
      },
    );
  }
  return dept;
}

async function milestoneResult(ctx: AppContext, planId: string, id: string): Promise<MilestoneDto> {
  const plan = await findPlan(ctx.db, planId);
  const row = await findMilestoneRow(ctx.db, id);
  if (!plan || !row) throw milestoneNotFound();
  const [calendar, lastReportAt, departments] = await Promise.all([
    getWorkCalendar(ctx),
    listLastReportTimes(ctx.db, plan.id),
    loadDepartments(ctx.db),
  ]);
  const state = milestoneState(
    calendar,
    {
      id: row.id,
      dueOn: row.due_on,
      createdAt: new Date(row.created_at).getTime(),
      completedAt: row.completed_at ? new Date(row.completed_at).getTime() : null,
    },
    chinaDate(ctx.clock.now()),
    lastReportAt.get(row.measure_id)?.getTime() ?? null,
  );
  return {
    id: row.id,
    measureNo: row.measure_no,
    title: row.title,
    description: row.description,
    dueOn: row.due_on,
    ownerDepartment: departmentRef(departments, row.owner_department_id),
    status: state.status,
    completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
    overdueWorkdays: state.overdueWorkdays,
  };
}

export async function createMilestone(
  ctx: AppContext,
  actor: Actor,
  no: number,
  input: MilestoneCreateInput,
  origin: AuditOrigin,
): Promise<MilestoneDto> {
  assertSupervisor(actor);
  const plan = await findCurrentPlan(ctx.db);
  if (!plan) throw noPlan();
  const measure = await findMeasureRowByNo(ctx.db, plan.id, no);
  if (!measure) throw measureNotFound(no);
  await assertDueOnCountable(ctx, input.dueOn);
  const owner = await ownerOf(ctx, plan.id, measure.id, input.ownerDepartmentCode);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const milestoneId = await insertMilestone(trx, {
      measure_id: measure.id,
      title: input.title.trim(),
      description: input.description ?? '',
      due_on: input.dueOn,
      owner_department_id: owner.id,
      created_by: actor.userId,
      created_at: ctx.clock.now(),
    });
    await appendAudit(trx, origin, {
      action: 'plan.milestone_created',
      subjectType: 'milestone',
      subjectId: milestoneId,
      detail: {
        planCode: plan.code,
        measureNo: no,
        title: input.title.trim(),
        dueOn: input.dueOn,
        owner: owner.code,
      },
    });
    return milestoneId;
  });
  return milestoneResult(ctx, plan.id, id);
}

/**
 * Changes an open milestone. Moving its due date or its owner answers the notices it had: they are resolved and
 * their dedupe keys freed, so the milestone is reminded again if it falls behind under the new terms.
 */
export async function updateMilestone(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: MilestoneUpdateInput,
  origin: AuditOrigin,
): Promise<MilestoneDto> {
  assertSupervisor(actor);
  const before = await findMilestoneRow(ctx.db, id);
  if (!before) throw milestoneNotFound();
  if (before.completed_at !== null) throw milestoneCompleted();
  await assertDueOnCountable(ctx, input.dueOn);
  const owner = await ownerOf(ctx, before.plan_id, before.measure_id, input.ownerDepartmentCode);
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await updateOpenMilestone(trx, id, {
      title: input.title.trim(),
      description: input.description,
      due_on: input.dueOn,
      owner_department_id: owner.id,
    });
    if (!updated) throw milestoneCompleted();
    const reset = before.due_on !== input.dueOn || before.owner_department_id !== owner.id;
    const superseded = reset ? await supersedeMilestoneNotices(trx, id, ctx.clock.now()) : [];
    await appendAudit(trx, origin, {
      action: 'plan.milestone_updated',
      subjectType: 'milestone',
      subjectId: id,
      detail: {
        measureNo: before.measure_no,
        before: {
          title: before.title,
          description: before.description,
          dueOn: before.due_on,
          ownerDepartmentId: before.owner_department_id,
        },
        after: {
          title: input.title.trim(),
          description: input.description,
          dueOn: input.dueOn,
          owner: owner.code,
        },
        supersededNoticeIds: superseded,
      },
    });
  });
  return milestoneResult(ctx, before.plan_id, id);
}

/** Deletes an open milestone (its notices go with it; the audit log keeps the record of each). */
export async function deleteMilestone(
  ctx: AppContext,
  actor: Actor,
  id: string,
  origin: AuditOrigin,
): Promise<void> {
  assertSupervisor(actor);
  const row = await findMilestoneRow(ctx.db, id);
  if (!row) throw milestoneNotFound();
  if (row.completed_at !== null) throw milestoneCompleted();
  await ctx.db.transaction().execute(async (trx) => {
    const notices = await countMilestoneNotices(trx, id);
    if (!(await deleteOpenMilestone(trx, id))) throw milestoneCompleted();
    await appendAudit(trx, origin, {
      action: 'plan.milestone_deleted',
      subjectType: 'milestone',
      subjectId: id,
      detail: {
        measureNo: row.measure_no,
        title: row.title,
        dueOn: row.due_on,
        ownerDepartmentId: row.owner_department_id,
        noticesDeleted: notices,
      },
    });
  });
}
