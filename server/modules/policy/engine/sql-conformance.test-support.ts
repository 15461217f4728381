/**
 * Test support: the public JsonLogic conformance suites (vendored as test fixtures in `fixtures/jsonlogic/`, source
 * and licences in its README) and SQL evaluation of a translated rule against one row of literal data, typed the way the
 * facts table would type it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../../kernel/db/database.ts';
import type { FactType } from './facts.ts';
import { ruleToSql, valueToSql, type SqlColumnOf } from './sql.ts';

export const SUITES_DIR = path.resolve(import.meta.dirname, 'fixtures', 'jsonlogic');

export interface ConformanceCase {
  source: string;
  description: string;
  rule: unknown;
  data: unknown;
  /** Present when the case expects a value. */
  result?: unknown;
  /** True when the case expects an error. */
  error: boolean;
}

export function loadConformanceCases(dir: string = SUITES_DIR): ConformanceCase[] {
  const out: ConformanceCase[] = [];
  const official = JSON.parse(fs.readFileSync(path.join(dir, 'official-tests.json'), 'utf8')) as unknown[];
  let section = '';
  official.forEach((c, i) => {
    if (typeof c === 'string') {
      section = c;
      return;
    }
    const [rule, data, result] = c as [unknown, unknown, unknown];
    out.push({ source: `official#${i}`, description: section, rule, data, result, error: false });
  });
  const index = JSON.parse(
    fs.readFileSync(path.join(dir, 'compat-suites', 'index.json'), 'utf8'),
  ) as string[];
  for (const file of index) {
    const cases = JSON.parse(fs.readFileSync(path.join(dir, 'compat-suites', file), 'utf8')) as unknown[];
    cases.forEach((c, i) => {
      if (typeof c !== 'object' || c === null) return;
      const r = c as {
        description?: string;
        rule: unknown;
        data?: unknown;
        result?: unknown;
        error?: unknown;
      };
      out.push({
        source: `${file}#${i}`,
        description: r.description ?? '',
        rule: r.rule,
        data: r.data ?? null,
        ...('result' in r ? { result: r.result } : {}),
        error: 'error' in r,
      });
    });
  }
  return out;
}

/** The `var` names (string paths) a rule reads. */
export function varsOf(rule: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(rule)) {
    for (const x of rule) varsOf(x, out);
  } else if (typeof rule === 'object' && rule !== null) {
    for (const [k, v] of Object.entries(rule)) {
      if (k === 'var') {
        const name = Array.isArray(v) ? v[0] : v;
        if (typeof name === 'string') out.add(name);
      }
      varsOf(v, out);
    }
  }
  return out;
}

function lookup(data: unknown, name: string): unknown {
  let cur: unknown = data;
  for (const part of name.split('.')) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** How a null / missing value is typed in a variant (a facts-table column always has a type). */
export type NullTyping = 'json-null' | 'number' | 'string' | 'boolean' | 'enum[]';

const PG_TYPE: Record<Exclude<FactType, 'integer' | 'enum' | 'date'> | 'json-null', string> = {
  number: 'float8',
  string: 'text',
  boolean: 'boolean',
  'enum[]': 'text[]',
  'json-null': 'text',
};

interface Column {
  name: string;
  alias: string;
  type: FactType | 'json-null';
  value: unknown;
}

/**
 * Types the data's values as facts-table columns would be (all nullable). Undefined when a value has no column
 * type (objects, mixed arrays) — such a case is evaluated in JS only.
 */
export function columnsFor(rule: unknown, data: unknown, nulls: NullTyping): Column[] | undefined {
  const cols: Column[] = [];
  let i = 0;
  for (const name of varsOf(rule)) {
    const v = lookup(data, name);
    let type: Column['type'];
    if (v === null || v === undefined) type = nulls;
    else if (typeof v === 'number') type = 'number';
    else if (typeof v === 'string') type = 'string';
    else if (typeof v === 'boolean') type = 'boolean';
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) type = 'enum[]';
    else return undefined;
    cols.push({ name, alias: `c${i++}`, type, value: v ?? null });
  }
  return cols;
}

function columnOfFor(cols: Column[]): SqlColumnOf {
  return (name) => {
    const c = cols.find((x) => x.name === name);
    return c ? { sql: sql.ref(`t.${c.alias}`), type: c.type } : undefined;
  };
}

function fromRow(cols: Column[]): RawBuilder<unknown> {
  if (cols.length === 0) return sql`(select 1 as one) t`;
  const items = cols.map((c) => {
    const pg = PG_TYPE[c.type as keyof typeof PG_TYPE] ?? 'text';
    return sql`${c.value}::${sql.raw(pg)} as ${sql.ref(c.alias)}`;
  });
  return sql`(select ${sql.join(items)}) t`;
}

/** Evaluates the rule's truthiness in SQL on one row; undefined when the rule is not translatable. */
export async function sqlTruth(db: Db, rule: unknown, cols: Column[]): Promise<boolean | undefined> {
  const frag = ruleToSql(rule, columnOfFor(cols));
  if (!frag) return undefined;
  const r = await sql<{ v: boolean }>`select ${frag} as v from ${fromRow(cols)}`.execute(db);
  return r.rows[0]!.v;
}

/** Evaluates the rule's value in SQL on one row; undefined when not translatable. */
export async function sqlValue(
  db: Db,
  rule: unknown,
  cols: Column[],
): Promise<{ value: unknown } | undefined> {
  const t = valueToSql(rule, columnOfFor(cols));
  if (!t) return undefined;
  const r = await sql<{ v: unknown }>`select ${t.sql} as v from ${fromRow(cols)}`.execute(db);
  return { value: r.rows[0]!.v };
}
