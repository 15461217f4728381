// Frozen: bulk-import progress and bookkeeping on credit_import; a decision-date index for the 双公示 metrics.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('credit_import')
    // The uploaded file in the file store while the import job still needs it; null once processed.
    .addColumn('source_key', 'text')
    .addColumn('size_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('encoding', 'text')
    .addColumn('phase', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('rows_processed', 'integer', (c) => c.notNull().defaultTo(0))
    // The first errors (row, column, rule, message) for the UI; the full list is the error report file.
    .addColumn('error_sample', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await db.schema
    .createIndex('credit_import_department_idx')
    .on('credit_import')
    .columns(['department_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('credit_record_category_date_idx')
    .on('credit_record')
    .columns(['category_code', 'decision_date'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('credit_record_category_date_idx').ifExists().execute();
  await db.schema.dropIndex('credit_import_department_idx').ifExists().execute();
  for (const c of ['source_key', 'size_bytes', 'encoding', 'phase', 'rows_processed', 'error_sample']) {
    await db.schema.alterTable('credit_import').dropColumn(c).execute();
  }
}
