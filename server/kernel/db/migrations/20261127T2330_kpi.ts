// Frozen: remembers that a plan's shipped KPIs (config/plan/<code>.kpis.json) were seeded, so a KPI the office
// deleted is not brought back on the next start.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kpi_seed')
    .addColumn('plan_id', 'uuid', (c) => c.primaryKey().references('plan.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kpis', 'integer', (c) => c.notNull())
    .addColumn('seeded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('typical_case_department_idx')
    .on('typical_case')
    .columns(['department_id', 'submitted_at'])
    .execute();
  await db.schema
    .createIndex('typical_case_status_idx')
    .on('typical_case')
    .columns(['plan_id', 'status'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('typical_case_status_idx').ifExists().execute();
  await db.schema.dropIndex('typical_case_department_idx').ifExists().execute();
  await db.schema.dropTable('kpi_seed').ifExists().execute();
}
