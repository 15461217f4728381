import type { Kysely } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { FilesTables, NewStoredFileRow, StoredFileRow } from './files.tables.ts';

function filesDb(db: Db): Kysely<FilesTables> {
  return db.withTables<FilesTables>();
}

const COLUMNS = [
  'id',
  'owner_module',
  'owner_id',
  'uploaded_by',
  'safe_name',
  'content_type',
  'size_bytes',
  'sha256',
  'storage_key',
  'purpose',
  'created_at',
] as const;

export async function insertStoredFile(db: Db, row: NewStoredFileRow) {
  return filesDb(db).insertInto('stored_file').values(row).returning(COLUMNS).executeTakeFirstOrThrow();
}

export async function findStoredFile(db: Db, id: string) {
  return filesDb(db).selectFrom('stored_file').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** A stored file as this module hands it out: every column but the client's original name (kept for the record). */
export type StoredFile = Omit<StoredFileRow, 'original_name'>;

/** Moves an unattached upload to its owner; returns undefined when the row was not in the expected state. */
export async function setStoredFileOwner(
  db: Db,
  id: string,
  from: { ownerModule: string },
  to: { ownerModule: string; ownerId: string },
) {
  return filesDb(db)
    .updateTable('stored_file')
    .set({ owner_module: to.ownerModule, owner_id: to.ownerId })
    .where('id', '=', id)
    .where('owner_module', '=', from.ownerModule)
    .returning(COLUMNS)
    .executeTakeFirst();
}
