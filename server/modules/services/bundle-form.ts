/**
 * 一件事 composition, pure: one combined form (each shared field asked once), one set of materials, and the task
 * graph with its longest path — from the bundle definition and the items it combines. Also the checks an
 * administrator's bundle must pass (known items and keys, no cycles) and the ajv validation of submitted forms.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { FieldViolation } from '../../kernel/errors.ts';
import type { JsonSchemaObject, MaterialSpec, TaskSpec } from './services.tables.ts';

export interface ItemDef {
  code: string;
  name: string;
  departmentId: string;
  department: string;
  deadlineWorkdays: number;
  promiseAllowed: boolean;
  materials: MaterialSpec[];
  formSchema: JsonSchemaObject;
}

export interface BundleDef {
  code: string;
  items: string[];
  tasks: TaskSpec[];
  sharedFields: string[];
}

export interface ComposedTask {
  key: string;
  itemCode: string;
  name: string;
  department: string;
  departmentId: string;
  dependsOn: string[];
  deadlineWorkdays: number;
}

export interface ComposedBundle {
  tasks: ComposedTask[];
  formSchema: JsonSchemaObject;
  uiSchema: Record<string, unknown>;
  materials: (MaterialSpec & { items: string[] })[];
  promiseAllowed: boolean;
  deadlineWorkdays: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** One ajv for catalogue forms: all errors, unknown keywords (x-items, title) tolerated, real calendar dates. */
export function createFormAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('date', { type: 'string', validate: isRealDate });
  return ajv;
}

const sharedAjv = createFormAjv();
const compiled = new WeakMap<object, ValidateFunction>();

/** Compiles a form schema; the message of a broken schema is returned instead of thrown. */
export function checkFormSchema(schema: unknown): string | null {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    return 'formSchema must be an object';
  const s = schema as Record<string, unknown>;
  if (s.type !== 'object' || typeof s.properties !== 'object' || s.properties === null) {
    return 'formSchema must be { type: "object", properties: {…} }';
  }
  try {
    sharedAjv.compile(s);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function fieldOf(e: ErrorObject, prefix: string): string {
  let field = `${prefix}${e.instancePath}`;
  if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') {
    field = `${field}/${e.params.missingProperty}`;
  }
  if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string') {
    field = `${field}/${e.params.additionalProperty}`;
  }
  return field;
}

/** Validates a submitted form; one violation per failing field and rule (`/body/form/<field>`). */
export function validateForm(
  schema: JsonSchemaObject,
  form: unknown,
  prefix = '/body/form',
): FieldViolation[] {
  let v = compiled.get(schema);
  if (!v) {
    v = sharedAjv.compile(schema);
    compiled.set(schema, v);
  }
  if (v(form)) return [];
  const seen = new Set<string>();
  const out: FieldViolation[] = [];
  for (const e of v.errors ?? []) {
    const field = fieldOf(e, prefix);
    const key = `${field}|${e.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, rule: e.keyword, message: e.message ?? 'is invalid' });
  }
  return out;
}

/** Problems of a bundle definition against the catalogue, each naming its field. */
export function checkBundle(def: BundleDef, items: ReadonlyMap<string, unknown>): FieldViolation[] {
  const errors: FieldViolation[] = [];
  const err = (field: string, rule: string, message: string) => errors.push({ field, rule, message });
  if (def.items.length === 0) err('/body/items', 'minItems', 'a bundle needs at least one item');
  def.items.forEach((code, i) => {
    if (!items.has(code)) err(`/body/items/${i}`, 'exists', `unknown service item ${code}`);
  });
  const keys = new Set<string>();
  def.tasks.forEach((t, i) => {
    if (keys.has(t.key)) err(`/body/tasks/${i}/key`, 'unique', `task key ${t.key} used twice`);
    keys.add(t.key);
    if (!def.items.includes(t.itemCode)) {
      err(`/body/tasks/${i}/itemCode`, 'exists', `task item ${t.itemCode} is not one of the bundle's items`);
    }
  });
  def.tasks.forEach((t, i) => {
    t.dependsOn.forEach((d, j) => {
      if (!keys.has(d)) err(`/body/tasks/${i}/dependsOn/${j}`, 'exists', `unknown task key ${d}`);
      if (d === t.key) err(`/body/tasks/${i}/dependsOn/${j}`, 'acyclic', 'a task cannot depend on itself');
    });
  });
  for (const code of def.items) {
    if (!def.tasks.some((t) => t.itemCode === code)) {
      err('/body/tasks', 'covers', `item ${code} has no task`);
    }
  }
  if (errors.length === 0) {
    const cycle = findCycle(def.tasks);
    if (cycle) err('/body/tasks', 'acyclic', `the task graph has a cycle: ${cycle.join(' → ')}`);
  }
  return errors;
}

export function findCycle(tasks: readonly TaskSpec[]): string[] | null {
  const deps = new Map(tasks.map((t) => [t.key, t.dependsOn]));
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (k: string): string[] | null => {
    if (state.get(k) === 2) return null;
    if (state.get(k) === 1) return [...stack.slice(stack.indexOf(k)), k];
    state.set(k, 1);
    stack.push(k);
    for (const d of deps.get(k) ?? []) {
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(k, 2);
    return null;
  };
  for (const t of tasks) {
    const c = visit(t.key);
    if (c) return c;
  }
  return null;
}

/** Tasks in an order where every task comes after its dependencies (stable otherwise). */
export function topoOrder<T extends { key: string; dependsOn: readonly string[] }>(tasks: readonly T[]): T[] {
  const out: T[] = [];
  const done = new Set<string>();
  let rest = [...tasks];
  while (rest.length > 0) {
    const ready = rest.filter((t) => t.dependsOn.every((d) => done.has(d)));
    if (ready.length === 0) throw new Error('task graph has a cycle');
    for (const t of ready) {
      out.push(t);
      done.add(t.key);
    }
    rest = rest.filter((t) => !done.has(t.key));
  }
  return out;
}

/** Longest path through the graph in working days (the bundle's overall limit when nothing is paused). */
export function longestPath(
  tasks: readonly { key: string; dependsOn: readonly string[]; deadlineWorkdays: number }[],
): number {
  const finish = new Map<string, number>();
  for (const t of topoOrder(tasks)) {
    const start = Math.max(0, ...t.dependsOn.map((d) => finish.get(d) ?? 0));
    finish.set(t.key, start + t.deadlineWorkdays);
  }
  return Math.max(0, ...finish.values());
}

function properties(schema: JsonSchemaObject): Record<string, Record<string, unknown>> {
  const p = schema.properties;
  return typeof p === 'object' && p !== null ? (p as Record<string, Record<string, unknown>>) : {};
}

function requiredOf(schema: JsonSchemaObject): string[] {
  return Array.isArray(schema.required)
    ? schema.required.filter((x): x is string => typeof x === 'string')
    : [];
}

/**
 * The combined form: shared fields first (in the bundle's order), then each item's fields in task order; a field
 * name used by several items is one property (the first item's definition wins) with `x-items` naming them all.
 */
export function composeBundle(def: BundleDef, items: ReadonlyMap<string, ItemDef>): ComposedBundle {
  const ordered = topoOrder(def.tasks);
  const tasks: ComposedTask[] = def.tasks.map((t) => {
    const item = items.get(t.itemCode);
    if (!item) throw new Error(`bundle ${def.code}: unknown item ${t.itemCode}`);
    return {
      key: t.key,
      itemCode: t.itemCode,
      name: item.name,
      department: item.department,
      departmentId: item.departmentId,
      dependsOn: [...t.dependsOn],
      deadlineWorkdays: item.deadlineWorkdays,
    };
  });
  const itemOrder: string[] = [];
  for (const t of ordered) if (!itemOrder.includes(t.itemCode)) itemOrder.push(t.itemCode);

  const props = new Map<string, Record<string, unknown>>();
  const usedBy = new Map<string, string[]>();
  const required = new Set<string>();
  const order: string[] = [];
  for (const f of def.sharedFields) order.push(f);
  for (const code of itemOrder) {
    const item = items.get(code)!;
    const p = properties(item.formSchema);
    for (const [name, spec] of Object.entries(p)) {
      if (!props.has(name)) props.set(name, spec);
      usedBy.set(name, [...(usedBy.get(name) ?? []), code]);
      if (!order.includes(name)) order.push(name);
    }
    for (const r of requiredOf(item.formSchema)) required.add(r);
  }
  const finalOrder = order.filter((f) => props.has(f));
  const formProps: Record<string, unknown> = {};
  const uiSchema: Record<string, unknown> = { 'ui:order': finalOrder };
  for (const f of finalOrder) {
    const spec = props.get(f)!;
    formProps[f] = { ...spec, 'x-items': usedBy.get(f) ?? [] };
    if (spec.type === 'string' && typeof spec.maxLength === 'number' && spec.maxLength > 200) {
      uiSchema[f] = { 'ui:widget': 'textarea' };
    }
  }
  const formSchema: JsonSchemaObject = {
    type: 'object',
    properties: formProps,
    required: finalOrder.filter((f) => required.has(f)),
    additionalProperties: false,
  };

  const materials = new Map<string, MaterialSpec & { items: string[] }>();
  for (const code of itemOrder) {
    for (const m of items.get(code)!.materials) {
      const existing = materials.get(m.code);
      if (existing) {
        existing.items.push(code);
        existing.required ||= m.required;
        // One upload must satisfy every item that asks for it: the stricter limits apply.
        existing.accept = existing.accept.filter((a) => m.accept.includes(a));
        existing.maxBytes = Math.min(existing.maxBytes, m.maxBytes);
        existing.promiseReplaces &&= m.promiseReplaces;
        if (existing.replaceableBy !== m.replaceableBy) existing.replaceableBy = null;
      } else {
        materials.set(m.code, { ...m, accept: [...m.accept], items: [code] });
      }
    }
  }
  return {
    tasks,
    formSchema,
    uiSchema,
    materials: [...materials.values()],
    promiseAllowed: itemOrder.some((c) => items.get(c)!.promiseAllowed),
    deadlineWorkdays: longestPath(tasks),
  };
}
