/**
 * The policy catalogue: public list and search, officers' drafts, clauses with validated rules and test cases,
 * publication (refused while a test fails) and withdrawal. Publishing or changing a published policy queues a
 * re-match of every enterprise.
 */
import { appendAudit, type AuditOrigin } from '../../kernel/audit.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError, type FieldViolation } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { listDepartments } from '../identity/index.ts';
import {
  describeRule,
  factCatalogue,
  validateBenefit,
  validateFactValues,
  validateRule,
  type FactSubject,
} from './engine/index.ts';
import {
  clauseRowsOf,
  deleteClauseRow,
  findClauseRow,
  findPolicyIdByCode,
  findPolicyRow,
  insertClause,
  insertPolicy,
  listPolicyRows,
  nextClauseNo,
  replaceTests,
  setPolicyStatus,
  testRowsOf,
  touchPolicy,
  updateClauseRow,
  updatePolicyRow,
  type ClauseRow,
  type ClauseWrite,
  type PolicyRow,
  type TestRow,
} from './catalogue.repository.ts';
import { benefitText, evaluateClause, withDerivedFacts as withDerived } from './evaluation.ts';
import { managesDepartment } from './policy.policy.ts';
import type {
  ClauseDetailDto,
  ClauseInput,
  ClauseSummaryDto,
  ManagedPolicyDto,
  PolicyDetailDto,
  PolicyInput,
  PolicyListQueryInput,
  PolicySummaryDto,
  TestCaseInput,
  TestResultDto,
  ValidateRuleResultDto,
} from './policy.schemas.ts';
import { queueMatchAll, queueMatchAllWith } from './queue.ts';
import { indexPolicy, searchPolicies } from './search.ts';
import { unknownTopics } from './topics.ts';

type Department = { id: string; code: string; name: string };

async function departmentMap(db: Db): Promise<Map<string, Department>> {
  const rows = await listDepartments(db);
  return new Map(rows.map((d) => [d.id, { id: d.id, code: d.code, name: d.name }]));
}

function clauseSummary(c: ClauseRow): ClauseSummaryDto {
  return {
    id: c.id,
    no: c.no,
    title: c.title,
    citation: c.citation,
    mode: c.mode,
    subject: c.subject,
    effectiveFrom: c.effective_from,
    effectiveTo: c.effective_to,
    benefitText: benefitText(c.benefit),
  };
}

function requirements(c: ClauseRow): ClauseDetailDto['conditions'] {
  try {
    return describeRule(c.rule, factCatalogue(), c.subject);
  } catch {
    return [];
  }
}

function clauseDetail(c: ClauseRow): ClauseDetailDto {
  return { ...clauseSummary(c), rule: c.rule, benefit: c.benefit ?? null, conditions: requirements(c) };
}

function policyBase(p: PolicyRow, departments: Map<string, Department>, score: number | null) {
  return {
    id: p.id,
    code: p.code,
    title: p.title,
    status: p.status,
    department: departments.get(p.department_id) ?? { id: p.department_id, code: '', name: '' },
    documentNo: p.document_no,
    issuedOn: p.issued_on,
    summary: p.summary,
    topics: p.topics,
    measureNos: p.measure_nos,
    demo: p.demo,
    score,
  };
}

function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Public

export async function listPublishedPolicies(
  ctx: AppContext,
  query: PolicyListQueryInput,
): Promise<PolicySummaryDto[]> {
  const departments = await departmentMap(ctx.db);
  let departmentId: string | undefined;
  if (query.department) {
    const d = [...departments.values()].find((x) => x.id === query.department || x.code === query.department);
    if (!d) return [];
    departmentId = d.id;
  }
  let scores: Map<string, number> | undefined;
  if (query.q && query.q.trim() !== '') {
    const hits = await searchPolicies(ctx.db, query.q);
    scores = new Map(hits.map((h) => [h.policyId, h.score]));
    if (scores.size === 0) return [];
  }
  const rows = await listPolicyRows(ctx.db, {
    statuses: ['published'],
    ...(departmentId ? { departmentId } : {}),
    ...(scores ? { ids: [...scores.keys()] } : {}),
    ...(query.topic ? { topic: query.topic } : {}),
  });
  const clauses = groupBy(
    await clauseRowsOf(
      ctx.db,
      rows.map((r) => r.id),
    ),
    (c) => c.policy_id,
  );
  const out = rows
    .map((p) => ({
      ...policyBase(p, departments, scores?.get(p.id) ?? null),
      clauses: (clauses.get(p.id) ?? []).map(clauseSummary),
    }))
    .filter(
      (p) =>
        (!query.mode || p.clauses.some((c) => c.mode === query.mode)) &&
        (!query.subject || p.clauses.some((c) => c.subject === query.subject)),
    );
  if (scores) out.sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.code.localeCompare(b.code));
  return out;
}

export async function getPublishedPolicy(ctx: AppContext, id: string): Promise<PolicyDetailDto> {
  const p = await findPolicyRow(ctx.db, id);
  if (!p || p.status !== 'published')
    throw new AppError('NOT_FOUND', `No published policy ${id}.`, { params: { reason: 'policy', id } });
  const departments = await departmentMap(ctx.db);
  const clauses = await clauseRowsOf(ctx.db, [p.id]);
  return { ...policyBase(p, departments, null), clauses: clauses.map(clauseDetail) };
}

// ---------------------------------------------------------------------------------------------------------------
// Officers

function testDto(t: TestRow): TestCaseInput {
  return { name: t.name, facts: t.facts, expectEligible: t.expect_eligible, expectAmount: t.expect_amount };
}

async function managedDtos(ctx: AppContext, rows: PolicyRow[]): Promise<ManagedPolicyDto[]> {
  const departments = await departmentMap(ctx.db);
  const clauseRows = await clauseRowsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const tests = groupBy(
    await testRowsOf(
      ctx.db,
      clauseRows.map((c) => c.id),
    ),
    (t) => t.clause_id,
  );
  const clauses = groupBy(clauseRows, (c) => c.policy_id);
  return rows.map((p) => ({
    ...policyBase(p, departments, null),
    publishedAt: p.published_at ? new Date(p.published_at).toISOString() : null,
    updatedAt: new Date(p.updated_at).toISOString(),
    clauses: (clauses.get(p.id) ?? []).map((c) => ({
      ...clauseDetail(c),
      tests: (tests.get(c.id) ?? []).map(testDto),
    })),
  }));
}

function departmentOf(actor: Actor): string {
  if (!actor.departmentId)
    throw new AppError('FORBIDDEN', 'Only department accounts can manage policies.', {
      params: { reason: 'not-department' },
    });
  return actor.departmentId;
}

async function getOwnPolicy(ctx: AppContext, actor: Actor, id: string): Promise<PolicyRow> {
  const p = await findPolicyRow(ctx.db, id);
  if (!p || !managesDepartment(actor, p.department_id))
    throw new AppError('NOT_FOUND', `No policy ${id}.`, { params: { reason: 'policy', id } });
  return p;
}

async function getOwnClause(
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

export async function listManagedPolicies(
  ctx: AppContext,
  actor: Actor,
  status: PolicyRow['status'] | undefined,
): Promise<ManagedPolicyDto[]> {
  const rows = await listPolicyRows(ctx.db, {
    departmentId: departmentOf(actor),
    ...(status ? { statuses: [status] } : {}),
  });
  return managedDtos(ctx, rows);
}

export async function getManagedPolicy(ctx: AppContext, actor: Actor, id: string): Promise<ManagedPolicyDto> {
  const [dto] = await managedDtos(ctx, [await getOwnPolicy(ctx, actor, id)]);
  return dto!;
}

function checkTopics(topics: readonly string[]): void {
  const unknown = unknownTopics(topics);
  if (unknown.length > 0) {
    throw new AppError('POLICY_TOPIC_UNKNOWN', `Unknown policy topics: ${unknown.join(', ')}.`, {
      params: { topics: unknown.join(', '), count: unknown.length },
      errors: unknown.map((t) => ({
        field: '/body/topics',
        rule: 'enum',
        message: `unknown topic ${t}`,
        params: { value: t },
      })),
    });
  }
}

async function reindex(trx: Db, policyId: string): Promise<void> {
  const p = await findPolicyRow(trx, policyId);
  if (!p) return;
  const clauses = await clauseRowsOf(trx, [policyId]);
  const department = (await listDepartments(trx)).find((d) => d.id === p.department_id);
  await indexPolicy(trx, policyId, {
    title: `${p.title} ${p.document_no} ${department?.name ?? ''}`,
    summary: p.summary,
    clauses: clauses.map((c) => `${c.title} ${c.citation} ${benefitText(c.benefit) ?? ''}`),
  });
}

export async function createPolicy(
  ctx: AppContext,
  actor: Actor,
  input: PolicyInput,
  origin: AuditOrigin,
): Promise<ManagedPolicyDto> {
  const departmentId = departmentOf(actor);
  checkTopics(input.topics);
  const code =
    input.code ??
    `P-${chinaDate(ctx.clock.now()).replaceAll('-', '')}-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
  if (await findPolicyIdByCode(ctx.db, code)) {
    throw new AppError('POLICY_CODE_TAKEN', `Policy code ${code} is already in use.`, {
      params: { code },
      errors: [
        { field: '/body/code', rule: 'unique', message: `code ${code} is taken`, params: { value: code } },
      ],
    });
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const policyId = await insertPolicy(trx, {
      code,
      title: input.title.trim(),
      department_id: departmentId,
      document_no: input.documentNo.trim(),
      issued_on: input.issuedOn,
      summary: input.summary,
      topics: [...new Set(input.topics)],
      measure_nos: input.measureNos ?? [],
      demo: input.demo ?? false,
      created_by: actor.userId,
    });
    await reindex(trx, policyId);
    await appendAudit(trx, origin, {
      action: 'policy.created',
      subjectType: 'policy',
      subjectId: policyId,
      detail: { code, title: input.title },
    });
    return policyId;
  });
  return getManagedPolicy(ctx, actor, id);
}

export async function updatePolicy(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: PolicyInput,
  origin: AuditOrigin,
): Promise<ManagedPolicyDto> {
  const p = await getOwnPolicy(ctx, actor, id);
  checkTopics(input.topics);
  const code = input.code ?? p.code;
  if (code !== p.code && (await findPolicyIdByCode(ctx.db, code))) {
    throw new AppError('POLICY_CODE_TAKEN', `Policy code ${code} is already in use.`, {
      params: { code },
      errors: [
        { field: '/body/code', rule: 'unique', message: `code ${code} is taken`, params: { value: code } },
      ],
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    await updatePolicyRow(trx, id, {
      code,
      title: input.title.trim(),
      document_no: input.documentNo.trim(),
      issued_on: input.issuedOn,
      summary: input.summary,
      topics: [...new Set(input.topics)],
      measure_nos: input.measureNos ?? p.measure_nos,
      demo: input.demo ?? p.demo,
    });
    await reindex(trx, id);
    await appendAudit(trx, origin, {
      action: 'policy.updated',
      subjectType: 'policy',
      subjectId: id,
      detail: { code, status: p.status },
    });
  });
  if (p.status === 'published') await queueMatchAll(ctx);
  return getManagedPolicy(ctx, actor, id);
}

/** Rule, benefit formula and test facts checked against the fact catalogue; 400 naming what is wrong. */
export function checkClauseInput(input: ClauseInput): void {
  const subject: FactSubject = input.subject;
  const rule = validateRule(input.rule, subject, factCatalogue());
  const errors: FieldViolation[] = [];
  if (!rule.ok) {
    errors.push(
      ...rule.errors.map((e) => ({ field: `/body/rule${e.path}`, rule: e.rule, message: e.message })),
    );
  }
  if (input.benefit !== undefined && input.benefit !== null) {
    const b = validateBenefit(input.benefit, subject, factCatalogue());
    if (!b.ok) {
      errors.push(
        ...b.errors.map((e) => ({ field: `/body/benefit${e.path}`, rule: e.rule, message: e.message })),
      );
    }
  }
  if (errors.length > 0) {
    throw new AppError(
      'POLICY_RULE_INVALID',
      `The rule or benefit formula is invalid at ${errors.map((e) => e.field).join(', ')}.`,
      { params: { count: errors.length, fields: errors.map((e) => e.field).join(', ') }, errors },
    );
  }
  if (input.effectiveTo && input.effectiveTo < input.effectiveFrom) {
    throw new AppError('VALIDATION_FAILED', 'The end date must not be before the start date.', {
      params: {
        reason: 'effective-dates',
        effectiveFrom: input.effectiveFrom,
        effectiveTo: input.effectiveTo,
      },
      errors: [
        {
          field: '/body/effectiveTo',
          rule: 'after',
          message: 'effectiveTo must not be before effectiveFrom',
          params: { other: 'effectiveFrom', value: input.effectiveFrom },
        },
      ],
    });
  }
  input.tests.forEach((t, i) => checkFactValues(subject, t.facts, `/body/tests/${i}/facts`));
}

/** 400 POLICY_FACT_UNKNOWN / POLICY_FACT_TYPE naming each bad fact. */
export function checkFactValues(subject: FactSubject, facts: Record<string, unknown>, at: string): void {
  const errors = validateFactValues(subject, facts, factCatalogue());
  if (errors.length === 0) return;
  const unknown = errors.some((e) => e.rule === 'unknown_fact');
  const names = errors.map((e) => e.fact);
  throw new AppError(
    unknown ? 'POLICY_FACT_UNKNOWN' : 'POLICY_FACT_TYPE',
    unknown ? `Unknown facts: ${names.join(', ')}.` : `Fact values of the wrong type: ${names.join(', ')}.`,
    {
      params: { facts: names.join(', '), count: names.length },
      errors: errors.map((e) => ({
        field: `${at}/${e.fact}`,
        rule: e.rule,
        message: e.message,
        params: { fact: e.fact },
      })),
    },
  );
}

function clauseWrite(input: ClauseInput, no: number): ClauseWrite {
  return {
    no,
    title: input.title.trim(),
    citation: input.citation.trim(),
    subject: input.subject,
    mode: input.mode,
    rule: input.rule,
    benefit: input.benefit ?? null,
    effective_from: input.effectiveFrom,
    effective_to: input.effectiveTo ?? null,
  };
}

export async function addClause(
  ctx: AppContext,
  actor: Actor,
  policyId: string,
  input: ClauseInput,
  origin: AuditOrigin,
): Promise<ManagedPolicyDto> {
  const p = await getOwnPolicy(ctx, actor, policyId);
  if (p.status === 'withdrawn')
    throw new AppError('POLICY_WITHDRAWN', 'The policy has been withdrawn; no clause can be added.', {
      params: { reason: 'add-clause' },
    });
  checkClauseInput(input);
  await ctx.db.transaction().execute(async (trx) => {
    const no = input.no ?? (await nextClauseNo(trx, policyId));
    if ((await clauseRowsOf(trx, [policyId])).some((c) => c.no === no)) {
      throw new AppError('CONFLICT', `Clause number ${no} already exists.`, {
        params: { reason: 'clause-no', no },
        errors: [
          { field: '/body/no', rule: 'unique', message: `clause ${no} exists`, params: { value: no } },
        ],
      });
    }
    const clauseId = await insertClause(trx, policyId, clauseWrite(input, no));
    await replaceTests(trx, clauseId, input.tests);
    await touchPolicy(trx, policyId);
    await reindex(trx, policyId);
    await appendAudit(trx, origin, {
      action: 'policy.clause_added',
      subjectType: 'policy_clause',
      subjectId: clauseId,
      detail: {
        policyId,
        no,
        mode: input.mode,
        subject: input.subject,
        rule: input.rule as Record<string, unknown>,
      },
    });
  });
  if (p.status === 'published') await queueMatchAll(ctx);
  return getManagedPolicy(ctx, actor, policyId);
}

export async function updateClause(
  ctx: AppContext,
  actor: Actor,
  clauseId: string,
  input: ClauseInput,
  origin: AuditOrigin,
): Promise<ManagedPolicyDto> {
  const { clause, policy } = await getOwnClause(ctx, actor, clauseId);
  if (policy.status === 'withdrawn')
    throw new AppError('POLICY_WITHDRAWN', 'The policy has been withdrawn; its clauses cannot be changed.', {
      params: { reason: 'change-clause' },
    });
  checkClauseInput(input);
  const no = input.no ?? clause.no;
  await ctx.db.transaction().execute(async (trx) => {
    if (no !== clause.no && (await clauseRowsOf(trx, [policy.id])).some((c) => c.no === no)) {
      throw new AppError('CONFLICT', `Clause number ${no} already exists.`, {
        params: { reason: 'clause-no', no },
        errors: [
          { field: '/body/no', rule: 'unique', message: `clause ${no} exists`, params: { value: no } },
        ],
      });
    }
    await updateClauseRow(trx, clauseId, clauseWrite(input, no));
    await replaceTests(trx, clauseId, input.tests);
    await touchPolicy(trx, policy.id);
    await reindex(trx, policy.id);
    await appendAudit(trx, origin, {
      action: 'policy.clause_updated',
      subjectType: 'policy_clause',
      subjectId: clauseId,
      detail: { policyId: policy.id, status: policy.status, rule: input.rule as Record<string, unknown> },
    });
  });
  if (policy.status === 'published') await queueMatchAll(ctx);
  return getManagedPolicy(ctx, actor, policy.id);
}

export async function deleteClause(
  ctx: AppContext,
  actor: Actor,
  clauseId: string,
  origin: AuditOrigin,
): Promise<ManagedPolicyDto> {
  const { policy } = await getOwnClause(ctx, actor, clauseId);
  if (policy.status !== 'draft')
    throw new AppError(
      'POLICY_NOT_DRAFT',
      'Only clauses of a draft policy can be deleted; change or withdraw a published policy instead.',
      { params: { reason: 'delete-clause', status: policy.status } },
    );
  await ctx.db.transaction().execute(async (trx) => {
    await deleteClauseRow(trx, clauseId);
    await touchPolicy(trx, policy.id);
    await reindex(trx, policy.id);
    await appendAudit(trx, origin, {
      action: 'policy.clause_deleted',
      subjectType: 'policy_clause',
      subjectId: clauseId,
      detail: { policyId: policy.id },
    });
  });
  return getManagedPolicy(ctx, actor, policy.id);
}

export function validateRuleForEditor(subject: FactSubject, rule: unknown): ValidateRuleResultDto {
  const v = validateRule(rule, subject, factCatalogue());
  if (!v.ok) return { ok: false, errors: v.errors, conditions: [] };
  let conditions: ValidateRuleResultDto['conditions'];
  try {
    conditions = describeRule(rule, factCatalogue(), subject);
  } catch {
    conditions = [];
  }
  return { ok: true, errors: [], conditions };
}

const AMOUNT_TOLERANCE = 0.005;

/** Runs a clause's test cases (pure: rule, formula and facts in, verdicts out). */
export function runClauseTests(clause: ClauseRow, tests: readonly TestRow[], today: string): TestResultDto[] {
  return tests.map((t) => {
    const base = {
      clauseId: clause.id,
      clauseNo: clause.no,
      name: t.name,
      expectEligible: t.expect_eligible,
      expectAmount: t.expect_amount,
    };
    try {
      const facts = withDerived(clause.subject, t.facts, today);
      const r = evaluateClause(clause, facts);
      const amount = r.benefit?.amount ?? null;
      const amountOk =
        !t.expect_eligible ||
        t.expect_amount === null ||
        (amount !== null && Math.abs(amount - t.expect_amount) < AMOUNT_TOLERANCE);
      const passed = r.eligible === t.expect_eligible && amountOk;
      let message: string | null = null;
      if (r.eligible !== t.expect_eligible) {
        message = `应${t.expect_eligible ? '符合' : '不符合'}，实际${r.eligible ? '符合' : '不符合'}（${r.summary}）`;
      } else if (!amountOk) {
        message = `金额应为 ${t.expect_amount}，实际 ${amount ?? '无法计算'}`;
      }
      return { ...base, passed, eligible: r.eligible, amount, conditions: r.conditions, message };
    } catch (err) {
      return {
        ...base,
        passed: false,
        eligible: false,
        amount: null,
        conditions: [],
        message: `规则无法计算：${err instanceof Error ? err.message : String(err)}`,
      };
    }
  });
}

export async function runPolicyTests(db: Db, policyId: string, today: string): Promise<TestResultDto[]> {
  const clauses = await clauseRowsOf(db, [policyId]);
  const tests = groupBy(
    await testRowsOf(
      db,
      clauses.map((c) => c.id),
    ),
    (t) => t.clause_id,
  );
  return clauses.flatMap((c) => runClauseTests(c, tests.get(c.id) ?? [], today));
}

export async function runTestsOfClause(
  ctx: AppContext,
  actor: Actor,
  clauseId: string,
): Promise<TestResultDto[]> {
  const { clause } = await getOwnClause(ctx, actor, clauseId);
  return runClauseTests(clause, await testRowsOf(ctx.db, [clauseId]), chinaDate(ctx.clock.now()));
}

export async function runTestsOfPolicy(
  ctx: AppContext,
  actor: Actor,
  policyId: string,
): Promise<TestResultDto[]> {
  await getOwnPolicy(ctx, actor, policyId);
  return runPolicyTests(ctx.db, policyId, chinaDate(ctx.clock.now()));
}

/** Why a policy cannot be published (no clause, a clause without tests, a failing test), or undefined. */
export async function publicationBlocker(
  db: Db,
  policyId: string,
  today: string,
): Promise<AppError | undefined> {
  const clauses = await clauseRowsOf(db, [policyId]);
  const tests = groupBy(
    await testRowsOf(
      db,
      clauses.map((c) => c.id),
    ),
    (t) => t.clause_id,
  );
  const untested = clauses.filter((c) => (tests.get(c.id) ?? []).length === 0);
  if (clauses.length === 0 || untested.length > 0) {
    const clauseNos = untested.map((c) => c.no);
    return clauses.length === 0
      ? new AppError('POLICY_NO_CLAUSES', 'The policy has no clause; it cannot be published.', {
          params: { reason: 'no-clause' },
        })
      : new AppError(
          'POLICY_NO_CLAUSES',
          `Clauses ${clauseNos.join(', ')} have no test case; the policy cannot be published.`,
          { params: { reason: 'untested', clauseNos: clauseNos.join(', '), count: clauseNos.length } },
        );
  }
  const failures = clauses
    .flatMap((c) => runClauseTests(c, tests.get(c.id) ?? [], today))
    .filter((r) => !r.passed);
  if (failures.length > 0) {
    return new AppError(
      'POLICY_TESTS_FAILING',
      `${failures.length} test case(s) fail: ${failures.map((f) => `clause ${f.clauseNo} "${f.name}"`).join('; ')}.`,
      {
        params: {
          count: failures.length,
          cases: failures.map((f) => `${f.clauseNo}: ${f.name}`).join('; '),
        },
        extra: { failures },
      },
    );
  }
  return undefined;
}

export async function publishPolicy(
  ctx: AppContext,
  actor: Actor,
  id: string,
  origin: AuditOrigin,
): Promise<ManagedPolicyDto> {
  const p = await getOwnPolicy(ctx, actor, id);
  const blocker = await publicationBlocker(ctx.db, id, chinaDate(ctx.clock.now()));
  if (blocker) throw blocker;
  await ctx.jobs.ready();
  await ctx.db.transaction().execute(async (trx) => {
    await setPolicyStatus(trx, id, 'published', actor.userId, ctx.clock.now());
    await appendAudit(trx, origin, {
      action: 'policy.published',
      subjectType: 'policy',
      subjectId: id,
      detail: { code: p.code, previous: p.status },
    });
    // The re-match commits with the change (never a published policy without its re-match queued).
    await queueMatchAllWith(ctx, trx);
  });
  return getManagedPolicy(ctx, actor, id);
}

export async function withdrawPolicy(
  ctx: AppContext,
  actor: Actor,
  id: string,
  origin: AuditOrigin,
): Promise<ManagedPolicyDto> {
  const p = await getOwnPolicy(ctx, actor, id);
  if (p.status !== 'published')
    throw new AppError('POLICY_NOT_PUBLISHED', 'Only a published policy can be withdrawn.', {
      params: { reason: 'withdraw', status: p.status },
    });
  await ctx.jobs.ready();
  await ctx.db.transaction().execute(async (trx) => {
    await setPolicyStatus(trx, id, 'withdrawn', actor.userId, ctx.clock.now());
    await appendAudit(trx, origin, {
      action: 'policy.withdrawn',
      subjectType: 'policy',
      subjectId: id,
      detail: { code: p.code },
    });
    // The re-match commits with the change (never a published policy without its re-match queued).
    await queueMatchAllWith(ctx, trx);
  });
  return getManagedPolicy(ctx, actor, id);
}

export { reindex as reindexPolicy };
