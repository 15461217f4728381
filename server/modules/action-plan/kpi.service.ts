/**
 * KPIs: the plan's quantitative targets, each read from a metric provider a module registers. A KPI whose provider
 * is not registered has no source ("暂无数据源"): its value is stored as null with status `no_source`, never as a
 * number. Values are kept per period (`YYYY-MM`, China time) so trends can be drawn.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Type } from 'typebox';
import { appendAudit, systemOrigin, type AuditActions, type AuditOrigin } from '../../kernel/audit.ts';
import { systemActor } from '../../kernel/policy.ts';
import { chinaDate } from '../../kernel/clock.ts';
import { readConfigFile } from '../../kernel/config-files.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError, type FieldViolation } from '../../kernel/errors.ts';
import type { MetricValue } from '../../kernel/metrics.ts';
import type { Actor } from '../../kernel/policy.ts';
import type { KpiRow, KpiValueRow } from './action-plan.tables.ts';
import {
  claimKpiSeed,
  deleteKpiRow,
  findKpiRow,
  insertKpiRow,
  listKpiRows,
  listKpiValueRows,
  updateKpiRow,
  upsertKpiValues,
  type KpiValueWrite,
  type KpiWrite,
} from './kpi.repository.ts';
import {
  CreateKpiBody,
  KPI_CODE_PATTERN,
  KPI_HISTORY_PERIODS,
  type CreateKpiInput,
  type KpiDto,
  type MetricProviderDto,
  type UpdateKpiInput,
} from './kpi.schemas.ts';
import { listMeasureNos } from './measures.repository.ts';
import { findCurrentPlan, findPlanIdByCodeOrSource } from './plan.repository.ts';

export const PLAN_CONFIG_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'config', 'plan');
// Shipped KPIs are written by the start-up step that loads config files, recorded as `system:config`.
const SHIPPED_CONFIG = systemActor('config');
const SEED_AUTHOR = `system:${SHIPPED_CONFIG.name}`;

/** The KPI period an instant falls in: its month in China time. */
export function kpiPeriod(at: Date): string {
  return chinaDate(at).slice(0, 7);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

function metOf(row: KpiRow, value: number | null, status: KpiValueRow['status']): boolean | null {
  if (status !== 'ok' || value === null) return null;
  return row.direction === 'at_least' ? value >= row.target : value <= row.target;
}

function toDto(ctx: AppContext, row: KpiRow, values: KpiValueRow[]): KpiDto {
  const source = row.provider ? ctx.metrics.find(row.provider) : undefined;
  const last = values.at(-1);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    unit: row.unit,
    target: row.target,
    direction: row.direction,
    measureNos: row.measure_nos,
    provider: row.provider,
    source: source ? { id: source.id, name: source.name } : null,
    latest: last
      ? {
          period: last.period,
          value: last.value,
          status: last.status,
          met: metOf(row, last.value, last.status),
          computedAt: new Date(last.computed_at).toISOString(),
        }
      : null,
    history: values.map((v) => ({ period: v.period, value: v.value, status: v.status })),
  };
}

async function dtosOf(ctx: AppContext, rows: KpiRow[]): Promise<KpiDto[]> {
  const values = await listKpiValueRows(
    ctx.db,
    rows.map((r) => r.id),
    KPI_HISTORY_PERIODS,
  );
  const byKpi = new Map<string, KpiValueRow[]>();
  for (const v of values) {
    const list = byKpi.get(v.kpi_id) ?? [];
    list.push(v);
    byKpi.set(v.kpi_id, list);
  }
  return rows.map((r) => toDto(ctx, r, byKpi.get(r.id) ?? []));
}

/** The plan's KPIs with their latest value and up to 24 periods of history. */
export async function listKpis(ctx: AppContext, planId: string): Promise<KpiDto[]> {
  return dtosOf(ctx, await listKpiRows(ctx.db, planId));
}

/** The KPIs of the plan in force; none while no plan is loaded. */
export async function listCurrentKpis(ctx: AppContext): Promise<KpiDto[]> {
  const plan = await findCurrentPlan(ctx.db);
  return plan ? listKpis(ctx, plan.id) : [];
}

export function listMetricProviders(ctx: AppContext): MetricProviderDto[] {
  return ctx.metrics
    .list()
    .map((p) => ({ id: p.id, name: p.name, unit: p.unit, description: p.description }));
}

async function requireCurrentPlanId(ctx: AppContext): Promise<string> {
  const plan = await findCurrentPlan(ctx.db);
  if (!plan) throw new AppError('PLAN_NOT_LOADED', 'No action plan has been imported yet.');
  return plan.id;
}

// ---------------------------------------------------------------------------------------------------------------
// Computing

function describeError(err: unknown): string {
  if (err instanceof AppError) return `${err.code}: ${err.detail}`;
  if (err instanceof Error) return err.message;
  return String(err);
}

async function computeValue(
  ctx: AppContext,
  row: KpiRow,
  period: string,
  asOf: Date,
): Promise<Omit<KpiValueWrite, 'kpiId' | 'period' | 'computedAt'>> {
  const provider = row.provider ? ctx.metrics.find(row.provider) : undefined;
  if (!provider) {
    return { value: null, status: 'no_source', detail: { provider: row.provider, reason: '暂无数据源' } };
  }
  let result: MetricValue;
  try {
    result = await provider.compute(ctx, period, asOf);
  } catch (err) {
    ctx.logger.warn({ err, kpi: row.code, provider: provider.id }, 'metric provider failed');
    return { value: null, status: 'error', detail: { provider: provider.id, message: describeError(err) } };
  }
  if (result.value !== null && !Number.isFinite(result.value)) {
    return {
      value: null,
      status: 'error',
      detail: {
        provider: provider.id,
        message: `provider returned a non-finite value (${String(result.value)})`,
      },
    };
  }
  return { value: result.value, status: 'ok', detail: { provider: provider.id, ...(result.detail ?? {}) } };
}

/**
 * Computes every KPI of the plan for the period `asOf` falls in and stores the values (a later computation in
 * the same period replaces the earlier one). Providers run outside the transaction; the writes and the audit
 * entry are one transaction.
 */
export async function refreshKpis(
  ctx: AppContext,
  planId: string,
  asOf: Date,
  origin: AuditOrigin = { system: 'action-plan.refresh-kpis' },
): Promise<KpiDto[]> {
  const period = kpiPeriod(asOf);
  const rows = await listKpiRows(ctx.db, planId);
  const values: KpiValueWrite[] = [];
  for (const row of rows) {
    values.push({ kpiId: row.id, period, computedAt: asOf, ...(await computeValue(ctx, row, period, asOf)) });
  }
  await ctx.db.transaction().execute(async (trx) => {
    await upsertKpiValues(trx, values);
    await appendAudit(trx, origin, {
      action: 'action_plan.kpis_refreshed',
      subjectType: 'plan',
      subjectId: planId,
      detail: {
        period,
        kpis: values.length,
        ok: values.filter((v) => v.status === 'ok').length,
        noSource: values.filter((v) => v.status === 'no_source').length,
        error: values.filter((v) => v.status === 'error').length,
      },
    });
  });
  return listKpis(ctx, planId);
}

/** Refreshes the plan in force (the office's "recompute now"). */
export async function refreshCurrentKpis(ctx: AppContext, origin: AuditOrigin): Promise<KpiDto[]> {
  return refreshKpis(ctx, await requireCurrentPlanId(ctx), ctx.clock.now(), origin);
}

// ---------------------------------------------------------------------------------------------------------------
// Managing (leading-group office)

function invalid(errors: FieldViolation[]): AppError {
  return new AppError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
    params: { count: errors.length },
    errors,
  });
}

function kpiNotFound(code: string): AppError {
  return new AppError('NOT_FOUND', `No KPI ${code}.`, { params: { reason: 'plan-kpi', code } });
}

/** Rules the schema cannot express: a registered provider, measures of this plan, a finite target. */
async function checkKpiWrite(ctx: AppContext, planId: string, w: KpiWrite): Promise<void> {
  const errors: FieldViolation[] = [];
  if (!new RegExp(KPI_CODE_PATTERN).test(w.code)) {
    errors.push({
      field: '/body/code',
      rule: 'pattern',
      message: `must match ${KPI_CODE_PATTERN}`,
      params: { pattern: KPI_CODE_PATTERN },
    });
  }
  if (!Number.isFinite(w.target)) {
    errors.push({ field: '/body/target', rule: 'finite', message: 'must be a finite number' });
  }
  if (w.provider !== null && !ctx.metrics.find(w.provider)) {
    errors.push({
      field: '/body/provider',
      rule: 'registered',
      message: `${w.provider} is not a registered metric provider (GET /api/action-plan/metric-providers); use null for no data source`,
      params: { value: w.provider },
    });
  }
  if (w.measure_nos.length > 0) {
    const known = new Set(await listMeasureNos(ctx.db, planId));
    w.measure_nos.forEach((no, i) => {
      if (!known.has(no)) {
        errors.push({
          field: `/body/measureNos/${i}`,
          rule: 'exists',
          message: `the plan has no measure ${no}`,
          params: { value: no },
        });
      }
    });
  }
  if (errors.length > 0) throw invalid(errors);
}

function toWrite(code: string, input: UpdateKpiInput): KpiWrite {
  return {
    code,
    name: input.name.trim(),
    description: input.description?.trim() ?? '',
    unit: input.unit.trim(),
    target: input.target,
    direction: input.direction,
    provider: input.provider ?? null,
    measure_nos: [...(input.measureNos ?? [])].sort((a, b) => a - b),
  };
}

function auditDetail(w: KpiWrite): AuditActions['action_plan.kpi_created'] {
  return {
    code: w.code,
    name: w.name,
    unit: w.unit,
    target: w.target,
    direction: w.direction,
    provider: w.provider,
    measureNos: w.measure_nos,
  };
}

export async function createKpi(
  ctx: AppContext,
  actor: Actor,
  input: CreateKpiInput,
  origin: AuditOrigin,
): Promise<KpiDto> {
  const planId = await requireCurrentPlanId(ctx);
  const w = toWrite(input.code, input);
  await checkKpiWrite(ctx, planId, w);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertKpiRow(trx, planId, w, actor.username, ctx.clock.now());
    if (!inserted) {
      throw new AppError('KPI_CODE_TAKEN', `KPI code ${w.code} is taken.`, {
        params: { code: w.code },
        errors: [
          { field: '/body/code', rule: 'unique', message: 'already used by another KPI of this plan' },
        ],
      });
    }
    await appendAudit(trx, origin, {
      action: 'action_plan.kpi_created',
      subjectType: 'kpi',
      subjectId: inserted.id,
      detail: auditDetail(w),
    });
    return inserted;
  });
  return toDto(ctx, row, []);
}

export async function updateKpi(
  ctx: AppContext,
  code: string,
  input: UpdateKpiInput,
  origin: AuditOrigin,
): Promise<KpiDto> {
  const planId = await requireCurrentPlanId(ctx);
  const w = toWrite(code, input);
  await checkKpiWrite(ctx, planId, w);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const updated = await updateKpiRow(trx, planId, code, {
      name: w.name,
      description: w.description,
      unit: w.unit,
      target: w.target,
      direction: w.direction,
      provider: w.provider,
      measure_nos: w.measure_nos,
    });
    if (!updated) throw kpiNotFound(code);
    await appendAudit(trx, origin, {
      action: 'action_plan.kpi_updated',
      subjectType: 'kpi',
      subjectId: updated.id,
      detail: auditDetail(w),
    });
    return updated;
  });
  return (await dtosOf(ctx, [row]))[0] as KpiDto;
}

export async function deleteKpi(ctx: AppContext, code: string, origin: AuditOrigin): Promise<void> {
  const planId = await requireCurrentPlanId(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const deleted = await deleteKpiRow(trx, planId, code);
    if (!deleted) throw kpiNotFound(code);
    await appendAudit(trx, origin, {
      action: 'action_plan.kpi_deleted',
      subjectType: 'kpi',
      subjectId: deleted.id,
      detail: { code: deleted.code, name: deleted.name, provider: deleted.provider },
    });
  });
}

export async function getKpi(ctx: AppContext, code: string): Promise<KpiDto> {
  const planId = await requireCurrentPlanId(ctx);
  const row = await findKpiRow(ctx.db, planId, code);
  if (!row) throw kpiNotFound(code);
  return (await dtosOf(ctx, [row]))[0] as KpiDto;
}

// ---------------------------------------------------------------------------------------------------------------
// Shipped KPIs (config/plan/<plan code>.kpis.json)

const ShippedKpiFile = Type.Object({
  $comment: Type.Optional(Type.String()),
  planCode: Type.String({ minLength: 1 }),
  kpis: Type.Array(
    Type.Object(
      {
        ...CreateKpiBody.properties,
        description: Type.String({ minLength: 1 }),
        provider: Type.Union([Type.Null(), Type.String()]),
      },
      { additionalProperties: false },
    ),
  ),
});

export interface ShippedKpis {
  file: string;
  planCode: string;
  /** SHA-256 of the plan text the file belongs to (`<plan code>.txt`), when it is there. */
  planSourceSha256: string | null;
  kpis: CreateKpiInput[];
}

/** Reads every `*.kpis.json` of a folder; a malformed file is a start-up error naming the file. */
export function readShippedKpis(dir: string = PLAN_CONFIG_DIR): ShippedKpis[] {
  const out: ShippedKpis[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.kpis.json'))
    .sort()) {
    const raw = readConfigFile(path.join(dir, file), ShippedKpiFile);
    const codes = new Set<string>();
    for (const k of raw.kpis) {
      if (codes.has(k.code)) throw new Error(`${file}: KPI code ${k.code} appears twice`);
      codes.add(k.code);
    }
    const textFile = path.join(dir, file.replace(/\.kpis\.json$/, '.txt'));
    let sha: string | null;
    try {
      sha = createHash('sha256').update(readFileSync(textFile)).digest('hex');
    } catch {
      sha = null;
    }
    out.push({ file, planCode: raw.planCode, planSourceSha256: sha, kpis: raw.kpis });
  }
  return out;
}

/**
 * Creates the plan's shipped KPIs once per plan, when that plan has been imported: a KPI the office later edits
 * or deletes stays edited or deleted. Codes that already exist are skipped. Returns the codes inserted.
 */
export async function seedShippedKpis(ctx: AppContext, dir: string = PLAN_CONFIG_DIR): Promise<string[]> {
  const inserted: string[] = [];
  for (const shipped of readShippedKpis(dir)) {
    const planId = await findPlanIdByCodeOrSource(ctx.db, shipped.planCode, shipped.planSourceSha256 ?? '');
    if (!planId) {
      ctx.logger.info({ file: shipped.file }, 'plan of shipped KPIs not imported; KPIs not seeded');
      continue;
    }
    const known = new Set(await listMeasureNos(ctx.db, planId));
    const now = ctx.clock.now();
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await claimKpiSeed(trx, planId, shipped.file, shipped.kpis.length))) return;
      const codes: string[] = [];
      for (const [i, k] of shipped.kpis.entries()) {
        const w = toWrite(k.code, k);
        // A measure number the imported text does not have is dropped rather than pointing nowhere.
        w.measure_nos = w.measure_nos.filter((no) => known.has(no));
        // Creation times one millisecond apart keep the file's order in listings.
        const row = await insertKpiRow(trx, planId, w, SEED_AUTHOR, new Date(now.getTime() + i));
        if (row) codes.push(row.code);
      }
      await appendAudit(trx, systemOrigin(SHIPPED_CONFIG), {
        action: 'action_plan.kpis_seeded',
        subjectType: 'plan',
        subjectId: planId,
        detail: { file: shipped.file, inserted: codes },
      });
      inserted.push(...codes);
    });
  }
  return inserted;
}
