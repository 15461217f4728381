/**
 * 免申即享: a department builds a grant list from an `auto` clause's active matches; every enterprise is checked
 * with the credit module (D class or a blocking sanction for 'grant', e.g. serious 失信 — excluded with the reason);
 * the department approves the list; each enterprise confirms with one click; the department records the
 * disbursement. Every step is audited; an enterprise sees only its own grants.
 */
import { sql } from 'kysely';
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
import { rowToFacts } from './facts.repository.ts';
import { factsDb } from './facts.tables.ts';
import { managesDepartment } from './policy.policy.ts';
import type { GrantEntryDto, GrantListDetailDto, GrantListDto } from './policy.schemas.ts';
import { policyDb, type GrantListStatus } from './policy.tables.ts';
import { queueBuildGrantList } from './queue.ts';

interface GrantRow {
  id: string;
  list_id: string;
  clause_id: string;
  enterprise_id: string;
  included: boolean;
  exclusion_reason: string | null;
  amount: number | null;
  formula: string | null;
  confirmed_at: Date | null;
  disbursed_at: Date | null;
  disbursed_amount: number | null;
  reference: string | null;
  list_status: GrantListStatus;
  department_id: string;
  policy_id: string;
  policy_title: string;
  clause_title: string;
  citation: string;
}

function selectGrants(db: Db) {
  return policyDb(db)
    .selectFrom('policy_grant as g')
    .innerJoin('policy_grant_list as l', 'l.id', 'g.list_id')
    .innerJoin('policy_clause as c', 'c.id', 'g.clause_id')
    .innerJoin('policy as p', 'p.id', 'c.policy_id')
    .select([
      'g.id',
      'g.list_id',
      'g.clause_id',
      'g.enterprise_id',
      'g.included',
      'g.exclusion_reason',
      'g.amount',
      'g.formula',
      'g.confirmed_at',
      'g.disbursed_at',
      'g.disbursed_amount',
      'g.reference',
      'l.status as list_status',
      'l.department_id',
      'p.id as policy_id',
      'p.title as policy_title',
      'c.title as clause_title',
      'c.citation',
    ]);
}

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
  let q = policyDb(db)
    .selectFrom('policy_grant_list as l')
    .innerJoin('policy_clause as c', 'c.id', 'l.clause_id')
    .innerJoin('policy as p', 'p.id', 'c.policy_id')
    .leftJoin('policy_grant as g', 'g.list_id', 'l.id')
    .select([
      'l.id',
      'l.clause_id',
      'l.department_id',
      'l.status',
      'l.created_at',
      'l.approved_at',
      'p.id as policy_id',
      'p.title as policy_title',
      'c.title as clause_title',
      sql<number>`count(g.id) filter (where g.included)::int`.as('included'),
      sql<number>`count(g.id) filter (where not g.included)::int`.as('excluded'),
      sql<number>`count(g.confirmed_at)::int`.as('confirmed'),
      sql<number>`count(g.disbursed_at)::int`.as('disbursed'),
      sql<number>`coalesce(sum(g.amount) filter (where g.included), 0)::float8`.as('total'),
    ])
    .where('l.department_id', '=', where.departmentId)
    .groupBy(['l.id', 'p.id', 'c.id']);
  if (where.listId) q = q.where('l.id', '=', where.listId);
  const rows = await q.orderBy('l.created_at', 'desc').execute();
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
  if (!actor.departmentId) throw new AppError('FORBIDDEN', '只有部门账号可以管理免申即享名单。');
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
    throw new AppError('NOT_FOUND', `没有这个条款：${clauseId}`);
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
    const rows = await factsDb(db)
      .selectFrom('policy_enterprise_fact')
      .selectAll()
      .where('enterprise_id', 'in', ids.slice(i, i + 1000))
      .execute();
    for (const r of rows) out.set(r.enterprise_id, rowToFacts(r, today));
  }
  return out;
}

/** Lists with more candidates than this are built by a job, so the officer's request returns at once. */
export const GRANT_LIST_SYNC_LIMIT = 200;

async function grantCandidates(db: Db, clauseId: string): Promise<string[]> {
  const rows = await policyDb(db)
    .selectFrom('policy_match as m')
    .select('m.enterprise_id')
    .where('m.clause_id', '=', clauseId)
    .where('m.active', '=', true)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('policy_grant as g')
            .select('g.id')
            .whereRef('g.enterprise_id', '=', 'm.enterprise_id')
            .where('g.clause_id', '=', clauseId),
        ),
      ),
    )
    .orderBy('m.enterprise_id')
    .execute();
  return rows.map((r) => r.enterprise_id);
}

interface EntryWrite {
  enterprise_id: string;
  included: boolean;
  exclusion_reason: string | null;
  amount: number | null;
  formula: string | null;
}

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
  for (let i = 0; i < entries.length; i += 500) {
    await policyDb(trx)
      .insertInto('policy_grant')
      .values(entries.slice(i, i + 500).map((e) => ({ ...e, list_id: listId, clause_id: clauseId })))
      .onConflict((oc) => oc.columns(['clause_id', 'enterprise_id']).doNothing())
      .execute();
  }
  await policyDb(trx)
    .updateTable('policy_grant_list')
    .set({ status: 'pending' })
    .where('id', '=', listId)
    .where('status', '=', 'building')
    .execute();
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
    throw new AppError('POLICY_CLAUSE_NOT_AUTO', '只有“免申即享”条款可以生成兑现名单。');
  if (policy.status !== 'published')
    throw new AppError('POLICY_NOT_PUBLISHED', '政策尚未发布，不能生成兑现名单。');
  const candidates = await grantCandidates(ctx.db, clauseId);
  if (candidates.length === 0) {
    throw new AppError('POLICY_GRANT_LIST_EMPTY', '该条款没有尚未列入名单的匹配企业。');
  }
  const building = candidates.length > (options.syncLimit ?? GRANT_LIST_SYNC_LIMIT);
  const entries = building ? [] : await computeEntries(ctx, clause, candidates);
  if (building) await ctx.jobs.ready();
  const listId = await ctx.db.transaction().execute(async (trx) => {
    const list = await policyDb(trx)
      .insertInto('policy_grant_list')
      .values({
        clause_id: clauseId,
        department_id: departmentId,
        created_by: actor.userId,
        status: 'building',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
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
): Promise<{ entries: number } | undefined> {
  const list = await policyDb(ctx.db)
    .selectFrom('policy_grant_list')
    .select(['id', 'clause_id', 'status'])
    .where('id', '=', listId)
    .executeTakeFirst();
  if (!list || list.status !== 'building') return undefined;
  const clause = await findClauseRow(ctx.db, list.clause_id);
  if (!clause) return undefined;
  const entries = await computeEntries(ctx, clause, await grantCandidates(ctx.db, list.clause_id));
  await ctx.db
    .transaction()
    .execute((trx) =>
      completeList(trx, { system: 'policy.build-grant-list' }, listId, list.clause_id, entries),
    );
  return { entries: entries.length };
}

export async function listGrantLists(ctx: AppContext, actor: Actor): Promise<GrantListDto[]> {
  return listDtos(ctx.db, { departmentId: departmentOf(actor) });
}

export async function getGrantList(ctx: AppContext, actor: Actor, id: string): Promise<GrantListDetailDto> {
  const [list] = await listDtos(ctx.db, { departmentId: departmentOf(actor), listId: id });
  if (!list) throw new AppError('NOT_FOUND', `没有这份兑现名单：${id}`);
  const rows = await selectGrants(ctx.db)
    .where('g.list_id', '=', id)
    .orderBy('g.included', 'desc')
    .orderBy('g.created_at')
    .execute();
  return { ...list, entries: await entryDtos(ctx.db, rows) };
}

export async function approveGrantList(
  ctx: AppContext,
  actor: Actor,
  id: string,
  origin: AuditOrigin,
): Promise<GrantListDetailDto> {
  const list = await getGrantList(ctx, actor, id);
  if (list.status === 'approved') throw new AppError('POLICY_GRANT_LIST_APPROVED', '该名单已审核通过。');
  if (list.status === 'building') {
    throw new AppError('POLICY_GRANT_LIST_BUILDING', '名单仍在生成（信用核查中），请稍后再审核。');
  }
  const included = list.entries.filter((e) => e.included);
  const users = await listActiveUserIdsOfEnterprises(
    ctx.db,
    included.map((e) => e.enterprise.id),
  );
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await policyDb(trx)
      .updateTable('policy_grant_list')
      .set({ status: 'approved', approved_by: actor.userId, approved_at: ctx.clock.now() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new AppError('POLICY_GRANT_LIST_APPROVED', '该名单已审核通过。');
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

async function findGrant(db: Db, id: string): Promise<GrantRow | undefined> {
  return selectGrants(db).where('g.id', '=', id).executeTakeFirst();
}

export async function myGrants(ctx: AppContext, actor: Actor): Promise<GrantEntryDto[]> {
  if (!actor.enterpriseId) throw new AppError('POLICY_NO_ENTERPRISE', '该账号未绑定企业。');
  const rows = await selectGrants(ctx.db)
    .where('g.enterprise_id', '=', actor.enterpriseId)
    .where('g.included', '=', true)
    .where('l.status', '=', 'approved')
    .orderBy('g.created_at', 'desc')
    .execute();
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
    throw new AppError('NOT_FOUND', `没有这项免申即享：${id}`);
  }
  if (!g.included || g.list_status !== 'approved') {
    throw new AppError(
      'POLICY_GRANT_NOT_CONFIRMABLE',
      g.included ? '兑现名单尚未审核通过，暂不能确认。' : `该企业未列入兑现名单：${g.exclusion_reason ?? ''}`,
    );
  }
  if (!g.confirmed_at) {
    await ctx.db.transaction().execute(async (trx) => {
      const done = await policyDb(trx)
        .updateTable('policy_grant')
        .set({ confirmed_at: ctx.clock.now(), confirmed_by: actor.userId })
        .where('id', '=', id)
        .where('confirmed_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
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
    throw new AppError('NOT_FOUND', `没有这项免申即享：${id}`);
  if (g.disbursed_at) throw new AppError('POLICY_GRANT_DISBURSED', '该项已登记兑付。');
  if (!g.included || !g.confirmed_at) {
    throw new AppError('POLICY_GRANT_NOT_CONFIRMED', '企业尚未确认，不能登记兑付。');
  }
  const users = await listActiveUserIdsOfEnterprises(ctx.db, [g.enterprise_id]);
  await ctx.db.transaction().execute(async (trx) => {
    const done = await policyDb(trx)
      .updateTable('policy_grant')
      .set({
        disbursed_at: ctx.clock.now(),
        disbursed_by: actor.userId,
        disbursed_amount: input.amount,
        reference: input.reference.trim(),
      })
      .where('id', '=', id)
      .where('disbursed_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!done) throw new AppError('POLICY_GRANT_DISBURSED', '该项已登记兑付。');
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
