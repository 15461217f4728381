/**
 * The 政务服务事项 catalogue and the 一件事 bundles: seeded from `config/services/` (codes not stored yet), edited by
 * the leading-group office afterwards (edits persist in the database and win over the files). Reads go through a
 * short-lived per-app cache: the catalogue is small, read on every submission and changed rarely.
 */
import path from 'node:path';
import { Type, type Static, type TSchema } from 'typebox';
import { appendAudit, systemOrigin, type AuditOrigin } from '../../kernel/audit.ts';
import { chinaDate } from '../../kernel/china-time.ts';
import { readConfigFile } from '../../kernel/config-files.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError, type FieldViolation } from '../../kernel/errors.ts';
import { systemActor } from '../../kernel/policy.ts';
import { listDepartments } from '../identity/index.ts';
import {
  checkBundle,
  checkFormSchema,
  composeBundle,
  type ComposedBundle,
  type ItemDef,
} from './bundle-form.ts';
import {
  BundleBody,
  MaterialSchema,
  ProducesSchema,
  type BundleDto,
  type BundleInput,
  type BundleSummaryDto,
  type ServiceItemDto,
  type ServiceItemInput,
} from './catalogue.schemas.ts';
import {
  catalogueRows,
  insertBundles,
  insertItems,
  lockBundle,
  lockItem,
  storedCatalogueCodes,
  updateBundle,
  updateItem,
} from './catalogue.repository.ts';
import type { BundleCategory, BundleKind, NewBundle, TaskSpec } from './services.tables.ts';

export const SERVICES_CONFIG_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'config', 'services');

// ---------------------------------------------------------------------------------------------------------------
// Settings

const SettingsSchema = Type.Object({
  dueSoonWorkdays: Type.Integer({ minimum: 0, maximum: 30 }),
  officeHours: Type.Object({
    start: Type.String({ pattern: '^[0-2][0-9]:[0-5][0-9]$' }),
    end: Type.String({ pattern: '^[0-2][0-9]:[0-5][0-9]$' }),
  }),
  openingBundle: Type.String(),
  noticeDays: Type.Integer({ minimum: 1, maximum: 90 }),
  numberPrefix: Type.String({ pattern: '^[A-Z]{1,6}$' }),
  promiseVerifyDays: Type.Integer({ minimum: 1, maximum: 365 }),
});
export type ServicesSettings = Static<typeof SettingsSchema>;

let settingsCache: ServicesSettings | undefined;

/** `config/services/settings.json`, checked once per process; a bad file stops start-up naming the field. */
export function servicesSettings(): ServicesSettings {
  if (settingsCache) return settingsCache;
  const rest = readConfigFile(path.join(SERVICES_CONFIG_DIR, 'settings.json'), SettingsSchema);
  settingsCache = rest;
  return rest;
}

// ---------------------------------------------------------------------------------------------------------------
// Config files

const ConfigItem = Type.Object({
  code: Type.String({ pattern: '^[a-z][a-z0-9-]{1,63}$' }),
  name: Type.String({ minLength: 2 }),
  departmentCode: Type.String({ minLength: 1 }),
  deadlineWorkdays: Type.Integer({ minimum: 0, maximum: 365 }),
  legalBasis: Type.String({ minLength: 2 }),
  promiseAllowed: Type.Boolean(),
  materials: Type.Array(MaterialSchema),
  formSchema: Type.Record(Type.String(), Type.Unknown()),
  produces: Type.Array(ProducesSchema),
});
const ConfigItems = Type.Object({ items: Type.Array(ConfigItem) }, { additionalProperties: true });
const ConfigBundles = Type.Object(
  {
    bundles: Type.Array(
      Type.Intersect([BundleBody, Type.Object({ launchedOn: Type.String({ format: 'date' }) })]),
    ),
  },
  { additionalProperties: true },
);

function readConfig<T>(file: string, schema: TSchema): T {
  return readConfigFile(path.join(SERVICES_CONFIG_DIR, file), schema) as T;
}

export function readItemsConfig(): Static<typeof ConfigItem>[] {
  return readConfig<Static<typeof ConfigItems>>('items.json', ConfigItems).items;
}

export function readBundlesConfig(): BundleInput[] {
  return readConfig<{ bundles: BundleInput[] }>('bundles.json', ConfigBundles).bundles;
}

/** Items and bundles from config/services/ that are not stored yet; stored ones (maybe edited) are left alone. */
/** The start-up step that loads the shipped catalogue, recorded as `system:seed`. */
const CATALOGUE_SEEDER = systemActor('seed');

export async function seedServicesCatalogue(ctx: AppContext): Promise<{ items: number; bundles: number }> {
  const items = readItemsConfig();
  const bundles = readBundlesConfig();
  const depts = new Map((await listDepartments(ctx.db)).map((d) => [d.code, d.id]));
  for (const it of items) {
    if (!depts.has(it.departmentCode)) {
      throw new Error(`config/services/items.json: ${it.code}: unknown department code ${it.departmentCode}`);
    }
    const problem = checkFormSchema(it.formSchema);
    if (problem) throw new Error(`config/services/items.json: ${it.code}: ${problem}`);
  }
  const itemCodes = new Map(items.map((i) => [i.code, i]));
  for (const b of bundles) {
    const problems = checkBundle(
      { code: b.code, items: b.items, tasks: tasksOf(b), sharedFields: b.sharedFields ?? [] },
      itemCodes,
    );
    if (problems.length > 0) {
      throw new Error(
        `config/services/bundles.json: ${b.code}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
      );
    }
  }
  const result = await ctx.db.transaction().execute(async (trx) => {
    const stored = await storedCatalogueCodes(trx);
    const newItems = items.filter((i) => !stored.items.has(i.code));
    const newBundles = bundles.filter((b) => !stored.bundles.has(b.code));
    await insertItems(
      trx,
      newItems.map((i) => ({
        code: i.code,
        name: i.name,
        department_id: depts.get(i.departmentCode)!,
        deadline_workdays: i.deadlineWorkdays,
        legal_basis: i.legalBasis,
        promise_allowed: i.promiseAllowed,
        materials: JSON.stringify(i.materials),
        form_schema: JSON.stringify(i.formSchema),
        produces: JSON.stringify(i.produces),
      })),
    );
    await insertBundles(
      trx,
      newBundles.map((b) => bundleRow(b)),
    );
    if (newItems.length + newBundles.length > 0) {
      await appendAudit(trx, systemOrigin(CATALOGUE_SEEDER), {
        action: 'services.catalogue_seeded',
        subjectType: 'service_bundle',
        detail: { items: newItems.length, bundles: newBundles.length },
      });
    }
    return { items: newItems.length, bundles: newBundles.length };
  });
  invalidateCatalogue(ctx);
  return result;
}

function tasksOf(b: Pick<BundleInput, 'items' | 'tasks'>): TaskSpec[] {
  return b.tasks ?? b.items.map((code) => ({ key: code, itemCode: code, dependsOn: [] }));
}

function bundleRow(b: BundleInput & { launchedOn?: string }, today?: string): NewBundle {
  return {
    code: b.code,
    name: b.name,
    category: b.category,
    kind: b.kind ?? 'standard',
    description: b.description,
    items: b.items,
    tasks: JSON.stringify(tasksOf(b)),
    shared_fields: b.sharedFields ?? [],
    notice_days: b.kind === 'simple_deregistration' ? (b.noticeDays ?? servicesSettings().noticeDays) : null,
    launched_on: b.launchedOn ?? today ?? new Date().toISOString().slice(0, 10),
    active: b.active ?? true,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The cached catalogue

export interface CatalogueItem extends ItemDef {
  departmentCode: string;
  legalBasis: string;
  produces: { kind: 'licence' | 'record'; name: string }[];
  active: boolean;
}

export interface CatalogueBundle {
  code: string;
  name: string;
  category: BundleCategory;
  kind: BundleKind;
  description: string;
  items: string[];
  tasks: TaskSpec[];
  sharedFields: string[];
  noticeDays: number | null;
  launchedOn: string;
  active: boolean;
  composed: ComposedBundle;
}

export interface Catalogue {
  items: Map<string, CatalogueItem>;
  bundles: Map<string, CatalogueBundle>;
  /** Department id → name, for tasks and queues. */
  departments: Map<string, string>;
  loadedAt: number;
}

const CACHE_MS = 5_000;
const caches = new WeakMap<AppContext, Promise<Catalogue>>();

export function invalidateCatalogue(ctx: AppContext): void {
  caches.delete(ctx);
}

async function loadCatalogue(db: Db): Promise<Catalogue> {
  const [{ items: itemRows, bundles: bundleRows }, depts] = await Promise.all([
    catalogueRows(db),
    listDepartments(db),
  ]);
  const deptById = new Map(depts.map((d) => [d.id, d]));
  const items = new Map<string, CatalogueItem>();
  for (const r of itemRows) {
    const d = deptById.get(r.department_id);
    items.set(r.code, {
      code: r.code,
      name: r.name,
      departmentId: r.department_id,
      department: d?.name ?? '',
      departmentCode: d?.code ?? '',
      deadlineWorkdays: r.deadline_workdays,
      legalBasis: r.legal_basis,
      promiseAllowed: r.promise_allowed,
      materials: r.materials,
      formSchema: r.form_schema,
      produces: r.produces,
      active: r.active,
    });
  }
  const bundles = new Map<string, CatalogueBundle>();
  for (const r of bundleRows) {
    const def = { code: r.code, items: r.items, tasks: r.tasks, sharedFields: r.shared_fields };
    bundles.set(r.code, {
      code: r.code,
      name: r.name,
      category: r.category,
      kind: r.kind,
      description: r.description,
      items: r.items,
      tasks: r.tasks,
      sharedFields: r.shared_fields,
      noticeDays: r.notice_days,
      launchedOn: r.launched_on,
      active: r.active,
      composed: composeBundle(def, items),
    });
  }
  return { items, bundles, departments: new Map(depts.map((d) => [d.id, d.name])), loadedAt: Date.now() };
}

export async function getCatalogue(ctx: AppContext): Promise<Catalogue> {
  const cached = caches.get(ctx);
  if (cached) {
    const c = await cached.catch(() => undefined);
    if (c && Date.now() - c.loadedAt < CACHE_MS) return c;
  }
  const p = loadCatalogue(ctx.db);
  caches.set(ctx, p);
  p.catch(() => caches.delete(ctx));
  return p;
}

// ---------------------------------------------------------------------------------------------------------------
// DTOs

function itemDto(i: CatalogueItem): ServiceItemDto {
  return {
    code: i.code,
    name: i.name,
    department: i.department,
    departmentId: i.departmentId,
    departmentCode: i.departmentCode,
    deadlineWorkdays: i.deadlineWorkdays,
    legalBasis: i.legalBasis,
    promiseAllowed: i.promiseAllowed,
    materials: i.materials,
    formSchema: i.formSchema,
    produces: i.produces,
    active: i.active,
  };
}

function summaryDto(b: CatalogueBundle, items: Map<string, CatalogueItem>): BundleSummaryDto {
  return {
    code: b.code,
    name: b.name,
    category: b.category,
    kind: b.kind,
    description: b.description,
    launchedOn: b.launchedOn,
    active: b.active,
    deadlineWorkdays: b.composed.deadlineWorkdays,
    items: b.items.map((code) => {
      const i = items.get(code);
      return {
        code,
        name: i?.name ?? code,
        department: i?.department ?? '',
        deadlineWorkdays: i?.deadlineWorkdays ?? 0,
      };
    }),
  };
}

function bundleDto(b: CatalogueBundle, items: Map<string, CatalogueItem>): BundleDto {
  return {
    ...summaryDto(b, items),
    tasks: b.composed.tasks,
    formSchema: b.composed.formSchema,
    uiSchema: b.composed.uiSchema,
    materials: b.composed.materials,
    promiseAllowed: b.composed.promiseAllowed,
    sharedFields: b.sharedFields,
    ...(b.noticeDays !== null ? { noticeDays: b.noticeDays } : {}),
  };
}

export async function listItems(ctx: AppContext): Promise<ServiceItemDto[]> {
  return [...(await getCatalogue(ctx)).items.values()].map(itemDto);
}

export async function getItem(ctx: AppContext, code: string): Promise<ServiceItemDto> {
  const i = (await getCatalogue(ctx)).items.get(code);
  if (!i) throw itemNotFound(code);
  return itemDto(i);
}

export async function listBundles(
  ctx: AppContext,
  opts: { includeInactive?: boolean } = {},
): Promise<BundleSummaryDto[]> {
  const c = await getCatalogue(ctx);
  return [...c.bundles.values()]
    .filter((b) => opts.includeInactive || b.active)
    .map((b) => summaryDto(b, c.items));
}

export async function getBundle(ctx: AppContext, code: string): Promise<BundleDto> {
  const c = await getCatalogue(ctx);
  const b = c.bundles.get(code);
  if (!b) throw bundleNotFound(code);
  return bundleDto(b, c.items);
}

/** The catalogue entry a use case works with (404 when unknown). */
export async function findBundleForUse(
  ctx: AppContext,
  code: string,
): Promise<{ bundle: CatalogueBundle; catalogue: Catalogue }> {
  const c = await getCatalogue(ctx);
  const b = c.bundles.get(code);
  if (!b) throw bundleNotFound(code);
  return { bundle: b, catalogue: c };
}

// ---------------------------------------------------------------------------------------------------------------
// Administration (services.manage)

function itemNotFound(code: string): AppError {
  return new AppError('NOT_FOUND', `No service item ${code}.`, { params: { reason: 'services-item', code } });
}

function bundleNotFound(code: string): AppError {
  return new AppError('NOT_FOUND', `No bundle ${code}.`, { params: { reason: 'services-bundle', code } });
}

function codeMismatch(pathCode: string, bodyCode: string): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    `Body code ${bodyCode} differs from the code ${pathCode} in the path.`,
    {
      params: { reason: 'services-code-mismatch', code: pathCode, bodyCode },
      errors: [
        {
          field: '/body/code',
          rule: 'const',
          message: 'must equal the code in the path',
          params: { value: pathCode },
        },
      ],
    },
  );
}

async function resolveDepartment(db: Db, input: ServiceItemInput): Promise<string> {
  const depts = await listDepartments(db);
  const d = input.departmentId
    ? depts.find((x) => x.id === input.departmentId)
    : depts.find((x) => x.code === input.departmentCode);
  if (!d) {
    throw new AppError('SERVICES_ITEM_INVALID', 'Choose a department of the department register.', {
      params: { reason: 'department-unknown' },
      errors: [
        {
          field: '/body/departmentId',
          rule: 'exists',
          message: 'a known departmentId or departmentCode is required',
        },
      ],
    });
  }
  return d.id;
}

function checkItemInput(input: ServiceItemInput): void {
  const errors: FieldViolation[] = [];
  const problem = checkFormSchema(input.formSchema);
  if (problem) errors.push({ field: '/body/formSchema', rule: 'schema', message: problem });
  const codes = new Set<string>();
  input.materials.forEach((m, i) => {
    if (codes.has(m.code))
      errors.push({
        field: `/body/materials/${i}/code`,
        rule: 'unique',
        message: `material ${m.code} twice`,
        params: { value: m.code },
      });
    codes.add(m.code);
  });
  if (errors.length > 0) {
    throw new AppError('SERVICES_ITEM_INVALID', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      params: { reason: 'definition', count: errors.length },
      errors,
    });
  }
}

export async function saveItem(
  ctx: AppContext,
  origin: AuditOrigin,
  input: ServiceItemInput,
  mode: 'create' | 'update',
  code?: string,
): Promise<ServiceItemDto> {
  if (mode === 'update' && code !== input.code) {
    throw codeMismatch(code ?? '', input.code);
  }
  checkItemInput(input);
  const departmentId = await resolveDepartment(ctx.db, input);
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await lockItem(trx, input.code);
    if (mode === 'create' && existing)
      throw new AppError('SERVICES_CODE_TAKEN', `Service item code ${input.code} is taken.`, {
        params: { reason: 'item', code: input.code },
      });
    if (mode === 'update' && !existing) throw itemNotFound(input.code);
    const row = {
      name: input.name,
      department_id: departmentId,
      deadline_workdays: input.deadlineWorkdays,
      legal_basis: input.legalBasis,
      promise_allowed: input.promiseAllowed,
      materials: JSON.stringify(input.materials),
      form_schema: JSON.stringify(input.formSchema),
      produces: JSON.stringify(input.produces),
      active: input.active ?? true,
    };
    if (mode === 'create') await insertItems(trx, [{ code: input.code, ...row }]);
    else await updateItem(trx, input.code, { ...row, updated_at: new Date() });
    await appendAudit(trx, origin, {
      action: mode === 'create' ? 'services.item_created' : 'services.item_updated',
      subjectType: 'service_item',
      subjectId: input.code,
      detail: { name: input.name, departmentId, deadlineWorkdays: input.deadlineWorkdays },
    });
  });
  invalidateCatalogue(ctx);
  return getItem(ctx, input.code);
}

export async function saveBundle(
  ctx: AppContext,
  origin: AuditOrigin,
  input: BundleInput,
  mode: 'create' | 'update',
  code?: string,
): Promise<BundleDto> {
  if (mode === 'update' && code !== input.code) {
    throw codeMismatch(code ?? '', input.code);
  }
  invalidateCatalogue(ctx);
  const catalogue = await getCatalogue(ctx);
  const problems = checkBundle(
    { code: input.code, items: input.items, tasks: tasksOf(input), sharedFields: input.sharedFields ?? [] },
    catalogue.items,
  );
  if (problems.length > 0) {
    throw new AppError(
      'SERVICES_BUNDLE_INVALID',
      problems.map((e) => `${e.field}: ${e.message}`).join('; '),
      {
        params: { count: problems.length },
        errors: problems,
      },
    );
  }
  const today = chinaDate(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await lockBundle(trx, input.code);
    if (mode === 'create' && existing)
      throw new AppError('SERVICES_CODE_TAKEN', `Bundle code ${input.code} is taken.`, {
        params: { reason: 'bundle', code: input.code },
      });
    if (mode === 'update' && !existing) throw bundleNotFound(input.code);
    const row = bundleRow(
      { ...input, launchedOn: input.launchedOn ?? existing?.launched_on ?? today },
      today,
    );
    if (mode === 'create') await insertBundles(trx, [row]);
    else {
      const { code: _code, ...rest } = row;
      await updateBundle(trx, input.code, { ...rest, updated_at: new Date() });
    }
    await appendAudit(trx, origin, {
      action: mode === 'create' ? 'services.bundle_created' : 'services.bundle_updated',
      subjectType: 'service_bundle',
      subjectId: input.code,
      detail: { name: input.name, items: input.items, active: input.active ?? true },
    });
  });
  invalidateCatalogue(ctx);
  return getBundle(ctx, input.code);
}
