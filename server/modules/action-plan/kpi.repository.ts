/** The KPI aggregate: kpi, its values (kpi_value) and the record of seeding (kpi_seed); the only writer of all three. */
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import { actionPlanDb as kpiDb, type KpiRow, type KpiValueRow } from './action-plan.tables.ts';

export type KpiWrite = Omit<KpiRow, 'id' | 'plan_id' | 'created_by' | 'created_at'>;

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
  status: KpiValueRow['status'];
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
