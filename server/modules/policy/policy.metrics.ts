/**
 * Figures the policy module offers the action plan's KPIs (措施51 “提升惠企政策的直达能力”). The shipped plan
 * KPIs do not reference them yet; the office can attach a KPI to them by id.
 */
import type { MetricProvider } from '../../kernel/metrics.ts';
import { countGrantConfirmations } from './grants.repository.ts';
import { countReachedEnterprises } from './matches.repository.ts';

const reachedEnterprises: MetricProvider = {
  id: 'policy.reached-enterprises',
  name: '惠企政策直达企业数',
  unit: '户',
  description:
    '有至少一项有效政策匹配、且直达已处理（已推送，或按企业订阅的主题不推送）的企业数（按计算时的匹配结果）。',
  async compute(ctx) {
    const row = await countReachedEnterprises(ctx.db);
    return { value: row.reached, detail: { matched: row.matched, reached: row.reached } };
  },
};

const autoGrantConfirmation: MetricProvider = {
  id: 'policy.auto-grant-confirmation-rate',
  name: '免申即享确认率',
  unit: '%',
  description: '已审核的免申即享名单中，纳入企业已一键确认的比例。',
  async compute(ctx, _period, asOf) {
    const row = await countGrantConfirmations(ctx.db, asOf);
    return {
      value: row.offered === 0 ? null : Math.round((row.confirmed / row.offered) * 1000) / 10,
      detail: { offered: row.offered, confirmed: row.confirmed },
    };
  },
};

export function policyMetrics(): MetricProvider[] {
  return [reachedEnterprises, autoGrantConfirmation];
}
