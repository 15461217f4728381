/**
 * A session-level PostgreSQL advisory lock held on one reserved connection while `work` runs, so several processes
 * starting against one database take turns (start-up seeding). PGlite is one process's single connection, which
 * reserving would take from the work itself, and no other process can reach it: there the work simply runs.
 */
import { sql } from 'kysely';
import type { DatabaseHandle } from './database.ts';

export async function withAdvisoryLock<T>(
  database: DatabaseHandle,
  key: number,
  work: () => Promise<T>,
): Promise<T> {
  if (database.kind !== 'postgres') return work();
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${key})`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}
