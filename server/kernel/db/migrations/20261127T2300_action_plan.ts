// Frozen: the action plan as a living system — plan structure, measures and units, milestones, progress reports,
// supervision notices (督办单), typical cases, KPIs and their history.
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);

  await db.schema
    .createTable('plan')
    .addColumn('id', 'uuid', id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text')
    .addColumn('document_no', 'text')
    .addColumn('issued_on', 'date')
    .addColumn('reporting_period', 'text', (c) => c.notNull().defaultTo('monthly'))
    .addColumn('report_due_workdays', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('escalation_workdays', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('source_sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint('plan_reporting_period', sql`reporting_period in ('monthly', 'quarterly')`)
    .execute();

  await db.schema
    .createTable('plan_part')
    .addColumn('id', 'uuid', id)
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_part_ordinal', ['plan_id', 'ordinal'])
    .execute();

  await db.schema
    .createTable('plan_section')
    .addColumn('id', 'uuid', id)
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('part_id', 'uuid', (c) => c.notNull().references('plan_part.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_section_ordinal', ['plan_id', 'ordinal'])
    .execute();

  await db.schema
    .createTable('measure')
    .addColumn('id', 'uuid', id)
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('section_id', 'uuid', (c) => c.notNull().references('plan_section.id'))
    .addColumn('no', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('measure_no', ['plan_id', 'no'])
    .execute();

  await db.schema
    .createTable('measure_unit')
    .addColumn('id', 'uuid', id)
    .addColumn('measure_id', 'uuid', (c) => c.notNull().references('measure.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('department_id', 'uuid', (c) => c.references('department.id'))
    .addUniqueConstraint('measure_unit_position', ['measure_id', 'position'])
    .addCheckConstraint('measure_unit_role', sql`role in ('lead', 'responsible', 'scope')`)
    .execute();
  await db.schema
    .createIndex('measure_unit_department_idx')
    .on('measure_unit')
    .column('department_id')
    .execute();

  await db.schema
    .createTable('plan_import')
    .addColumn('id', 'uuid', id)
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('imported_at', 'timestamptz', now)
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('source_sha256', 'text', (c) => c.notNull())
    .addColumn('measures_added', 'integer', (c) => c.notNull())
    .addColumn('measures_updated', 'integer', (c) => c.notNull())
    .addColumn('measures_unchanged', 'integer', (c) => c.notNull())
    .addColumn('unmatched_units', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();

  await db.schema
    .createTable('milestone')
    .addColumn('id', 'uuid', id)
    .addColumn('measure_id', 'uuid', (c) => c.notNull().references('measure.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('owner_department_id', 'uuid', (c) => c.notNull().references('department.id'))
    .addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('completed_at', 'timestamptz')
    .addColumn('completed_report_id', 'uuid')
    .execute();
  await db.schema.createIndex('milestone_measure_idx').on('milestone').column('measure_id').execute();
  await db.schema
    .createIndex('milestone_owner_due_idx')
    .on('milestone')
    .columns(['owner_department_id', 'due_on'])
    .execute();

  await db.schema
    .createTable('progress_report')
    .addColumn('id', 'uuid', id)
    .addColumn('measure_id', 'uuid', (c) => c.notNull().references('measure.id').onDelete('cascade'))
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('department.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('evidence_file_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('completed_milestone_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('submitted_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('submitted_at', 'timestamptz', now)
    .addCheckConstraint('progress_report_percent', sql`percent between 0 and 100`)
    .execute();
  await db.schema
    .createIndex('progress_report_measure_idx')
    .on('progress_report')
    .columns(['measure_id', 'department_id', 'period'])
    .execute();

  await db.schema
    .createTable('supervision_notice')
    .addColumn('id', 'uuid', id)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('measure_id', 'uuid', (c) => c.notNull().references('measure.id').onDelete('cascade'))
    .addColumn('milestone_id', 'uuid', (c) => c.references('milestone.id').onDelete('cascade'))
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('department.id'))
    .addColumn('period', 'text')
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('overdue_workdays', 'integer', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('resolved_at', 'timestamptz')
    .addCheckConstraint('supervision_notice_kind', sql`kind in ('reminder', 'escalation')`)
    .addCheckConstraint('supervision_notice_reason', sql`reason in ('milestone_overdue', 'report_missing')`)
    .execute();
  await db.schema
    .createIndex('supervision_notice_department_idx')
    .on('supervision_notice')
    .columns(['department_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('typical_case')
    .addColumn('id', 'uuid', id)
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('measure_id', 'uuid', (c) => c.references('measure.id').onDelete('set null'))
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('department.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('submitted'))
    .addColumn('submitted_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('submitted_at', 'timestamptz', now)
    .addColumn('reviewed_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('review_comment', 'text')
    .addColumn('published_at', 'timestamptz')
    .addCheckConstraint('typical_case_status', sql`status in ('submitted', 'published', 'rejected')`)
    .execute();

  await db.schema
    .createTable('kpi')
    .addColumn('id', 'uuid', id)
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('target', 'double precision', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('provider', 'text')
    .addColumn('measure_nos', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'::integer[]`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('kpi_code', ['plan_id', 'code'])
    .addCheckConstraint('kpi_direction', sql`direction in ('at_least', 'at_most')`)
    .execute();

  await db.schema
    .createTable('kpi_value')
    .addColumn('kpi_id', 'uuid', (c) => c.notNull().references('kpi.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('computed_at', 'timestamptz', now)
    .addPrimaryKeyConstraint('kpi_value_pk', ['kpi_id', 'period'])
    .addCheckConstraint('kpi_value_status', sql`status in ('ok', 'no_source', 'error')`)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'kpi_value',
    'kpi',
    'typical_case',
    'supervision_notice',
    'progress_report',
    'milestone',
    'plan_import',
    'measure_unit',
    'measure',
    'plan_section',
    'plan_part',
    'plan',
  ]) {
    await db.schema.dropTable(t).ifExists().cascade().execute();
  }
}
