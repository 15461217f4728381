/**
 * The fact catalogue: named, typed facts per subject (enterprise / individual / connection), loaded from
 * `config/policy/facts.json` and validated at load, so a bad edit stops start-up naming the fact. Rules may only
 * name facts of this catalogue; values given for facts are checked against their type.
 */
import path from 'node:path';
import { Type } from 'typebox';
import { readConfigFile } from '../../../kernel/config-files.ts';

export const FACT_TYPES = ['number', 'integer', 'boolean', 'string', 'enum', 'enum[]', 'date'] as const;
export const FACT_SUBJECTS = ['enterprise', 'individual', 'connection'] as const;
export const FACT_SOURCE_KINDS = ['feed', 'declared', 'platform'] as const;

export type FactType = (typeof FACT_TYPES)[number];
export type FactSubject = (typeof FACT_SUBJECTS)[number];
export type FactSourceKind = (typeof FACT_SOURCE_KINDS)[number];

export interface FactOption {
  value: string;
  label: string;
}

export interface FactDefinition {
  name: string;
  subject: FactSubject;
  label: string;
  labelEn: string;
  type: FactType;
  unit?: string;
  options?: FactOption[];
  source: FactSourceKind;
  sourceLabel: string;
  /** Computed by the platform from other facts (e.g. `age_years` from `founded_on`); never declared. */
  derived?: boolean;
}

export type FactCatalogue = readonly FactDefinition[];

/** Values of facts by name; a missing or null value is "unknown". */
export type FactValues = Record<string, unknown>;

const CONFIG_FILE = path.resolve(import.meta.dirname, '../../../../config/policy/facts.json');
const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function fail(where: string, message: string): never {
  throw new Error(`config/policy/facts.json ${where}: ${message}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses and checks a catalogue document (`{ facts: [...] }`). Throws naming the bad fact and field. */
export function parseFactCatalogue(doc: unknown): FactDefinition[] {
  if (!isRecord(doc) || !Array.isArray(doc.facts)) fail('', 'expected { "facts": [ … ] }');
  const seen = new Set<string>();
  const out: FactDefinition[] = [];
  doc.facts.forEach((raw: unknown, i: number) => {
    const at = `facts[${i}]`;
    if (!isRecord(raw)) fail(at, 'expected an object');
    const str = (k: string, required = true): string | undefined => {
      const v = raw[k];
      if (v === undefined && !required) return undefined;
      if (typeof v !== 'string' || v.trim() === '') fail(`${at}.${k}`, 'expected a non-empty string');
      return v;
    };
    const name = str('name')!;
    if (!NAME.test(name)) fail(`${at}.name`, `"${name}" must be snake_case`);
    const subject = str('subject') as FactSubject;
    if (!FACT_SUBJECTS.includes(subject)) fail(`${at}.subject`, `unknown subject "${subject}"`);
    const key = `${subject}.${name}`;
    if (seen.has(key)) fail(`${at}.name`, `fact ${key} declared twice`);
    seen.add(key);
    const type = str('type') as FactType;
    if (!FACT_TYPES.includes(type)) fail(`${at}.type`, `unknown type "${type}"`);
    const source = str('source') as FactSourceKind;
    if (!FACT_SOURCE_KINDS.includes(source)) fail(`${at}.source`, `unknown source kind "${source}"`);
    const def: FactDefinition = {
      name,
      subject,
      label: str('label')!,
      labelEn: str('labelEn')!,
      type,
      source,
      sourceLabel: str('sourceLabel')!,
    };
    const unit = str('unit', false);
    if (unit !== undefined) def.unit = unit;
    if (raw.derived === true) def.derived = true;
    if (type === 'enum' || type === 'enum[]') {
      if (!Array.isArray(raw.options) || raw.options.length === 0)
        fail(`${at}.options`, `${type} needs options`);
      const values = new Set<string>();
      def.options = raw.options.map((o: unknown, j: number) => {
        if (!isRecord(o) || typeof o.value !== 'string' || typeof o.label !== 'string') {
          fail(`${at}.options[${j}]`, 'expected { value, label } strings');
        }
        if (values.has(o.value)) fail(`${at}.options[${j}]`, `option "${o.value}" listed twice`);
        values.add(o.value);
        return { value: o.value, label: o.label };
      });
    } else if (raw.options !== undefined) {
      fail(`${at}.options`, `only enum facts have options`);
    }
    out.push(def);
  });
  return out;
}

export function loadFactCatalogue(file: string = CONFIG_FILE): FactDefinition[] {
  return parseFactCatalogue(readConfigFile(file, Type.Unknown()));
}

let cached: FactDefinition[] | undefined;

/** The district's catalogue (read once per process). */
export function factCatalogue(): FactCatalogue {
  cached ??= loadFactCatalogue();
  return cached;
}

export function factsOf(subject: FactSubject, catalogue: FactCatalogue = factCatalogue()): FactDefinition[] {
  return catalogue.filter((f) => f.subject === subject);
}

export function findFact(
  subject: FactSubject,
  name: string,
  catalogue: FactCatalogue = factCatalogue(),
): FactDefinition | undefined {
  return catalogue.find((f) => f.subject === subject && f.name === name);
}

export function isValidDate(v: string): boolean {
  if (!DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Why `value` is not a valid value of `fact` (zh), or undefined when it is. null is always allowed (unknown). */
export function factValueProblem(fact: FactDefinition, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const opts = fact.options?.map((o) => o.value) ?? [];
  switch (fact.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `${fact.label}应为数字`;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? undefined : `${fact.label}应为整数`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${fact.label}应为是/否（true/false）`;
    case 'string':
      return typeof value === 'string' ? undefined : `${fact.label}应为文本`;
    case 'date':
      return typeof value === 'string' && isValidDate(value)
        ? undefined
        : `${fact.label}应为日期（YYYY-MM-DD）`;
    case 'enum':
      return typeof value === 'string' && opts.includes(value)
        ? undefined
        : `${fact.label}应为以下之一：${opts.join('、')}`;
    case 'enum[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && opts.includes(v))
        ? undefined
        : `${fact.label}应为以下值的列表：${opts.join('、')}`;
  }
}

export interface FactValueError {
  fact: string;
  rule: 'unknown_fact' | 'type';
  message: string;
}

/** Checks given values against the catalogue of a subject: unknown names and wrong types, each with a reason. */
export function validateFactValues(
  subject: FactSubject,
  values: FactValues,
  catalogue: FactCatalogue = factCatalogue(),
): FactValueError[] {
  const errors: FactValueError[] = [];
  for (const [name, value] of Object.entries(values)) {
    const fact = findFact(subject, name, catalogue);
    if (!fact) {
      errors.push({ fact: name, rule: 'unknown_fact', message: `未知的事实“${name}”` });
      continue;
    }
    const problem = factValueProblem(fact, value);
    if (problem) errors.push({ fact: name, rule: 'type', message: problem });
  }
  return errors;
}

/** Whole years from `from` to `to` (both YYYY-MM-DD), as a person's age is counted. */
export function wholeYearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return years;
}
