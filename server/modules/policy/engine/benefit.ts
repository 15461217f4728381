/**
 * Benefit formulas (stored JSON): fixed, rate of a fact with an optional cap, tiers by a fact, or a JsonLogic
 * expression returning a number. Amounts are 万元 unless the fact's unit says otherwise; the formula is returned
 * in words with the numbers used, e.g. “上年度科技贷款利息 25 万元 × 50% = 12.5 万元（最高 50 万元）”.
 */
import { tryEvaluate } from './compile.ts';
import { formatFactValue } from './explain.ts';
import {
  factCatalogue,
  findFact,
  type FactCatalogue,
  type FactDefinition,
  type FactSubject,
  type FactValues,
} from './facts.ts';
import { pointerSegment, validateRule, type Rule, type RuleError } from './validate.ts';

export type BenefitFormula =
  | { kind: 'fixed'; amount: number }
  | { kind: 'rate'; fact: string; rate: number; cap?: number | null }
  | { kind: 'tiered'; fact: string; tiers: { min: number; amount: number }[] }
  | { kind: 'logic'; expr: Rule; cap?: number | null };

export interface BenefitResult {
  /** 万元; null when a fact the formula needs is unknown (or the expression cannot be evaluated). */
  amount: number | null;
  formula: string;
}

function round(n: number): number {
  return Math.round(n * 10000) / 10000;
}

function money(n: number): string {
  return `${round(n)} 万元`;
}

function percent(rate: number): string {
  return `${round(rate * 100)}%`;
}

function factByName(name: string, catalogue: FactCatalogue): FactDefinition | undefined {
  return catalogue.find((f) => f.name === name);
}

function exprText(e: unknown, catalogue: FactCatalogue, nested = false): string {
  if (typeof e === 'number') return String(round(e));
  if (typeof e === 'object' && e !== null && !Array.isArray(e)) {
    const [op] = Object.keys(e);
    const raw = (e as Record<string, unknown>)[op!];
    const args = Array.isArray(raw) ? raw : [raw];
    if (op === 'var') return factByName(String(args[0]), catalogue)?.label ?? String(args[0]);
    const sym: Record<string, string> = { '+': ' + ', '-': ' − ', '*': ' × ', '/': ' ÷ ' };
    if (op && sym[op]) {
      const body = args.map((a) => exprText(a, catalogue, true)).join(sym[op]);
      return nested ? `（${body}）` : body;
    }
    if (op === 'min' || op === 'max') {
      return `${op === 'min' ? '较小值' : '较大值'}（${args.map((a) => exprText(a, catalogue)).join('，')}）`;
    }
    if (op === 'if') return '按条件计算';
  }
  return JSON.stringify(e);
}

/** The formula in words without facts (`benefitText`), e.g. “上年度科技贷款利息 × 50%，最高 50 万元”. */
export function describeBenefit(formula: BenefitFormula, catalogue: FactCatalogue = factCatalogue()): string {
  switch (formula.kind) {
    case 'fixed':
      return `定额 ${money(formula.amount)}`;
    case 'rate': {
      const label = factByName(formula.fact, catalogue)?.label ?? formula.fact;
      const cap = formula.cap != null ? `，最高 ${money(formula.cap)}` : '';
      return `${label} × ${percent(formula.rate)}${cap}`;
    }
    case 'tiered': {
      const def = factByName(formula.fact, catalogue);
      const tiers = [...formula.tiers].sort((a, b) => a.min - b.min);
      return `按${def?.label ?? formula.fact}分档：${tiers
        .map((t) => `≥ ${formatFactValue(def, t.min)} 给予 ${money(t.amount)}`)
        .join('；')}`;
    }
    case 'logic': {
      const cap = formula.cap != null ? `，最高 ${money(formula.cap)}` : '';
      return `${exprText(formula.expr, catalogue)}${cap}`;
    }
  }
}

/** Computes the benefit on the facts, with the formula and the numbers used in words. */
export function evaluateBenefit(
  formula: BenefitFormula,
  facts: FactValues,
  catalogue: FactCatalogue = factCatalogue(),
): BenefitResult {
  const text = describeBenefit(formula, catalogue);
  switch (formula.kind) {
    case 'fixed':
      return { amount: round(formula.amount), formula: text };
    case 'rate': {
      const def = factByName(formula.fact, catalogue);
      const v = facts[formula.fact];
      if (typeof v !== 'number')
        return { amount: null, formula: `${text}（${def?.label ?? formula.fact}未知）` };
      const raw = v * formula.rate;
      const capped = formula.cap != null && raw > formula.cap;
      const amount = round(capped ? formula.cap! : Math.max(0, raw));
      return {
        amount,
        formula: `${text}：${formatFactValue(def, v)} × ${percent(formula.rate)} = ${money(raw)}${
          capped ? `，超过上限，按 ${money(formula.cap!)}` : ''
        }`,
      };
    }
    case 'tiered': {
      const def = factByName(formula.fact, catalogue);
      const v = facts[formula.fact];
      if (typeof v !== 'number')
        return { amount: null, formula: `${text}（${def?.label ?? formula.fact}未知）` };
      const tier = [...formula.tiers].sort((a, b) => b.min - a.min).find((t) => v >= t.min);
      const amount = round(tier?.amount ?? 0);
      return {
        amount,
        formula: tier
          ? `${text}：${formatFactValue(def, v)} ≥ ${formatFactValue(def, tier.min)}，给予 ${money(amount)}`
          : `${text}：${formatFactValue(def, v)} 未达最低档，0 万元`,
      };
    }
    case 'logic': {
      const r = tryEvaluate(formula.expr, facts);
      if (!('value' in r) || typeof r.value !== 'number' || !Number.isFinite(r.value)) {
        return { amount: null, formula: `${text}（所需数据未知，无法计算）` };
      }
      const raw = r.value;
      const capped = formula.cap != null && raw > formula.cap;
      const amount = round(capped ? formula.cap! : Math.max(0, raw));
      return {
        amount,
        formula: `${text} = ${money(raw)}${capped ? `，超过上限，按 ${money(formula.cap!)}` : ''}`,
      };
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a stored formula's shape and the facts it names; paths are JSON pointers into the formula. */
export function validateBenefit(
  formula: unknown,
  subject: FactSubject,
  catalogue: FactCatalogue = factCatalogue(),
): { ok: true } | { ok: false; errors: RuleError[] } {
  const errors: RuleError[] = [];
  const num = (v: unknown, path: string, what: string, allowNull = false) => {
    if (allowNull && (v === undefined || v === null)) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      errors.push({ path, rule: 'type', message: `${what}应为不小于 0 的数字` });
    }
  };
  const numericFact = (name: unknown, path: string) => {
    const def = typeof name === 'string' ? findFact(subject, name, catalogue) : undefined;
    if (!def) errors.push({ path, rule: 'unknown_fact', message: `未知的事实“${String(name)}”` });
    else if (def.type !== 'number' && def.type !== 'integer') {
      errors.push({ path, rule: 'type', message: `“${def.label}”不是数字，不能用来计算金额` });
    }
  };
  if (!isObject(formula))
    return { ok: false, errors: [{ path: '', rule: 'shape', message: '金额公式应为对象' }] };
  switch (formula.kind) {
    case 'fixed':
      num(formula.amount, '/amount', '金额');
      break;
    case 'rate':
      numericFact(formula.fact, '/fact');
      num(formula.rate, '/rate', '比例');
      num(formula.cap, '/cap', '上限', true);
      break;
    case 'tiered':
      numericFact(formula.fact, '/fact');
      if (!Array.isArray(formula.tiers) || formula.tiers.length === 0) {
        errors.push({ path: '/tiers', rule: 'shape', message: '分档至少需要一档' });
      } else {
        formula.tiers.forEach((t: unknown, i: number) => {
          if (!isObject(t)) {
            errors.push({ path: `/tiers/${i}`, rule: 'shape', message: '每档应为 { min, amount }' });
            return;
          }
          if (typeof t.min !== 'number' || !Number.isFinite(t.min)) {
            errors.push({ path: `/tiers/${i}/min`, rule: 'type', message: '分档下限应为数字' });
          }
          num(t.amount, `/tiers/${i}/amount`, '分档金额');
        });
      }
      break;
    case 'logic': {
      num(formula.cap, '/cap', '上限', true);
      const v = validateRule(formula.expr, subject, catalogue);
      if (!v.ok) errors.push(...v.errors.map((e) => ({ ...e, path: `/expr${e.path}` })));
      else if (!isObject(formula.expr) && typeof formula.expr !== 'number') {
        errors.push({ path: '/expr', rule: 'shape', message: '计算式应为返回数字的 JsonLogic' });
      }
      break;
    }
    default:
      errors.push({
        path: '/kind',
        rule: 'shape',
        message: `未知的公式类型“${String(formula.kind)}”（可选：fixed、rate、tiered、logic）`,
      });
  }
  return errors.length ? { ok: false, errors } : { ok: true };
}

export { pointerSegment };
