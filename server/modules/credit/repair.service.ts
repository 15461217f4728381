/**
 * 信用修复: an enterprise applies per record (its own only) once the minimum publication period is over; the
 * department that entered the record reviews within a configured number of working days; approval ends the
 * record's publication. Publication also ends by itself after the maximum period (daily job), which also reports
 * reviews past their deadline to the department.
 */
import { appendAudit, systemOrigin, type AuditOrigin } from '../../kernel/audit.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError, type FieldViolation } from '../../kernel/errors.ts';
import { can, type Actor, type SystemActor } from '../../kernel/policy.ts';
import { FILE_KINDS, type FileKind } from '../../kernel/storage.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { attachFile, type FileDto } from '../files/index.ts';
import { notifyDepartment, notifyUser } from '../notifications/index.ts';
import {
  claimOverdueRepairs,
  decideRepairRow,
  endRecordPublication,
  expirePublications,
  findPendingRepairOf,
  findRecordForRepair,
  findRepair,
  findRepairOwners,
  insertRepair,
  listRepairRows,
  setRepairMaterials,
  type RepairRow,
} from './repair.repository.ts';
import type { RepairMaterial } from './lists.tables.ts';
import { repairEligibility, type NotApplicableWhy } from './repair.rules.ts';
import type {
  ApplyRepairInput,
  RepairDto,
  RepairListDto,
  RepairListQueryInput,
  ReviewRepairInput,
} from './repair.schemas.ts';
import { getRepairSettings } from './sanctions.service.ts';

/** Owner module of repair materials in the files module. */
export const REPAIR_MATERIALS_OWNER = 'credit-repair';
/** Documents and pictures; CSV/text uploads (meant for imports) are no evidence. */
const MATERIAL_KINDS: readonly FileKind[] = ['pdf', 'ofd', 'docx', 'xlsx', 'png', 'jpeg', 'gif', 'webp'];
const MATERIAL_TYPES = new Set<string>(MATERIAL_KINDS.map((k) => FILE_KINDS[k].mime));

// The applicant (its enterprise's users) and the reviewing department may read an application's materials.
export async function materialsAccess(actor: Actor, repairId: string, db: Db): Promise<boolean> {
  const owners = await findRepairOwners(db, repairId);
  if (!owners) return false;
  if (actor.enterpriseId !== null && actor.enterpriseId === owners.enterprise_id) return true;
  return actor.departmentId === owners.department_id && can(actor, 'credit.review');
}

/** Claims the applicant's uploads for the application; a file that is not theirs, used elsewhere or not a
 * document is refused with the field that names it (the transaction then rolls the application back). */
async function claimMaterials(
  trx: Db,
  actor: Actor,
  repairId: string,
  ids: readonly string[],
): Promise<RepairMaterial[]> {
  const materials: RepairMaterial[] = [];
  const errors: FieldViolation[] = [];
  for (const [i, id] of ids.entries()) {
    let file: FileDto;
    try {
      file = await attachFile(trx, actor, id, { ownerModule: REPAIR_MATERIALS_OWNER, ownerId: repairId });
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'NOT_FOUND' && err.code !== 'CONFLICT')) throw err;
      errors.push({
        field: `/body/materialFileIds/${i}`,
        rule: 'own_unattached_upload',
        message: 'must be your own file uploaded through POST /api/files and not used for anything else',
      });
      continue;
    }
    if (!MATERIAL_TYPES.has(file.contentType)) {
      errors.push({
        field: `/body/materialFileIds/${i}`,
        rule: 'material_type',
        message: `must be one of: ${MATERIAL_KINDS.join(', ')}`,
        params: { allowedValues: MATERIAL_KINDS.join(', ') },
      });
      continue;
    }
    materials.push({
      id: file.id,
      name: file.name,
      contentType: file.contentType,
      sizeBytes: file.sizeBytes,
    });
  }
  if (errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Supporting documents were refused.', {
      params: { reason: 'repair-materials', count: errors.length },
      errors,
    });
  }
  return materials;
}

export function repairToDto(r: RepairRow, today: string): RepairDto {
  return {
    id: r.id,
    recordId: r.record_id,
    enterpriseId: r.enterprise_id,
    departmentId: r.department_id,
    uscc: r.uscc,
    entityName: r.entity_name,
    category: r.category_name,
    decisionNo: r.decision_no,
    statement: r.statement,
    appliedAt: new Date(r.applied_at).toISOString(),
    appliedOn: r.applied_on,
    reviewDueOn: r.review_due_on,
    overdue: r.status === 'pending' && today > r.review_due_on,
    status: r.status,
    reviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
    reviewComment: r.review_comment,
    materials: r.materials,
  };
}

async function repairDto(ctx: AppContext, id: string): Promise<RepairDto> {
  const row = await findRepair(ctx.db, id);
  if (!row) throw repairNotFound(id);
  return repairToDto(row, chinaDate(ctx.clock.now()));
}

export async function applyForRepair(
  ctx: AppContext,
  actor: Actor,
  recordId: string,
  input: ApplyRepairInput,
  origin: AuditOrigin,
): Promise<RepairDto> {
  const enterpriseId = actor.enterpriseId;
  const record = await findRecordForRepair(ctx.db, recordId);
  // Another enterprise's record, or one not bound to any: not found, never "forbidden".
  if (!record || !enterpriseId || record.enterprise_id !== enterpriseId) {
    throw new AppError('NOT_FOUND', `No such credit record: ${recordId}`, {
      params: { reason: 'credit-record', id: recordId },
    });
  }
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const eligibility = repairEligibility(record, today);
  if (eligibility.kind === 'not_applicable') {
    throw new AppError('CREDIT_REPAIR_NOT_APPLICABLE', NOT_APPLICABLE_DETAIL[eligibility.why], {
      params: { reason: eligibility.why },
    });
  }
  if (eligibility.kind === 'too_early') {
    throw new AppError(
      'CREDIT_REPAIR_TOO_EARLY',
      `The minimum publication period is not over; a repair may be applied for from ${eligibility.eligibleFrom}.`,
      {
        params: { eligibleFrom: eligibility.eligibleFrom },
        extra: { eligibleFrom: eligibility.eligibleFrom },
      },
    );
  }
  const { reviewWorkdays } = await getRepairSettings(ctx.db);
  const reviewDueOn = (await getWorkCalendar(ctx)).addWorkdays(today, reviewWorkdays);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const repairId = await insertRepair(trx, {
      record_id: record.id,
      enterprise_id: enterpriseId,
      department_id: record.department_id,
      applied_by: actor.userId,
      applied_at: now,
      applied_on: today,
      statement: input.statement.trim(),
      review_due_on: reviewDueOn,
    });
    if (!repairId)
      throw new AppError(
        'CREDIT_REPAIR_PENDING',
        `A repair application for record ${record.id} is already pending.`,
        {
          params: { recordId: record.id },
        },
      );
    const materials = await claimMaterials(trx, actor, repairId, input.materialFileIds ?? []);
    if (materials.length > 0) await setRepairMaterials(trx, repairId, materials);
    await notifyDepartment(trx, {
      departmentId: record.department_id,
      title: `信用修复申请待审核：${record.entity_name}`,
      body: `${record.category_name}（${record.decision_no}）的信用修复申请，请于 ${reviewDueOn} 前审核。`,
      link: `/credit/repairs/${repairId}`,
      category: 'credit.repair',
      dedupeKey: `credit:repair:${repairId}:submitted`,
    });
    await appendAudit(trx, origin, {
      action: 'credit.repair_applied',
      subjectType: 'credit_repair',
      subjectId: repairId,
      detail: { recordId: record.id, uscc: record.uscc, reviewDueOn, materials: materials.map((m) => m.id) },
    });
    return repairId;
  });
  return repairDto(ctx, id);
}

function repairNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No such repair application: ${id}`, {
    params: { reason: 'credit-repair', id },
  });
}

const NOT_APPLICABLE_DETAIL: Record<NotApplicableWhy, string> = {
  'not-published': 'The record is not published; there is nothing to repair.',
  'ended-repaired': 'The record was already repaired; its publication has ended.',
  'ended-expired': "The record's publication period is over; its publication has ended.",
  revoked: 'The record was revoked.',
  'no-minimum-period': 'The record has no minimum publication period; credit repair does not apply.',
};

function departmentOf(actor: Actor): string {
  if (!actor.departmentId)
    throw new AppError('FORBIDDEN', 'Only department accounts review credit repairs.', {
      params: { reason: 'department-repairs' },
    });
  return actor.departmentId;
}

export async function listRepairsForReview(
  ctx: AppContext,
  actor: Actor,
  q: RepairListQueryInput,
): Promise<RepairListDto> {
  const page = await listRepairRows(ctx.db, { departmentId: departmentOf(actor), status: q.status }, q);
  const today = chinaDate(ctx.clock.now());
  return { items: page.items.map((r) => repairToDto(r, today)), total: page.total };
}

export async function reviewRepair(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ReviewRepairInput,
  origin: AuditOrigin,
): Promise<RepairDto> {
  const departmentId = departmentOf(actor);
  const comment = input.comment?.trim() ? input.comment.trim() : null;
  if (input.decision === 'reject' && !comment) {
    throw new AppError('VALIDATION_FAILED', 'A rejected repair needs a reason.', {
      params: { reason: 'repair-reject-comment' },
      errors: [{ field: '/body/comment', rule: 'required', message: 'a reason is required to reject' }],
    });
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findRepair(trx, id);
    if (!row || row.department_id !== departmentId) throw repairNotFound(id);
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    if (!(await decideRepairRow(trx, id, { status, by: actor.userId, at: now, comment }))) {
      throw new AppError(
        'CREDIT_REPAIR_ALREADY_REVIEWED',
        `The repair application was already reviewed (${row.status}).`,
        {
          params: { status: row.status },
          extra: { status: row.status },
        },
      );
    }
    if (status === 'approved') {
      // The record may have expired meanwhile; the application is still approved, publication is over either way.
      await endRecordPublication(trx, row.record_id, 'ended_repaired', now);
    }
    await notifyUser(trx, {
      userId: row.applied_by,
      title:
        status === 'approved'
          ? `信用修复已通过：${row.category_name}（${row.decision_no}）`
          : `信用修复未通过：${row.category_name}（${row.decision_no}）`,
      body:
        status === 'approved'
          ? '该信用信息已停止公示。' + (comment ? `审核意见：${comment}` : '')
          : `不予修复的理由：${comment ?? ''}`,
      link: '/credit/my',
      category: 'credit.repair',
      dedupeKey: `credit:repair:${id}:reviewed`,
    });
    await appendAudit(trx, origin, {
      action: status === 'approved' ? 'credit.repair_approved' : 'credit.repair_rejected',
      subjectType: 'credit_repair',
      subjectId: id,
      detail: { recordId: row.record_id, uscc: row.uscc, comment },
    });
  });
  return repairDto(ctx, id);
}

export interface PublicationSweepResult {
  expired: number;
  overdueReviews: number;
  listExits: number;
}

/** Daily: end publication at the maximum period and report repair reviews past their deadline. Idempotent. */
export async function sweepPublication(
  ctx: AppContext,
  actor: SystemActor,
): Promise<Omit<PublicationSweepResult, 'listExits'>> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const origin = systemOrigin(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const expired = await expirePublications(trx, today, now);
    if (expired.length > 0) {
      await appendAudit(trx, origin, {
        action: 'credit.publication_expired',
        subjectType: 'credit_record',
        detail: { today, count: expired.length, ids: expired.slice(0, 500).map((r) => r.id) },
      });
    }
    const overdue = await claimOverdueRepairs(trx, today, now);
    const byDepartment = new Map<string, typeof overdue>();
    for (const r of overdue)
      byDepartment.set(r.department_id, [...(byDepartment.get(r.department_id) ?? []), r]);
    for (const [departmentId, rows] of byDepartment) {
      await notifyDepartment(trx, {
        departmentId,
        title: `信用修复申请审核逾期 ${rows.length} 件`,
        body: `以下修复申请已超过审核时限：${rows
          .map((r) => `${r.id}（时限 ${r.review_due_on}）`)
          .join('、')
          .slice(0, 3500)}`,
        link: '/credit/repairs?status=pending',
        category: 'credit.repair',
        dedupeKey: `credit:repair-overdue:${departmentId}:${today}`,
      });
    }
    if (overdue.length > 0) {
      await appendAudit(trx, origin, {
        action: 'credit.repair_reviews_overdue',
        subjectType: 'credit_repair',
        detail: { today, count: overdue.length, ids: overdue.map((r) => r.id).slice(0, 500) },
      });
    }
    return { expired: expired.length, overdueReviews: overdue.length };
  });
}

export async function hasPendingRepair(ctx: AppContext, recordId: string): Promise<boolean> {
  return (await findPendingRepairOf(ctx.db, recordId)) !== undefined;
}
