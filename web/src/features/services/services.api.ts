import { buildUrl, type ApiData, type ApiInit, type ApiPath } from '../../api/client.ts';

/** Where a stored file's bytes are read (a link that downloads it). */
export function fileContentUrl(file: { id: string }): string {
  const path: ApiPath<'get'> = '/api/files/{id}/content';
  return buildUrl(path, { path: { id: file.id } });
}

/** Codes of items and bundles, as the server takes them. */
export const CODE_PATTERN = /^[a-z][a-z0-9-]{1,63}$/;

/** A task key for an item (the server takes `^[a-z][a-z0-9-]{0,31}$`), unique among the keys already used. */
export function taskKeyFor(itemCode: string, used: ReadonlySet<string>): string {
  const base = itemCode.slice(0, 29).replace(/-+$/, '') || 'task';
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

export interface GraphNode {
  key: string;
  /** Stage = length of the longest chain of prerequisites before it (0 = starts at once). */
  stage: number;
  /** Position inside its stage (parallel lane). */
  lane: number;
}

/**
 * Places a task graph in stages: a task sits one stage after the latest of the tasks it waits for; tasks of one
 * stage run in parallel. Unknown dependencies are ignored and a cycle (which the server refuses) does not loop.
 */
export function layoutTaskGraph(
  tasks: readonly { key: string; dependsOn: readonly string[] }[],
): GraphNode[] {
  const byKey = new Map(tasks.map((t) => [t.key, t]));
  const stage = new Map<string, number>();
  const visiting = new Set<string>();
  const stageOf = (key: string): number => {
    const known = stage.get(key);
    if (known !== undefined) return known;
    if (visiting.has(key)) return 0;
    visiting.add(key);
    const task = byKey.get(key);
    let s = 0;
    for (const dep of task?.dependsOn ?? []) if (byKey.has(dep)) s = Math.max(s, stageOf(dep) + 1);
    visiting.delete(key);
    stage.set(key, s);
    return s;
  };
  const lanes = new Map<number, number>();
  return tasks.map((t) => {
    const s = stageOf(t.key);
    const lane = lanes.get(s) ?? 0;
    lanes.set(s, lane + 1);
    return { key: t.key, stage: s, lane };
  });
}

/** The longest path through the graph in working days (what a bundle promises at most). */
export function criticalPathWorkdays(
  tasks: readonly { key: string; dependsOn: readonly string[]; deadlineWorkdays: number }[],
): number {
  const byKey = new Map(tasks.map((t) => [t.key, t]));
  const memo = new Map<string, number>();
  const finish = (key: string, seen: Set<string>): number => {
    const m = memo.get(key);
    if (m !== undefined) return m;
    const t = byKey.get(key);
    if (!t || seen.has(key)) return 0;
    seen.add(key);
    let before = 0;
    for (const d of t.dependsOn) before = Math.max(before, finish(d, seen));
    seen.delete(key);
    const value = before + t.deadlineWorkdays;
    memo.set(key, value);
    return value;
  };
  return tasks.reduce((max, t) => Math.max(max, finish(t.key, new Set())), 0);
}

/** Would adding `from` → depends on `to` create a cycle? (The bundle editor refuses such a pick.) */
export function createsCycle(
  tasks: readonly { key: string; dependsOn: readonly string[] }[],
  from: string,
  to: string,
): boolean {
  if (from === to) return true;
  const byKey = new Map(tasks.map((t) => [t.key, t.dependsOn]));
  const stack = [to];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const k = stack.pop() as string;
    if (k === from) return true;
    if (seen.has(k)) continue;
    seen.add(k);
    for (const d of byKey.get(k) ?? []) stack.push(d);
  }
  return false;
}

export interface FormFieldInfo {
  name: string;
  title: string;
  required: boolean;
  description?: string | undefined;
}

/** The top-level fields of the combined form, in form order, for the 一次告知 list. */
export function formFields(schema: JsonSchema, uiSchema?: JsonSchema | null): FormFieldInfo[] {
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const order = Array.isArray(uiSchema?.['ui:order']) ? (uiSchema['ui:order'] as string[]) : [];
  const names = [...order.filter((n) => n in props), ...Object.keys(props).filter((n) => !order.includes(n))];
  return names.map((name) => ({
    name,
    title: typeof props[name]?.title === 'string' ? props[name].title : name,
    required: required.has(name),
    description: typeof props[name]?.description === 'string' ? props[name].description : undefined,
  }));
}

// ---- Named shapes of the one-stop services API, derived from the generated schema (no hand-written copies). ----

export const BUNDLE_CATEGORIES = ['opening', 'change', 'closing', 'utilities', 'industry', 'other'] as const;
export type BundleCategory = (typeof BUNDLE_CATEGORIES)[number];

/** In the order the filters and charts show them. */
export const APPLICATION_STATUSES = [
  'submitted',
  'in_progress',
  'supplement',
  'notice',
  'objected',
  'completed',
  'rejected',
] as const satisfies readonly Application['status'][];
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const TASK_STATUSES = [
  'waiting',
  'pending',
  'claimed',
  'supplement',
  'approved',
  'rejected',
  'cancelled',
] as const satisfies readonly QueueTask['status'][];
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A form's JSON Schema (or UI schema), read as a plain object. */
export type JsonSchema = Record<string, unknown>;

export type ServiceItem = ApiData<'get', '/api/services/items/{code}'>;
export type Material = ServiceItem['materials'][number];
export type ReplaceableBy = NonNullable<Material['replaceableBy']>;
export type ResultKind = ServiceItem['produces'][number]['kind'];
export type BundleSummary = ApiData<'get', '/api/services/bundles'>[number];
export type Bundle = ApiData<'get', '/api/services/bundles/{code}'>;
export type BundleTask = Bundle['tasks'][number];
export type BundleMaterial = Bundle['materials'][number];
export type Prefill = ApiData<'get', '/api/services/bundles/{code}/prefill'>;
export type FieldSource = Prefill['sources'][string];
export type Precheck = ApiData<'post', '/api/services/precheck'>;
export type PrecheckReason = Precheck['reasons'][number];
export type Reason = Application['creditFlags'][number];
export type TimelineEvent = Application['timeline'][number];
export type ApplicationSummary = ApiData<'get', '/api/services/applications'>['items'][number];
export type Application = ApiData<'get', '/api/services/applications/{id}'>;
export type ApplicationTask = Application['tasks'][number];
export type Supplement = Application['supplements'][number];
export type QueueTask = ApiData<'get', '/api/services/tasks/{id}'>;
export type Overview = ApiData<'get', '/api/services/overview'>;
export type DeregistrationNotice = ApiData<'get', '/api/services/deregistration-notices'>['items'][number];
export type NoticeStatus = DeregistrationNotice['status'];
export type ObjectionCreated = ApiData<'post', '/api/services/deregistration-notices/{id}/objections'>;
export type BundleInput = NonNullable<ApiInit<'post', '/api/services/bundles'>>['body'];
export type ItemInput = NonNullable<ApiInit<'post', '/api/services/items'>>['body'];
export type MaterialInput = NonNullable<
  ApiInit<'post', '/api/services/applications'>
>['body']['materials'][number];
