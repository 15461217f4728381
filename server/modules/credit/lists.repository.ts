import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import { creditDb, type ListType } from './lists.tables.ts';

export interface ListEntryRow {
  id: string;
  list_code: string;
  list_name: string;
  list_type: ListType;
  uscc: string;
  entity_name: string;
  enterprise_id: string | null;
  department_id: string;
  reason: string;
  basis: string;
  entered_on: string;
  exit_on: string | null;
  exit_condition: string | null;
  exited_on: string | null;
  exit_reason: string | null;
}

function selectEntries(db: Db) {
  return creditDb(db)
    .selectFrom('credit_list_entry as e')
    .innerJoin('credit_list as l', 'l.code', 'e.list_code')
    .select([
      'e.id',
      'e.list_code',
      'l.name as list_name',
      'l.type as list_type',
      'e.uscc',
      'e.entity_name',
      'e.enterprise_id',
      'e.department_id',
      'e.reason',
      'e.basis',
      'e.entered_on',
      'e.exit_on',
      'e.exit_condition',
      'e.exited_on',
      'e.exit_reason',
    ]);
}

export interface ListEntryInsert {
  list_code: string;
  uscc: string;
  entity_name: string;
  enterprise_id: string | null;
  department_id: string;
  reason: string;
  basis: string;
  entered_on: string;
  exit_on: string | null;
  exit_condition: string | null;
  created_by: string;
}

export async function insertListEntry(trx: Db, row: ListEntryInsert): Promise<string> {
  const r = await creditDb(trx)
    .insertInto('credit_list_entry')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findListEntry(db: Db, id: string): Promise<ListEntryRow | undefined> {
  return selectEntries(db).where('e.id', '=', id).executeTakeFirst();
}

/** Marks the entry exited unless it already was; undefined when it was. */
export async function exitListEntry(
  trx: Db,
  id: string,
  x: { exitedOn: string; reason: string; by: string | null },
): Promise<{ id: string } | undefined> {
  return creditDb(trx)
    .updateTable('credit_list_entry')
    .set({ exited_on: x.exitedOn, exit_reason: x.reason, exited_by: x.by })
    .where('id', '=', id)
    .where('exited_on', 'is', null)
    .returning('id')
    .executeTakeFirst();
}

export type EntryState = 'current' | 'exited' | 'all';

export async function listEntryRows(
  db: Db,
  f: {
    departmentId?: string | undefined;
    listCode?: string | undefined;
    state: EntryState;
    today: string;
    publicOnly?: boolean;
  },
  page: { page: number; pageSize: number },
): Promise<{ items: ListEntryRow[]; total: number }> {
  let base = selectEntries(db);
  if (f.departmentId) base = base.where('e.department_id', '=', f.departmentId);
  if (f.listCode) base = base.where('e.list_code', '=', f.listCode);
  if (f.publicOnly) base = base.where('l.public', '=', true);
  if (f.state === 'current') {
    base = base
      .where('e.exited_on', 'is', null)
      .where('e.entered_on', '<=', f.today)
      .where((eb) => eb.or([eb('e.exit_on', 'is', null), eb('e.exit_on', '>', f.today)]));
  } else if (f.state === 'exited') {
    base = base.where((eb) => eb.or([eb('e.exited_on', 'is not', null), eb('e.exit_on', '<=', f.today)]));
  }
  const [items, count] = await Promise.all([
    base
      .orderBy('e.entered_on', 'desc')
      .orderBy('e.id')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    base
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

/** Entries whose exit date has come: exited by the daily job, with the reason stated. */
export async function exitEntriesDue(trx: Db, today: string): Promise<{ id: string; list_code: string }[]> {
  return creditDb(trx)
    .updateTable('credit_list_entry')
    .set((eb) => ({ exited_on: eb.ref('exit_on'), exit_reason: '移出日期届满，自动移出名单' }))
    .where('exited_on', 'is', null)
    .where('exit_on', '<=', today)
    .returning(['id', 'list_code'])
    .execute();
}
