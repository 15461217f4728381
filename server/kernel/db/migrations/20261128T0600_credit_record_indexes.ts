// Frozen: drops credit_record_department_idx (department, category, decision date). Its look-ups are served by the
// decision unique index (department, category, …) and by credit_record_category_date_idx (category, decision date),
// and every index costs each imported row an insertion: a million-row import spent about a tenth of its database
// time on this one.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('credit_record_department_idx').ifExists().execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('credit_record_department_idx')
    .on('credit_record')
    .columns(['department_id', 'category_code', 'decision_date'])
    .execute();
}
