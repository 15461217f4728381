/**
 * 免申即享: a department builds a grant list from an `auto` clause's active matches; every enterprise is checked
 * with the credit module (D class or a blocking sanction for 'grant', e.g. serious 失信 — excluded with the reason);
 * the department approves the list; each enterprise confirms with one click; the department records the
 * disbursement. Every step is audited; an enterprise sees only its own grants.
 */
import { appendAudit, type AuditOrigin } from '../../kernel/audit.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { creditStatusOfMany, type CreditStatus } from '../credit/index.ts';
import { findEnterpriseSummaries } from '../enterprise/index.ts';
import { listActiveUserIdsOfEnterprises, listDepartments } from '../identity/index.ts';
import { notifyUser } from '../notifications/index.ts';
import { findClauseRow, findPolicyRow, type ClauseRow, type PolicyRow } from './catalogue.repository.ts';
import type { FactValues } from './engine/index.ts';
import { evaluateClause, withDerivedFacts } from './evaluation.ts';
import { findFactRows, rowToFacts } from './facts.repository.ts';
import { managesDepartment } from './policy.policy.ts';
import type { GrantEntryDto, GrantListDetailDto, GrantListDto } from './policy.schemas.ts';
import {
  approveGrantListRow,
  completeGrantListRows,
  confirmGrantRow,
  disburseGrantRow,
  findGrant,
  findGrantList,
  insertGrantList,
  listApprovedGrantsOfEnterprise,
  listGrantCandidates,
  listGrantListSummaries,
  listGrantsOfList,
  type GrantEntryWrite,
  type GrantRow,
} from './grants.repository.ts';
import { queueBuildGrantList } from './queue.ts';

function grantStatus(g: GrantRow): GrantEntryDto['status'] {
  if (!g.included) return 'excluded';
  if (g.disbursed_at) return 'disbursed';
  if (g.confirmed_at) return 'confirmed';
  return g.list_status === 'approved' ? 'awaiting_confirmation' : 'pending';
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

async function entryDtos(db: Db, rows: GrantRow[]): Promise<GrantEntryDto[]> {
  const names = new Map<string, { name: string; uscc: string }>();
  const ids = [...new Set(rows.map((r) => r.enterprise_id))];
  for (let i = 0; i < ids.length; i += 1000) {
    for (const e of await findEnterpriseSummaries(db, ids.slice(i, i + 1000))) {
      names.set(e.id, { name: e.name, uscc: e.uscc });
    }
  }
  return rows.map((g) => ({
    id: g.id,
    listId: g.list_id,
    policyId: g.policy_id,
    policyTitle: g.policy_title,
    clauseId: g.clause_id,
    clauseTitle: g.clause_title,
    citation: g.citation,
    enterprise: { id: g.enterprise_id, ...(names.get(g.enterprise_id) ?? { name: '', uscc: '' }) },
    included: g.included,
    exclusionReason: g.exclusion_reason,
    amount: g.amount,
    formula: g.formula,
    status: grantStatus(g),
    confirmedAt: iso(g.confirmed_at),
    disbursedAt: iso(g.disbursed_at),
    disbursedAmount: g.disbursed_amount,
    reference: g.reference,
  }));
}

async function listDtos(db: Db, where: { departmentId: string; listId?: string }): Promise<GrantListDto[]> {
  const rows = await listGrantListSummaries(db, where);
  const departments = new Map((await listDepartments(db)).map((d) => [d.id, d]));
  return rows.map((r) => {
    const d = departments.get(r.department_id);
    return {
      id: r.id,
      clauseId: r.clause_id,
      policyId: r.policy_id,
      policyTitle: r.policy_title,
      clauseTitle: r.clause_title,
      department: { id: r.department_id, code: d?.code ?? '', name: d?.name ?? '' },
      status: r.status,
      createdAt: new Date(r.created_at).toISOString(),
      approvedAt: iso(r.approved_at),
      counts: { included: r.included, excluded: r.excluded, confirmed: r.confirmed, disbursed: r.disbursed },
      totalAmount: Math.round(r.total * 100) / 100,
    };
  });
}

function departmentOf(actor: Actor): string {
  if (!actor.departmentId)
    throw new AppError('FORBIDDEN', 'Only department accounts can manage grant lists.', {
      params: { reason: 'not-department' },
    });
  return actor.departmentId;
}

async function ownClause(
  ctx: AppContext,
  actor: Actor,
  clauseId: string,
): Promise<{ clause: ClauseRow; policy: PolicyRow }> {
  const clause = await findClauseRow(ctx.db, clauseId);
  const policy = clause ? await findPolicyRow(ctx.db, clause.policy_id) : undefined;
  if (!clause || !policy || !managesDepartment(actor, policy.department_id)) {
    throw new AppError('NOT_FOUND', `No clause ${clauseId}.`, { params: { reason: 'clause', id: clauseId } });
  }
  return { clause, policy };
}

/**
 * Why an enterprise is left out of a grant, or null: a blocking sanction for 'grant' (black lists such as the
 * 严重失信主体名单, and class measures), or credit class D. One set-based credit look-up per chunk of candidates
 * (`creditStatusOfMany`, the same rules as `checkSanctions` / `getCreditClass`).
 */
function creditExclusion(status: CreditStatus | undefined): string | null {
  if (!status) return '未找到该市场主体的信用信息';
  const reasons = status.reasons.filter((r) => r.decision === 'block').map((r) => r.message);
  if (status.class === 'D' && !reasons.some((r) => r.includes('D'))) reasons.push('信用风险分类为 D 类');
  return reasons.length > 0 ? [...new Set(reasons)].join('；') : null;
}

async function factsOfMany(db: Db, ids: readonly string[], today: string): Promise<Map<string, FactValues>> {
  const out = new Map<string, FactValues>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await findFactRows(db, ids.slice(i, i + 1000));
    for (const r of rows.values()) out.set(r.enterprise_id, rowToFacts(r, today));
  }
  return out;
}

/** Lists with more candidates than this are built by a job, so the officer's request returns at once. */
export const GRANT_LIST_SYNC_LIMIT = 200;

type EntryWrite = GrantEntryWrite;

async function computeEntries(
  ctx: AppContext,
  clause: ClauseRow,
  candidates: readonly string[],
): Promise<EntryWrite[]> {
  const today = chinaDate(ctx.clock.now());
  const facts = await factsOfMany(ctx.db, candidates, today);
  const entries: EntryWrite[] = [];
  for (let i = 0; i < candidates.length; i += 500) {
    const chunk = candidates.slice(i, i + 500);
    const credit = await creditStatusOfMany(ctx, chunk, 'grant');
    for (const enterpriseId of chunk) {
      const values = withDerivedFacts('enterprise', facts.get(enterpriseId) ?? {}, today);
      const exclusion = creditExclusion(credit.get(enterpriseId));
      const r = evaluateClause(clause, values);
      entries.push({
        enterprise_id: enterpriseId,
        included: exclusion === null,
        exclusion_reason: exclusion,
        amount: r.benefit?.amount ?? null,
        formula: r.benefit?.formula ?? null,
      });
    }
  }
  return entries.sort((a, b) => a.enterprise_id.localeCompare(b.enterprise_id));
}

/** Writes the entries and marks the list ready for review, with its audit entry (one transaction). */
async function completeList(
  trx: Db,
  origin: AuditOrigin,
  listId: string,
  clauseId: string,
  entries: readonly EntryWrite[],
): Promise<void> {
  await completeGrantListRows(trx, listId, clauseId, entries);
  await appendAudit(trx, origin, {
    action: 'policy.grant_list_built',
    subjectType: 'policy_grant_list',
    subjectId: listId,
    detail: {
      clauseId,
      included: entries.filter((e) => e.included).length,
      excluded: entries
        .filter((e) => !e.included)
        .map((e) => ({ enterpriseId: e.enterprise_id, reason: e.exclusion_reason })),
    },
  });
}

/**
 * Builds a grant list from the clause's active matches not yet in one of its lists. Small lists are built at once
 * (`building: false`); larger ones are created as `building` and completed by the `policy.build-grant-list` job.
 */
export async function buildGrantList(
  ctx: AppContext,
  actor: Actor,
  clauseId: string,
  origin: AuditOrigin,
  options: { syncLimit?: number } = {},
): Promise<{ list: GrantListDetailDto; building: boolean }> {
  const departmentId = departmentOf(actor);
  const { clause, policy } = await ownClause(ctx, actor, clauseId);
  if (clause.mode !== 'auto')
    throw new AppError(
      'POLICY_CLAUSE_NOT_AUTO',
      'Only a clause granted without application (auto) can produce a grant list.',
      { params: { mode: clause.mode } },
    );
  if (policy.status !== 'published')
    throw new AppError('POLICY_NOT_PUBLISHED', 'The policy is not published; no grant list can be built.', {
      params: { reason: 'grant-list', status: policy.status },
    });
  const candidates = await listGrantCandidates(ctx.db, clauseId);
  if (candidates.length === 0) {
    throw new AppError(
      'POLICY_GRANT_LIST_EMPTY',
      'The clause has no matching enterprise that is not already in one of its grant lists.',
    );
  }
  const building = candidates.length > (options.syncLimit ?? GRANT_LIST_SYNC_LIMIT);
  const entries = building ? [] : await computeEntries(ctx, clause, candidates);
  if (building) await ctx.jobs.ready();
  const listId = await ctx.db.transaction().execute(async (trx) => {
    const list = {
      id: await insertGrantList(trx, { clauseId, departmentId, createdBy: actor.userId }),
    };
    if (building) {
      await appendAudit(trx, origin, {
        action: 'policy.grant_list_requested',
        subjectType: 'policy_grant_list',
        subjectId: list.id,
        detail: { clauseId, candidates: candidates.length },
      });
      // Sent with the list: a list is never left building without its job.
      await queueBuildGrantList(ctx, trx, list.id);
    } else {
      await completeList(trx, origin, list.id, clauseId, entries);
    }
    return list.id;
  });

  return { list: await getGrantList(ctx, actor, listId), building };
}

/** The job's half of a large build: credit checks and amounts, then the entries (idempotent on retry). */
export async function completeGrantList(
  ctx: AppContext,
  listId: string,
  origin: AuditOrigin,
): Promise<{ entries: number } | undefined> {
  const list = await findGrantList(ctx.db, listId);
  if (!list || list.status !== 'building') return undefined;
  const clause = await findClauseRow(ctx.db, list.clause_id);
  if (!clause) return undefined;
  const entries = await computeEntries(ctx, clause, await listGrantCandidates(ctx.db, list.clause_id));
  await ctx.db.transaction().execute((trx) => completeList(trx, origin, listId, list.clause_id, entries));
  return { entries: entries.length };
}

export async function listGrantLists(ctx: AppContext, actor: Actor): Promise<GrantListDto[]> {
  return listDtos(ctx.db, { departmentId: departmentOf(actor) });
}

export async function getGrantList(ctx: AppContext, actor: Actor, id: string): Promise<GrantListDetailDto> {
  const [list] = await listDtos(ctx.db, { departmentId: departmentOf(actor), listId: id });
  if (!list)
    throw new AppError('NOT_FOUND', `No grant list ${id}.`, { params: { reason: 'grant-list', id } });
  const rows = await listGrantsOfList(ctx.db, id);
  return { ...list, entries: await entryDtos(ctx.db, rows) };
}

export async function approveGrantList(
  ctx: AppContext,
  actor: Actor,
  id: string,
  origin: AuditOrigin,
): Promise<GrantListDetailDto> {
  const list = await getGrantList(ctx, actor, id);
  if (list.status === 'approved')
    throw new AppError('POLICY_GRANT_LIST_APPROVED', 'The grant list has already been approved.');
  if (list.status === 'building') {
    throw new AppError(
      'POLICY_GRANT_LIST_BUILDING',
      'The grant list is still being built (credit checks); approve it once it is ready.',
    );
  }
  const included = list.entries.filter((e) => e.included);
  const users = await listActiveUserIdsOfEnterprises(
    ctx.db,
    included.map((e) => e.enterprise.id),
  );
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await approveGrantListRow(trx, id, actor.userId, ctx.clock.now());
    if (!updated)
      throw new AppError('POLICY_GRANT_LIST_APPROVED', 'The grant list has already been approved.');
    for (const e of included) {
      for (const userId of users.get(e.enterprise.id) ?? []) {
        await notifyUser(trx, {
          userId,
          title: `免申即享：${e.policyTitle}`.slice(0, 200),
          body: `贵企业已列入《${e.policyTitle}》“${e.clauseTitle}”免申即享名单${e.amount !== null ? `，预计 ${e.amount} 万元` : ''}。请在平台一键确认，无需提交申请材料。`,
          link: '/policies/mine',
          category: 'policy.grant',
          dedupeKey: `policy:grant:${e.id}:approved:${userId}`,
        });
      }
    }
    await appendAudit(trx, origin, {
      action: 'policy.grant_list_approved',
      subjectType: 'policy_grant_list',
      subjectId: id,
      detail: { included: included.length, excluded: list.entries.length - included.length },
    });
  });
  return getGrantList(ctx, actor, id);
}

export async function myGrants(ctx: AppContext, actor: Actor): Promise<GrantEntryDto[]> {
  if (!actor.enterpriseId)
    throw new AppError('POLICY_NO_ENTERPRISE', 'The account is not bound to an enterprise.');
  const rows = await listApprovedGrantsOfEnterprise(ctx.db, actor.enterpriseId);
  return entryDtos(ctx.db, rows);
}

export async function confirmGrant(
  ctx: AppContext,
  actor: Actor,
  id: string,
  origin: AuditOrigin,
): Promise<GrantEntryDto> {
  const g = await findGrant(ctx.db, id);
  // Another enterprise's grant is not its business.
  if (!g || !actor.enterpriseId || g.enterprise_id !== actor.enterpriseId) {
    throw new AppError('NOT_FOUND', `No grant ${id}.`, { params: { reason: 'grant', id } });
  }
  if (!g.included || g.list_status !== 'approved') {
    throw g.included
      ? new AppError('POLICY_GRANT_NOT_CONFIRMABLE', 'The grant list is not approved yet.', {
          params: { reason: 'list-not-approved' },
        })
      : new AppError(
          'POLICY_GRANT_NOT_CONFIRMABLE',
          `The enterprise was excluded from the grant list: ${g.exclusion_reason ?? ''}`,
          { params: { reason: 'excluded', exclusion: g.exclusion_reason ?? '' } },
        );
  }
  if (!g.confirmed_at) {
    await ctx.db.transaction().execute(async (trx) => {
      const done = await confirmGrantRow(trx, id, actor.userId, ctx.clock.now());
      if (!done) return;
      await appendAudit(trx, origin, {
        action: 'policy.grant_confirmed',
        subjectType: 'policy_grant',
        subjectId: id,
        detail: { enterpriseId: g.enterprise_id, clauseId: g.clause_id, amount: g.amount },
      });
    });
  }
  const [dto] = await entryDtos(ctx.db, [(await findGrant(ctx.db, id))!]);
  return dto!;
}

export async function disburseGrant(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { amount: number; reference: string },
  origin: AuditOrigin,
): Promise<GrantEntryDto> {
  const g = await findGrant(ctx.db, id);
  if (!g || !managesDepartment(actor, g.department_id))
    throw new AppError('NOT_FOUND', `No grant ${id}.`, { params: { reason: 'grant', id } });
  if (g.disbursed_at)
    throw new AppError('POLICY_GRANT_DISBURSED', 'The disbursement of this grant has already been recorded.');
  if (!g.included || !g.confirmed_at) {
    throw new AppError(
      'POLICY_GRANT_NOT_CONFIRMED',
      'The enterprise has not confirmed the grant yet; the disbursement cannot be recorded.',
    );
  }
  const users = await listActiveUserIdsOfEnterprises(ctx.db, [g.enterprise_id]);
  await ctx.db.transaction().execute(async (trx) => {
    const done = await disburseGrantRow(trx, id, {
      userId: actor.userId,
      now: ctx.clock.now(),
      amount: input.amount,
      reference: input.reference.trim(),
    });
    if (!done)
      throw new AppError(
        'POLICY_GRANT_DISBURSED',
        'The disbursement of this grant has already been recorded.',
      );
    for (const userId of users.get(g.enterprise_id) ?? []) {
      await notifyUser(trx, {
        userId,
        title: `免申即享已兑付：${g.policy_title}`.slice(0, 200),
        body: `《${g.policy_title}》“${g.clause_title}”已兑付 ${input.amount} 万元（凭证号 ${input.reference.trim()}）。`,
        link: '/policies/mine',
        category: 'policy.grant',
        dedupeKey: `policy:grant:${id}:disbursed:${userId}`,
      });
    }
    await appendAudit(trx, origin, {
      action: 'policy.grant_disbursed',
      subjectType: 'policy_grant',
      subjectId: id,
      detail: { enterpriseId: g.enterprise_id, amount: input.amount, reference: input.reference.trim() },
    });
  });
  const [dto] = await entryDtos(ctx.db, [(await findGrant(ctx.db, id))!]);
  return dto!;
}
