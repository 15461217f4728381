/** Figures for officers (their department's policies) and the office (the district): catalogue, 直达, 免申即享. */
import type { AppContext } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/policy.ts';
import { statsScope } from './policy.policy.ts';
import { policyStatsRows } from './stats.repository.ts';
import type { StatsDto } from './policy.schemas.ts';

export async function policyStats(ctx: AppContext, actor: Actor): Promise<StatsDto> {
  const { departmentId } = statsScope(actor);
  const { policies, clauses, matches, grants, byPolicy } = await policyStatsRows(ctx.db, departmentId);
  const status = new Map(policies.map((r) => [r.status, r.n]));
  const mode = new Map(clauses.map((r) => [r.mode, r.n]));
  const m = matches ?? { active: 0, enterprises: 0, notified: 0 };
  const g = grants ?? { lists: 0, included: 0, excluded: 0, confirmed: 0, disbursed: 0, amount: 0 };
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
    byPolicy: byPolicy.map((r) => ({
      policyId: r.policy_id,
      title: r.title,
      activeMatches: r.active,
      granted: r.granted,
    })),
  };
}
