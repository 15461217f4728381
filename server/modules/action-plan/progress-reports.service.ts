/**
 * Progress reports (进展报告): a department reports on a measure, with evidence files, completing its milestones and
 * answering the notices the report settles — one transaction with its audit entries.
 */
import { appendAudit, type AuditOrigin } from '../../kernel/audit.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError, type FieldViolation } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { FILE_KINDS, type FileKind } from '../../kernel/storage.ts';
import { attachFile, type FileDto } from '../files/index.ts';
import { mayReadEvidence, reportingDepartmentOf } from './action-plan.policy.ts';
import { departmentRef, evidenceDto, loadDepartments } from './measure-views.service.ts';
import { findMeasureRowByNo, listUnitRows } from './measures.repository.ts';
import type { ReportDto, ReportInput } from './measures.schemas.ts';
import { measureNotFound, noPlan } from './measures.service.ts';
import { completeMilestones, lockMilestones } from './milestones.repository.ts';
import {
  listOpenReportNoticePeriods,
  resolveMilestoneNotices,
  resolveReportNotices,
} from './notices.repository.ts';
import { findCurrentPlan } from './plan.repository.ts';
import { insertReport, isReportId } from './reports.repository.ts';
import { comparePeriods, periodOf, previousPeriod } from './status.ts';

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
    throw new AppError('PLAN_REPORT_PERIOD_CLOSED', `Only ${open[0]} or ${current} may be reported now.`, {
      params: { period: input.period, previous: open[0] ?? '', current },
      errors: [
        {
          field: '/body/period',
          rule: 'open_period',
          message: `must be one of ${open.join(', ')}`,
          params: { allowed: open },
        },
      ],
      extra: { openPeriods: open },
    });
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
        'Only your department’s open milestones of this measure can be completed.',
        { params: { count: notCompletable.length }, errors: notCompletable },
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
          params: { allowed: EVIDENCE_KINDS },
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
        params: { limit: EVIDENCE_MAX_TOTAL_BYTES },
      });
    }
    if (rejected.length > 0) {
      throw new AppError(
        'PLAN_EVIDENCE_REJECTED',
        'Evidence must be your own, unattached document or image uploads.',
        { params: { count: rejected.length }, errors: rejected },
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
