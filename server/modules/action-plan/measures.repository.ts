/**
 * The measure aggregate: measure and measure_unit (its responsible units), the only writer of both. Reads join the
 * plan's structure (sections, parts) so status derivation reads the whole plan in a handful of bulk queries.
 */
import type { Db } from '../../kernel/db/database.ts';
import {
  actionPlanDb as planDb,
  type MeasureRow,
  type MeasureUnitRow,
  type UnitRole,
} from './action-plan.tables.ts';

/** A measure with the section and part it sits in. */
export type MeasureWithStructure = Pick<MeasureRow, 'id' | 'no' | 'title' | 'section_id'> & {
  section_no: number;
  section_label: string;
  section_title: string;
  part_id: string;
  part_no: number;
  part_label: string;
  part_title: string;
};

function measuresWithStructure(db: Db, planId: string) {
  return planDb(db)
    .selectFrom('measure as m')
    .innerJoin('plan_section as s', 's.id', 'm.section_id')
    .innerJoin('plan_part as p', 'p.id', 's.part_id')
    .select([
      'm.id',
      'm.no',
      'm.title',
      's.id as section_id',
      's.ordinal as section_no',
      's.label as section_label',
      's.title as section_title',
      'p.id as part_id',
      'p.ordinal as part_no',
      'p.label as part_label',
      'p.title as part_title',
    ])
    .where('m.plan_id', '=', planId);
}

export async function listMeasureRows(db: Db, planId: string): Promise<MeasureWithStructure[]> {
  return measuresWithStructure(db, planId).orderBy('m.no').execute();
}

export async function findMeasureRowByNo(
  db: Db,
  planId: string,
  no: number,
): Promise<(MeasureWithStructure & Pick<MeasureRow, 'body'>) | undefined> {
  return measuresWithStructure(db, planId).select('m.body').where('m.no', '=', no).executeTakeFirst();
}

export type UnitRow = Omit<MeasureUnitRow, 'id'>;

/** Units of every measure of a plan (or of the given measures), in their order in the plan text. */
export async function listUnitRows(
  db: Db,
  planId: string,
  measureIds?: readonly string[],
): Promise<UnitRow[]> {
  if (measureIds && measureIds.length === 0) return [];
  let q = planDb(db)
    .selectFrom('measure_unit as u')
    .innerJoin('measure as m', 'm.id', 'u.measure_id')
    .select(['u.measure_id', 'u.position', 'u.name', 'u.role', 'u.department_id'])
    .where('m.plan_id', '=', planId);
  if (measureIds) q = q.where('u.measure_id', 'in', measureIds);
  return q.orderBy('u.measure_id').orderBy('u.position').execute();
}

export async function findMeasureIdByNo(db: Db, planId: string, no: number): Promise<string | undefined> {
  const r = await planDb(db)
    .selectFrom('measure')
    .select('id')
    .where('plan_id', '=', planId)
    .where('no', '=', no)
    .executeTakeFirst();
  return r?.id;
}

export async function listMeasureNos(db: Db, planId: string): Promise<number[]> {
  const rows = await planDb(db)
    .selectFrom('measure')
    .select('no')
    .where('plan_id', '=', planId)
    .orderBy('no')
    .execute();
  return rows.map((r) => r.no);
}

/** Every (measure, department) that owes progress reports: lead and responsible units matched to a department. */
export async function listReportingUnitRows(
  db: Db,
  planId: string,
): Promise<{ measure_id: string; department_id: string }[]> {
  const rows = await planDb(db)
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
