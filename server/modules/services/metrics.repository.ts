/** Read-only figures over applications and tasks for the KPIs and the office overview (services.metrics.ts). */
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import { servicesDb } from './services.tables.ts';

type Range = { from: Date; to: Date };

/** Submission and completion times of completed applications of a bundle, optionally completed in `range`. */
export async function completedTimes(db: Db, bundleCode: string, range?: Range) {
  let q = servicesDb(db)
    .selectFrom('service_application')
    .select(['submitted_at', 'completed_at'])
    .where('bundle_code', '=', bundleCode)
    .where('status', '=', 'completed')
    .where('completed_at', 'is not', null);
  if (range) q = q.where('completed_at', '>=', range.from).where('completed_at', '<', range.to);
  return q.execute();
}

export async function completedPaperCounts(db: Db, range?: Range): Promise<{ n: number; paperless: number }> {
  let q = servicesDb(db)
    .selectFrom('service_application')
    .select([
      sql<number>`count(*)::int`.as('n'),
      sql<number>`count(*) filter (where not paper)::int`.as('paperless'),
    ])
    .where('status', '=', 'completed');
  if (range) q = q.where('completed_at', '>=', range.from).where('completed_at', '<', range.to);
  return q.executeTakeFirstOrThrow();
}

export async function applicationCountsByStatus(db: Db) {
  return servicesDb(db)
    .selectFrom('service_application')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .groupBy('status')
    .execute();
}

/** Open and overdue tasks per department as of `today`. */
export async function openTasksByDepartment(db: Db, today: string) {
  return servicesDb(db)
    .selectFrom('service_task')
    .select([
      'department_id',
      sql<number>`count(*) filter (where status in ('pending', 'claimed', 'supplement'))::int`.as('open'),
      sql<number>`count(*) filter (where status in ('pending', 'claimed') and due_date < ${today})::int`.as(
        'overdue',
      ),
    ])
    .where('status', 'in', ['pending', 'claimed', 'supplement'])
    .groupBy('department_id')
    .execute();
}
