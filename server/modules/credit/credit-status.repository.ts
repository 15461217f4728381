/** Set-based reads behind credit-status.service.ts: latest classes and active list entries of many enterprises. */
import type { Db } from '../../kernel/db/database.ts';
import { creditDb, type CreditClass } from './lists.tables.ts';

/** Each enterprise's latest stored class (one row per enterprise that has one). */
export async function latestClassesOf(
  db: Db,
  ids: string[],
): Promise<{ enterprise_id: string; class: CreditClass; period: string }[]> {
  return creditDb(db)
    .selectFrom('credit_class')
    .select(['enterprise_id', 'class', 'period'])
    .distinctOn('enterprise_id')
    .where('enterprise_id', 'in', ids)
    .orderBy('enterprise_id')
    .orderBy('period', 'desc')
    .execute();
}

/** List entries in force on `today` naming one of the enterprises (by id, or by USCC for entries without one). */
export async function activeListEntriesOf(db: Db, ids: string[], usccs: string[], today: string) {
  return creditDb(db)
    .selectFrom('credit_list_entry as e')
    .innerJoin('credit_list as l', 'l.code', 'e.list_code')
    .select([
      'e.id as entryId',
      'e.list_code as listCode',
      'l.name as listName',
      'l.type',
      'e.enterprise_id',
      'e.uscc',
    ])
    .where((eb) =>
      eb.or([eb('e.enterprise_id', 'in', ids), ...(usccs.length ? [eb('e.uscc', 'in', usccs)] : [])]),
    )
    .where('e.exited_on', 'is', null)
    .where('e.entered_on', '<=', today)
    .where((eb) => eb.or([eb('e.exit_on', 'is', null), eb('e.exit_on', '>', today)]))
    .execute();
}
