/**
 * 信用承诺 and 告知承诺: recorded by the enterprise itself or by an officer for an application, verified later by
 * the department. 告知承诺 is refused when the sanctions check blocks it (black lists, serious penalties still
 * published, an unrepaired false commitment — 国办发〔2020〕42号). A broken commitment becomes a credit record in
 * the configured category (default `commitment_breach`), published for the configured period.
 */
import { createHash } from 'node:crypto';
import { appendAudit, type AuditOrigin } from '../../kernel/audit.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import { can, type Actor } from '../../kernel/policy.ts';
import { listDepartments } from '../identity/index.ts';
import {
  categoryExists,
  findCommitment,
  insertBreachRecord,
  insertCommitment,
  listCommitmentRows,
  verifyCommitmentRow,
  type CommitmentRow,
} from './commitments.repository.ts';
import type {
  CommitmentDto,
  CommitmentListDto,
  CommitmentListQueryInput,
  RecordCommitmentInput,
  VerifyCommitmentInput,
} from './commitments.schemas.ts';
import { addMonths } from './publication.ts';
import { lockDecisionSpace } from './records.repository.ts';
import { checkSanctions, getBreachSettings, resolveEntity } from './sanctions.service.ts';

function toDto(r: CommitmentRow): CommitmentDto {
  return {
    id: r.id,
    kind: r.kind,
    enterpriseId: r.enterprise_id,
    uscc: r.uscc,
    entityName: r.entity_name,
    departmentId: r.department_id,
    subject: r.subject,
    content: r.content,
    applicationRef: r.application_ref,
    committedOn: r.committed_on,
    verifyBy: r.verify_by,
    status: r.status,
    verifiedOn: r.verified_on,
    verificationNote: r.verification_note,
    recordId: r.record_id,
  };
}

/** The enterprise sees its own; a department the ones it verifies. */
function commitmentForbidden(): AppError {
  return new AppError(
    'FORBIDDEN',
    'Permission credit.own (enterprise) or credit.review (department) required.',
    {
      params: { reason: 'commitment-scope', permissions: ['credit.own', 'credit.review'] },
    },
  );
}

function commitmentNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No such commitment: ${id}`, { params: { reason: 'commitment', id } });
}

function canSee(actor: Actor, r: { enterprise_id: string; department_id: string }): boolean {
  if (can(actor, 'credit.review') && actor.departmentId === r.department_id) return true;
  return can(actor, 'credit.own') && actor.enterpriseId === r.enterprise_id;
}

export async function recordCommitment(
  ctx: AppContext,
  actor: Actor,
  input: RecordCommitmentInput,
  origin: AuditOrigin,
): Promise<CommitmentDto> {
  let enterpriseId: string;
  let departmentId: string;
  if (can(actor, 'credit.review') && actor.departmentId) {
    if (!input.uscc) {
      throw new AppError(
        'VALIDATION_FAILED',
        "A department's commitment entry needs the committing party's USCC.",
        {
          params: { reason: 'commitment-uscc' },
          errors: [{ field: '/body/uscc', rule: 'required', message: 'uscc is required' }],
        },
      );
    }
    const entity = await resolveEntity(ctx.db, { uscc: input.uscc });
    if (!entity.enterpriseId)
      throw new AppError('NOT_FOUND', `No enterprise with USCC ${entity.uscc} is registered.`, {
        params: { reason: 'enterprise-uscc', uscc: entity.uscc },
      });
    enterpriseId = entity.enterpriseId;
    departmentId = actor.departmentId;
  } else if (can(actor, 'credit.own') && actor.enterpriseId) {
    enterpriseId = actor.enterpriseId;
    const known = new Set((await listDepartments(ctx.db)).map((d) => d.id));
    if (!input.departmentId || !known.has(input.departmentId)) {
      throw new AppError('VALIDATION_FAILED', 'Choose the department that verifies the commitment.', {
        params: { reason: 'commitment-department' },
        errors: [{ field: '/body/departmentId', rule: 'exists', message: 'a known department is required' }],
      });
    }
    departmentId = input.departmentId;
  } else {
    throw commitmentForbidden();
  }
  const entity = await resolveEntity(ctx.db, { enterpriseId });
  const today = chinaDate(ctx.clock.now());
  if (input.verifyBy < today) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The verification date ${input.verifyBy} is before today (${today}).`,
      {
        params: { reason: 'verify-by-past', verifyBy: input.verifyBy, today },
        errors: [
          {
            field: '/body/verifyBy',
            rule: 'minimum',
            message: 'verifyBy must not be in the past',
            params: { limit: today },
          },
        ],
      },
    );
  }
  if (input.kind === 'notification') {
    const check = await checkSanctions(ctx, { enterpriseId }, 'commitment');
    if (check.decision === 'block') {
      const blocking = check.reasons.filter((r) => r.decision === 'block');
      const codes = blocking.map((r) => r.code);
      throw new AppError(
        'CREDIT_COMMITMENT_EXCLUDED',
        `The applicant is excluded from notification-and-commitment (${blocking.length} reason${blocking.length === 1 ? '' : 's'}: ${codes.join(', ')}).`,
        {
          // The measures' messages are configured data (Chinese); the web shows them inside its own sentence.
          params: { count: blocking.length, codes, messages: blocking.map((r) => r.message).join('；') },
          extra: { reasons: check.reasons },
        },
      );
    }
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const commitmentId = await insertCommitment(trx, {
      kind: input.kind,
      enterprise_id: enterpriseId,
      uscc: entity.uscc,
      entity_name: entity.name ?? entity.uscc,
      department_id: departmentId,
      subject: input.subject.trim(),
      content: input.content,
      application_ref: input.applicationRef ?? null,
      committed_on: today,
      verify_by: input.verifyBy,
      created_by: actor.userId,
    });
    await appendAudit(trx, origin, {
      action: 'credit.commitment_recorded',
      subjectType: 'credit_commitment',
      subjectId: commitmentId,
      detail: { kind: input.kind, uscc: entity.uscc, departmentId, verifyBy: input.verifyBy },
    });
    return commitmentId;
  });
  return getCommitment(ctx, actor, id);
}

/**
 * A 告知承诺 made inside another module's use case (an application in the services module), written in that use
 * case's transaction: the caller has already run `checkSanctions(…, 'commitment')`. The verifying department
 * later records fulfilment through the ordinary verification route; a broken commitment becomes a credit record
 * (measure 46).
 */
export async function recordApplicationCommitment(
  trx: Db,
  origin: AuditOrigin,
  input: {
    enterpriseId: string;
    uscc: string;
    entityName: string;
    departmentId: string;
    subject: string;
    content: string;
    applicationRef: string;
    committedOn: string;
    verifyBy: string;
    createdBy: string;
  },
): Promise<string> {
  const commitmentId = await insertCommitment(trx, {
    kind: 'notification',
    enterprise_id: input.enterpriseId,
    uscc: input.uscc,
    entity_name: input.entityName,
    department_id: input.departmentId,
    subject: input.subject,
    content: input.content,
    application_ref: input.applicationRef,
    committed_on: input.committedOn,
    verify_by: input.verifyBy,
    created_by: input.createdBy,
  });
  await appendAudit(trx, origin, {
    action: 'credit.commitment_recorded',
    subjectType: 'credit_commitment',
    subjectId: commitmentId,
    detail: {
      kind: 'notification',
      uscc: input.uscc,
      departmentId: input.departmentId,
      verifyBy: input.verifyBy,
      applicationRef: input.applicationRef,
    },
  });
  return commitmentId;
}

export async function getCommitment(ctx: AppContext, actor: Actor, id: string): Promise<CommitmentDto> {
  const row = await findCommitment(ctx.db, id);
  if (!row || !canSee(actor, row)) throw commitmentNotFound(id);
  return toDto(row);
}

export async function listCommitments(
  ctx: AppContext,
  actor: Actor,
  q: CommitmentListQueryInput,
): Promise<CommitmentListDto> {
  let scope: { enterpriseId?: string; departmentId?: string };
  if (can(actor, 'credit.review') && actor.departmentId) scope = { departmentId: actor.departmentId };
  else if (can(actor, 'credit.own') && actor.enterpriseId) scope = { enterpriseId: actor.enterpriseId };
  else throw commitmentForbidden();
  const page = await listCommitmentRows(ctx.db, { ...scope, status: q.status }, q);
  return { items: page.items.map(toDto), total: page.total };
}

export async function verifyCommitment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: VerifyCommitmentInput,
  origin: AuditOrigin,
): Promise<CommitmentDto> {
  const note = input.note?.trim() ? input.note.trim() : null;
  if (input.outcome === 'broken' && !note) {
    throw new AppError('VALIDATION_FAILED', 'A broken commitment needs a reason.', {
      params: { reason: 'broken-commitment-note' },
      errors: [
        { field: '/body/note', rule: 'required', message: 'a reason is required for a broken commitment' },
      ],
    });
  }
  const breach = await getBreachSettings(ctx.db);
  const today = chinaDate(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findCommitment(trx, id);
    if (!row || !actor.departmentId || row.department_id !== actor.departmentId) {
      throw commitmentNotFound(id);
    }
    if (row.status !== 'pending') {
      throw new AppError(
        'CREDIT_COMMITMENT_ALREADY_VERIFIED',
        `The commitment was already verified (${row.status}).`,
        {
          params: { status: row.status },
          extra: { status: row.status },
        },
      );
    }
    let recordId: string | null = null;
    if (input.outcome === 'broken') {
      if (!(await categoryExists(trx, breach.categoryCode))) {
        throw new AppError(
          'CREDIT_CATEGORY_NOT_CONFIGURED',
          `The credit catalogue has no category ${breach.categoryCode}; a broken commitment cannot be recorded.`,
          { params: { categoryCode: breach.categoryCode } },
        );
      }
      const data = {
        commitmentId: row.id,
        kind: row.kind,
        subject: row.subject,
        applicationRef: row.application_ref,
        committedOn: row.committed_on,
        reason: note,
      };
      await lockDecisionSpace(trx, { departmentId: row.department_id, categoryCode: breach.categoryCode });
      recordId = await insertBreachRecord(trx, {
        category_code: breach.categoryCode,
        uscc: row.uscc,
        entity_name: row.entity_name,
        enterprise_id: row.enterprise_id,
        department_id: row.department_id,
        decision_no: `承诺核查-${row.id}`,
        decision_date: today,
        data,
        publish_from: today,
        publish_min_until: addMonths(today, breach.publishMinMonths),
        publish_until: addMonths(today, breach.publishMaxMonths),
        content_hash: createHash('sha256').update(JSON.stringify(data)).digest('hex'),
        created_by: actor.userId,
      });
    }
    await verifyCommitmentRow(trx, id, {
      status: input.outcome,
      on: today,
      by: actor.userId,
      note,
      recordId,
    });
    await appendAudit(trx, origin, {
      action: input.outcome === 'fulfilled' ? 'credit.commitment_fulfilled' : 'credit.commitment_broken',
      subjectType: 'credit_commitment',
      subjectId: id,
      detail: { uscc: row.uscc, recordId, note },
    });
  });
  return getCommitment(ctx, actor, id);
}
