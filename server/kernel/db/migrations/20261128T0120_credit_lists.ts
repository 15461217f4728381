// Frozen: the credit module's lists (红名单 / 黑名单), sanctions catalogue (失信惩戒措施清单), commitments
// (信用承诺 / 告知承诺), repair applications (信用修复), risk classification (A–D) with its rules and history.
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);

  await db.schema
    .createTable('credit_list')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('public', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint('credit_list_type', sql`type in ('red', 'black')`)
    .execute();

  await db.schema
    .createTable('credit_list_entry')
    .addColumn('id', 'uuid', id)
    .addColumn('list_code', 'text', (c) => c.notNull().references('credit_list.code'))
    .addColumn('uscc', 'char(18)', (c) => c.notNull())
    .addColumn('entity_name', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'uuid', (c) => c.references('enterprise.id'))
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('department.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('entered_on', 'date', (c) => c.notNull())
    .addColumn('exit_on', 'date')
    .addColumn('exit_condition', 'text')
    .addColumn('exited_on', 'date')
    .addColumn('exit_reason', 'text')
    .addColumn('exited_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addCheckConstraint('credit_list_entry_exit_rule', sql`exit_on is not null or exit_condition is not null`)
    .addCheckConstraint(
      'credit_list_entry_exit',
      sql`(exited_on is null and exit_reason is null) or (exited_on is not null and exit_reason is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('credit_list_entry_uscc_idx')
    .on('credit_list_entry')
    .columns(['uscc', 'entered_on'])
    .execute();
  await db.schema
    .createIndex('credit_list_entry_enterprise_idx')
    .on('credit_list_entry')
    .column('enterprise_id')
    .execute();
  await db.schema
    .createIndex('credit_list_entry_department_idx')
    .on('credit_list_entry')
    .columns(['department_id', 'entered_on'])
    .execute();

  await db.schema
    .createTable('credit_sanction')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('trigger', 'jsonb', (c) => c.notNull())
    .addColumn('purposes', sql`text[]`, (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('effect', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint('credit_sanction_decision', sql`decision in ('flag', 'block')`)
    .addCheckConstraint('credit_sanction_effect', sql`effect in ('restriction', 'incentive')`)
    .execute();

  // Settings of the lists/repair/classification half (review working days, classification rules …), one JSON
  // value per key, seeded from config/credit/ (new keys only) and versioned by updated_at.
  await db.schema
    .createTable('credit_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', now)
    .execute();

  await db.schema
    .createTable('credit_commitment')
    .addColumn('id', 'uuid', id)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'uuid', (c) => c.notNull().references('enterprise.id'))
    .addColumn('uscc', 'char(18)', (c) => c.notNull())
    .addColumn('entity_name', 'text', (c) => c.notNull())
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('department.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('application_ref', 'text')
    .addColumn('committed_on', 'date', (c) => c.notNull())
    .addColumn('verify_by', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('verified_on', 'date')
    .addColumn('verified_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('verification_note', 'text')
    .addColumn('record_id', 'uuid', (c) => c.references('credit_record.id'))
    .addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addCheckConstraint('credit_commitment_kind', sql`kind in ('notification', 'credit')`)
    .addCheckConstraint('credit_commitment_status', sql`status in ('pending', 'fulfilled', 'broken')`)
    .execute();
  await db.schema
    .createIndex('credit_commitment_enterprise_idx')
    .on('credit_commitment')
    .columns(['enterprise_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('credit_commitment_department_idx')
    .on('credit_commitment')
    .columns(['department_id', 'status', 'verify_by'])
    .execute();

  await db.schema
    .createTable('credit_repair')
    .addColumn('id', 'uuid', id)
    .addColumn('record_id', 'uuid', (c) => c.notNull().references('credit_record.id'))
    .addColumn('enterprise_id', 'uuid', (c) => c.notNull().references('enterprise.id'))
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('department.id'))
    .addColumn('applied_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('applied_at', 'timestamptz', (c) => c.notNull())
    .addColumn('applied_on', 'date', (c) => c.notNull())
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('review_due_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('overdue_notified_at', 'timestamptz')
    .addColumn('reviewed_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('review_comment', 'text')
    .addCheckConstraint('credit_repair_status', sql`status in ('pending', 'approved', 'rejected')`)
    .execute();
  // One open application per record: a second one waits for the first decision.
  await sql`create unique index credit_repair_pending_idx on credit_repair (record_id) where status = 'pending'`.execute(
    db,
  );
  await db.schema
    .createIndex('credit_repair_department_idx')
    .on('credit_repair')
    .columns(['department_id', 'status', 'review_due_on'])
    .execute();

  await db.schema
    .createTable('credit_class')
    .addColumn('enterprise_id', 'uuid', (c) => c.notNull().references('enterprise.id'))
    .addColumn('period', 'char(7)', (c) => c.notNull())
    .addColumn('class', 'char(1)', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('parts', 'jsonb', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('credit_class_pk', ['enterprise_id', 'period'])
    .addCheckConstraint('credit_class_class', sql`class in ('A', 'B', 'C', 'D')`)
    .execute();
  await db.schema
    .createIndex('credit_class_period_idx')
    .on('credit_class')
    .columns(['period', 'class'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'credit_class',
    'credit_repair',
    'credit_commitment',
    'credit_setting',
    'credit_sanction',
    'credit_list_entry',
    'credit_list',
  ]) {
    await db.schema.dropTable(t).ifExists().cascade().execute();
  }
}
