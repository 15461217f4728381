/**
 * Monthly 企业信用风险分类 of every registered enterprise: set-based counting per batch of 2,000 enterprise ids
 * (keyset-paged), pure scoring (classification.rules.ts), one upsert per batch into `credit_class` — history is kept
 * per period. `getCreditClass` serves policies and inspections.
 */
import { Value } from 'typebox/value';
import { appendAudit, systemOrigin, type AuditOrigin } from '../../kernel/audit.ts';
import type { SystemActor } from '../../kernel/policy.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import { countEnterprises, findEnterpriseSummary } from '../enterprise/index.ts';
import {
  classDistribution,
  classHistory,
  countListItems,
  countRecordItems,
  enterpriseIdsAfter,
  latestPeriod,
  upsertClasses,
  type ClassInsert,
} from './classification.repository.ts';
import {
  checkClassificationRules,
  ClassificationRulesSchema,
  explainParts,
  scoreFromCounts,
  type ClassificationRules,
  type ClassResult,
} from './classification.rules.ts';
import type { ClassSummaryDto, EnterpriseClassDto } from './classification.schemas.ts';
import { findSetting, updateSetting } from './sanctions.repository.ts';
import { readClassificationConfig } from './sanctions.service.ts';

export const CLASSIFY_BATCH = 2000;

export async function getClassificationRules(db: Db): Promise<ClassificationRules> {
  const v = await findSetting(db, 'classification');
  return Value.Check(ClassificationRulesSchema, v) && checkClassificationRules(v).length === 0
    ? v
    : readClassificationConfig();
}

export async function saveClassificationRules(
  ctx: AppContext,
  input: unknown,
  origin: AuditOrigin,
): Promise<ClassificationRules> {
  const problems = checkClassificationRules(input);
  if (problems.length > 0) {
    throw new AppError('CREDIT_RULES_INVALID', `Classification rules are invalid: ${problems.join('; ')}`, {
      params: { count: problems.length, problems },
      errors: problems.map((p) => ({ field: '/body', rule: 'rules', message: p })),
    });
  }
  const rules = input as ClassificationRules;
  await ctx.db.transaction().execute(async (trx) => {
    await updateSetting(trx, 'classification', rules, ctx.clock.now());
    await appendAudit(trx, origin, {
      action: 'credit.classification_rules_changed',
      subjectType: 'credit_setting',
      subjectId: 'classification',
      detail: { rules: rules.rules.map((r) => `${r.code}:${r.points}`), thresholds: rules.thresholds },
    });
  });
  return rules;
}

export async function scoreBatch(
  db: Db,
  rules: ClassificationRules,
  ids: string[],
  asOf: string,
): Promise<Map<string, ClassResult>> {
  const [records, lists] = await Promise.all([
    countRecordItems(db, rules, ids, asOf),
    countListItems(db, ids, asOf),
  ]);
  const counts = new Map<string, Map<string, number>>();
  const bump = (id: string, code: string, n: number) => {
    let m = counts.get(id);
    if (!m) counts.set(id, (m = new Map()));
    m.set(code, (m.get(code) ?? 0) + n);
  };
  for (const r of records) bump(r.enterprise_id, r.rule_code, r.n);
  const listRules = rules.rules.filter((r) => r.source === 'list');
  for (const l of lists) {
    const rule = listRules.find((r) => r.listType === l.type);
    if (rule) bump(l.enterprise_id, rule.code, l.n);
  }
  const empty = new Map<string, number>();
  return new Map(ids.map((id) => [id, scoreFromCounts(rules, counts.get(id) ?? empty)]));
}

/** One enterprise's class as of `asOf` (default today), computed now and not stored. */
export async function classifyEnterprise(
  ctx: AppContext,
  enterpriseId: string,
  asOf?: string,
): Promise<ClassResult & { asOf: string; explanation: string }> {
  const day = asOf ?? chinaDate(ctx.clock.now());
  const rules = await getClassificationRules(ctx.db);
  const result = (await scoreBatch(ctx.db, rules, [enterpriseId], day)).get(enterpriseId);
  if (!result) throw new Error('unreachable: the batch scores every id it is given');
  return { ...result, asOf: day, explanation: explainParts(result.parts) };
}

/** Classifies every registered enterprise for the period of `asOf` (YYYY-MM); re-running replaces the period. */
/** `actor`: the classification job's declared system actor, named in the audit entry. */
export async function classifyAllEnterprises(
  ctx: AppContext,
  actor: SystemActor,
  options: { asOf?: string; onProgress?: (done: number) => void } = {},
): Promise<{ period: string; enterprises: number; distribution: Record<string, number>; ms: number }> {
  const started = performance.now();
  const asOf = options.asOf ?? chinaDate(ctx.clock.now());
  const period = asOf.slice(0, 7);
  const rules = await getClassificationRules(ctx.db);
  const computedAt = ctx.clock.now();
  const distribution: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
  let after: string | null = null;
  let done = 0;
  for (;;) {
    const ids = await enterpriseIdsAfter(ctx.db, after, CLASSIFY_BATCH);
    if (ids.length === 0) break;
    const scored = await scoreBatch(ctx.db, rules, ids, asOf);
    const rows: ClassInsert[] = [];
    for (const [id, r] of scored) {
      distribution[r.class] = (distribution[r.class] ?? 0) + 1;
      rows.push({
        enterprise_id: id,
        period,
        class: r.class,
        score: r.score,
        parts: r.parts,
        computed_at: computedAt,
      });
    }
    await upsertClasses(ctx.db, rows);
    done += ids.length;
    options.onProgress?.(done);
    after = ids[ids.length - 1] ?? null;
    if (ids.length < CLASSIFY_BATCH) break;
  }
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, systemOrigin(actor), {
      action: 'credit.enterprises_classified',
      subjectType: 'credit_class',
      subjectId: period,
      detail: { period, asOf, enterprises: done, distribution },
    }),
  );
  return { period, enterprises: done, distribution, ms: Math.round(performance.now() - started) };
}

export interface CreditClassResult {
  enterpriseId: string;
  period: string | null;
  class: ClassResult['class'];
  score: number;
  parts: ClassResult['parts'];
  explanation: string;
  computedAt: string;
  /** False when no monthly run has covered this enterprise yet and the class was computed on request. */
  stored: boolean;
}

/** The enterprise's latest class (policies, inspections); computed on request when no run covered it yet. */
export async function getCreditClass(ctx: AppContext, enterpriseId: string): Promise<CreditClassResult> {
  const [latest] = await classHistory(ctx.db, enterpriseId, 1);
  if (latest) {
    return {
      enterpriseId,
      period: latest.period,
      class: latest.class,
      score: latest.score,
      parts: latest.parts,
      explanation: explainParts(latest.parts),
      computedAt: new Date(latest.computed_at).toISOString(),
      stored: true,
    };
  }
  if (!(await findEnterpriseSummary(ctx.db, enterpriseId))) {
    throw new AppError('NOT_FOUND', `No such enterprise: ${enterpriseId}`, {
      params: { reason: 'enterprise', enterpriseId },
    });
  }
  const live = await classifyEnterprise(ctx, enterpriseId);
  return {
    enterpriseId,
    period: null,
    class: live.class,
    score: live.score,
    parts: live.parts,
    explanation: live.explanation,
    computedAt: ctx.clock.now().toISOString(),
    stored: false,
  };
}

export async function getEnterpriseClass(ctx: AppContext, enterpriseId: string): Promise<EnterpriseClassDto> {
  const current = await getCreditClass(ctx, enterpriseId);
  const history = await classHistory(ctx.db, enterpriseId, 24);
  return {
    current,
    history: history.map((h) => ({
      period: h.period,
      class: h.class,
      score: h.score,
      parts: h.parts,
      explanation: explainParts(h.parts),
      computedAt: new Date(h.computed_at).toISOString(),
    })),
  };
}

export async function getClassSummary(ctx: AppContext, period: string | undefined): Promise<ClassSummaryDto> {
  const p = period ?? (await latestPeriod(ctx.db)) ?? null;
  const counts = { A: 0, B: 0, C: 0, D: 0 };
  if (p) for (const r of await classDistribution(ctx.db, p)) counts[r.class] = r.n;
  const classified = counts.A + counts.B + counts.C + counts.D;
  return { period: p, counts, classified, registered: await countEnterprises(ctx.db) };
}
