// Frozen: the policy catalogue (政策文件 → 条款 with JsonLogic rules and benefit formulas → test cases), 免申即享
// grant lists and grants, topic subscriptions for 直达, and the jieba token index for Chinese full-text search.
// The matcher's own tables (policy_match, the enterprise facts store) are created by the engine's migration.
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);

  await db.schema
    .createTable('policy')
    .addColumn('id', 'uuid', id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('department.id'))
    .addColumn('document_no', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('topics', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('measure_nos', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'::integer[]`))
    .addColumn('demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('published_at', 'timestamptz')
    .addColumn('published_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint('policy_status', sql`status in ('draft', 'published', 'withdrawn')`)
    .execute();
  await db.schema
    .createIndex('policy_department_idx')
    .on('policy')
    .columns(['department_id', 'status'])
    .execute();
  await db.schema.createIndex('policy_status_idx').on('policy').columns(['status', 'issued_on']).execute();

  await db.schema
    .createTable('policy_clause')
    .addColumn('id', 'uuid', id)
    .addColumn('policy_id', 'uuid', (c) => c.notNull().references('policy.id').onDelete('cascade'))
    .addColumn('no', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('citation', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('rule', 'jsonb', (c) => c.notNull())
    .addColumn('benefit', 'jsonb')
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('effective_to', 'date')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('policy_clause_no', ['policy_id', 'no'])
    .addCheckConstraint('policy_clause_subject', sql`subject in ('enterprise', 'individual', 'connection')`)
    .addCheckConstraint('policy_clause_mode', sql`mode in ('apply', 'auto', 'fast')`)
    .addCheckConstraint('policy_clause_dates', sql`effective_to is null or effective_to >= effective_from`)
    .execute();
  await db.schema
    .createIndex('policy_clause_subject_idx')
    .on('policy_clause')
    .columns(['subject', 'effective_from'])
    .execute();

  await db.schema
    .createTable('policy_test_case')
    .addColumn('id', 'uuid', id)
    .addColumn('clause_id', 'uuid', (c) => c.notNull().references('policy_clause.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('facts', 'jsonb', (c) => c.notNull())
    .addColumn('expect_eligible', 'boolean', (c) => c.notNull())
    .addColumn('expect_amount', 'double precision')
    .addUniqueConstraint('policy_test_case_position', ['clause_id', 'position'])
    .execute();

  await db.schema
    .createTable('policy_grant_list')
    .addColumn('id', 'uuid', id)
    .addColumn('clause_id', 'uuid', (c) => c.notNull().references('policy_clause.id'))
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('department.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('approved_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('approved_at', 'timestamptz')
    .addCheckConstraint('policy_grant_list_status', sql`status in ('building', 'pending', 'approved')`)
    .execute();
  await db.schema
    .createIndex('policy_grant_list_department_idx')
    .on('policy_grant_list')
    .columns(['department_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('policy_grant')
    .addColumn('id', 'uuid', id)
    .addColumn('list_id', 'uuid', (c) => c.notNull().references('policy_grant_list.id').onDelete('cascade'))
    .addColumn('clause_id', 'uuid', (c) => c.notNull().references('policy_clause.id'))
    .addColumn('enterprise_id', 'uuid', (c) => c.notNull().references('enterprise.id'))
    .addColumn('included', 'boolean', (c) => c.notNull())
    .addColumn('exclusion_reason', 'text')
    .addColumn('amount', 'double precision')
    .addColumn('formula', 'text')
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('confirmed_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('disbursed_at', 'timestamptz')
    .addColumn('disbursed_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('disbursed_amount', 'double precision')
    .addColumn('reference', 'text')
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('policy_grant_once', ['clause_id', 'enterprise_id'])
    .addCheckConstraint(
      'policy_grant_excluded_reason',
      sql`included or (exclusion_reason is not null and confirmed_at is null and disbursed_at is null)`,
    )
    .addCheckConstraint(
      'policy_grant_disbursed_confirmed',
      sql`disbursed_at is null or confirmed_at is not null`,
    )
    .execute();
  await db.schema.createIndex('policy_grant_list_idx').on('policy_grant').column('list_id').execute();
  await db.schema
    .createIndex('policy_grant_enterprise_idx')
    .on('policy_grant')
    .column('enterprise_id')
    .execute();

  await db.schema
    .createTable('policy_subscription')
    .addColumn('enterprise_id', 'uuid', (c) => c.primaryKey().references('enterprise.id'))
    .addColumn('topics', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('updated_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('updated_at', 'timestamptz', now)
    .execute();

  // One row per (policy, jieba token) with a relevance weight (title > summary > clauses), so the same SQL ranks
  // on PGlite and PostgreSQL without depending on the server's text-search parser or locale.
  await db.schema
    .createTable('policy_search_token')
    .addColumn('policy_id', 'uuid', (c) => c.notNull().references('policy.id').onDelete('cascade'))
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('policy_search_token_pk', ['policy_id', 'token'])
    .execute();
  await db.schema
    .createIndex('policy_search_token_idx')
    .on('policy_search_token')
    .columns(['token'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'policy_search_token',
    'policy_subscription',
    'policy_grant',
    'policy_grant_list',
    'policy_test_case',
    'policy_clause',
    'policy',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
