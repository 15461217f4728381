/** The catalogue aggregate: 政务服务事项 items and 一件事 bundles. The only writer of these tables. */
import type { Db } from '../../kernel/db/database.ts';
import {
  servicesDb,
  type BundlePatch,
  type BundleRow,
  type ItemPatch,
  type ItemRow,
  type NewBundle,
  type NewItem,
} from './services.tables.ts';

export async function catalogueRows(db: Db): Promise<{ items: ItemRow[]; bundles: BundleRow[] }> {
  const t = servicesDb(db);
  const [items, bundles] = await Promise.all([
    t.selectFrom('service_item').selectAll().orderBy('code').execute(),
    t.selectFrom('service_bundle').selectAll().orderBy('category').orderBy('code').execute(),
  ]);
  return { items, bundles };
}

export async function storedCatalogueCodes(db: Db): Promise<{ items: Set<string>; bundles: Set<string> }> {
  const t = servicesDb(db);
  const [items, bundles] = await Promise.all([
    t.selectFrom('service_item').select('code').execute(),
    t.selectFrom('service_bundle').select('code').execute(),
  ]);
  return { items: new Set(items.map((r) => r.code)), bundles: new Set(bundles.map((r) => r.code)) };
}

export async function insertItems(trx: Db, rows: NewItem[]): Promise<void> {
  if (rows.length === 0) return;
  await servicesDb(trx).insertInto('service_item').values(rows).execute();
}

export async function insertBundles(trx: Db, rows: NewBundle[]): Promise<void> {
  if (rows.length === 0) return;
  await servicesDb(trx).insertInto('service_bundle').values(rows).execute();
}

/** Whether the item exists, locking it until the caller's transaction ends. */
export async function lockItem(trx: Db, code: string): Promise<boolean> {
  const row = await servicesDb(trx)
    .selectFrom('service_item')
    .select('code')
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateItem(trx: Db, code: string, patch: ItemPatch): Promise<void> {
  await servicesDb(trx).updateTable('service_item').set(patch).where('code', '=', code).execute();
}

/** The bundle's launch date when it exists, locking it until the caller's transaction ends. */
export async function lockBundle(trx: Db, code: string): Promise<{ launched_on: string } | undefined> {
  return servicesDb(trx)
    .selectFrom('service_bundle')
    .select(['launched_on'])
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateBundle(trx: Db, code: string, patch: BundlePatch): Promise<void> {
  await servicesDb(trx).updateTable('service_bundle').set(patch).where('code', '=', code).execute();
}
