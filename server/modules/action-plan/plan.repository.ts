/**
 * The plan aggregate: plan, plan_part, plan_section and plan_import (the record of each import). The only writer of
 * these tables; measures and their units are measures.repository's.
 */
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import {
  actionPlanDb as planDb,
  type PlanImportRow,
  type PlanPartRow,
  type PlanRow,
  type PlanSectionRow,
} from './action-plan.tables.ts';

/**
 * Serialises plan imports (uploads, the CLI, start-up seeding, across processes) for the rest of the transaction,
 * so two imports never interleave their measure upserts. An arbitrary constant owned by this module.
 */
const PLAN_IMPORT_LOCK_KEY = 7_320_507_102;

export async function lockPlanImports(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${PLAN_IMPORT_LOCK_KEY}::bigint)`.execute(trx);
}

export async function countPlans(db: Db): Promise<number> {
  const r = await planDb(db)
    .selectFrom('plan')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function findPlanByCode(db: Db, code: string): Promise<PlanRow | undefined> {
  return planDb(db).selectFrom('plan').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findPlan(db: Db, planId: string): Promise<PlanRow | undefined> {
  return planDb(db).selectFrom('plan').selectAll().where('id', '=', planId).executeTakeFirst();
}

/** The plan a file of shipped KPIs belongs to: by its code, else by the text it was imported from. */
export async function findPlanIdByCodeOrSource(
  db: Db,
  code: string,
  sourceSha256: string,
): Promise<string | undefined> {
  const r = await planDb(db)
    .selectFrom('plan')
    .select('id')
    .where((eb) => eb.or([eb('code', '=', code), eb('source_sha256', '=', sourceSha256)]))
    .orderBy(sql`code = ${code}`, 'desc')
    .executeTakeFirst();
  return r?.id;
}

/**
 * The plan in force: the one created last (a district's own plan supersedes the shipped one). The one rule every
 * part of the module uses.
 */
export async function findCurrentPlan(db: Db): Promise<PlanRow | undefined> {
  return planDb(db)
    .selectFrom('plan')
    .selectAll()
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

/** Reporting rules a new plan starts with; the table's defaults where not given. */
export interface PlanRulesWrite {
  reportingPeriod?: PlanRow['reporting_period'];
  reportDueWorkdays?: number;
  escalationWorkdays?: number;
}

export async function insertPlan(
  trx: Db,
  code: string,
  w: PlanWrite,
  rules: PlanRulesWrite = {},
): Promise<string> {
  const r = await planDb(trx)
    .insertInto('plan')
    .values({
      code,
      reporting_period: rules.reportingPeriod,
      report_due_workdays: rules.reportDueWorkdays,
      escalation_workdays: rules.escalationWorkdays,
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

/** An import as listed: with its plan's code instead of the plan's id. */
export type PlanImportListRow = Omit<PlanImportRow, 'plan_id'> & { plan_code: string };

/** Newest first. */
export async function listPlanImportRows(
  db: Db,
  page: { limit: number; offset: number },
): Promise<{ rows: PlanImportListRow[]; total: number }> {
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

export async function listParts(db: Db, planId: string): Promise<Omit<PlanPartRow, 'plan_id'>[]> {
  return planDb(db)
    .selectFrom('plan_part')
    .select(['id', 'ordinal', 'label', 'title'])
    .where('plan_id', '=', planId)
    .orderBy('ordinal')
    .execute();
}

export async function listSections(db: Db, planId: string): Promise<Omit<PlanSectionRow, 'plan_id'>[]> {
  return planDb(db)
    .selectFrom('plan_section')
    .select(['id', 'part_id', 'ordinal', 'label', 'title'])
    .where('plan_id', '=', planId)
    .orderBy('ordinal')
    .execute();
}

/** Sections in order with how many measures each holds. */
export async function listSectionsWithCounts(
  db: Db,
  planId: string,
): Promise<(Omit<PlanSectionRow, 'plan_id'> & { measures: number })[]> {
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
