/**
 * Plan structure tables: plan, plan_part, plan_section, measure, measure_unit, plan_import. The only place the
 * plan import and the structure endpoint touch Kysely.
 */
import { sql, type Kysely } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { ActionPlanTables, UnitRole } from './action-plan.tables.ts';

export function planDb(db: Db): Kysely<ActionPlanTables> {
  return db.withTables<ActionPlanTables>();
}

/**
 * Serialises plan imports (uploads, the CLI, start-up seeding, across processes) for the rest of the transaction,
 * so two imports never interleave their measure upserts. An arbitrary constant owned by this module.
 */
const PLAN_IMPORT_LOCK_KEY = 7_320_507_102;

export async function lockPlanImports(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${PLAN_IMPORT_LOCK_KEY}::bigint)`.execute(trx);
}

export interface PlanRow {
  id: string;
  code: string;
  title: string;
  issuer: string | null;
  document_no: string | null;
  issued_on: string | null;
  reporting_period: 'monthly' | 'quarterly';
  report_due_workdays: number;
  escalation_workdays: number;
  source_sha256: string;
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
  'escalation_workdays',
  'source_sha256',
  'created_at',
] as const;

export async function countPlans(db: Db): Promise<number> {
  const r = await planDb(db)
    .selectFrom('plan')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function findPlanByCode(db: Db, code: string): Promise<PlanRow | undefined> {
  return planDb(db).selectFrom('plan').select(PLAN_COLUMNS).where('code', '=', code).executeTakeFirst();
}

/**
 * The plan in force: the one created last (a district's own plan supersedes the shipped one) — the same rule as
 * measures.repository and kpi.repository.
 */
/** The plan in force: the most recently imported one. The one rule every part of the module uses. */
export async function findCurrentPlan(db: Db): Promise<PlanRow | undefined> {
  return planDb(db)
    .selectFrom('plan')
    .select(PLAN_COLUMNS)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface PlanWrite {
  title: string;
  issuer: string | null;
  documentNo: string | null;
  issuedOn: string | null;
  sourceSha256: string;
  at: Date;
}

export async function insertPlan(trx: Db, code: string, w: PlanWrite): Promise<string> {
  const r = await planDb(trx)
    .insertInto('plan')
    .values({
      code,
      title: w.title,
      issuer: w.issuer,
      document_no: w.documentNo,
      issued_on: w.issuedOn,
      source_sha256: w.sourceSha256,
      created_at: w.at,
      updated_at: w.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePlan(trx: Db, id: string, w: PlanWrite): Promise<void> {
  await planDb(trx)
    .updateTable('plan')
    .set({
      title: w.title,
      issuer: w.issuer,
      document_no: w.documentNo,
      issued_on: w.issuedOn,
      source_sha256: w.sourceSha256,
      updated_at: w.at,
    })
    .where('id', '=', id)
    .execute();
}

/** Inserts or retitles a part by its ordinal; returns its id. */
export async function upsertPart(
  trx: Db,
  planId: string,
  p: { ordinal: number; label: string; title: string },
): Promise<string> {
  const r = await planDb(trx)
    .insertInto('plan_part')
    .values({ plan_id: planId, ordinal: p.ordinal, label: p.label, title: p.title })
    .onConflict((oc) => oc.columns(['plan_id', 'ordinal']).doUpdateSet({ label: p.label, title: p.title }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Inserts or updates a section by its ordinal; returns its id. */
export async function upsertSection(
  trx: Db,
  planId: string,
  s: { ordinal: number; label: string; title: string; partId: string },
): Promise<string> {
  const r = await planDb(trx)
    .insertInto('plan_section')
    .values({ plan_id: planId, part_id: s.partId, ordinal: s.ordinal, label: s.label, title: s.title })
    .onConflict((oc) =>
      oc.columns(['plan_id', 'ordinal']).doUpdateSet({ part_id: s.partId, label: s.label, title: s.title }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export interface StoredUnit {
  id: string;
  position: number;
  name: string;
  role: UnitRole;
  departmentId: string | null;
}

export interface StoredMeasure {
  id: string;
  no: number;
  title: string;
  body: string;
  sectionOrdinal: number;
  units: StoredUnit[];
}

/** Every measure of the plan with its units in list order. Two queries. */
export async function listMeasuresWithUnits(db: Db, planId: string): Promise<StoredMeasure[]> {
  const p = planDb(db);
  const measures = await p
    .selectFrom('measure')
    .innerJoin('plan_section', 'plan_section.id', 'measure.section_id')
    .select([
      'measure.id',
      'measure.no',
      'measure.title',
      'measure.body',
      'plan_section.ordinal as section_ordinal',
    ])
    .where('measure.plan_id', '=', planId)
    .orderBy('measure.no')
    .execute();
  const units = await p
    .selectFrom('measure_unit')
    .innerJoin('measure', 'measure.id', 'measure_unit.measure_id')
    .select([
      'measure_unit.id',
      'measure_unit.measure_id',
      'measure_unit.position',
      'measure_unit.name',
      'measure_unit.role',
      'measure_unit.department_id',
    ])
    .where('measure.plan_id', '=', planId)
    .orderBy('measure_unit.measure_id')
    .orderBy('measure_unit.position')
    .execute();
  const byMeasure = new Map<string, StoredUnit[]>();
  for (const u of units) {
    const list = byMeasure.get(u.measure_id) ?? [];
    list.push({
      id: u.id,
      position: u.position,
      name: u.name,
      role: u.role,
      departmentId: u.department_id,
    });
    byMeasure.set(u.measure_id, list);
  }
  return measures.map((m) => ({
    id: m.id,
    no: m.no,
    title: m.title,
    body: m.body,
    sectionOrdinal: m.section_ordinal,
    units: byMeasure.get(m.id) ?? [],
  }));
}

export interface MeasureWrite {
  no: number;
  title: string;
  body: string;
  sectionId: string;
}

/** Inserts new measures in one statement; returns their ids by number. */
export async function insertMeasures(
  trx: Db,
  planId: string,
  rows: readonly MeasureWrite[],
  at: Date,
): Promise<Map<number, string>> {
  if (rows.length === 0) return new Map();
  const inserted = await planDb(trx)
    .insertInto('measure')
    .values(
      rows.map((r) => ({
        plan_id: planId,
        section_id: r.sectionId,
        no: r.no,
        title: r.title,
        body: r.body,
        created_at: at,
        updated_at: at,
      })),
    )
    .returning(['id', 'no'])
    .execute();
  return new Map(inserted.map((r) => [r.no, r.id]));
}

/** Updates a measure in place: its id, and with it milestones, reports and notices, stay attached. */
export async function updateMeasure(trx: Db, id: string, w: MeasureWrite, at: Date): Promise<void> {
  await planDb(trx)
    .updateTable('measure')
    .set({ title: w.title, body: w.body, section_id: w.sectionId, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export interface UnitWrite {
  measureId: string;
  position: number;
  name: string;
  role: UnitRole;
  departmentId: string | null;
}

/** Replaces the unit lists of the given measures with `rows` (nothing references a measure_unit row). */
export async function replaceMeasureUnits(
  trx: Db,
  measureIds: readonly string[],
  rows: readonly UnitWrite[],
): Promise<void> {
  if (measureIds.length > 0) {
    await planDb(trx).deleteFrom('measure_unit').where('measure_id', 'in', measureIds).execute();
  }
  if (rows.length === 0) return;
  await planDb(trx)
    .insertInto('measure_unit')
    .values(
      rows.map((r) => ({
        measure_id: r.measureId,
        position: r.position,
        name: r.name,
        role: r.role,
        department_id: r.departmentId,
      })),
    )
    .execute();
}

export async function setUnitDepartment(trx: Db, unitId: string, departmentId: string): Promise<void> {
  await planDb(trx)
    .updateTable('measure_unit')
    .set({ department_id: departmentId })
    .where('id', '=', unitId)
    .execute();
}

/** Named units (not collective scopes) that are not linked to a department yet, in every plan. */
export async function listUnlinkedUnits(
  db: Db,
): Promise<{ id: string; name: string; measureNo: number; planCode: string }[]> {
  return planDb(db)
    .selectFrom('measure_unit')
    .innerJoin('measure', 'measure.id', 'measure_unit.measure_id')
    .innerJoin('plan', 'plan.id', 'measure.plan_id')
    .select(['measure_unit.id', 'measure_unit.name', 'measure.no as measureNo', 'plan.code as planCode'])
    .where('measure_unit.department_id', 'is', null)
    .where('measure_unit.role', '<>', 'scope')
    .orderBy('plan.code')
    .orderBy('measure.no')
    .orderBy('measure_unit.position')
    .execute();
}

export interface PlanImportWrite {
  planId: string;
  importedAt: Date;
  importedBy: string;
  sourceSha256: string;
  added: number;
  updated: number;
  unchanged: number;
  unmatchedUnits: readonly { measureNo: number; name: string }[];
}

export async function insertPlanImport(trx: Db, w: PlanImportWrite): Promise<string> {
  const r = await planDb(trx)
    .insertInto('plan_import')
    .values({
      plan_id: w.planId,
      imported_at: w.importedAt,
      imported_by: w.importedBy,
      source_sha256: w.sourceSha256,
      measures_added: w.added,
      measures_updated: w.updated,
      measures_unchanged: w.unchanged,
      unmatched_units: JSON.stringify(w.unmatchedUnits),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export interface PlanImportRow {
  id: string;
  plan_code: string;
  imported_at: Date;
  imported_by: string;
  source_sha256: string;
  measures_added: number;
  measures_updated: number;
  measures_unchanged: number;
  unmatched_units: unknown;
}

/** Newest first. */
export async function listPlanImportRows(
  db: Db,
  page: { limit: number; offset: number },
): Promise<{ rows: PlanImportRow[]; total: number }> {
  const p = planDb(db);
  const [rows, count] = await Promise.all([
    p
      .selectFrom('plan_import')
      .innerJoin('plan', 'plan.id', 'plan_import.plan_id')
      .select([
        'plan_import.id',
        'plan.code as plan_code',
        'plan_import.imported_at',
        'plan_import.imported_by',
        'plan_import.source_sha256',
        'plan_import.measures_added',
        'plan_import.measures_updated',
        'plan_import.measures_unchanged',
        'plan_import.unmatched_units',
      ])
      .orderBy('plan_import.imported_at', 'desc')
      .orderBy('plan_import.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    p
      .selectFrom('plan_import')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export async function listParts(
  db: Db,
  planId: string,
): Promise<{ id: string; ordinal: number; label: string; title: string }[]> {
  return planDb(db)
    .selectFrom('plan_part')
    .select(['id', 'ordinal', 'label', 'title'])
    .where('plan_id', '=', planId)
    .orderBy('ordinal')
    .execute();
}

/** Sections in order with how many measures each holds. */
export async function listSectionsWithCounts(
  db: Db,
  planId: string,
): Promise<
  { id: string; part_id: string; ordinal: number; label: string; title: string; measures: number }[]
> {
  return planDb(db)
    .selectFrom('plan_section')
    .leftJoin('measure', 'measure.section_id', 'plan_section.id')
    .select([
      'plan_section.id',
      'plan_section.part_id',
      'plan_section.ordinal',
      'plan_section.label',
      'plan_section.title',
      sql<number>`count(measure.id)::int`.as('measures'),
    ])
    .where('plan_section.plan_id', '=', planId)
    .groupBy([
      'plan_section.id',
      'plan_section.part_id',
      'plan_section.ordinal',
      'plan_section.label',
      'plan_section.title',
    ])
    .orderBy('plan_section.ordinal')
    .execute();
}
