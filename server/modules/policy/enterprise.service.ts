/**
 * The public calculator and the enterprise's own view: its matches with explanations (each condition with the
 * source of the fact: department feed, own declaration — unverified —, or the platform), near misses, declared
 * facts (re-matched at once) and topic subscriptions for 直达.
 */
import { appendAudit, type AuditOrigin } from '../../kernel/audit.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { findEnterpriseSummary } from '../enterprise/index.ts';
import { effectiveClauseRows, findClauseRow, findPolicyRow, type ClauseRow } from './catalogue.repository.ts';
import { checkFactValues } from './catalogue.service.ts';
import { factCatalogue, factsOf, findFact, type FactSubject, type FactValues } from './engine/index.ts';
import { evaluateClause, withDerivedFacts, type ClauseEvaluation } from './evaluation.ts';
import { getEnterpriseFacts, setEnterpriseFacts, type EnterpriseFacts } from './facts.repository.ts';
import { matchEnterprise } from './matching.service.ts';
import { notifyNewMatches } from './notify.service.ts';
import { activeMatchesOf } from './matches.repository.ts';
import { approvedGrantsOf } from './grants.repository.ts';
import { findSubscribedTopics, saveSubscription } from './subscriptions.repository.ts';
import type {
  CalculateInput,
  CalculationDto,
  ConditionDto,
  ExplanationDto,
  MyFactsDto,
  MyMatchesDto,
} from './policy.schemas.ts';
import { queueMatchEnterprise } from './queue.ts';
import { unknownTopics } from './topics.ts';

const NEAR_MISS_MAX_MISSING = 2;
const NEAR_MISS_LIMIT = 20;

// ---------------------------------------------------------------------------------------------------------------
// Calculator (public)

export async function calculate(ctx: AppContext, input: CalculateInput): Promise<CalculationDto[]> {
  const subject: FactSubject = input.subject;
  checkFactValues(subject, input.facts, '/body/facts');
  const today = chinaDate(ctx.clock.now());
  const facts = withDerivedFacts(subject, input.facts, today);
  const clauses = await effectiveClauseRows(ctx.db, subject, today);
  const out: CalculationDto[] = [];
  for (const c of clauses) {
    const r = safeEvaluate(ctx, c, facts);
    if (!r) continue;
    out.push({
      policyId: c.policy_id,
      policyCode: c.policy_code,
      clauseId: c.id,
      clauseNo: c.no,
      title: `${c.policy_title} · ${c.title}`,
      mode: c.mode,
      citation: c.citation,
      eligible: r.eligible,
      missing: r.missing,
      summary: r.summary,
      conditions: r.conditions,
      benefit: r.benefit,
    });
  }
  return out.sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      (b.benefit?.amount ?? -1) - (a.benefit?.amount ?? -1) ||
      a.missing - b.missing,
  );
}

function safeEvaluate(ctx: AppContext, c: ClauseRow, facts: FactValues): ClauseEvaluation | undefined {
  try {
    return evaluateClause(c, facts);
  } catch (err) {
    // A published rule passed validation and its tests; one that still throws is logged, not shown half-done.
    ctx.logger.error({ err, clauseId: c.id }, 'policy clause could not be evaluated');
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Enterprise (own)

function enterpriseOf(actor: Actor): string {
  if (!actor.enterpriseId)
    throw new AppError('POLICY_NO_ENTERPRISE', 'The account is not bound to an enterprise.');
  return actor.enterpriseId;
}

type Source = NonNullable<ConditionDto['source']>;

function sourceOf(facts: EnterpriseFacts, fact: string | null): Source | null {
  if (!fact) return null;
  const stored = facts.sources[fact];
  if (stored) return { kind: stored.kind, label: stored.label, verified: stored.verified, at: stored.at };
  const def = findFact('enterprise', fact);
  if (!def) return null;
  return { kind: def.source, label: def.sourceLabel, verified: def.source !== 'declared', at: null };
}

async function loadFacts(ctx: AppContext, enterpriseId: string, today: string) {
  const stored = await getEnterpriseFacts(ctx, enterpriseId);
  return { stored, values: withDerivedFacts('enterprise', stored.values, today) };
}

/** When the enterprise first matched the clause (active matches only). */
type MatchInfo = Date;

async function grantsOf(
  ctx: AppContext,
  enterpriseId: string,
): Promise<Map<string, { id: string; status: string }>> {
  const rows = await approvedGrantsOf(ctx.db, enterpriseId);
  return new Map(
    rows.map((g) => [
      g.clause_id,
      {
        id: g.id,
        status: g.disbursed_at ? 'disbursed' : g.confirmed_at ? 'confirmed' : 'awaiting_confirmation',
      },
    ]),
  );
}

function explanationDto(
  c: ClauseRow & { policy_code: string; policy_title: string; topics: string[] },
  r: ClauseEvaluation,
  facts: EnterpriseFacts,
  match: MatchInfo | undefined,
  grant: { id: string; status: string } | undefined,
): ExplanationDto {
  return {
    policyId: c.policy_id,
    policyCode: c.policy_code,
    policyTitle: c.policy_title,
    clauseId: c.id,
    clauseNo: c.no,
    clauseTitle: c.title,
    mode: c.mode,
    citation: c.citation,
    topics: c.topics,
    eligible: r.eligible,
    missing: r.missing,
    summary: r.summary,
    conditions: r.conditions.map((x) => ({ ...x, source: sourceOf(facts, x.fact) })),
    benefit: r.benefit,
    firstMatchedAt: match ? match.toISOString() : null,
    grant: grant ?? null,
  };
}

export async function myMatches(ctx: AppContext, actor: Actor): Promise<MyMatchesDto> {
  const enterpriseId = enterpriseOf(actor);
  const enterprise = await findEnterpriseSummary(ctx.db, enterpriseId);
  if (!enterprise)
    throw new AppError('NOT_FOUND', `No enterprise ${enterpriseId}.`, {
      params: { reason: 'enterprise', id: enterpriseId },
    });
  const today = chinaDate(ctx.clock.now());
  const [{ stored, values }, clauses, matches, grants] = await Promise.all([
    loadFacts(ctx, enterpriseId, today),
    effectiveClauseRows(ctx.db, 'enterprise', today),
    activeMatchesOf(ctx.db, enterpriseId),
    grantsOf(ctx, enterpriseId),
  ]);
  const matched: ExplanationDto[] = [];
  const near: ExplanationDto[] = [];
  for (const c of clauses) {
    const r = safeEvaluate(ctx, c, values);
    if (!r) continue;
    const m = matches.get(c.id);
    if (m) matched.push(explanationDto(c, r, stored, m, grants.get(c.id)));
    else if (!r.eligible && r.missing <= NEAR_MISS_MAX_MISSING)
      near.push(explanationDto(c, r, stored, m, undefined));
  }
  near.sort((a, b) => a.missing - b.missing || (b.benefit?.amount ?? 0) - (a.benefit?.amount ?? 0));
  return {
    enterprise: { id: enterprise.id, name: enterprise.name },
    matches: matched,
    nearMisses: near.slice(0, NEAR_MISS_LIMIT),
  };
}

/** One clause for the caller's enterprise, whatever the outcome (published policies only). */
export async function explainForEnterprise(
  ctx: AppContext,
  actor: Actor,
  clauseId: string,
): Promise<ExplanationDto> {
  const enterpriseId = enterpriseOf(actor);
  const clause = await findClauseRow(ctx.db, clauseId);
  const policy = clause ? await findPolicyRow(ctx.db, clause.policy_id) : undefined;
  if (!clause || !policy || policy.status !== 'published' || clause.subject !== 'enterprise') {
    throw new AppError('NOT_FOUND', `No clause ${clauseId}.`, { params: { reason: 'clause', id: clauseId } });
  }
  const today = chinaDate(ctx.clock.now());
  const [{ stored, values }, matches, grants] = await Promise.all([
    loadFacts(ctx, enterpriseId, today),
    activeMatchesOf(ctx.db, enterpriseId),
    grantsOf(ctx, enterpriseId),
  ]);
  const r = evaluateClause(clause, values);
  return explanationDto(
    { ...clause, policy_code: policy.code, policy_title: policy.title, topics: policy.topics },
    r,
    stored,
    matches.get(clauseId),
    grants.get(clauseId),
  );
}

export async function myFacts(ctx: AppContext, actor: Actor): Promise<MyFactsDto> {
  const enterpriseId = enterpriseOf(actor);
  const { stored, values } = await loadFacts(ctx, enterpriseId, chinaDate(ctx.clock.now()));
  const sources: MyFactsDto['sources'] = {};
  for (const f of factsOf('enterprise', factCatalogue())) {
    const s = sourceOf(stored, f.name);
    if (s) sources[f.name] = s;
  }
  return { values, sources, facts: factsOf('enterprise', factCatalogue()).map((f) => ({ ...f })) };
}

export async function declareFacts(
  ctx: AppContext,
  actor: Actor,
  facts: Record<string, unknown>,
  origin: AuditOrigin,
): Promise<MyFactsDto> {
  const enterpriseId = enterpriseOf(actor);
  checkFactValues('enterprise', facts, '/body/facts');
  const refused = Object.keys(facts).filter((name) => {
    const def = findFact('enterprise', name);
    return !def || def.source === 'platform' || def.derived === true;
  });
  if (refused.length > 0) {
    throw new AppError(
      'POLICY_FACT_NOT_DECLARABLE',
      `These facts are set by the platform and cannot be declared: ${refused.join(', ')}.`,
      {
        params: { facts: refused.join(', '), count: refused.length },
        errors: refused.map((f) => ({
          field: `/body/facts/${f}`,
          rule: 'not_declarable',
          message: `${f} is set by the platform`,
          params: { fact: f },
        })),
      },
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    await setEnterpriseFacts(trx, enterpriseId, facts, {
      kind: 'declared',
      label: '企业自行申报',
      verified: false,
    });
    await appendAudit(trx, origin, {
      action: 'policy.facts_declared',
      subjectType: 'enterprise',
      subjectId: enterpriseId,
      detail: { facts: Object.keys(facts) },
    });
  });
  await rematchEnterprise(ctx, enterpriseId);
  return myFacts(ctx, actor);
}

/** Re-matches one enterprise now (≤ 50 ms budget) and sends its 直达 notifications; queued if that fails. */
export async function rematchEnterprise(ctx: AppContext, enterpriseId: string): Promise<void> {
  try {
    await matchEnterprise(ctx, enterpriseId);
    await notifyNewMatches(ctx, { enterpriseId });
  } catch (err) {
    ctx.logger.error({ err, enterpriseId }, 'enterprise re-match failed; queued');
    await queueMatchEnterprise(ctx, enterpriseId);
  }
}

export async function getSubscription(ctx: AppContext, actor: Actor): Promise<{ topics: string[] }> {
  const enterpriseId = enterpriseOf(actor);
  return { topics: await findSubscribedTopics(ctx.db, enterpriseId) };
}

export async function putSubscription(
  ctx: AppContext,
  actor: Actor,
  topics: string[],
  origin: AuditOrigin,
): Promise<{ topics: string[] }> {
  const enterpriseId = enterpriseOf(actor);
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
  const distinct = [...new Set(topics)];
  await ctx.db.transaction().execute(async (trx) => {
    await saveSubscription(trx, enterpriseId, distinct, actor.userId, ctx.clock.now());
    await appendAudit(trx, origin, {
      action: 'policy.subscription_changed',
      subjectType: 'enterprise',
      subjectId: enterpriseId,
      detail: { topics: distinct },
    });
  });
  return { topics: distinct };
}
