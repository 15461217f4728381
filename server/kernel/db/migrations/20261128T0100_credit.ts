// Frozen: the credit module's core — category catalogue (双公示 and the 47 further categories), credit records,
// bulk-import batches.
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);

  await db.schema
    .createTable('credit_category')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('collection', 'text', (c) => c.notNull().defaultTo('monthly'))
    .addColumn('department_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('public', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint('credit_category_kind', sql`kind in ('license', 'penalty', 'other')`)
    .addCheckConstraint('credit_category_collection', sql`collection in ('monthly', 'on_event')`)
    .execute();

  await db.schema
    .createTable('credit_import')
    .addColumn('id', 'uuid', id)
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('department.id'))
    .addColumn('category_code', 'text', (c) => c.notNull().references('credit_category.code'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'boolean', (c) => c.notNull())
    .addColumn('partial', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('running'))
    .addColumn('rows_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_ok', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_file_id', 'uuid')
    .addColumn('message', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('started_at', 'timestamptz', now)
    .addColumn('finished_at', 'timestamptz')
    .addCheckConstraint('credit_import_status', sql`status in ('running', 'done', 'failed')`)
    .addCheckConstraint('credit_import_format', sql`format in ('csv', 'xlsx')`)
    .execute();

  await db.schema
    .createTable('credit_record')
    .addColumn('id', 'uuid', id)
    .addColumn('category_code', 'text', (c) => c.notNull().references('credit_category.code'))
    .addColumn('uscc', 'char(18)', (c) => c.notNull())
    .addColumn('entity_name', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'uuid', (c) => c.references('enterprise.id'))
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('department.id'))
    .addColumn('decision_no', 'text', (c) => c.notNull())
    .addColumn('decision_date', 'date', (c) => c.notNull())
    .addColumn('entered_at', 'timestamptz', now)
    // Working days from decision to entry (双公示: ≤ 5 in this district, 7 nationally): stored, so the KPI is exact.
    .addColumn('entry_workdays', 'integer', (c) => c.notNull())
    .addColumn('timely', 'boolean', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('severity', 'text')
    .addColumn('publish_from', 'date')
    .addColumn('publish_min_until', 'date')
    .addColumn('publish_until', 'date')
    .addColumn('publication', 'text', (c) => c.notNull().defaultTo('published'))
    .addColumn('publication_ended_at', 'timestamptz')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('import_id', 'uuid', (c) => c.references('credit_import.id'))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('credit_record_decision', ['department_id', 'category_code', 'decision_no'])
    .addCheckConstraint(
      'credit_record_severity',
      sql`severity is null or severity in ('minor', 'ordinary', 'serious')`,
    )
    .addCheckConstraint(
      'credit_record_publication',
      sql`publication in ('published', 'not_published', 'ended_repaired', 'ended_expired', 'revoked')`,
    )
    .addCheckConstraint('credit_record_source', sql`source in ('form', 'api', 'import')`)
    .execute();
  await db.schema
    .createIndex('credit_record_uscc_idx')
    .on('credit_record')
    .columns(['uscc', 'decision_date'])
    .execute();
  await db.schema
    .createIndex('credit_record_enterprise_idx')
    .on('credit_record')
    .column('enterprise_id')
    .execute();
  await db.schema
    .createIndex('credit_record_department_idx')
    .on('credit_record')
    .columns(['department_id', 'category_code', 'decision_date'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['credit_record', 'credit_import', 'credit_category']) {
    await db.schema.dropTable(t).ifExists().cascade().execute();
  }
}
