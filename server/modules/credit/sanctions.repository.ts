import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import { creditDb, type CreditClass, type ListType } from './lists.tables.ts';
import type { SanctionMeasure } from './sanctions.rules.ts';

export interface ListCatalogueRow {
  code: string;
  name: string;
  type: ListType;
  description: string;
}

export async function insertListsIfMissing(db: Db, rows: ListCatalogueRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await creditDb(db)
    .insertInto('credit_list')
    .values(rows)
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .execute();
  return r.length;
}

export async function listListCatalogue(db: Db): Promise<ListCatalogueRow[]> {
  return creditDb(db)
    .selectFrom('credit_list')
    .select(['code', 'name', 'type', 'description'])
    .orderBy('type')
    .orderBy('code')
    .execute();
}

export async function findList(db: Db, code: string): Promise<ListCatalogueRow | undefined> {
  return creditDb(db)
    .selectFrom('credit_list')
    .select(['code', 'name', 'type', 'description'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function insertMeasuresIfMissing(db: Db, rows: SanctionMeasure[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await creditDb(db)
    .insertInto('credit_sanction')
    .values(
      rows.map((m) => ({
        code: m.code,
        name: m.name,
        trigger: JSON.stringify(m.trigger),
        purposes: [...m.purposes],
        decision: m.decision,
        effect: m.effect,
        message: m.message,
        basis: m.basis,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .execute();
  return r.length;
}

export async function listActiveMeasures(db: Db): Promise<SanctionMeasure[]> {
  const rows = await creditDb(db)
    .selectFrom('credit_sanction')
    .select(['code', 'name', 'trigger', 'purposes', 'decision', 'effect', 'message', 'basis'])
    .where('active', '=', true)
    .orderBy('code')
    .execute();
  return rows;
}

/** Every measure, active or not (the editor's view). */
export async function listAllMeasures(db: Db): Promise<(SanctionMeasure & { active: boolean })[]> {
  return creditDb(db)
    .selectFrom('credit_sanction')
    .select(['code', 'name', 'trigger', 'purposes', 'decision', 'effect', 'message', 'basis', 'active'])
    .orderBy('code')
    .execute();
}

/** Creates or replaces a measure; true when it was new. */
export async function saveMeasure(db: Db, m: SanctionMeasure & { active: boolean }): Promise<boolean> {
  const values = {
    name: m.name,
    trigger: JSON.stringify(m.trigger),
    purposes: [...m.purposes],
    decision: m.decision,
    effect: m.effect,
    message: m.message,
    basis: m.basis,
    active: m.active,
  };
  const r = await creditDb(db)
    .insertInto('credit_sanction')
    .values({ code: m.code, ...values })
    .onConflict((oc) => oc.column('code').doUpdateSet({ ...values, updated_at: new Date() }))
    .returning(sql<boolean>`(xmax = 0)`.as('created'))
    .executeTakeFirstOrThrow();
  return r.created;
}

export async function insertSettingIfMissing(db: Db, key: string, value: unknown): Promise<boolean> {
  const r = await creditDb(db)
    .insertInto('credit_setting')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return r !== undefined;
}

export async function findSetting(db: Db, key: string): Promise<unknown> {
  const r = await creditDb(db)
    .selectFrom('credit_setting')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return r?.value;
}

export async function updateSetting(db: Db, key: string, value: unknown, at: Date): Promise<void> {
  await creditDb(db)
    .insertInto('credit_setting')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: at }))
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Facts about one entity, for the decision

export async function activeListEntriesOf(
  db: Db,
  who: { uscc: string; enterpriseId: string | null },
  today: string,
): Promise<{ entryId: string; listCode: string; listName: string; type: ListType }[]> {
  return creditDb(db)
    .selectFrom('credit_list_entry as e')
    .innerJoin('credit_list as l', 'l.code', 'e.list_code')
    .select(['e.id as entryId', 'e.list_code as listCode', 'l.name as listName', 'l.type'])
    .where((eb) =>
      who.enterpriseId
        ? eb.or([eb('e.uscc', '=', who.uscc), eb('e.enterprise_id', '=', who.enterpriseId)])
        : eb('e.uscc', '=', who.uscc),
    )
    .where('e.exited_on', 'is', null)
    .where('e.entered_on', '<=', today)
    .where((eb) => eb.or([eb('e.exit_on', 'is', null), eb('e.exit_on', '>', today)]))
    .orderBy('e.entered_on')
    .execute();
}

export async function latestClassOf(
  db: Db,
  enterpriseId: string,
): Promise<{ class: CreditClass; period: string } | undefined> {
  return creditDb(db)
    .selectFrom('credit_class')
    .select(['class', 'period'])
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('period', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function seriousPublishedPenaltiesOf(
  db: Db,
  who: { uscc: string; enterpriseId: string | null },
): Promise<{ recordId: string; decisionNo: string; categoryName: string }[]> {
  return creditDb(db)
    .selectFrom('credit_record as r')
    .innerJoin('credit_category as c', 'c.code', 'r.category_code')
    .select(['r.id as recordId', 'r.decision_no as decisionNo', 'c.name as categoryName'])
    .where('r.uscc', '=', who.uscc)
    .where('c.kind', '=', 'penalty')
    .where('r.severity', '=', 'serious')
    .where('r.publication', '=', 'published')
    .orderBy('r.decision_date')
    .execute();
}

/** Breach records not repaired, revoked or expired. */
export async function unrepairedBreachesOf(
  db: Db,
  uscc: string,
  categoryCode: string,
): Promise<{ recordId: string; decisionNo: string }[]> {
  return creditDb(db)
    .selectFrom('credit_record')
    .select(['id as recordId', 'decision_no as decisionNo'])
    .where('uscc', '=', uscc)
    .where('category_code', '=', categoryCode)
    .where('publication', 'in', ['published', 'not_published'])
    .orderBy('decision_date')
    .execute();
}
