/** Read-only figures over the catalogue, matches and grants (statistics pages); no writes. */
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';

export interface PolicyStatsRows {
  policies: { status: string; n: number }[];
  clauses: { mode: string; n: number }[];
  matches: { active: number; enterprises: number; notified: number } | undefined;
  grants:
    | {
        lists: number;
        included: number;
        excluded: number;
        confirmed: number;
        disbursed: number;
        amount: number;
      }
    | undefined;
  byPolicy: { policy_id: string; title: string; active: number; granted: number }[];
}

/** The figures of one department's policies, or of the district (`departmentId` null). */
export async function policyStatsRows(db: Db, departmentId: string | null): Promise<PolicyStatsRows> {
  const dept = departmentId ? sql`p.department_id = ${departmentId}` : sql`true`;
  const [policies, clauses, matches, grants, byPolicy] = await Promise.all([
    sql<{
      status: string;
      n: number;
    }>`select p.status, count(*)::int as n from policy p where ${dept} group by p.status`.execute(db),
    sql<{ mode: string; n: number }>`
      select c.mode, count(*)::int as n from policy_clause c join policy p on p.id = c.policy_id
       where ${dept} and p.status = 'published' group by c.mode`.execute(db),
    sql<{ active: number; enterprises: number; notified: number }>`
      select count(*)::int as active, count(distinct m.enterprise_id)::int as enterprises,
             count(m.notified_at)::int as notified
        from policy_match m join policy_clause c on c.id = m.clause_id join policy p on p.id = c.policy_id
       where ${dept} and m.active and p.status = 'published'`.execute(db),
    sql<{
      lists: number;
      included: number;
      excluded: number;
      confirmed: number;
      disbursed: number;
      amount: number;
    }>`
      select (select count(*)::int from policy_grant_list l where ${departmentId ? sql`l.department_id = ${departmentId}` : sql`true`}) as lists,
             count(*) filter (where g.included)::int as included,
             count(*) filter (where not g.included)::int as excluded,
             count(g.confirmed_at)::int as confirmed, count(g.disbursed_at)::int as disbursed,
             coalesce(sum(g.disbursed_amount), 0)::float8 as amount
        from policy_grant g join policy_grant_list l on l.id = g.list_id
       where ${departmentId ? sql`l.department_id = ${departmentId}` : sql`true`}`.execute(db),
    sql<{ policy_id: string; title: string; active: number; granted: number }>`
      select p.id as policy_id, p.title,
             (select count(*)::int from policy_match m join policy_clause c on c.id = m.clause_id
               where c.policy_id = p.id and m.active) as active,
             (select count(*)::int from policy_grant g join policy_clause c on c.id = g.clause_id
               where c.policy_id = p.id and g.included) as granted
        from policy p where ${dept} and p.status = 'published'
       order by active desc, p.code limit 50`.execute(db),
  ]);
  return {
    policies: policies.rows,
    clauses: clauses.rows,
    matches: matches.rows[0],
    grants: grants.rows[0],
    byPolicy: byPolicy.rows,
  };
}
