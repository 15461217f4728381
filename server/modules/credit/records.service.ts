/**
 * 双公示 and other credit records: entry by form/API (one record per use case) and the catalogue of categories.
 * Entry is never refused for lateness: the working days from decision to entry are stored with a `timely` flag
 * against the configured deadline (config/credit/settings.json, `entryDeadlineWorkdays`, default 5 — the seed's
 * rule; nationally 7). An officer enters only categories within their department's competence; a category outside
 * it answers "not found" like one that does not exist.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Type } from 'typebox';
import { readConfigFile } from '../../kernel/config-files.ts';
import { appendAudit, canonicalJson, type AuditOrigin } from '../../kernel/audit.ts';
import type { WorkCalendar } from '../../kernel/calendar/calendar.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError, type FieldViolation } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { findEnterpriseIdByCode } from '../enterprise/index.ts';
import { listDepartments } from '../identity/index.ts';
import { publicationWindow, type PublicationWindow } from './publication.ts';
import {
  findCategoryRow,
  findRecordByDecision,
  findRecordRow,
  insertRecordRow,
  lockDecisionSpace,
  listCategoryRows,
  listRecordRows,
  updateCategoryRow,
  updateRecordContent,
  type CategoryRow,
  type RecordRow,
  type RecordWrite,
} from './records.repository.ts';
import type {
  CategoryDto,
  EnterRecordInput,
  EnterRecordResult,
  RecordDto,
  RecordListDto,
  RecordListQueryInput,
  UpdateCategoryInput,
} from './records.schemas.ts';
import { CORE_KEYS, validateRecord, type CategorySpec, type ValidRecord } from './row-validation.ts';

// ---------------------------------------------------------------------------------------------------------------
// Settings

export const CREDIT_CONFIG_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'config', 'credit');

export interface CreditSettings {
  /** Working days after the decision within which a 双公示 record must be entered. */
  entryDeadlineWorkdays: number;
  /** Largest import file accepted (bytes). HTTP uploads are further limited by UPLOAD_MAX_BYTES. */
  importMaxBytes: number;
  /** Largest total uncompressed size an XLSX may declare before it is opened. */
  xlsxMaxUncompressedBytes: number;
  importBatchRows: number;
  /** A running import without progress for this many minutes is ended as failed by the sweeper (its job died). */
  importStaleMinutes: number;
}

const DEFAULT_SETTINGS: CreditSettings = {
  entryDeadlineWorkdays: 5,
  importMaxBytes: 200 * 1024 * 1024,
  xlsxMaxUncompressedBytes: 200 * 1024 * 1024,
  importBatchRows: 1000,
  importStaleMinutes: 30,
};

let settingsCache: CreditSettings | undefined;

/** Reads config/credit/settings.json once per process; a bad value stops the start naming the setting. */
export function creditSettings(): CreditSettings {
  if (settingsCache) return settingsCache;
  const file = path.join(CREDIT_CONFIG_DIR, 'settings.json');
  const raw: unknown = fs.existsSync(file) ? readConfigFile(file, Type.Unknown()) : {};
  const out = { ...DEFAULT_SETTINGS };
  if (raw !== null && typeof raw === 'object') {
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof CreditSettings)[]) {
      const v = (raw as Record<string, unknown>)[key];
      if (v === undefined) continue;
      const max = key === 'entryDeadlineWorkdays' ? 60 : key === 'importBatchRows' ? 5000 : 2 ** 40;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) {
        throw new Error(`${file}: ${key} must be an integer from 1 to ${max}`);
      }
      out[key] = v;
    }
  }
  settingsCache = out;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Scoping (pure)

/** Categories an officer may enter: those naming their department, or naming none. */
export function withinCompetence(
  category: Pick<CategoryRow, 'department_codes'>,
  departmentCode: string,
): boolean {
  return category.department_codes.length === 0 || category.department_codes.includes(departmentCode);
}

/** Officers see their own department's records; the office (and other readers without a department) all. */
export function recordScope(actor: Actor): { departmentId: string } | 'all' {
  if (actor.kind === 'officer') {
    if (!actor.departmentId)
      throw new AppError('FORBIDDEN', 'The account has no department.', {
        params: { reason: 'no-department' },
      });
    return { departmentId: actor.departmentId };
  }
  return 'all';
}

export async function departmentCodeOf(db: Db, departmentId: string): Promise<string | undefined> {
  return (await listDepartments(db)).find((d) => d.id === departmentId)?.code;
}

const notFoundCategory = (code: string): AppError =>
  new AppError('NOT_FOUND', `No such credit category: ${code}`, {
    params: { reason: 'credit-category', code },
  });

/** The category an officer's department may enter; inactive → 422, foreign or missing → 404. */
export async function getEnterableCategory(
  db: Db,
  departmentId: string | null,
  code: string,
): Promise<CategoryRow> {
  const category = await findCategoryRow(db, code);
  const deptCode = departmentId ? await departmentCodeOf(db, departmentId) : undefined;
  if (!category || deptCode === undefined || !withinCompetence(category, deptCode))
    throw notFoundCategory(code);
  if (!category.active) {
    throw new AppError(
      'CREDIT_CATEGORY_INACTIVE',
      `Credit category ${category.code} (${category.name}) is switched off; nothing can be entered into it.`,
      { params: { code: category.code, name: category.name } },
    );
  }
  return category;
}

// ---------------------------------------------------------------------------------------------------------------
// Shared by entry and import

export function categorySpec(c: CategoryRow): CategorySpec {
  return { code: c.code, kind: c.kind, public: c.public, fields: c.fields };
}

export function loadedYearSet(cal: WorkCalendar): Set<number> {
  return new Set(cal.loadedYears());
}

/** Hash of the normalised content: equal hashes mean re-entering the record changes nothing. */
export function contentHash(categoryCode: string, v: ValidRecord): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        c: categoryCode,
        u: v.uscc,
        n: v.entityName,
        d: v.decisionNo,
        t: v.decisionDate,
        x: v.data,
      }),
    )
    .digest('hex');
}

export interface Timeliness {
  entryWorkdays: number;
  timely: boolean;
}

/** Working days after the decision up to and including the China date of entry (calendar errors propagate). */
export function timelinessOf(
  cal: WorkCalendar,
  decisionDate: string,
  enteredAt: Date,
  deadline: number,
): Timeliness {
  const entryWorkdays = Math.max(0, cal.workdaysBetween(decisionDate, chinaDate(enteredAt)));
  return { entryWorkdays, timely: entryWorkdays <= deadline };
}

export function windowOf(category: CategoryRow, v: ValidRecord): PublicationWindow {
  return publicationWindow({
    kind: category.kind,
    severities: v.severities,
    categoryPublic: category.public,
    decisionDate: v.decisionDate,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// DTOs

function iso(d: Date | string): string {
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

export function toRecordDto(r: RecordRow): RecordDto {
  return {
    id: r.id,
    categoryCode: r.category_code,
    uscc: r.uscc,
    entityName: r.entity_name,
    enterpriseId: r.enterprise_id,
    departmentId: r.department_id,
    decisionNo: r.decision_no,
    decisionDate: r.decision_date,
    enteredAt: iso(r.entered_at),
    entryWorkdays: r.entry_workdays,
    timely: r.timely,
    data: r.data,
    severity: r.severity,
    publication: r.publication,
    publishFrom: r.publish_from,
    publishMinUntil: r.publish_min_until,
    publishUntil: r.publish_until,
    source: r.source,
    importId: r.import_id,
    updatedAt: iso(r.updated_at),
  };
}

export function toCategoryDto(c: CategoryRow): CategoryDto {
  return {
    code: c.code,
    name: c.name,
    kind: c.kind,
    description: c.description,
    fields: c.fields,
    collection: c.collection,
    departmentCodes: c.department_codes,
    public: c.public,
    active: c.active,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Use cases

/**
 * The entry form's violations. Their `message` is the row rule's text, the same the import reports per row (kept
 * as it is: the per-row validation is the import's hot path); `params.label` names the field for `rules.<rule>`.
 */
function violations(
  errors: { field: string; label: string; rule: string; message: string }[],
): FieldViolation[] {
  return errors.map((e) => ({
    field: CORE_KEYS.has(e.field) ? `/body/${e.field}` : `/body/data/${e.field}`,
    rule: e.rule,
    message: e.message,
    params: { label: e.label },
  }));
}

/** Enters (or corrects) one record in one transaction with its audit entry. Same content again → unchanged. */
export async function enterRecord(
  ctx: AppContext,
  actor: Actor,
  input: EnterRecordInput,
  origin: AuditOrigin,
): Promise<EnterRecordResult> {
  const category = await getEnterableCategory(ctx.db, actor.departmentId, input.categoryCode);
  const departmentId = actor.departmentId ?? '';
  const unknown = Object.keys(input.data).filter((k) => !category.fields.some((f) => f.key === k));
  if (unknown.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Credit category ${category.code} has no field ${unknown.join(', ')}.`,
      {
        params: { reason: 'credit-unknown-fields', category: category.name, fields: unknown },
        errors: unknown.map((k) => ({
          field: `/body/data/${k}`,
          rule: 'additionalProperties',
          message: 'unknown field',
        })),
      },
    );
  }
  const cal = await getWorkCalendar(ctx);
  const now = ctx.clock.now();
  const result = validateRecord(
    categorySpec(category),
    {
      ...input.data,
      uscc: input.uscc,
      entityName: input.entityName,
      decisionNo: input.decisionNo,
      decisionDate: input.decisionDate,
    },
    { today: chinaDate(now), loadedYears: loadedYearSet(cal) },
  );
  if (!result.ok) {
    const fields = result.errors.map((e) => e.field);
    throw new AppError(
      'VALIDATION_FAILED',
      `The record has ${fields.length} invalid field${fields.length === 1 ? '' : 's'}: ${fields.join(', ')}.`,
      {
        params: { reason: 'credit-record', count: fields.length, fields },
        errors: violations(result.errors),
      },
    );
  }
  const v = result.value;
  const hash = contentHash(category.code, v);
  const deadline = creditSettings().entryDeadlineWorkdays;
  const win = windowOf(category, v);

  return ctx.db.transaction().execute(async (trx) => {
    await lockDecisionSpace(trx, { departmentId, categoryCode: category.code });
    const existing = await findRecordByDecision(trx, {
      departmentId,
      categoryCode: category.code,
      decisionNo: v.decisionNo,
    });
    if (existing && existing.content_hash === hash) {
      return { outcome: 'unchanged' as const, record: toRecordDto(existing) };
    }
    const enteredAt = existing ? new Date(existing.entered_at) : now;
    const t = timelinessOf(cal, v.decisionDate, enteredAt, deadline);
    const write: RecordWrite = {
      category_code: category.code,
      uscc: v.uscc,
      entity_name: v.entityName,
      enterprise_id: (await findEnterpriseIdByCode(trx, v.uscc)) ?? null,
      department_id: departmentId,
      decision_no: v.decisionNo,
      decision_date: v.decisionDate,
      entered_at: enteredAt,
      entry_workdays: t.entryWorkdays,
      timely: t.timely,
      data: v.data,
      severity: win.severity,
      publication: win.publication,
      publish_from: win.publishFrom,
      publish_min_until: win.publishMinUntil,
      publish_until: win.publishUntil,
      source: input.source ?? 'api',
      import_id: null,
      content_hash: hash,
      created_by: actor.userId,
    };
    const row = existing
      ? await updateRecordContent(trx, existing.id, write)
      : await insertRecordRow(trx, write);
    await appendAudit(trx, origin, {
      action: existing ? 'credit.record-corrected' : 'credit.record-entered',
      subjectType: 'credit_record',
      subjectId: row.id,
      detail: {
        category: category.code,
        decisionNo: v.decisionNo,
        decisionDate: v.decisionDate,
        uscc: v.uscc,
        entryWorkdays: t.entryWorkdays,
        timely: t.timely,
        ...(existing ? { previousHash: existing.content_hash } : {}),
      },
    });
    return { outcome: existing ? ('updated' as const) : ('created' as const), record: toRecordDto(row) };
  });
}

export async function listRecords(
  ctx: AppContext,
  actor: Actor,
  q: RecordListQueryInput,
): Promise<RecordListDto> {
  const scope = recordScope(actor);
  let departmentId: string | undefined;
  if (scope !== 'all') departmentId = scope.departmentId;
  if (q.department !== undefined) {
    const dept = (await listDepartments(ctx.db)).find((d) => d.code === q.department);
    // Another department's code for an officer, or an unknown code: nothing to see.
    if (!dept || (departmentId !== undefined && dept.id !== departmentId)) return { items: [], total: 0 };
    departmentId = dept.id;
  }
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await listRecordRows(
    ctx.db,
    {
      departmentId,
      categoryCode: q.category,
      uscc: q.uscc?.normalize('NFKC').trim().toUpperCase(),
      timely: q.timely,
      from: q.from,
      to: q.to,
    },
    { limit: pageSize, offset: (page - 1) * pageSize },
  );
  return { items: rows.map(toRecordDto), total };
}

export async function getRecord(ctx: AppContext, actor: Actor, id: string): Promise<RecordDto> {
  const row = await findRecordRow(ctx.db, id);
  const scope = recordScope(actor);
  if (!row || (scope !== 'all' && row.department_id !== scope.departmentId)) {
    throw new AppError('NOT_FOUND', `No such credit record: ${id}`, {
      params: { reason: 'credit-record', id },
    });
  }
  return toRecordDto(row);
}

export async function listCategories(ctx: AppContext): Promise<{ items: CategoryDto[] }> {
  return { items: (await listCategoryRows(ctx.db)).map(toCategoryDto) };
}

/** Field-schema rules the JSON schema cannot express. */
export function checkCategoryFields(
  fields: UpdateCategoryInput['fields'],
  kind: CategoryRow['kind'],
): FieldViolation[] {
  if (!fields) return [];
  const out: FieldViolation[] = [];
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    const at = `/body/fields/${i}`;
    if (CORE_KEYS.has(f.key))
      out.push({
        field: `${at}/key`,
        rule: 'reserved',
        message: `${f.key} is a core field`,
        params: { key: f.key },
      });
    if (seen.has(f.key))
      out.push({
        field: `${at}/key`,
        rule: 'unique',
        message: `duplicate key ${f.key}`,
        params: { key: f.key },
      });
    seen.add(f.key);
    if (f.type === 'enum' && (!f.options || f.options.length === 0))
      out.push({ field: `${at}/options`, rule: 'required', message: 'an enum field needs options' });
  });
  if (kind === 'penalty' && !fields.some((f) => f.key === 'severity' && f.required))
    out.push({
      field: '/body/fields',
      rule: 'severity',
      message: 'a penalty category needs a required severity field',
    });
  return out;
}

export async function updateCategory(
  ctx: AppContext,
  code: string,
  input: UpdateCategoryInput,
  origin: AuditOrigin,
): Promise<CategoryDto> {
  const current = await findCategoryRow(ctx.db, code);
  if (!current) throw notFoundCategory(code);
  const problems = checkCategoryFields(input.fields, current.kind);
  if (input.departmentCodes) {
    const known = new Set((await listDepartments(ctx.db)).map((d) => d.code));
    input.departmentCodes.forEach((c, i) => {
      if (!known.has(c))
        problems.push({
          field: `/body/departmentCodes/${i}`,
          rule: 'department',
          message: `unknown department ${c}`,
          params: { code: c },
        });
    });
  }
  if (problems.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The category settings have ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.map((p) => p.message).join('; ')}`,
      {
        params: {
          reason: 'credit-category-settings',
          count: problems.length,
          problems: problems.map((p) => p.message),
        },
        errors: problems,
      },
    );
  }
  return ctx.db.transaction().execute(async (trx) => {
    const row = await updateCategoryRow(trx, code, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.fields !== undefined ? { fields: input.fields } : {}),
      ...(input.collection !== undefined ? { collection: input.collection } : {}),
      ...(input.departmentCodes !== undefined ? { department_codes: input.departmentCodes } : {}),
      ...(input.public !== undefined ? { public: input.public } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    });
    if (!row) throw notFoundCategory(code);
    await appendAudit(trx, origin, {
      action: 'credit.category-updated',
      subjectType: 'credit_category',
      subjectId: code,
      detail: { changed: Object.keys(input) },
    });
    return toCategoryDto(row);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Catalogue file

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Reads and checks config/credit/categories.json; a bad entry stops the start naming the category and the rule. */
export function readCategoryConfig(file = path.join(CREDIT_CONFIG_DIR, 'categories.json')): CategoryRow[] {
  const raw: unknown = readConfigFile(file, Type.Unknown());
  const list = isRecord(raw) ? raw.categories : undefined;
  if (!Array.isArray(list)) throw new Error(`${file}: expected { "categories": [...] }`);
  const seen = new Set<string>();
  return list.map((c: unknown, i) => {
    const where = `${file}: categories[${i}]`;
    if (!isRecord(c)) throw new Error(`${where} must be an object`);
    const { code, name, kind, description, collection, departmentCodes, fields } = c;
    if (typeof code !== 'string' || !/^[a-z][a-z0-9_]{0,39}$/.test(code))
      throw new Error(`${where}.code is invalid`);
    if (seen.has(code)) throw new Error(`${where}: duplicate code ${code}`);
    seen.add(code);
    if (typeof name !== 'string' || name === '') throw new Error(`${where}.name is required`);
    if (kind !== 'license' && kind !== 'penalty' && kind !== 'other')
      throw new Error(`${where}.kind is invalid`);
    if (collection !== 'monthly' && collection !== 'on_event')
      throw new Error(`${where}.collection is invalid`);
    if (!Array.isArray(departmentCodes) || departmentCodes.some((d) => typeof d !== 'string'))
      throw new Error(`${where}.departmentCodes must be a list of department codes`);
    if (!Array.isArray(fields)) throw new Error(`${where}.fields must be a list`);
    const typed = fields as NonNullable<UpdateCategoryInput['fields']>;
    const problems = checkCategoryFields(typed, kind);
    if (problems.length > 0)
      throw new Error(`${where} (${code}): ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
    return {
      code,
      name,
      kind,
      description: typeof description === 'string' ? description : '',
      fields: typed,
      collection,
      department_codes: departmentCodes as string[],
      public: c.public !== false,
      active: c.active !== false,
    };
  });
}
