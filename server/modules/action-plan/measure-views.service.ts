/**
 * What the measure, milestone, progress report and notice endpoints return: DTOs built from repository rows and
 * the plan's derived state, with departments and evidence files resolved.
 */
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { getFile, type FileDto } from '../files/index.ts';
import { findUserDisplayNames, listDepartments } from '../identity/index.ts';
import type { PlanSnapshot } from './measure-status.service.ts';
import type { MeasureWithStructure } from './measures.repository.ts';
import type {
  DepartmentRef,
  MeasureSummaryDto,
  MilestoneDto,
  NoticeDto,
  ReportDto,
} from './measures.schemas.ts';
import type { MilestoneWithMeasure } from './milestones.repository.ts';
import type { NoticeWithSubjects } from './notices.repository.ts';
import type { ReportWithMeasure } from './reports.repository.ts';

export type Departments = Map<string, DepartmentRef>;

export async function loadDepartments(db: Db): Promise<Departments> {
  const rows = await listDepartments(db);
  return new Map(rows.map((d) => [d.id, { id: d.id, code: d.code, name: d.name }]));
}

export function departmentRef(departments: Departments, id: string): DepartmentRef {
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
  m: MeasureWithStructure,
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
  ms: MilestoneWithMeasure,
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

export function evidenceDto(f: FileDto) {
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
  r: ReportWithMeasure,
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

export async function reportDtos(
  ctx: AppContext,
  actor: Actor,
  rows: readonly ReportWithMeasure[],
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

export function noticeDto(n: NoticeWithSubjects, departments: Departments): NoticeDto {
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
