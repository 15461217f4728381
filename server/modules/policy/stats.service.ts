/** Figures for officers (their department's policies) and the office (the district): catalogue, 直达, 免申即享. */
import { sql } from 'kysely';
import type { AppContext } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/policy.ts';
import { statsScope } from './policy.policy.ts';
import type { StatsDto } from './policy.schemas.ts';

export async function policyStats(ctx: AppContext, actor: Actor): Promise<StatsDto> {
  const { departmentId } = statsScope(actor);
  const dept = departmentId ? sql`p.department_id = ${departmentId}` : sql`true`;
  const [policies, clauses, matches, grants, byPolicy] = await Promise.all([
    sql<{
      status: string;
      n: number;
    }>`select p.status, count(*)::int as n from policy p where ${dept} group by p.status`.execute(ctx.db),
    sql<{ mode: string; n: number }>`
      select c.mode, count(*)::int as n from policy_clause c join policy p on p.id = c.policy_id
       where ${dept} and p.status = 'published' group by c.mode`.execute(ctx.db),
    sql<{ active: number; enterprises: number; notified: number }>`
      select count(*)::int as active, count(distinct m.enterprise_id)::int as enterprises,
             count(m.notified_at)::int as notified
        from policy_match m join policy_clause c on c.id = m.clause_id join policy p on p.id = c.policy_id
       where ${dept} and m.active and p.status = 'published'`.execute(ctx.db),
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
       where ${departmentId ? sql`l.department_id = ${departmentId}` : sql`true`}`.execute(ctx.db),
    sql<{ policy_id: string; title: string; active: number; granted: number }>`
      select p.id as policy_id, p.title,
             (select count(*)::int from policy_match m join policy_clause c on c.id = m.clause_id
               where c.policy_id = p.id and m.active) as active,
             (select count(*)::int from policy_grant g join policy_clause c on c.id = g.clause_id
               where c.policy_id = p.id and g.included) as granted
        from policy p where ${dept} and p.status = 'published'
       order by active desc, p.code limit 50`.execute(ctx.db),
  ]);
  const status = new Map(policies.rows.map((r) => [r.status, r.n]));
  const mode = new Map(clauses.rows.map((r) => [r.mode, r.n]));
  const m = matches.rows[0] ?? { active: 0, enterprises: 0, notified: 0 };
  const g = grants.rows[0] ?? { lists: 0, included: 0, excluded: 0, confirmed: 0, disbursed: 0, amount: 0 };
  return {
    scope: departmentId ? 'department' : 'district',
    policies: {
      published: status.get('published') ?? 0,
      draft: status.get('draft') ?? 0,
      withdrawn: status.get('withdrawn') ?? 0,
    },
    clauses: { apply: mode.get('apply') ?? 0, auto: mode.get('auto') ?? 0, fast: mode.get('fast') ?? 0 },
    matches: { active: m.active, enterprises: m.enterprises, notified: m.notified },
    grants: {
      lists: g.lists,
      included: g.included,
      excluded: g.excluded,
      confirmed: g.confirmed,
      disbursed: g.disbursed,
      disbursedAmount: Math.round(g.amount * 100) / 100,
    },
    byPolicy: byPolicy.rows.map((r) => ({
      policyId: r.policy_id,
      title: r.title,
      activeMatches: r.active,
      granted: r.granted,
    })),
  };
}
