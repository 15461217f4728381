// Frozen: the policy engine's enterprise facts store (one typed row per enterprise, a column per enterprise fact
// of config/policy/facts.json so rules translated to SQL run where the data lives; facts added to the catalogue
// later live in `extra` until a migration gives them a column) and the matcher's output, policy_match.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('policy_enterprise_fact')
    .addColumn('enterprise_id', 'uuid', (c) => c.primaryKey().references('enterprise.id').onDelete('cascade'))
    .addColumn('industry_section', 'text')
    .addColumn('industry_code', 'text')
    .addColumn('size_class', 'text')
    .addColumn('revenue', 'double precision')
    .addColumn('rd_spending', 'double precision')
    .addColumn('rd_ratio', 'double precision')
    .addColumn('employees', 'integer')
    .addColumn('tax_paid', 'double precision')
    .addColumn('qualifications', sql`text[]`)
    .addColumn('credit_class', 'text')
    .addColumn('serious_dishonest', 'boolean')
    .addColumn('town', 'text')
    .addColumn('founded_on', 'date')
    .addColumn('tech_loan_interest', 'double precision')
    .addColumn('equipment_investment', 'double precision')
    .addColumn('listed', 'boolean')
    .addColumn('extra', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // Per fact: { kind: feed|declared|platform, label, verified, at }.
    .addColumn('sources', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // No foreign keys and only two indexes on purpose: a full match writes millions of rows in a few statements,
  // and per-row RI triggers or more indexes would multiply its time. Clauses are deleted only while their policy is a draft (never matched);
  // enterprises are never deleted.
  await db.schema
    .createTable('policy_match')
    .addColumn('clause_id', 'uuid', (c) => c.notNull())
    .addColumn('enterprise_id', 'uuid', (c) => c.notNull())
    .addColumn('first_matched_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_matched_at', 'timestamptz', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('notified_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('via', 'text', (c) => c.notNull().defaultTo('sql'))
    .addPrimaryKeyConstraint('policy_match_pk', ['clause_id', 'enterprise_id'])
    .addCheckConstraint('policy_match_via', sql`via in ('sql', 'js')`)
    .execute();
  await db.schema
    .createIndex('policy_match_enterprise_idx')
    .on('policy_match')
    .columns(['enterprise_id', 'clause_id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('policy_match').ifExists().execute();
  await db.schema.dropTable('policy_enterprise_fact').ifExists().execute();
}
