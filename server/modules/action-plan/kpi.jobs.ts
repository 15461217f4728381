import { Type } from 'typebox';
import { systemOrigin } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { defineJob, type JobDefinition } from '../../kernel/jobs/jobs.ts';
import { findCurrentPlan } from './plan.repository.ts';
import { kpiPeriod, refreshKpis } from './kpi.service.ts';

/** Daily: every KPI of the plan in force for the current period, so each month keeps its last computed value. */
export function refreshKpisJob(ctx: AppContext) {
  const job = defineJob({
    id: 'action-plan.refresh-kpis',
    description: '计算行动方案指标本期数值 (compute the KPIs for the current period)',
    payload: Type.Object({}),
    schedule: '0 1 * * *',
    policy: 'stately',
    async handler() {
      const plan = await findCurrentPlan(ctx.db);
      if (!plan) return { plan: null, kpis: 0 };
      const asOf = ctx.clock.now();
      const kpis = await refreshKpis(ctx, plan.id, asOf, systemOrigin(job.actor));
      const count = (s: string) => kpis.filter((k) => k.latest?.status === s).length;
      return {
        plan: plan.code,
        period: kpiPeriod(asOf),
        kpis: kpis.length,
        ok: count('ok'),
        noSource: count('no_source'),
        error: count('error'),
      };
    },
  });
  return job;
}

export function kpiJobs(ctx: AppContext): JobDefinition[] {
  return [refreshKpisJob(ctx)];
}
