/**
 * The plan's structure: importing a plan text (upload, CLI, the shipped plan on first start) and reading the
 * structure back. An import parses the text, then upserts the plan, its parts, sections and measures in one
 * transaction, matching each named unit to the department registry. Measures are keyed by their number and
 * updated in place, so milestones, reports and notices attached to a measure survive a revised text; a measure
 * the revised text no longer has is kept (and reported), never deleted.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { appendAudit, systemOrigin, type AuditOrigin } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import { systemActor, type Actor } from '../../kernel/policy.ts';
import { listDepartments } from '../identity/index.ts';
import type { MeasureStatus, UnitRole } from './action-plan.tables.ts';
import { computeMeasureStates } from './measure-status.service.ts';
import {
  insertMeasures,
  listMeasuresWithUnits,
  listUnlinkedUnits,
  replaceMeasureUnits,
  setUnitDepartment,
  updateMeasure,
  type MeasureWrite,
  type StoredMeasure,
  type UnitWrite,
} from './measures.repository.ts';
import { normaliseUnitName, parsePlan, PlanParseError, type ParsedPlan } from './plan-parser.ts';
import {
  countPlans,
  findCurrentPlan,
  findPlanByCode,
  insertPlan,
  insertPlanImport,
  listParts,
  listPlanImportRows,
  listSectionsWithCounts,
  lockPlanImports,
  updatePlan,
  upsertPart,
  upsertSection,
} from './plan.repository.ts';
import {
  PLAN_CODE_PATTERN,
  PLAN_TEXT_MAX_BYTES,
  type PlanImportDto,
  type PlanImportListDto,
  type PlanImportListInput,
  type PlanImportResultDto,
  type PlanOverviewDto,
  type PlanSummaryDto,
} from './plan.schemas.ts';

export const PLAN_SUPERVISE = 'plan.supervise';

/** The plan shipped with the platform, imported on first start. */
export const SHIPPED_PLAN_CODE = 'xiangcheng-2022';
export const SHIPPED_PLAN_FILE = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'config',
  'plan',
  'xiangcheng-2022.txt',
);

export type PlanImportResult = PlanImportResultDto;

/** The start-up step that imports the shipped plan, recorded as `system:seed`. */
const SHIPPED_PLAN_SEEDER = systemActor('seed');

export interface ImportPlanInput {
  /** Omitted: the plan in force. A code no plan has yet creates a new plan. */
  code?: string | undefined;
  /** The plan text; bytes must be UTF-8. */
  text: string | Uint8Array;
  /** Null only for trusted in-process callers (start-up, CLI), which name themselves in `origin.system`. */
  actor: Actor | null;
  origin: AuditOrigin;
}

// ---------------------------------------------------------------------------------------------------------------
// Text and department matching

/**
 * `reason`: `format` (the parser's problems, one `errors[]` entry each), `not-utf8`, `control-characters`, `empty`.
 * The parser's problem texts are the field messages; the web shows its own sentence for the reason.
 */
function invalidText(reason: string, problems: readonly string[], detail: string): AppError {
  return new AppError('PLAN_TEXT_INVALID', detail, {
    params: { reason, count: problems.length },
    errors: problems.map((message) => ({ field: '/body/text', rule: 'plan_format', message })),
  });
}

export function planTextTooLarge(cause?: unknown): AppError {
  const limitMb = PLAN_TEXT_MAX_BYTES / 1024 / 1024;
  return new AppError('PAYLOAD_TOO_LARGE', `The plan text must not exceed ${limitMb} MB.`, {
    params: { reason: 'plan-text', limitMb },
    cause,
  });
}

/** Strict UTF-8 (a GBK file must fail loudly, not import as mojibake), without a BOM. */
export function decodePlanText(input: string | Uint8Array): string {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    if (input.byteLength > PLAN_TEXT_MAX_BYTES) {
      throw planTextTooLarge();
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      throw invalidText(
        'not-utf8',
        ['not UTF-8 text'],
        'The file is not UTF-8 text (GBK/GB18030, Word or PDF?); save it as UTF-8 plain text and import again.',
      );
    }
  }
  text = text.replace(/^\uFEFF/, '');
  // PostgreSQL text cannot hold NUL; a plan never contains control characters other than line breaks and tabs.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u0008\u000b\u000e-\u001f]/.test(text)) {
    throw invalidText(
      'control-characters',
      ['contains control characters'],
      'The text contains control characters; it does not look like a plan.',
    );
  }
  if (!text.trim()) throw invalidText('empty', ['empty'], 'The plan text is empty.');
  return text;
}

function parseOrThrow(text: string): ParsedPlan {
  try {
    return parsePlan(text);
  } catch (err) {
    if (err instanceof PlanParseError) {
      const n = err.problems.length;
      throw invalidText(
        'format',
        err.problems,
        `The plan text could not be parsed (${n} problem${n === 1 ? '' : 's'}, see errors).`,
      );
    }
    throw err;
  }
}

interface DepartmentRef {
  id: string;
  name: string;
  short_name: string;
}

/**
 * Exact match on the department's name, brackets and whitespace normalised; then on its short name, but only
 * when that short name belongs to one department (a guess between two is no match).
 */
export function departmentMatcher(departments: readonly DepartmentRef[]): (unit: string) => string | null {
  const byName = new Map<string, string>();
  const byShort = new Map<string, string | null>();
  for (const d of departments) {
    byName.set(normaliseUnitName(d.name), d.id);
    const short = normaliseUnitName(d.short_name);
    byShort.set(short, byShort.has(short) && byShort.get(short) !== d.id ? null : d.id);
  }
  return (unit) => {
    const key = normaliseUnitName(unit);
    return byName.get(key) ?? byShort.get(key) ?? null;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Import

interface ResolvedUnit {
  name: string;
  role: UnitRole;
  departmentId: string | null;
}

function sameContent(
  stored: StoredMeasure,
  m: { title: string; body: string; sectionNo: number; units: readonly ResolvedUnit[] },
): boolean {
  return (
    stored.title === m.title &&
    stored.body === m.body &&
    stored.sectionOrdinal === m.sectionNo &&
    stored.units.length === m.units.length &&
    stored.units.every((u, i) => u.name === m.units[i]?.name && u.role === m.units[i]?.role)
  );
}

function authorOf(actor: Actor | null, origin: AuditOrigin): string {
  if (actor) return actor.username;
  if (!origin.system) throw new Error('importPlan without an actor needs origin.system');
  return `system:${origin.system}`;
}

async function importParsed(
  ctx: AppContext,
  trx: Db,
  input: {
    code: string | undefined;
    parsed: ParsedPlan;
    sha256: string;
    author: string;
    origin: AuditOrigin;
  },
): Promise<PlanImportResult> {
  const { parsed, sha256 } = input;
  const at = ctx.clock.now();
  const current = input.code === undefined ? await findCurrentPlan(trx) : undefined;
  const code = input.code ?? current?.code;
  if (!code) {
    throw new AppError('VALIDATION_FAILED', 'No plan exists yet: give a code.', {
      params: { reason: 'plan-code-required' },
      errors: [{ field: '/body/code', rule: 'required', message: 'required while no plan exists' }],
    });
  }

  const write = {
    title: parsed.title,
    issuer: parsed.issuer,
    documentNo: parsed.documentNo,
    issuedOn: parsed.issuedOn,
    sourceSha256: sha256,
    at,
  };
  const existing = await findPlanByCode(trx, code);
  const planId = existing ? existing.id : await insertPlan(trx, code, write);
  if (existing) await updatePlan(trx, planId, write);

  const partIds = new Map<number, string>();
  for (const p of parsed.parts) {
    partIds.set(p.no, await upsertPart(trx, planId, { ordinal: p.no, label: p.label, title: p.title }));
  }
  const sectionIds = new Map<number, string>();
  for (const s of parsed.sections) {
    const partId = partIds.get(s.partNo);
    if (!partId) throw new Error(`section ${s.no} refers to a part the parser did not return`);
    sectionIds.set(
      s.no,
      await upsertSection(trx, planId, { ordinal: s.no, label: s.label, title: s.title, partId }),
    );
  }

  const match = departmentMatcher(await listDepartments(trx));
  const stored = new Map((await listMeasuresWithUnits(trx, planId)).map((m) => [m.no, m]));
  const toInsert: (MeasureWrite & { units: ResolvedUnit[] })[] = [];
  const rebuilt: { measureId: string; units: ResolvedUnit[] }[] = [];
  const unmatchedUnits: { measureNo: number; name: string }[] = [];
  let updated = 0;
  let unchanged = 0;

  for (const m of parsed.measures) {
    const sectionId = sectionIds.get(m.sectionNo);
    if (!sectionId) throw new Error(`measure ${m.no} refers to a section the parser did not return`);
    const before = stored.get(m.no);
    // A unit the registry no longer knows by this name keeps the link it had (a renamed department is the same one).
    const previousLinks = new Map(before?.units.map((u) => [u.name, u.departmentId]) ?? []);
    const units: ResolvedUnit[] = m.units.map((u) => ({
      name: u.name,
      role: u.role,
      departmentId: u.role === 'scope' ? null : (match(u.name) ?? previousLinks.get(u.name) ?? null),
    }));
    for (const u of units) {
      if (u.role !== 'scope' && u.departmentId === null)
        unmatchedUnits.push({ measureNo: m.no, name: u.name });
    }
    const w: MeasureWrite = { no: m.no, title: m.title, body: m.body, sectionId };
    if (!before) {
      toInsert.push({ ...w, units });
    } else if (!sameContent(before, { ...m, units })) {
      await updateMeasure(trx, before.id, w, at);
      rebuilt.push({ measureId: before.id, units });
      updated++;
    } else {
      unchanged++;
      // Same text, but the registry may have gained a department since (departments loaded after the plan).
      for (const [i, u] of before.units.entries()) {
        const now = units[i]?.departmentId ?? null;
        if (now !== null && now !== u.departmentId) await setUnitDepartment(trx, u.id, now);
      }
    }
  }

  const newIds = await insertMeasures(trx, planId, toInsert, at);
  for (const m of toInsert) {
    const id = newIds.get(m.no);
    if (!id) throw new Error(`measure ${m.no} was not inserted`);
    rebuilt.push({ measureId: id, units: m.units });
  }
  const unitRows: UnitWrite[] = rebuilt.flatMap((r) =>
    r.units.map((u, position) => ({ measureId: r.measureId, position, ...u })),
  );
  await replaceMeasureUnits(
    trx,
    rebuilt.map((r) => r.measureId),
    unitRows,
  );

  const inText = new Set(parsed.measures.map((m) => m.no));
  const removed = [...stored.keys()].filter((no) => !inText.has(no)).sort((a, b) => a - b);
  const counts = { added: toInsert.length, updated, unchanged };
  const importId = await insertPlanImport(trx, {
    planId,
    importedAt: at,
    importedBy: input.author,
    sourceSha256: sha256,
    ...counts,
    unmatchedUnits,
  });
  await appendAudit(trx, input.origin, {
    action: 'plan.imported',
    subjectType: 'plan',
    subjectId: planId,
    detail: {
      code,
      importId,
      sha256,
      created: !existing,
      ...counts,
      removed,
      unmatchedUnits,
    },
  });
  return {
    importId,
    planCode: code,
    planCreated: !existing,
    parts: parsed.parts.length,
    sections: parsed.sections.length,
    measures: parsed.measures.length,
    ...counts,
    removed,
    unmatchedUnits,
    warnings: parsed.warnings,
  };
}

function assertMaySupervise(actor: Actor | null): void {
  if (actor && !actor.permissions.has(PLAN_SUPERVISE)) {
    throw new AppError('FORBIDDEN', `Permission ${PLAN_SUPERVISE} required.`, {
      params: { permission: PLAN_SUPERVISE },
      extra: { permission: PLAN_SUPERVISE },
    });
  }
}

/**
 * Imports a plan text: parse (a text that is not a plan is a 400 naming why), then one transaction with the
 * plan_import row and the `plan.imported` audit entry. Re-importing the same text changes nothing but records
 * the import.
 */
export async function importPlan(ctx: AppContext, input: ImportPlanInput): Promise<PlanImportResult> {
  assertMaySupervise(input.actor);
  const author = authorOf(input.actor, input.origin);
  if (input.code !== undefined && !PLAN_CODE_PATTERN.test(input.code)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Plan code ${input.code} is invalid: use 3–64 lower-case letters, digits and hyphens.`,
      {
        params: { reason: 'plan-code-pattern', code: input.code },
        errors: [
          {
            field: '/body/code',
            rule: 'pattern',
            message: `must match ${PLAN_CODE_PATTERN.source}`,
            params: { pattern: PLAN_CODE_PATTERN.source },
          },
        ],
      },
    );
  }
  const text = decodePlanText(input.text);
  const parsed = parseOrThrow(text);
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  return ctx.db.transaction().execute(async (trx) => {
    await lockPlanImports(trx);
    return importParsed(ctx, trx, { code: input.code, parsed, sha256, author, origin: input.origin });
  });
}

/**
 * Links named units that have no department yet to the department of that name, if the registry now has one.
 * Returns how many were linked. Start-up runs it, so a plan imported before the registry was loaded catches up.
 */
export async function linkUnmatchedUnits(ctx: AppContext, origin: AuditOrigin): Promise<number> {
  const unlinked = await listUnlinkedUnits(ctx.db);
  if (unlinked.length === 0) return 0;
  return ctx.db.transaction().execute(async (trx) => {
    await lockPlanImports(trx);
    const match = departmentMatcher(await listDepartments(trx));
    const linked: { planCode: string; measureNo: number; name: string }[] = [];
    for (const u of await listUnlinkedUnits(trx)) {
      const departmentId = match(u.name);
      if (!departmentId) continue;
      await setUnitDepartment(trx, u.id, departmentId);
      linked.push({ planCode: u.planCode, measureNo: u.measureNo, name: u.name });
    }
    if (linked.length > 0) {
      await appendAudit(trx, origin, {
        action: 'plan.units_linked',
        subjectType: 'plan',
        detail: { count: linked.length, units: linked },
      });
    }
    return linked.length;
  });
}

/**
 * First start: imports config/plan/xiangcheng-2022.txt as `xiangcheng-2022` when no plan exists. Later starts
 * only link units that could not be matched before (the department registry may be loaded after this runs).
 */
export async function importShippedPlan(ctx: AppContext): Promise<PlanImportResult | undefined> {
  const origin = systemOrigin(SHIPPED_PLAN_SEEDER);
  if ((await countPlans(ctx.db)) > 0) {
    await linkUnmatchedUnits(ctx, origin);
    return undefined;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(SHIPPED_PLAN_FILE);
  } catch (err) {
    ctx.logger.warn({ err, file: SHIPPED_PLAN_FILE }, 'shipped action plan not found; no plan imported');
    return undefined;
  }
  const text = decodePlanText(bytes);
  const parsed = parseOrThrow(text);
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  const result = await ctx.db.transaction().execute(async (trx) => {
    await lockPlanImports(trx);
    // Another process may have imported it while this one waited for the lock.
    if ((await countPlans(trx)) > 0) return undefined;
    return importParsed(ctx, trx, {
      code: SHIPPED_PLAN_CODE,
      parsed,
      sha256,
      author: authorOf(null, origin),
      origin,
    });
  });
  if (result && result.unmatchedUnits.length > 0) {
    ctx.logger.warn(
      { unmatched: result.unmatchedUnits.length },
      'shipped action plan imported with units not in the department registry; they are linked on a later start',
    );
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Reads

/** Counts per status and the mean progress (one decimal) of a set of measure states. */
export function summariseStates(
  states: Iterable<{ status: MeasureStatus; progress: number }>,
): PlanSummaryDto {
  const byStatus: Record<MeasureStatus, number> = {
    not_started: 0,
    in_progress: 0,
    completed: 0,
    lagging: 0,
  };
  let n = 0;
  let sum = 0;
  for (const s of states) {
    byStatus[s.status]++;
    sum += s.progress;
    n++;
  }
  return { measures: n, byStatus, averageProgress: n === 0 ? 0 : Math.round((sum / n) * 10) / 10 };
}

async function getCurrentPlanOrThrow(ctx: AppContext) {
  const plan = await findCurrentPlan(ctx.db);
  if (!plan) {
    throw new AppError(
      'PLAN_NOT_LOADED',
      'No action plan has been imported yet (POST /api/action-plan/import).',
    );
  }
  return plan;
}

/** The plan in force: its parts, sections (with measure counts) and a progress summary. */
export async function getPlanOverview(ctx: AppContext): Promise<PlanOverviewDto> {
  const plan = await getCurrentPlanOrThrow(ctx);
  const [parts, sections, states] = await Promise.all([
    listParts(ctx.db, plan.id),
    listSectionsWithCounts(ctx.db, plan.id),
    computeMeasureStates(ctx, plan.id),
  ]);
  return {
    plan: {
      code: plan.code,
      title: plan.title,
      issuer: plan.issuer,
      documentNo: plan.document_no,
      issuedOn: plan.issued_on,
      reportingPeriod: plan.reporting_period,
    },
    parts: parts.map((p) => ({
      no: p.ordinal,
      label: p.label,
      title: p.title,
      sections: sections
        .filter((s) => s.part_id === p.id)
        .map((s) => ({ no: s.ordinal, label: s.label, title: s.title, measureCount: s.measures })),
    })),
    summary: summariseStates(states.values()),
  };
}

function unmatchedList(raw: unknown): { measureNo: number; name: string }[] {
  const value: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
  if (!Array.isArray(value)) return [];
  return value.flatMap((v: unknown) => {
    if (typeof v !== 'object' || v === null) return [];
    const { measureNo, name } = v as { measureNo?: unknown; name?: unknown };
    return typeof measureNo === 'number' && typeof name === 'string' ? [{ measureNo, name }] : [];
  });
}

/** Import history, newest first. */
export async function listPlanImports(ctx: AppContext, q: PlanImportListInput): Promise<PlanImportListDto> {
  const { rows, total } = await listPlanImportRows(ctx.db, {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const items: PlanImportDto[] = rows.map((r) => ({
    id: r.id,
    planCode: r.plan_code,
    importedAt: new Date(r.imported_at).toISOString(),
    importedBy: r.imported_by,
    sourceSha256: r.source_sha256,
    added: r.measures_added,
    updated: r.measures_updated,
    unchanged: r.measures_unchanged,
    unmatchedUnits: unmatchedList(r.unmatched_units),
  }));
  return { items, total };
}
