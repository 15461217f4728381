/**
 * One clause against one set of facts, the way every view shows it (calculator, enterprise explanations, test
 * cases, grant amounts): the engine's condition-by-condition explanation, the estimated benefit, and the checklist
 * summary in words (“差 2 项：研发费用占比 3.1% < 5%；…”).
 */
import {
  compileRule,
  describeBenefit,
  evaluateBenefit,
  explainRule,
  factCatalogue,
  findFact,
  requireKnownFacts,
  type BenefitFormula,
  type Condition,
  type FactSubject,
  type FactValues,
} from './engine/index.ts';
import { wholeYearsBetween } from './engine/facts.ts';

export interface ClauseEvaluation {
  eligible: boolean;
  missing: number;
  summary: string;
  conditions: Condition[];
  benefit: { amount: number | null; formula: string } | null;
}

const NEGATED: Record<string, string> = { '≥': '<', '>': '≤', '≤': '>', '<': '≥', '=': '≠', '≠': '=' };

/** “研发费用占比 3.1% < 5%” for a failed comparison, otherwise the condition's label with the actual value. */
export function describeShortfall(subject: FactSubject, c: Condition): string {
  const def = c.fact ? findFact(subject, c.fact) : undefined;
  const m = /^(≥|>|≤|<|=|≠)\s*(.+)$/.exec(c.required.trim());
  if (def && m && typeof c.actual === 'number') {
    return `${def.label} ${c.actualText} ${NEGATED[m[1]!]!} ${m[2]!}`;
  }
  return `${c.label}（实际：${c.actualText}）`;
}

export function summarise(subject: FactSubject, eligible: boolean, conditions: readonly Condition[]): string {
  const failed = conditions.filter((c) => !c.passed);
  if (eligible) return conditions.length > 0 ? `符合全部 ${conditions.length} 项条件` : '符合条件';
  if (failed.length === 0) return '不符合条件';
  return `差 ${failed.length} 项：${failed.map((c) => describeShortfall(subject, c)).join('；')}`;
}

/** Adds facts the platform derives (an enterprise's age in years from its founding date) when not given. */
export function withDerivedFacts(subject: FactSubject, facts: FactValues, today: string): FactValues {
  if (subject !== 'enterprise') return facts;
  const founded = facts.founded_on;
  if ((facts.age_years === undefined || facts.age_years === null) && typeof founded === 'string') {
    return { ...facts, age_years: Math.max(0, wholeYearsBetween(founded, today)) };
  }
  return facts;
}

export function isBenefitFormula(v: unknown): v is BenefitFormula {
  return typeof v === 'object' && v !== null && 'kind' in v;
}

export function benefitText(benefit: unknown): string | null {
  if (!isBenefitFormula(benefit)) return null;
  try {
    return describeBenefit(benefit, factCatalogue());
  } catch {
    return null;
  }
}

export function evaluateClause(
  clause: { rule: unknown; benefit: unknown; subject: FactSubject },
  facts: FactValues,
): ClauseEvaluation {
  const explanation = explainRule(clause.rule, facts, factCatalogue(), clause.subject);
  // The compiled rule decides; the explanation gives the reasons (they agree by the engine's tests).
  const eligible = compileRule(requireKnownFacts(clause.rule))(facts);
  const conditions = explanation.conditions;
  const missing = eligible ? 0 : Math.max(1, conditions.filter((c) => !c.passed).length);
  let benefit: ClauseEvaluation['benefit'] = null;
  if (isBenefitFormula(clause.benefit)) {
    const b = evaluateBenefit(clause.benefit, facts, factCatalogue());
    benefit = { amount: eligible ? b.amount : null, formula: b.formula };
  }
  return { eligible, missing, summary: summarise(clause.subject, eligible, conditions), conditions, benefit };
}
