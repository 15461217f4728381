// Frozen: the services module — 政务服务事项 catalogue, 一件事 bundles, applications with departmental tasks,
// supplements (补正), results, timeline events, simple-deregistration notices and objections.
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);

  await db.schema
    .createTable('service_item')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('department.id'))
    .addColumn('deadline_workdays', 'integer', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('promise_allowed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('materials', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('form_schema', 'jsonb', (c) => c.notNull())
    .addColumn('produces', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint('service_item_deadline', sql`deadline_workdays between 0 and 365`)
    .execute();

  await db.schema
    .createTable('service_bundle')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('standard'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('items', sql`text[]`, (c) => c.notNull())
    .addColumn('tasks', 'jsonb', (c) => c.notNull())
    .addColumn('shared_fields', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('notice_days', 'integer')
    .addColumn('launched_on', 'date', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint(
      'service_bundle_category',
      sql`category in ('opening', 'change', 'closing', 'utilities', 'industry', 'other')`,
    )
    .addCheckConstraint('service_bundle_kind', sql`kind in ('standard', 'simple_deregistration')`)
    .execute();

  await sql`create sequence service_application_no_seq`.execute(db);

  await db.schema
    .createTable('service_application')
    .addColumn('id', 'uuid', id)
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('bundle_code', 'text', (c) => c.notNull().references('service_bundle.code'))
    .addColumn('applicant_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'uuid', (c) => c.references('enterprise.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('form', 'jsonb', (c) => c.notNull())
    .addColumn('materials', 'jsonb', (c) => c.notNull())
    .addColumn('promise', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('credit_flags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('paper', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_on', 'date', (c) => c.notNull())
    .addColumn('due_date', 'date')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint(
      'service_application_status',
      sql`status in ('submitted', 'in_progress', 'supplement', 'completed', 'rejected', 'notice', 'objected')`,
    )
    .execute();
  await db.schema
    .createIndex('service_application_applicant_idx')
    .on('service_application')
    .columns(['applicant_id', 'submitted_at'])
    .execute();
  await db.schema
    .createIndex('service_application_bundle_idx')
    .on('service_application')
    .columns(['bundle_code', 'status', 'completed_at'])
    .execute();
  await db.schema
    .createIndex('service_application_status_idx')
    .on('service_application')
    .columns(['status', 'submitted_at'])
    .execute();

  await db.schema
    .createTable('service_task')
    .addColumn('id', 'uuid', id)
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('service_application.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull().references('service_item.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('department.id'))
    .addColumn('depends_on', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('deadline_workdays', 'integer', (c) => c.notNull())
    .addColumn('started_on', 'date')
    .addColumn('due_date', 'date')
    .addColumn('remaining_workdays', 'integer')
    .addColumn('paused_on', 'date')
    .addColumn('paused_workdays', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('claimed_by_name', 'text')
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('comment', 'text')
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('service_task_key', ['application_id', 'key'])
    .addCheckConstraint(
      'service_task_status',
      sql`status in ('waiting', 'pending', 'claimed', 'supplement', 'approved', 'rejected', 'cancelled')`,
    )
    .execute();
  // The work queue: a department's open tasks by due date.
  await db.schema
    .createIndex('service_task_queue_idx')
    .on('service_task')
    .columns(['department_id', 'status', 'due_date'])
    .execute();
  await db.schema
    .createIndex('service_task_application_idx')
    .on('service_task')
    .column('application_id')
    .execute();

  await db.schema
    .createTable('service_supplement')
    .addColumn('id', 'uuid', id)
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('service_application.id'))
    .addColumn('task_id', 'uuid', (c) => c.notNull().references('service_task.id'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('requested_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('materials', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('answered_at', 'timestamptz')
    .addColumn('note', 'text')
    .addColumn('answer_materials', 'jsonb')
    .execute();
  await db.schema
    .createIndex('service_supplement_application_idx')
    .on('service_supplement')
    .column('application_id')
    .execute();

  await db.schema
    .createTable('service_event')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('service_application.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('task_id', 'uuid')
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_event_application_idx')
    .on('service_event')
    .columns(['application_id', 'id'])
    .execute();

  await db.schema
    .createTable('service_result')
    .addColumn('id', 'uuid', id)
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('service_application.id'))
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('file_id', 'uuid')
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('service_result_kind', sql`kind in ('licence', 'record')`)
    .execute();
  await db.schema
    .createIndex('service_result_application_idx')
    .on('service_result')
    .column('application_id')
    .execute();

  await db.schema
    .createTable('service_notice')
    .addColumn('id', 'uuid', id)
    .addColumn('application_id', 'uuid', (c) => c.notNull().unique().references('service_application.id'))
    .addColumn('enterprise_name', 'text', (c) => c.notNull())
    .addColumn('uscc', 'char(18)', (c) => c.notNull())
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('running'))
    .addColumn('objections', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('service_notice_status', sql`status in ('running', 'objected', 'ended')`)
    .execute();
  await db.schema
    .createIndex('service_notice_status_idx')
    .on('service_notice')
    .columns(['status', 'ends_on'])
    .execute();

  await db.schema
    .createTable('service_objection')
    .addColumn('id', 'uuid', id)
    .addColumn('notice_id', 'uuid', (c) => c.notNull().references('service_notice.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'service_objection',
    'service_notice',
    'service_result',
    'service_event',
    'service_supplement',
    'service_task',
    'service_application',
    'service_bundle',
    'service_item',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await sql`drop sequence if exists service_application_no_seq`.execute(db);
}
