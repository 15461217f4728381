/**
 * Typical cases (组织保障 六（二）“积极推动营商环境典型案例报送”): a department submits a case, the leading-group
 * office publishes or rejects it, the submitting department is notified of the decision, and published cases are
 * public. Everything else is visible only to the submitting department and the office; "not yours" is not found.
 */
import { appendAudit, type AuditOrigin } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import { can, type Actor } from '../../kernel/policy.ts';
import { listDepartments } from '../identity/index.ts';
import { notifyDepartment } from '../notifications/index.ts';
import { findCaseRow, insertCase, listCaseRows, reviewCaseRow, type CaseRow } from './cases.repository.ts';
import type {
  CaseListQueryInput,
  CaseReviewListQueryInput,
  ReviewCaseInput,
  SubmitCaseInput,
  TypicalCaseDto,
  TypicalCaseListDto,
} from './cases.schemas.ts';
import { findMeasureIdByNo } from './measures.repository.ts';
import { findCurrentPlan } from './plan.repository.ts';

const SUPERVISE = 'plan.supervise';
const REPORT = 'plan.report';

// ---------------------------------------------------------------------------------------------------------------
// Policy (pure)

/** The office sees every case; a department its own; everyone the published ones. */
export function canSeeCase(actor: Actor | undefined, c: { status: string; department_id: string }): boolean {
  if (c.status === 'published') return true;
  return canSeeInternals(actor, c);
}

/** Review comments and unpublished cases are internal to the submitting department and the office. */
function canSeeInternals(actor: Actor | undefined, c: { department_id: string }): boolean {
  if (can(actor, SUPERVISE)) return true;
  return can(actor, REPORT) && actor?.departmentId === c.department_id;
}

// ---------------------------------------------------------------------------------------------------------------

type DepartmentRef = TypicalCaseDto['department'];

async function departmentIndex(db: Db): Promise<Map<string, DepartmentRef>> {
  return new Map((await listDepartments(db)).map((d) => [d.id, { id: d.id, code: d.code, name: d.name }]));
}

function toDto(
  actor: Actor | undefined,
  row: CaseRow,
  departments: Map<string, DepartmentRef>,
): TypicalCaseDto {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    body: row.body,
    measureNo: row.measure_no,
    department: departments.get(row.department_id) ?? { id: row.department_id, code: '', name: '' },
    status: row.status,
    submittedAt: new Date(row.submitted_at).toISOString(),
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    reviewComment: canSeeInternals(actor, row) ? row.review_comment : null,
  };
}

async function toList(
  db: Db,
  actor: Actor | undefined,
  page: { items: CaseRow[]; total: number },
): Promise<TypicalCaseListDto> {
  const departments = await departmentIndex(db);
  return { items: page.items.map((r) => toDto(actor, r, departments)), total: page.total };
}

function caseNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No typical case ${id}.`, { params: { reason: 'plan-typical-case', id } });
}

async function getCaseDto(db: Db, actor: Actor | undefined, id: string): Promise<TypicalCaseDto> {
  const row = await findCaseRow(db, id);
  if (!row || !canSeeCase(actor, row)) throw caseNotFound(id);
  return toDto(actor, row, await departmentIndex(db));
}

// ---------------------------------------------------------------------------------------------------------------
// Use cases

export async function submitTypicalCase(
  ctx: AppContext,
  actor: Actor,
  input: SubmitCaseInput,
  origin: AuditOrigin,
): Promise<TypicalCaseDto> {
  const departmentId = actor.departmentId;
  if (!departmentId) {
    throw new AppError('FORBIDDEN', 'Only department accounts submit typical cases.', {
      params: { reason: 'plan-case-department-only' },
    });
  }
  const plan = await findCurrentPlan(ctx.db);
  if (!plan) throw new AppError('PLAN_NOT_LOADED', 'No action plan has been imported yet.');
  const measureNo = input.measureNo ?? null;
  let measureId: string | null = null;
  if (measureNo !== null) {
    measureId = (await findMeasureIdByNo(ctx.db, plan.id, measureNo)) ?? null;
    if (!measureId) {
      throw new AppError('VALIDATION_FAILED', `The plan has no measure ${measureNo}.`, {
        params: { reason: 'plan-measure-unknown', measureNo },
        errors: [
          {
            field: '/body/measureNo',
            rule: 'exists',
            message: `the plan has no measure ${measureNo}`,
            params: { value: measureNo },
          },
        ],
      });
    }
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const caseId = await insertCase(trx, {
      plan_id: plan.id,
      measure_id: measureId,
      department_id: departmentId,
      title: input.title.trim(),
      summary: input.summary.trim(),
      body: input.body,
      submitted_by: actor.userId,
      submitted_at: ctx.clock.now(),
    });
    await appendAudit(trx, origin, {
      action: 'action_plan.case_submitted',
      subjectType: 'typical_case',
      subjectId: caseId,
      detail: { title: input.title.trim(), measureNo, departmentId },
    });
    return caseId;
  });
  return getCaseDto(ctx.db, actor, id);
}

/** This department's cases, any status, newest first. */
export async function listMyTypicalCases(
  ctx: AppContext,
  actor: Actor,
  q: CaseListQueryInput,
): Promise<TypicalCaseListDto> {
  if (!actor.departmentId) return { items: [], total: 0 };
  return toList(
    ctx.db,
    actor,
    await listCaseRows(ctx.db, { departmentId: actor.departmentId }, q, 'submitted_desc'),
  );
}

/** The office's queue: by default the cases waiting for a decision, oldest first. */
export async function listTypicalCasesForReview(
  ctx: AppContext,
  actor: Actor,
  q: CaseReviewListQueryInput,
): Promise<TypicalCaseListDto> {
  const status = q.status ?? 'submitted';
  const rows = await listCaseRows(
    ctx.db,
    status === 'all' ? {} : { status },
    q,
    status === 'submitted' ? 'submitted_asc' : 'submitted_desc',
  );
  return toList(ctx.db, actor, rows);
}

export async function listPublishedTypicalCases(
  ctx: AppContext,
  q: CaseListQueryInput,
): Promise<TypicalCaseListDto> {
  return toList(ctx.db, undefined, await listCaseRows(ctx.db, { status: 'published' }, q, 'published_desc'));
}

export async function getTypicalCase(
  ctx: AppContext,
  actor: Actor | undefined,
  id: string,
): Promise<TypicalCaseDto> {
  return getCaseDto(ctx.db, actor, id);
}

const NOTIFY_TITLE_CHARS = 120;

export async function reviewTypicalCase(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ReviewCaseInput,
  origin: AuditOrigin,
): Promise<TypicalCaseDto> {
  const status = input.decision === 'publish' ? 'published' : 'rejected';
  const comment = input.comment?.trim() ? input.comment.trim() : null;
  await ctx.db.transaction().execute(async (trx) => {
    const current = await findCaseRow(trx, id);
    if (!current) throw caseNotFound(id);
    const updated = await reviewCaseRow(trx, id, {
      status,
      reviewedBy: actor.userId,
      at: ctx.clock.now(),
      comment,
    });
    if (!updated) {
      throw new AppError(
        'TYPICAL_CASE_ALREADY_REVIEWED',
        `The case was already reviewed (${current.status}).`,
        { params: { reason: current.status, status: current.status }, extra: { status: current.status } },
      );
    }
    const title =
      current.title.length > NOTIFY_TITLE_CHARS
        ? `${current.title.slice(0, NOTIFY_TITLE_CHARS)}…`
        : current.title;
    await notifyDepartment(trx, {
      departmentId: current.department_id,
      title: status === 'published' ? `典型案例“${title}”已发布` : `典型案例“${title}”未被采用`,
      body:
        (status === 'published'
          ? '领导小组办公室已审核并公开发布该典型案例。'
          : '领导小组办公室审核后未采用该典型案例。') +
        (comment ? `审核意见：${comment.slice(0, 2000)}` : ''),
      link: `/action-plan/cases/${id}`,
      category: 'action-plan.case',
      dedupeKey: `action-plan:case:${id}:reviewed`,
    });
    await appendAudit(trx, origin, {
      action: status === 'published' ? 'action_plan.case_published' : 'action_plan.case_rejected',
      subjectType: 'typical_case',
      subjectId: id,
      detail: { departmentId: current.department_id, comment },
    });
  });
  return getCaseDto(ctx.db, actor, id);
}
