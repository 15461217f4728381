// Frozen: credit_import.progressed_at, when the import last reported progress (set with every update of the row),
// so the sweeper can end a "running" import whose job died without a trace.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('credit_import')
    .addColumn('progressed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen and untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('credit_import').dropColumn('progressed_at').execute();
}
