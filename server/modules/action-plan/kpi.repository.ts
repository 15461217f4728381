import { sql, type Kysely } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { ActionPlanTables } from './action-plan.tables.ts';
import { findCurrentPlan } from './plan.repository.ts';

/** `kpi_seed` comes from migration 20261127T2330_kpi (typed here until it moves into action-plan.tables.ts). */
type KpiSeedTables = {
  kpi_seed: {
    plan_id: string;
    source: string;
    kpis: number;
    seeded_at: Date | string | undefined;
  };
};

type Tables = ActionPlanTables & KpiSeedTables;

function kpiDb(db: Db): Kysely<Tables> {
  return db.withTables<Tables>();
}

// ---------------------------------------------------------------------------------------------------------------
// Plans

export interface PlanRow {
  id: string;
  code: string;
  title: string;
  issuer: string | null;
  document_no: string | null;
  issued_on: string | null;
  reporting_period: 'monthly' | 'quarterly';
  report_due_workdays: number;
  created_at: Date;
}

const PLAN_COLUMNS = [
  'id',
  'code',
  'title',
  'issuer',
  'document_no',
  'issued_on',
  'reporting_period',
  'report_due_workdays',
  'created_at',
] as const;

/** The plan in force (one rule for the whole module, see plan.repository.ts). */
export async function findCurrentPlanRow(db: Db): Promise<PlanRow | undefined> {
  return findCurrentPlan(db);
}

export async function findPlanRow(db: Db, planId: string): Promise<PlanRow | undefined> {
  return kpiDb(db).selectFrom('plan').select(PLAN_COLUMNS).where('id', '=', planId).executeTakeFirst();
}

export async function findPlanIdByCodeOrSource(
  db: Db,
  code: string,
  sourceSha256: string,
): Promise<string | undefined> {
  const r = await kpiDb(db)
    .selectFrom('plan')
    .select('id')
    .where((eb) => eb.or([eb('code', '=', code), eb('source_sha256', '=', sourceSha256)]))
    .orderBy(sql`code = ${code}`, 'desc')
    .executeTakeFirst();
  return r?.id;
}

export async function listMeasureNos(db: Db, planId: string): Promise<number[]> {
  const rows = await kpiDb(db)
    .selectFrom('measure')
    .select('no')
    .where('plan_id', '=', planId)
    .orderBy('no')
    .execute();
  return rows.map((r) => r.no);
}

// ---------------------------------------------------------------------------------------------------------------
// KPIs and their values

export interface KpiRow {
  id: string;
  plan_id: string;
  code: string;
  name: string;
  description: string;
  unit: string;
  target: number;
  direction: 'at_least' | 'at_most';
  provider: string | null;
  measure_nos: number[];
  created_by: string;
  created_at: Date;
}

export interface KpiWrite {
  code: string;
  name: string;
  description: string;
  unit: string;
  target: number;
  direction: 'at_least' | 'at_most';
  provider: string | null;
  measure_nos: number[];
}

export async function listKpiRows(db: Db, planId: string): Promise<KpiRow[]> {
  return kpiDb(db)
    .selectFrom('kpi')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('created_at')
    .orderBy('code')
    .execute();
}

export async function findKpiRow(db: Db, planId: string, code: string): Promise<KpiRow | undefined> {
  return kpiDb(db)
    .selectFrom('kpi')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Inserts unless the code is taken in the plan; returns the new row or undefined. */
export async function insertKpiRow(
  trx: Db,
  planId: string,
  w: KpiWrite,
  createdBy: string,
  createdAt: Date,
): Promise<KpiRow | undefined> {
  return kpiDb(trx)
    .insertInto('kpi')
    .values({ plan_id: planId, ...w, created_by: createdBy, created_at: createdAt })
    .onConflict((oc) => oc.columns(['plan_id', 'code']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateKpiRow(
  trx: Db,
  planId: string,
  code: string,
  w: Omit<KpiWrite, 'code'>,
): Promise<KpiRow | undefined> {
  return kpiDb(trx)
    .updateTable('kpi')
    .set(w)
    .where('plan_id', '=', planId)
    .where('code', '=', code)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteKpiRow(trx: Db, planId: string, code: string): Promise<KpiRow | undefined> {
  return kpiDb(trx)
    .deleteFrom('kpi')
    .where('plan_id', '=', planId)
    .where('code', '=', code)
    .returningAll()
    .executeTakeFirst();
}

export interface KpiValueRow {
  kpi_id: string;
  period: string;
  value: number | null;
  status: 'ok' | 'no_source' | 'error';
  detail: unknown;
  computed_at: Date;
}

/** The newest `perKpi` periods of each KPI, oldest first. */
export async function listKpiValueRows(db: Db, kpiIds: string[], perKpi: number): Promise<KpiValueRow[]> {
  if (kpiIds.length === 0) return [];
  const ranked = kpiDb(db)
    .selectFrom('kpi_value')
    .select([
      'kpi_id',
      'period',
      'value',
      'status',
      'detail',
      'computed_at',
      sql<number>`row_number() over (partition by kpi_id order by period desc)`.as('rank'),
    ])
    .where('kpi_id', 'in', kpiIds);
  return kpiDb(db)
    .selectFrom(ranked.as('v'))
    .select(['v.kpi_id', 'v.period', 'v.value', 'v.status', 'v.detail', 'v.computed_at'])
    .where('v.rank', '<=', perKpi)
    .orderBy('v.kpi_id')
    .orderBy('v.period')
    .execute();
}

export interface KpiValueWrite {
  kpiId: string;
  period: string;
  value: number | null;
  status: 'ok' | 'no_source' | 'error';
  detail: Record<string, unknown>;
  computedAt: Date;
}

/** One row per KPI and period: a later computation in the same period replaces the earlier one. */
export async function upsertKpiValues(trx: Db, values: KpiValueWrite[]): Promise<void> {
  if (values.length === 0) return;
  await kpiDb(trx)
    .insertInto('kpi_value')
    .values(
      values.map((v) => ({
        kpi_id: v.kpiId,
        period: v.period,
        value: v.value,
        status: v.status,
        detail: JSON.stringify(v.detail),
        computed_at: v.computedAt,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['kpi_id', 'period']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        status: eb.ref('excluded.status'),
        detail: eb.ref('excluded.detail'),
        computed_at: eb.ref('excluded.computed_at'),
      })),
    )
    .execute();
}

/**
 * Claims the one-time seeding of a plan's shipped KPIs; false when it was done before (also by another process
 * starting at the same time: the second insert waits for the first transaction and then does nothing).
 */
export async function claimKpiSeed(trx: Db, planId: string, source: string, kpis: number): Promise<boolean> {
  const r = await kpiDb(trx)
    .insertInto('kpi_seed')
    .values({ plan_id: planId, source, kpis })
    .onConflict((oc) => oc.column('plan_id').doNothing())
    .returning('plan_id')
    .executeTakeFirst();
  return r !== undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Facts the action plan's own metrics are computed from

export async function countMeasures(db: Db, planId: string): Promise<number> {
  const r = await kpiDb(db)
    .selectFrom('measure')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('plan_id', '=', planId)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** Milestones with a due date on or before `today` (China date), with when they were completed. */
export async function listDueMilestoneRows(
  db: Db,
  planId: string,
  today: string,
): Promise<{ id: string; due_on: string; completed_at: Date | null }[]> {
  return kpiDb(db)
    .selectFrom('milestone as ms')
    .innerJoin('measure as m', 'm.id', 'ms.measure_id')
    .select(['ms.id', 'ms.due_on', 'ms.completed_at'])
    .where('m.plan_id', '=', planId)
    .where('ms.due_on', '<=', today)
    .execute();
}

/** Every (measure, department) that owes progress reports: lead and responsible units matched to a department. */
export async function listReportingUnitRows(
  db: Db,
  planId: string,
): Promise<{ measure_id: string; department_id: string }[]> {
  const rows = await kpiDb(db)
    .selectFrom('measure_unit as u')
    .innerJoin('measure as m', 'm.id', 'u.measure_id')
    .select(['u.measure_id', 'u.department_id'])
    .distinct()
    .where('m.plan_id', '=', planId)
    .where('u.role', 'in', ['lead', 'responsible'])
    .where('u.department_id', 'is not', null)
    .execute();
  return rows.flatMap((r) =>
    r.department_id ? [{ measure_id: r.measure_id, department_id: r.department_id }] : [],
  );
}

/** Per (measure, department, period): when it was first reported and the highest percent reported. */
export async function listSubmissionRows(
  db: Db,
  planId: string,
): Promise<{ measure_id: string; department_id: string; period: string; first_at: Date; percent: number }[]> {
  return kpiDb(db)
    .selectFrom('progress_report as r')
    .innerJoin('measure as m', 'm.id', 'r.measure_id')
    .select([
      'r.measure_id',
      'r.department_id',
      'r.period',
      sql<Date>`min(r.submitted_at)`.as('first_at'),
      sql<number>`max(r.percent)::int`.as('percent'),
    ])
    .where('m.plan_id', '=', planId)
    .groupBy(['r.measure_id', 'r.department_id', 'r.period'])
    .execute();
}
