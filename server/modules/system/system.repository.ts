import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';

/**
 * Deletes sessions that expired or were revoked before `cutoff`; returns how many went. The `session` table is the
 * identity module's: this upkeep query stays here (untyped SQL, no import of identity's tables) until the purge job
 * moves into identity's manifest.
 */
export async function deleteSessionsEndedBefore(db: Db, cutoff: Date): Promise<number> {
  const res = await sql`delete from session where expires_at < ${cutoff} or revoked_at < ${cutoff}`.execute(
    db,
  );
  return Number(res.numAffectedRows ?? 0);
}
