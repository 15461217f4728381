/**
 * Rule validation against the fact catalogue, before a rule is saved: every fact it names must exist for the
 * subject, operands must fit the fact's type (a number is not compared with text, an enum only with one of its
 * options, a date with a YYYY-MM-DD date), and only the operators the engine explains and translates are allowed.
 * Errors carry a JSON pointer into the rule and a reason in Chinese.
 */
import {
  factCatalogue,
  findFact,
  isValidDate,
  type FactCatalogue,
  type FactDefinition,
  type FactSubject,
} from './facts.ts';

/** A JsonLogic rule, stored as plain JSON. */
export type Rule = unknown;

export interface RuleError {
  /** JSON pointer into the rule, e.g. `/and/1/>=/0`. */
  path: string;
  rule: 'unknown_fact' | 'type' | 'operator' | 'shape';
  message: string;
}

export type RuleValidation = { ok: true } | { ok: false; errors: RuleError[] };

export const SUPPORTED_OPERATORS = [
  'var',
  '==',
  '===',
  '!=',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  'and',
  'or',
  '!',
  '!!',
  'in',
  '+',
  '-',
  '*',
  '/',
  '%',
  'min',
  'max',
  'if',
  '?:',
] as const;

type Primitive = number | string | boolean | null;

/** What validation knows about an expression's value. */
interface Inferred {
  t: 'number' | 'boolean' | 'string' | 'date' | 'enum' | 'enum[]' | 'null' | 'list' | 'any';
  fact?: FactDefinition;
  literal?: { value: Primitive };
  list?: Primitive[];
}

export function pointerSegment(s: string | number): string {
  return String(s).replaceAll('~', '~0').replaceAll('/', '~1');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: Primitive): string {
  return typeof v === 'string' ? `“${v}”` : String(v);
}

class Checker {
  readonly errors: RuleError[] = [];
  readonly #subject: FactSubject;
  readonly #catalogue: FactCatalogue;

  constructor(subject: FactSubject, catalogue: FactCatalogue) {
    this.#subject = subject;
    this.#catalogue = catalogue;
  }

  error(path: string, rule: RuleError['rule'], message: string): Inferred {
    this.errors.push({ path, rule, message });
    return { t: 'any' };
  }

  check(e: unknown, path: string): Inferred {
    if (e === null) return { t: 'null', literal: { value: null } };
    if (typeof e === 'number') {
      if (!Number.isFinite(e)) return this.error(path, 'type', '数字无效');
      return { t: 'number', literal: { value: e } };
    }
    if (typeof e === 'boolean') return { t: 'boolean', literal: { value: e } };
    if (typeof e === 'string') {
      return isValidDate(e) ? { t: 'date', literal: { value: e } } : { t: 'string', literal: { value: e } };
    }
    if (Array.isArray(e)) {
      const list: Primitive[] = [];
      e.forEach((x, i) => {
        if (x === null || ['number', 'string', 'boolean'].includes(typeof x)) list.push(x as Primitive);
        else this.error(`${path}/${i}`, 'shape', '列表中只能是数字、文本、是/否');
      });
      return { t: 'list', list };
    }
    if (!isObject(e)) return this.error(path, 'shape', '无法识别的规则片段');
    const keys = Object.keys(e);
    if (keys.length !== 1) {
      return this.error(
        path,
        'shape',
        `每个条件只能有一个运算符，这里有 ${keys.length} 个：${keys.join('、')}`,
      );
    }
    const op = keys[0]!;
    const here = `${path}/${pointerSegment(op)}`;
    if (!(SUPPORTED_OPERATORS as readonly string[]).includes(op)) {
      return this.error(here, 'operator', `不支持的运算符“${op}”`);
    }
    const raw = e[op];
    if (op === 'var') return this.variable(raw, here);
    const args = Array.isArray(raw) ? raw : [raw];
    const argPath = (i: number) => (Array.isArray(raw) ? `${here}/${i}` : here);
    switch (op) {
      case '<':
      case '<=':
      case '>':
      case '>=':
        return this.ordering(op, args, argPath);
      case '==':
      case '!=':
      case '===':
      case '!==':
        return this.equality(op, args, argPath);
      case 'in':
        return this.membership(args, argPath);
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
      case 'min':
      case 'max':
        args.forEach((a, i) => this.numeric(this.check(a, argPath(i)), argPath(i), op));
        if (args.length === 0) this.error(here, 'shape', `“${op}”至少需要一个参数`);
        return { t: 'number' };
      case 'and':
      case 'or':
        if (!Array.isArray(raw)) return this.error(here, 'shape', `“${op}”的参数应是条件列表`);
        args.forEach((a, i) => this.check(a, argPath(i)));
        return { t: 'any' };
      case '!':
      case '!!':
        if (Array.isArray(raw) && raw.length !== 1) return this.error(here, 'shape', `“${op}”只能有一个参数`);
        this.check(args[0], argPath(0));
        return { t: 'boolean' };
      case 'if':
      case '?:':
        args.forEach((a, i) => this.check(a, argPath(i)));
        return { t: 'any' };
    }
    return { t: 'any' };
  }

  variable(raw: unknown, path: string): Inferred {
    let name = raw;
    let fallback: unknown;
    if (Array.isArray(raw)) {
      if (raw.length < 1 || raw.length > 2)
        return this.error(path, 'shape', 'var 应为事实名，或 [事实名, 默认值]');
      name = raw[0];
      fallback = raw[1];
    }
    if (typeof name !== 'string' || name === '') return this.error(path, 'shape', 'var 应为事实名');
    const fact = findFact(this.#subject, name, this.#catalogue);
    if (!fact) {
      const other = this.#catalogue.find((f) => f.name === name);
      return this.error(
        path,
        'unknown_fact',
        other
          ? `事实“${name}”（${other.label}）不属于${SUBJECT_LABEL[this.#subject]}`
          : `未知的事实“${name}”`,
      );
    }
    if (fallback !== undefined && fallback !== null) {
      const v = this.check(fallback, `${path}/1`);
      this.compatible(fact, v, `${path}/1`, '默认值');
    }
    return { t: fact.type === 'integer' ? 'number' : fact.type, fact };
  }

  numeric(v: Inferred, path: string, op: string): void {
    if (v.t === 'number' || v.t === 'null' || v.t === 'any') return;
    if (v.fact) {
      this.error(path, 'type', `“${v.fact.label}”不是数字，不能用于“${op}”运算`);
    } else if (v.literal) {
      this.error(path, 'type', `${show(v.literal.value)}不是数字，不能用于“${op}”运算`);
    } else {
      this.error(path, 'type', `这里需要数字（“${op}”运算）`);
    }
  }

  /** Can the fact be compared with this value? Reports why not. */
  compatible(fact: FactDefinition, v: Inferred, path: string, what = '比较值'): void {
    if (v.t === 'null' || v.t === 'any') return;
    const lit = v.literal?.value;
    switch (fact.type) {
      case 'number':
      case 'integer':
        if (v.t !== 'number') {
          this.error(
            path,
            'type',
            `“${fact.label}”是数字，${what}${lit !== undefined ? show(lit) : ''}不是数字`,
          );
        }
        return;
      case 'boolean':
        if (v.t !== 'boolean') this.error(path, 'type', `“${fact.label}”是是/否，${what}应为 true 或 false`);
        return;
      case 'date':
        if (v.t !== 'date') {
          this.error(
            path,
            'type',
            `“${fact.label}”是日期，${what}${lit !== undefined ? show(lit) : ''}应为 YYYY-MM-DD 格式的日期`,
          );
        }
        return;
      case 'string':
        if (v.t !== 'string' && v.t !== 'date')
          this.error(path, 'type', `“${fact.label}”是文本，${what}应为文本`);
        return;
      case 'enum': {
        if (v.fact && v.fact.type === 'enum') return;
        const opts = fact.options?.map((o) => o.value) ?? [];
        if (typeof lit !== 'string') {
          this.error(path, 'type', `“${fact.label}”是选项，${what}应为以下之一：${opts.join('、')}`);
        } else if (!opts.includes(lit)) {
          this.error(path, 'type', `“${fact.label}”没有选项“${lit}”（可选：${opts.join('、')}）`);
        }
        return;
      }
      case 'enum[]':
        this.error(path, 'type', `“${fact.label}”是多选列表，请用“包含”（in）判断`);
        return;
    }
  }

  ordering(op: string, args: unknown[], argPath: (i: number) => string): Inferred {
    if (args.length < 2 || args.length > 3) {
      return this.error(argPath(0).replace(/\/0$/, ''), 'shape', `“${op}”需要 2 个参数（或 3 个表示区间）`);
    }
    const vals = args.map((a, i) => this.check(a, argPath(i)));
    const facts = vals.map((v) => v.fact).filter((f): f is FactDefinition => f !== undefined);
    for (const f of facts) {
      if (f.type === 'enum' || f.type === 'enum[]' || f.type === 'boolean') {
        const i = vals.findIndex((v) => v.fact === f);
        this.error(
          argPath(i),
          'type',
          `“${f.label}”是${f.type === 'boolean' ? '是/否' : '选项'}，不能比较大小`,
        );
        return { t: 'boolean' };
      }
    }
    const anchor = facts[0];
    vals.forEach((v, i) => {
      if (anchor) {
        if (v.fact !== anchor) this.compatible(anchor, v, argPath(i));
      } else if (v.t !== 'number' && v.t !== 'null' && v.t !== 'any' && v.t !== 'date' && v.t !== 'string') {
        this.error(argPath(i), 'type', `“${op}”只能比较数字或日期`);
      }
    });
    return { t: 'boolean' };
  }

  equality(op: string, args: unknown[], argPath: (i: number) => string): Inferred {
    if (args.length !== 2) return this.error(argPath(0).replace(/\/0$/, ''), 'shape', `“${op}”需要 2 个参数`);
    const [a, b] = [this.check(args[0], argPath(0)), this.check(args[1], argPath(1))];
    if (a.fact) this.compatible(a.fact, b, argPath(1));
    else if (b.fact) this.compatible(b.fact, a, argPath(0));
    return { t: 'boolean' };
  }

  membership(args: unknown[], argPath: (i: number) => string): Inferred {
    if (args.length !== 2)
      return this.error(argPath(0).replace(/\/0$/, ''), 'shape', '“in”需要 2 个参数：值和列表');
    const needle = this.check(args[0], argPath(0));
    const hay = this.check(args[1], argPath(1));
    if (hay.fact?.type === 'enum[]') {
      const opts = hay.fact.options?.map((o) => o.value) ?? [];
      const lit = needle.literal?.value;
      if (needle.fact && needle.fact.type !== 'enum' && needle.fact.type !== 'string') {
        this.error(argPath(0), 'type', `“${hay.fact.label}”是选项列表，不能包含“${needle.fact.label}”`);
      } else if (needle.literal && (typeof lit !== 'string' || !opts.includes(lit))) {
        this.error(
          argPath(0),
          'type',
          `“${hay.fact.label}”没有选项${show(lit ?? null)}（可选：${opts.join('、')}）`,
        );
      }
    } else if (hay.t === 'list') {
      if (needle.fact) {
        hay.list?.forEach((x, i) =>
          this.compatible(
            needle.fact!,
            this.check(x, `${argPath(1)}/${i}`),
            `${argPath(1)}/${i}`,
            '列表中的值',
          ),
        );
      }
    } else if (hay.fact) {
      if (hay.fact.type !== 'string') {
        this.error(argPath(1), 'type', `“${hay.fact.label}”不是文本或列表，不能用“in”`);
      } else if (needle.t !== 'string' && needle.t !== 'date' && needle.t !== 'enum' && needle.t !== 'any') {
        this.error(argPath(0), 'type', `在“${hay.fact.label}”中查找的应是文本`);
      }
    } else if (hay.t !== 'string' && hay.t !== 'date' && hay.t !== 'any' && hay.t !== 'null') {
      this.error(argPath(1), 'type', '“in”的第二个参数应是列表或文本');
    }
    return { t: 'boolean' };
  }
}

const SUBJECT_LABEL: Record<FactSubject, string> = {
  enterprise: '企业',
  individual: '个人',
  connection: '用电报装',
};

/** Checks a rule against the fact catalogue of a subject. */
export function validateRule(
  rule: Rule,
  subject: FactSubject,
  facts: FactCatalogue = factCatalogue(),
): RuleValidation {
  if (rule === true || rule === false) return { ok: true };
  if (!isObject(rule)) {
    return {
      ok: false,
      errors: [{ path: '', rule: 'shape', message: '规则应为 JsonLogic 对象（或 true）' }],
    };
  }
  const checker = new Checker(subject, facts);
  checker.check(rule, '');
  return checker.errors.length === 0 ? { ok: true } : { ok: false, errors: checker.errors };
}
