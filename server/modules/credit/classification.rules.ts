/**
 * 企业信用风险分类, pure: a score from a base minus (or plus) points per counted item, each rule's total capped,
 * and a class from thresholds. Every part of the score is explained ("行政处罚（一般）2 条", −30). An enterprise with
 * nothing counted gets the base score and the single part "无不良记录" — an honest A for a clean record, not a
 * guess: the district's registry has no other risk signal this module could use.
 */
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { ClassPart, CreditClass } from './lists.tables.ts';

const Severity = Type.Union([Type.Literal('minor'), Type.Literal('ordinary'), Type.Literal('serious')]);

export const ClassificationRuleSchema = Type.Union([
  Type.Object(
    {
      code: Type.String({ pattern: '^[a-z][a-z0-9-]{0,63}$' }),
      label: Type.String({ minLength: 1, maxLength: 100 }),
      source: Type.Literal('record'),
      categoryCodes: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
      /** Only records whose `data[key]` is one of `values` (e.g. 缴费状态 = 欠费). */
      dataIn: Type.Optional(
        Type.Object(
          { key: Type.String({ minLength: 1 }), values: Type.Array(Type.String(), { minItems: 1 }) },
          { additionalProperties: false },
        ),
      ),
      categoryKind: Type.Optional(
        Type.Union([Type.Literal('license'), Type.Literal('penalty'), Type.Literal('other')]),
      ),
      severity: Type.Optional(Severity),
      points: Type.Integer({ minimum: -100, maximum: 100 }),
      cap: Type.Optional(Type.Integer({ minimum: -100, maximum: 100 })),
      lookbackMonths: Type.Integer({ minimum: 0, maximum: 120 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      code: Type.String({ pattern: '^[a-z][a-z0-9-]{0,63}$' }),
      label: Type.String({ minLength: 1, maxLength: 100 }),
      source: Type.Literal('list'),
      listType: Type.Union([Type.Literal('red'), Type.Literal('black')]),
      points: Type.Integer({ minimum: -100, maximum: 100 }),
      cap: Type.Optional(Type.Integer({ minimum: -100, maximum: 100 })),
    },
    { additionalProperties: false },
  ),
]);
export type ClassificationRule = Static<typeof ClassificationRuleSchema>;

export const ClassificationRulesSchema = Type.Object(
  {
    baseScore: Type.Integer({ minimum: 1, maximum: 1000 }),
    thresholds: Type.Object(
      {
        A: Type.Integer({ minimum: 0, maximum: 1000 }),
        B: Type.Integer({ minimum: 0, maximum: 1000 }),
        C: Type.Integer({ minimum: 0, maximum: 1000 }),
      },
      { additionalProperties: false },
    ),
    rules: Type.Array(ClassificationRuleSchema, { maxItems: 100 }),
  },
  { additionalProperties: true },
);
export type ClassificationRules = Static<typeof ClassificationRulesSchema>;

/** Problems with a rule set, in words; empty when it can be used. */
export function checkClassificationRules(input: unknown): string[] {
  if (!Value.Check(ClassificationRulesSchema, input)) {
    return [...Value.Errors(ClassificationRulesSchema, input)]
      .slice(0, 5)
      .map((e) => `${e.instancePath || '/'} ${e.message}`);
  }
  const problems: string[] = [];
  const t = input.thresholds;
  if (!(t.A > t.B && t.B > t.C)) problems.push('thresholds must satisfy A > B > C');
  const codes = new Set<string>();
  for (const r of input.rules) {
    if (codes.has(r.code)) problems.push(`rule code ${r.code} is used twice`);
    codes.add(r.code);
    if (r.source === 'record' && !r.categoryCodes && !r.categoryKind) {
      problems.push(`rule ${r.code} needs categoryCodes or categoryKind`);
    }
    if (r.cap !== undefined && Math.sign(r.cap) !== Math.sign(r.points)) {
      problems.push(`rule ${r.code}: cap must have the sign of points`);
    }
  }
  return problems;
}

export function classOfScore(score: number, t: ClassificationRules['thresholds']): CreditClass {
  if (score >= t.A) return 'A';
  if (score >= t.B) return 'B';
  if (score >= t.C) return 'C';
  return 'D';
}

export interface ClassResult {
  class: CreditClass;
  score: number;
  parts: ClassPart[];
}

export const CLEAN_PART: ClassPart = { code: 'clean', label: '无不良记录', points: 0 };

/**
 * Score from the number of counted items per rule code. Points add up per rule, limited by the rule's cap; the
 * score is kept within 0 … baseScore, so a red-list bonus offsets deductions but never lifts above a clean record.
 */
export function scoreFromCounts(
  rules: ClassificationRules,
  counts: ReadonlyMap<string, number>,
): ClassResult {
  const parts: ClassPart[] = [];
  for (const rule of rules.rules) {
    const n = counts.get(rule.code) ?? 0;
    if (n <= 0) continue;
    let points = rule.points * n;
    if (rule.cap !== undefined)
      points = rule.points < 0 ? Math.max(points, rule.cap) : Math.min(points, rule.cap);
    const capped = points !== rule.points * n ? '（已达上限）' : '';
    // No space after a closing full-width bracket: "行政处罚（一般）2 条".
    const sep = rule.label.endsWith('）') ? '' : ' ';
    parts.push({ code: rule.code, label: `${rule.label}${sep}${n} 条${capped}`, points });
  }
  const raw = rules.baseScore + parts.reduce((s, p) => s + p.points, 0);
  const score = Math.max(0, Math.min(rules.baseScore, raw));
  const hasNegative = parts.some((p) => p.points < 0);
  return {
    class: classOfScore(score, rules.thresholds),
    score,
    parts: hasNegative ? parts : [CLEAN_PART, ...parts],
  };
}

/** The explanation as one line: "行政处罚（一般）2 条，-30；列入守信激励名单 1 条，+10". */
export function explainParts(parts: readonly ClassPart[]): string {
  return parts.map((p) => `${p.label}，${p.points > 0 ? `+${p.points}` : p.points}`).join('；');
}
