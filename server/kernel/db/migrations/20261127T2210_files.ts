// Frozen: upload purpose on stored files; idempotency keys indexed by age for the 24-hour purge; a write-order
// sequence on notifications (timestamps can tie, e.g. PGlite's clock is coarse) so "newest first" pages stably.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('stored_file')
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo('attachment'))
    .execute();
  await db.schema
    .createIndex('stored_file_uploader_idx')
    .on('stored_file')
    .columns(['uploaded_by', 'created_at'])
    .execute();
  await db.schema
    .createIndex('idempotency_key_created_idx')
    .on('idempotency_key')
    .column('created_at')
    .execute();
  await sql`alter table notification add column seq bigint generated always as identity`.execute(db);
  await db.schema
    .createIndex('notification_read_user_idx')
    .on('notification_read')
    .column('user_id')
    .execute();
  await sql`comment on column idempotency_key.status_code is '0 while the first request is still running'`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notification_read_user_idx').ifExists().execute();
  await db.schema.alterTable('notification').dropColumn('seq').execute();
  await db.schema.dropIndex('idempotency_key_created_idx').ifExists().execute();
  await db.schema.dropIndex('stored_file_uploader_idx').ifExists().execute();
  await db.schema.alterTable('stored_file').dropColumn('purpose').execute();
}
