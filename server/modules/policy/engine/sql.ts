/**
 * Translation of a JsonLogic subset to one PostgreSQL boolean expression (PostgreSQL and PGlite), so batch
 * matching runs where the facts live. The translation must give exactly what json-logic-engine (compiled) gives,
 * including its handling of null/missing values and coercions, or it must refuse (null → the caller evaluates the
 * rule in JS). Anything that could raise a JsonLogic error in JS (division by a fact, text compared with a number,
 * arrays in comparisons …) is refused rather than approximated.
 *
 * Supported: var (a fact, no default), literals, == != === !== < <= > >= (chains such as the between form
 * `{"<": [a, x, b]}`), and, or, !, !!, in (substring and array membership), + - * /, if / ?:.
 *
 * Semantics used (json-logic-engine 5, compiled):
 * - numbers, booleans and null compare numerically, null counting as 0 (for == too: `null == 0` is true);
 * - two strings compare as JS strings (UTF-16 code units → `COLLATE "C"`), `==` on strings/null is JS `==`;
 * - a string against a number/boolean is converted with Number(); a non-numeric string raises an error;
 * - a comparison of a fact with a constant evaluates the "fact is null" case with the engine itself at
 *   translation time, so every null corner case comes from the reference implementation.
 */
import { sql, type RawBuilder } from 'kysely';
import { logicEngine, isTruthy } from './compile.ts';
import type { FactType } from './facts.ts';
import type { Rule } from './validate.ts';

/** A boolean SQL expression (never NULL) equal to the rule's truthiness. */
export type SqlFragment = RawBuilder<boolean>;

/** How a fact is read in SQL: an expression and the type of value it yields (NULL = unknown / missing). */
export interface SqlColumn {
  sql: RawBuilder<unknown>;
  /** A catalogue type; `json-null` is a value known to be null (conformance data). */
  type: FactType | 'json-null';
  /** False when the expression can never be NULL (default true). */
  nullable?: boolean;
}

export type SqlColumnOf = (fact: string) => SqlColumn | undefined;

type Kind = 'number' | 'boolean' | 'text' | 'textarray' | 'null';
type Primitive = number | string | boolean | null;

interface Val {
  sql: RawBuilder<unknown>;
  kind: Kind;
  nullable: boolean;
  /** Present for literals: the JS value. */
  constant?: { value: Primitive };
}

class Untranslatable extends Error {}

function refuse(): never {
  throw new Untranslatable('untranslatable');
}

const COMPARATORS = { '<': '<', '<=': '<=', '>': '>', '>=': '>=' } as const;
type Comparator = keyof typeof COMPARATORS;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function operation(e: unknown): { op: string; args: unknown } | undefined {
  if (!isObject(e)) return undefined;
  const keys = Object.keys(e);
  if (keys.length !== 1) return undefined;
  const op = keys[0]!;
  return { op, args: e[op] };
}

function argList(args: unknown): unknown[] {
  return Array.isArray(args) ? args : [args];
}

/** Evaluates a constant JsonLogic expression with the reference engine; refuses when it raises. */
function jsConst(rule: unknown): unknown {
  try {
    return logicEngine.run(rule, {});
  } catch {
    return refuse();
  }
}

function literal(value: Primitive): Val {
  if (value === null) return { sql: sql`null`, kind: 'null', nullable: true, constant: { value } };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) refuse();
    return { sql: sql`${value}::float8`, kind: 'number', nullable: false, constant: { value } };
  }
  if (typeof value === 'string')
    return { sql: sql`${value}::text`, kind: 'text', nullable: false, constant: { value } };
  return { sql: value ? sql`true` : sql`false`, kind: 'boolean', nullable: false, constant: { value } };
}

function boolVal(s: RawBuilder<unknown>): Val {
  return { sql: s, kind: 'boolean', nullable: false };
}

function kindOf(type: SqlColumn['type']): Kind {
  switch (type) {
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
    case 'enum':
    case 'date':
      return 'text';
    case 'enum[]':
      return 'textarray';
    case 'json-null':
      return 'null';
  }
}

class Translator {
  readonly #columnOf: SqlColumnOf;

  constructor(columnOf: SqlColumnOf) {
    this.#columnOf = columnOf;
  }

  value(e: unknown): Val {
    if (e === null || typeof e === 'number' || typeof e === 'string' || typeof e === 'boolean')
      return literal(e);
    const o = operation(e);
    if (!o) refuse();
    const { op, args } = o;
    switch (op) {
      case 'var':
        return this.variable(args);
      case '<':
      case '<=':
      case '>':
      case '>=':
        return boolVal(this.compare(op, argList(args)));
      case '==':
      case '!=':
        return boolVal(this.looseEquals(op, argList(args)));
      case '===':
      case '!==':
        return boolVal(this.strictEquals(op, argList(args)));
      case '!':
      case '!!': {
        const a = this.single(args);
        return boolVal(op === '!' ? sql`(not ${this.truth(a)})` : this.truth(a));
      }
      case 'and':
      case 'or':
        return this.andOrValue(op, args);
      case 'in':
        return boolVal(this.membership(argList(args)));
      case '+':
      case '-':
      case '*':
      case '/':
        return this.arithmetic(op, args);
      case 'if':
      case '?:':
        if (!Array.isArray(args)) refuse();
        return this.conditionalValue(args);
      default:
        return refuse();
    }
  }

  /** A never-NULL boolean equal to JsonLogic truthiness of `e`. */
  truth(e: unknown): RawBuilder<boolean> {
    const o = operation(e);
    if (o) {
      const { op, args } = o;
      if (op === 'and' || op === 'or') {
        if (!Array.isArray(args)) refuse();
        if (args.length === 0) return sql<boolean>`false`;
        const parts = args.map((a) => this.truth(a));
        return sql<boolean>`(${sql.join(parts, op === 'and' ? sql` and ` : sql` or `)})`;
      }
      if (op === '!') return sql<boolean>`(not ${this.truth(this.single(args))})`;
      if (op === '!!') return this.truth(this.single(args));
      if (op === 'if' || op === '?:') {
        if (!Array.isArray(args)) refuse();
        const list: unknown[] = args;
        if (list.length === 0) return sql<boolean>`false`;
        if (list.length === 1) return this.truth(list[0]);
        const whens: RawBuilder<unknown>[] = [];
        let i = 0;
        for (; i + 1 < list.length; i += 2) {
          whens.push(sql`when ${this.truth(list[i])} then ${this.truth(list[i + 1])}`);
        }
        const otherwise = i < list.length ? this.truth(list[i]) : sql<boolean>`false`;
        return sql<boolean>`(case ${sql.join(whens, sql` `)} else ${otherwise} end)`;
      }
    }
    return this.truthOf(this.value(e));
  }

  truthOf(v: Val): RawBuilder<boolean> {
    if (v.constant) return isTruthy(v.constant.value) ? sql<boolean>`true` : sql<boolean>`false`;
    const nn = (s: RawBuilder<unknown>) =>
      v.nullable ? sql<boolean>`coalesce(${s}, false)` : sql<boolean>`${s}`;
    switch (v.kind) {
      case 'number':
        return nn(sql`(${v.sql} <> 0)`);
      case 'text':
        return nn(sql`(${v.sql} <> '')`);
      case 'boolean':
        return nn(sql`${v.sql}`);
      case 'textarray':
        return nn(sql`(cardinality(${v.sql}) > 0)`);
      case 'null':
        return sql<boolean>`false`;
    }
  }

  single(args: unknown): unknown {
    if (!Array.isArray(args)) return args;
    if (args.length !== 1) refuse();
    return args[0];
  }

  variable(args: unknown): Val {
    let name: unknown = args;
    if (Array.isArray(args)) {
      // A default applies only to a missing (undefined) value, which a table column cannot tell from null.
      if (args.length !== 1) refuse();
      name = args[0];
    }
    if (typeof name !== 'string' || name === '') refuse();
    const col = this.#columnOf(name);
    if (!col) refuse();
    const kind = kindOf(col.type);
    return { sql: col.sql, kind, nullable: kind === 'null' ? true : (col.nullable ?? true) };
  }

  /** A numeric SQL operand: numbers, booleans as 0/1, null as 0 (JsonLogic's numeric coercion). */
  numeric(v: Val): RawBuilder<number> {
    if (v.constant) {
      const n = Number(v.constant.value);
      if (!Number.isFinite(n)) refuse();
      return sql<number>`${n}::float8`;
    }
    let s: RawBuilder<unknown>;
    if (v.kind === 'number') s = sql`(${v.sql})::float8`;
    else if (v.kind === 'boolean') s = sql`(${v.sql})::int::float8`;
    else if (v.kind === 'null') return sql<number>`0::float8`;
    else return refuse();
    return v.nullable ? sql<number>`coalesce(${s}, 0)` : sql<number>`${s}`;
  }

  isNumericish(v: Val): boolean {
    return v.kind === 'number' || v.kind === 'boolean' || v.kind === 'null';
  }

  /** Numeric view of a text constant that JsonLogic would coerce (or refuse when it would raise). */
  coercibleTextConst(v: Val): boolean {
    return v.kind === 'text' && v.constant !== undefined && Number.isFinite(Number(v.constant.value));
  }

  /**
   * One comparison `a op b` of two values (op one of < <= > >= == !=), as the compiled engine evaluates it.
   */
  pair(op: Comparator | '==' | '!=', a: Val, b: Val): RawBuilder<boolean> {
    if (a.constant && b.constant) {
      return jsConst({ [op]: [a.constant.value, b.constant.value] }) === true ? sql`true` : sql`false`;
    }
    const sqlOp = op === '==' ? sql`=` : op === '!=' ? sql`<>` : sql.raw(COMPARATORS[op]);
    // Numbers, booleans and nulls: numeric, null ≡ 0 (holds for every comparator, == included).
    if (this.isNumericish(a) && this.isNumericish(b)) {
      return sql<boolean>`(${this.numeric(a)} ${sqlOp} ${this.numeric(b)})`;
    }
    // Text against text: JS string comparison / JS == on strings and nulls.
    if (a.kind === 'text' && b.kind === 'text') {
      if (op === '==') return sql<boolean>`(${a.sql} is not distinct from ${b.sql})`;
      if (op === '!=') return sql<boolean>`(${a.sql} is distinct from ${b.sql})`;
      const cmp = sql<boolean>`((${a.sql}) collate "C" ${sqlOp} (${b.sql}) collate "C")`;
      return this.withNullCase(op, a, b, cmp);
    }
    // A string compared with null: JS == on string/null; ordering converts the string with Number().
    if ((a.kind === 'text' && b.kind === 'null') || (a.kind === 'null' && b.kind === 'text')) {
      const text = a.kind === 'text' ? a : b;
      if (op === '==') return sql<boolean>`(${text.sql} is null)`;
      if (op === '!=') return sql<boolean>`(${text.sql} is not null)`;
      if (text.constant) {
        const args = a.kind === 'text' ? [text.constant.value, null] : [null, text.constant.value];
        return jsConst({ [op]: args }) === true ? sql`true` : sql`false`;
      }
      return refuse();
    }
    // A numeric-looking string constant against a number/boolean: numeric comparison.
    if (
      (this.coercibleTextConst(a) && this.isNumericish(b)) ||
      (this.isNumericish(a) && this.coercibleTextConst(b))
    ) {
      const cmp = sql<boolean>`(${this.numeric(a)} ${sqlOp} ${this.numeric(b)})`;
      return this.withNullCase(op, a, b, cmp);
    }
    return refuse();
  }

  /**
   * Wraps a comparison of a nullable value with a constant: when the value is NULL the result is whatever the
   * engine gives for `null op constant` (computed now); otherwise `cmp`.
   */
  withNullCase(op: string, a: Val, b: Val, cmp: RawBuilder<boolean>): RawBuilder<boolean> {
    const aNull = a.nullable && !a.constant;
    const bNull = b.nullable && !b.constant;
    if (!aNull && !bNull) return cmp;
    if (aNull && bNull) return refuse();
    const constSide = aNull ? b : a;
    if (!constSide.constant) return refuse();
    const args = aNull ? [null, constSide.constant.value] : [constSide.constant.value, null];
    const whenNull = jsConst({ [op]: args }) === true ? sql`true` : sql`false`;
    const nullable = aNull ? a : b;
    return sql<boolean>`(case when ${nullable.sql} is null then ${whenNull} else ${cmp} end)`;
  }

  compare(op: Comparator, args: unknown[]): RawBuilder<boolean> {
    if (args.length < 2) refuse();
    const vals = args.map((a) => this.value(a));
    if (vals.length === 2) return this.pair(op, vals[0]!, vals[1]!);
    // Chains (`{"<": [a, x, b]}`): the engine passes the middle value on, altered only in ways that do not change
    // a numeric comparison (null ↔ 0); strings pass through unchanged. Mixed chains are refused.
    const allNumeric = vals.every((v) => this.isNumericish(v));
    const allText = vals.every((v) => v.kind === 'text');
    if (!allNumeric && !allText) refuse();
    const parts: RawBuilder<boolean>[] = [];
    for (let i = 0; i + 1 < vals.length; i++) parts.push(this.pair(op, vals[i]!, vals[i + 1]!));
    return sql<boolean>`(${sql.join(parts, sql` and `)})`;
  }

  looseEquals(op: '==' | '!=', args: unknown[]): RawBuilder<boolean> {
    if (args.length !== 2) refuse();
    return this.pair(op, this.value(args[0]), this.value(args[1]));
  }

  strictEquals(op: '===' | '!==', args: unknown[]): RawBuilder<boolean> {
    if (args.length !== 2) refuse();
    const a = this.value(args[0]);
    const b = this.value(args[1]);
    let same: RawBuilder<boolean>;
    if (a.constant && b.constant) {
      same = a.constant.value === b.constant.value ? sql`true` : sql`false`;
    } else if (a.kind === 'textarray' && b.kind === 'textarray') {
      return refuse(); // identity of arrays
    } else if (a.kind === b.kind && a.kind !== 'textarray') {
      same = a.kind === 'null' ? sql`true` : sql<boolean>`(${a.sql} is not distinct from ${b.sql})`;
    } else {
      // Different types are never ===, except null === null.
      const aIsNull = a.kind === 'null' ? sql`true` : a.nullable ? sql`(${a.sql} is null)` : sql`false`;
      const bIsNull = b.kind === 'null' ? sql`true` : b.nullable ? sql`(${b.sql} is null)` : sql`false`;
      same = sql<boolean>`(${aIsNull} and ${bIsNull})`;
    }
    return op === '===' ? same : sql<boolean>`(not ${same})`;
  }

  membership(args: unknown[]): RawBuilder<boolean> {
    if (args.length !== 2) refuse();
    const [needleRule, hayRule] = args;
    // A literal list: `[…].includes(needle)` (SameValueZero).
    if (Array.isArray(hayRule)) {
      if (!hayRule.every((x) => x === null || ['number', 'string', 'boolean'].includes(typeof x))) refuse();
      const list = hayRule as Primitive[];
      const needle = this.value(needleRule);
      if (needle.constant) return list.includes(needle.constant.value) ? sql`true` : sql`false`;
      const whenNull = list.includes(null) ? sql<boolean>`true` : sql<boolean>`false`;
      let hit: RawBuilder<boolean>;
      if (needle.kind === 'number') {
        const nums = list.filter((x): x is number => typeof x === 'number');
        hit = nums.length ? sql<boolean>`((${needle.sql})::float8 = any(${nums}::float8[]))` : sql`false`;
      } else if (needle.kind === 'text') {
        const strs = list.filter((x): x is string => typeof x === 'string');
        hit = strs.length ? sql<boolean>`(${needle.sql} = any(${strs}::text[]))` : sql`false`;
      } else if (needle.kind === 'boolean') {
        const bools = list.filter((x): x is boolean => typeof x === 'boolean');
        hit = bools.length ? sql<boolean>`(${needle.sql} = any(${bools}::boolean[]))` : sql`false`;
      } else if (needle.kind === 'null') {
        return whenNull;
      } else {
        return refuse();
      }
      return needle.nullable
        ? sql<boolean>`(case when ${needle.sql} is null then ${whenNull} else ${hit} end)`
        : hit;
    }
    const hay = this.value(hayRule);
    const needle = this.value(needleRule);
    if (hay.kind === 'null') {
      // `(null || []).includes(x)` is false.
      return sql`false`;
    }
    if (hay.kind === 'textarray') {
      // Elements are strings: only a string needle can be found.
      if (needle.kind !== 'text') {
        if (needle.kind === 'textarray') return refuse();
        return sql`false`;
      }
      const hit = sql<boolean>`coalesce(${needle.sql} = any(${hay.sql}), false)`;
      return needle.nullable && !needle.constant
        ? sql<boolean>`(case when ${needle.sql} is null then false else ${hit} end)`
        : hit;
    }
    if (hay.kind === 'text') {
      // String.prototype.includes converts the needle to a string.
      let n: RawBuilder<unknown>;
      let needleNullable = false;
      if (needle.constant) {
        n = sql`${String(needle.constant.value)}::text`;
      } else if (needle.kind === 'text') {
        n = needle.sql;
        needleNullable = needle.nullable;
      } else {
        return refuse();
      }
      // `(hay || []).includes(x)`: an empty string haystack is falsy, so nothing is in it.
      let hit = sql<boolean>`(${hay.sql} <> '' and strpos(${hay.sql}, ${n}) > 0)`;
      if (needleNullable)
        hit = sql<boolean>`(${hay.sql} <> '' and strpos(${hay.sql}, coalesce(${n}, 'null')) > 0)`;
      if (hay.constant) return hit;
      return hay.nullable ? sql<boolean>`coalesce(${hit}, false)` : hit;
    }
    return refuse();
  }

  arithmetic(op: '+' | '-' | '*' | '/', args: unknown): Val {
    if (!Array.isArray(args)) refuse();
    const vals = args.map((a) => this.value(a));
    for (const v of vals) {
      if (!this.isNumericish(v) && !this.coercibleTextConst(v)) refuse();
    }
    if (vals.every((v) => v.constant)) {
      const value = jsConst({ [op]: vals.map((v) => v.constant!.value) });
      if (typeof value !== 'number') refuse();
      return literal(value);
    }
    const nums = vals.map((v) => this.numeric(v));
    let out: RawBuilder<unknown>;
    switch (op) {
      case '+':
        if (nums.length === 0) return literal(0);
        out = sql`(${sql.join(nums, sql` + `)})`;
        break;
      case '*':
        if (nums.length < 2) refuse();
        out = sql`(${sql.join(nums, sql` * `)})`;
        break;
      case '-':
        if (nums.length === 0) refuse();
        out = nums.length === 1 ? sql`(- ${nums[0]})` : sql`(${sql.join(nums, sql` - `)})`;
        break;
      case '/': {
        // Only by non-zero constants: a zero divisor raises an error in JsonLogic.
        if (nums.length < 2) refuse();
        for (const v of vals.slice(1)) {
          if (!v.constant || !Number(v.constant.value)) refuse();
        }
        out = sql`(${sql.join(nums, sql` / `)})`;
        break;
      }
    }
    return { sql: out, kind: 'number', nullable: false };
  }

  andOrValue(op: 'and' | 'or', args: unknown): Val {
    if (!Array.isArray(args) || args.length === 0) refuse();
    const vals = args.map((a) => this.value(a));
    // The result is one of the operands; as a value it is translatable when they are all non-null booleans.
    if (!vals.every((v) => v.kind === 'boolean' && !v.nullable)) refuse();
    return boolVal(
      sql`(${sql.join(
        vals.map((v) => v.sql),
        op === 'and' ? sql` and ` : sql` or `,
      )})`,
    );
  }

  conditionalValue(list: unknown[]): Val {
    if (list.length < 2) refuse();
    const branches: Val[] = [];
    const whens: { cond: RawBuilder<boolean>; val: Val }[] = [];
    let i = 0;
    for (; i + 1 < list.length; i += 2) {
      const val = this.value(list[i + 1]);
      whens.push({ cond: this.truth(list[i]), val });
      branches.push(val);
    }
    const otherwise = i < list.length ? this.value(list[i]) : literal(null);
    branches.push(otherwise);
    const kinds = new Set(branches.filter((b) => b.kind !== 'null').map((b) => b.kind));
    if (kinds.size > 1) refuse();
    const kind: Kind = kinds.size === 0 ? 'null' : [...kinds][0]!;
    const cast = (v: Val) =>
      v.kind === 'null' ? sql`null` : kind === 'number' ? sql`(${v.sql})::float8` : v.sql;
    const body = sql.join(
      whens.map((w) => sql`when ${w.cond} then ${cast(w.val)}`),
      sql` `,
    );
    return {
      sql: sql`(case ${body} else ${cast(otherwise)} end)`,
      kind,
      nullable: branches.some((b) => b.nullable),
    };
  }
}

/**
 * The rule as one never-NULL SQL boolean (its JsonLogic truthiness), or null when some part lies outside the
 * supported subset — the caller then evaluates the rule with `compileRule`.
 */
export function ruleToSql(rule: Rule, columnOf: SqlColumnOf): SqlFragment | null {
  try {
    return new Translator(columnOf).truth(rule);
  } catch (err) {
    if (err instanceof Untranslatable) return null;
    throw err;
  }
}

/**
 * The rule's value as SQL with its kind (for conformance tests of non-boolean results), or null when
 * untranslatable.
 */
export function valueToSql(
  rule: Rule,
  columnOf: SqlColumnOf,
): { sql: RawBuilder<unknown>; kind: Kind } | null {
  try {
    const v = new Translator(columnOf).value(rule);
    return { sql: v.sql, kind: v.kind };
  } catch (err) {
    if (err instanceof Untranslatable) return null;
    throw err;
  }
}
