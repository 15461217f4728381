/**
 * Condition-by-condition explanations: the top-level `and` (or `or`) of a rule is split into conditions, each
 * with a plain-language label (zh) such as “研发费用占比 ≥ 5%”, the actual value, the required value and whether
 * it passed (evaluated by the same compiled engine as eligibility, so the checklist never contradicts it).
 */
import { requireKnownFacts } from './known.ts';
import { compileRule, isTruthy, tryEvaluate } from './compile.ts';
import {
  factCatalogue,
  type FactCatalogue,
  type FactDefinition,
  type FactSubject,
  type FactValues,
} from './facts.ts';
import type { Rule } from './validate.ts';

export interface Condition {
  label: string;
  /** The fact the condition is about (the first one when it involves several), or null. */
  fact: string | null;
  /** The value used: the fact's value, a computed value for expressions, or null when unknown. */
  actual: unknown;
  /** The actual value in words (with unit or option label), e.g. “3.1%”, “小型”, “未知”. */
  actualText: string;
  required: string;
  passed: boolean;
}

export interface Explanation {
  eligible: boolean;
  conditions: Condition[];
}

export interface ConditionText {
  label: string;
  fact: string | null;
  required: string;
}

type Primitive = number | string | boolean | null;

const SYMBOL: Record<string, string> = {
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
  '==': '=',
  '===': '=',
  '!=': '≠',
  '!==': '≠',
};
const DATE_WORD: Record<string, string> = { '<': '早于', '<=': '不晚于', '>': '晚于', '>=': '不早于' };
const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const ARITH: Record<string, string> = { '+': ' + ', '-': ' − ', '*': ' × ', '/': ' ÷ ', '%': ' mod ' };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPrimitive(v: unknown): v is Primitive {
  return v === null || ['number', 'string', 'boolean'].includes(typeof v);
}

function operation(e: unknown): { op: string; args: unknown[] } | undefined {
  if (!isObject(e)) return undefined;
  const keys = Object.keys(e);
  if (keys.length !== 1) return undefined;
  const op = keys[0]!;
  const raw = e[op];
  return { op, args: Array.isArray(raw) ? raw : [raw] };
}

/** Any value as text: strings as they are, everything else as JSON. */
function plain(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
}

function trimNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 10000) / 10000);
}

/** A fact value in words: unit, option labels, 是/否, “未知” for null. */
export function formatFactValue(fact: FactDefinition | undefined, value: unknown): string {
  if (value === null || value === undefined) return '未知';
  if (!fact) return typeof value === 'string' ? value : JSON.stringify(value);
  const label = (v: unknown) => fact.options?.find((o) => o.value === v)?.label ?? plain(v);
  switch (fact.type) {
    case 'number':
    case 'integer': {
      if (typeof value !== 'number') return plain(value);
      const n = trimNumber(value);
      if (!fact.unit) return n;
      return fact.unit === '%' ? `${n}%` : `${n} ${fact.unit}`;
    }
    case 'boolean':
      return value === true ? '是' : value === false ? '否' : plain(value);
    case 'enum':
      return label(value);
    case 'enum[]':
      return Array.isArray(value) ? (value.length ? value.map(label).join('、') : '无') : plain(value);
    default:
      return plain(value);
  }
}

class Describer {
  readonly #catalogue: FactCatalogue;
  readonly #subject: FactSubject | undefined;

  constructor(catalogue: FactCatalogue, subject: FactSubject | undefined) {
    this.#catalogue = catalogue;
    this.#subject = subject;
  }

  fact(name: unknown): FactDefinition | undefined {
    if (typeof name !== 'string') return undefined;
    return this.#catalogue.find((f) => f.name === name && (!this.#subject || f.subject === this.#subject));
  }

  /** The fact a `var` names, if `e` is one. */
  varFact(e: unknown): { name: string; def: FactDefinition | undefined } | undefined {
    const o = operation(e);
    if (!o || o.op !== 'var') return undefined;
    const name = o.args[0];
    if (typeof name !== 'string') return undefined;
    return { name, def: this.fact(name) };
  }

  /** Facts named anywhere in `e`, in order of appearance. */
  factsIn(e: unknown, out: string[] = []): string[] {
    const v = this.varFact(e);
    if (v) {
      if (!out.includes(v.name)) out.push(v.name);
      return out;
    }
    if (Array.isArray(e)) for (const x of e) this.factsIn(x, out);
    else if (isObject(e)) for (const x of Object.values(e)) this.factsIn(x, out);
    return out;
  }

  constant(def: FactDefinition | undefined, v: Primitive): string {
    if (v === null) return '未知';
    if (def) return formatFactValue(def, v);
    return typeof v === 'number' ? trimNumber(v) : String(v);
  }

  /** An expression in words (facts by label, arithmetic with × ÷). */
  expr(e: unknown, nested = false): string {
    if (isPrimitive(e)) return typeof e === 'number' ? trimNumber(e) : e === null ? '空' : String(e);
    const v = this.varFact(e);
    if (v) return v.def?.label ?? v.name;
    const o = operation(e);
    if (o && ARITH[o.op]) {
      const body = o.args.map((a) => this.expr(a, true)).join(ARITH[o.op]);
      return nested ? `（${body}）` : body;
    }
    if (o && (o.op === 'min' || o.op === 'max')) {
      return `${o.op === 'min' ? '较小值' : '较大值'}（${o.args.map((a) => this.expr(a)).join('，')}）`;
    }
    return this.text(e).label;
  }

  comparison(op: string, left: unknown, right: unknown): ConditionText | undefined {
    let subject = left;
    let other = right;
    let o = op;
    if (!this.varFact(left) && this.varFact(right) && isPrimitive(left)) {
      subject = right;
      other = left;
      o = FLIP[op] ?? op;
    }
    const v = this.varFact(subject);
    if (!isPrimitive(other)) return undefined;
    const def = v?.def;
    const name = v ? (def?.label ?? v.name) : this.expr(subject);
    const fact = v?.name ?? this.factsIn(subject)[0] ?? null;
    if (def?.type === 'date' && DATE_WORD[o]) {
      const required = `${DATE_WORD[o]} ${this.constant(def, other)}`;
      return { label: `${name}${required}`, fact, required };
    }
    if (o === '==' || o === '===' || o === '!=' || o === '!==') {
      const negate = o.startsWith('!');
      if (other === null) {
        const required = negate ? '已知' : '未知';
        return { label: `${name}${required}`, fact, required };
      }
      if (def?.type === 'boolean' && typeof other === 'boolean') {
        const yes = other !== negate;
        const required = yes ? '是' : '否';
        return { label: `${name}：${required}`, fact, required };
      }
      if (def?.type === 'enum' || def?.type === 'string' || def?.type === 'date') {
        const required = `${negate ? '不为' : '为'} ${this.constant(def, other)}`;
        return { label: `${name}${required}`, fact, required };
      }
    }
    const sym = SYMBOL[o] ?? o;
    const required = `${sym} ${this.constant(def, other)}`;
    return { label: `${name} ${required}`, fact, required };
  }

  /** Label, fact and requirement of one condition. */
  text(e: unknown): ConditionText {
    if (e === true || e === false) {
      return { label: e ? '无条件' : '不适用', fact: null, required: e ? '无' : '不适用' };
    }
    const o = operation(e);
    if (!o) return { label: JSON.stringify(e), fact: null, required: JSON.stringify(e) };
    const { op, args } = o;
    const v = this.varFact(e);
    if (v) {
      const def = v.def;
      const name = def?.label ?? v.name;
      const required =
        def?.type === 'boolean'
          ? '是'
          : def?.type === 'enum[]'
            ? '不为空'
            : def?.type === 'number' || def?.type === 'integer'
              ? '不为 0'
              : '已填写';
      return {
        label: def?.type === 'boolean' ? `${name}：是` : `${name}${required}`,
        fact: v.name,
        required,
      };
    }
    if (op === '<' || op === '<=' || op === '>' || op === '>=') {
      if (args.length === 2) {
        const c = this.comparison(op, args[0], args[1]);
        if (c) return c;
      }
      if (args.length === 3 && isPrimitive(args[0]) && isPrimitive(args[2])) {
        const mid = this.varFact(args[1]);
        const def = mid?.def;
        const name = mid ? (def?.label ?? mid.name) : this.expr(args[1]);
        const lower = `${SYMBOL[FLIP[op]!]} ${this.constant(def, args[0])}`;
        const upper = `${SYMBOL[op]} ${this.constant(def, args[2])}`;
        const required = `${lower} 且 ${upper}`;
        return {
          label: `${name} ${required}`,
          fact: mid?.name ?? this.factsIn(args[1])[0] ?? null,
          required,
        };
      }
    }
    if (op === '==' || op === '===' || op === '!=' || op === '!==') {
      const c = args.length === 2 ? this.comparison(op, args[0], args[1]) : undefined;
      if (c) return c;
    }
    if (op === 'in' && args.length === 2) {
      const [needle, hay] = args;
      const hayFact = this.varFact(hay);
      const needleFact = this.varFact(needle);
      if (hayFact && isPrimitive(needle)) {
        const def = hayFact.def;
        const label = def?.options?.find((x) => x.value === needle)?.label ?? String(needle);
        const name = def?.label ?? hayFact.name;
        const required = def?.type === 'enum[]' ? `包含 ${label}` : `包含“${label}”`;
        return { label: `${name}${required}`, fact: hayFact.name, required };
      }
      if (needleFact && Array.isArray(hay)) {
        const def = needleFact.def;
        const items = hay.map((x) => this.constant(def, isPrimitive(x) ? x : null));
        const required = items.length === 1 ? `为 ${items[0]}` : `为 ${items.join('、')} 之一`;
        return { label: `${def?.label ?? needleFact.name}${required}`, fact: needleFact.name, required };
      }
    }
    if (op === '!' || op === '!!') {
      const inner = args[0];
      const iv = this.varFact(inner);
      if (op === '!' && iv?.def?.type === 'boolean') {
        return { label: `${iv.def.label}：否`, fact: iv.name, required: '否' };
      }
      const t = this.text(inner);
      if (op === '!!') return t;
      return { label: `并非（${t.label}）`, fact: t.fact, required: `并非（${t.required}）` };
    }
    if ((op === 'and' || op === 'or') && args.length > 0) {
      const parts = args.map((a) => this.text(a));
      const joined = parts.map((p) => p.label).join(op === 'and' ? '，且' : '，或');
      const label = parts.length === 1 ? joined : `（${joined}）`;
      return { label, fact: this.factsIn(e)[0] ?? null, required: label };
    }
    const label = this.expr(e);
    return { label, fact: this.factsIn(e)[0] ?? null, required: label };
  }

  /** The value shown as "actual": the fact, or the computed side of an expression comparison. */
  actual(e: unknown, facts: FactValues, text: ConditionText): unknown {
    const names = this.factsIn(e);
    if (names.length === 1 && text.fact === names[0]) {
      const o = operation(e);
      // A comparison of an expression (e.g. a ratio of two facts): show the computed side.
      if (o && ['<', '<=', '>', '>=', '==', '!='].includes(o.op)) {
        const side = o.args.find((a) => !isPrimitive(a));
        if (side !== undefined && !this.varFact(side)) return valueOrNull(side, facts);
      }
      return facts[names[0]] ?? null;
    }
    if (names.length === 0) return null;
    const o = operation(e);
    if (o && ['<', '<=', '>', '>=', '==', '!='].includes(o.op)) {
      const side = o.args.find((a) => !isPrimitive(a));
      if (side !== undefined) return valueOrNull(side, facts);
    }
    return Object.fromEntries(names.map((n) => [n, facts[n] ?? null]));
  }

  actualText(e: unknown, value: unknown, text: ConditionText): string {
    const names = this.factsIn(e);
    if (
      names.length === 1 &&
      text.fact === names[0] &&
      (this.varFact(e) || operation(e)?.args.some((a) => this.varFact(a)))
    ) {
      return formatFactValue(this.fact(names[0]), value);
    }
    if (typeof value === 'number') return trimNumber(value);
    if (value === null || value === undefined) return '未知';
    if (isObject(value)) {
      return Object.entries(value)
        .map(([k, v]) => `${this.fact(k)?.label ?? k} ${formatFactValue(this.fact(k), v)}`)
        .join('，');
    }
    return plain(value);
  }
}

function valueOrNull(e: unknown, facts: FactValues): unknown {
  const r = tryEvaluate(e, facts);
  return 'value' in r ? (r.value ?? null) : null;
}

/** The top-level conditions of a rule: the operands of a top-level `and`/`or`, else the rule itself. */
function topConditions(rule: Rule): unknown[] {
  if (rule === true) return [];
  const o = operation(rule);
  if (o && (o.op === 'and' || o.op === 'or') && Array.isArray((rule as Record<string, unknown>)[o.op]))
    return o.args;
  return [rule];
}

/** Explains a rule on given facts, condition by condition; `eligible` is the compiled rule's result. */
export function explainRule(
  rule: Rule,
  facts: FactValues,
  catalogue: FactCatalogue = factCatalogue(),
  subject?: FactSubject,
): Explanation {
  const d = new Describer(catalogue, subject);
  const conditions = topConditions(rule).map((c): Condition => {
    const text = d.text(c);
    const actual = d.actual(c, facts, text);
    return {
      label: text.label,
      fact: text.fact,
      actual,
      actualText: d.actualText(c, actual, text),
      required: text.required,
      passed: compileRule(requireKnownFacts(c))(facts),
    };
  });
  return { eligible: compileRule(requireKnownFacts(rule))(facts), conditions };
}

/** The rule's conditions as text (no facts): for catalogue pages and the editor. */
export function describeRule(
  rule: Rule,
  catalogue: FactCatalogue = factCatalogue(),
  subject?: FactSubject,
): ConditionText[] {
  const d = new Describer(catalogue, subject);
  return topConditions(rule).map((c) => d.text(c));
}

/** “差 2 项：研发费用占比 3.1% < 5%；…” — the failed conditions in one line (empty when eligible). */
export function summarizeExplanation(explanation: Explanation): string {
  const failed = explanation.conditions.filter((c) => !c.passed);
  if (explanation.eligible) return '符合条件';
  if (failed.length === 0) return '不符合条件';
  return `差 ${failed.length} 项：${failed.map((c) => `${c.label}（实际：${c.actualText}）`).join('；')}`;
}

export { isTruthy };
