/**
 * Public API of the policy module: policy catalogue with JsonLogic eligibility rules, explanations, batch
 * matching (SQL with a compiled-JS fallback), 直达 notifications, 免申即享 grants and the public calculator.
 * Contract: docs/policy-api.md.
 */
import type { AppContext, ModuleManifest } from '../../kernel/context.ts';
import { definePermissions } from '../../kernel/policy.ts';
import { PolicyEngineErrors } from './facts.errors.ts';
import { PolicyErrors } from './policy.errors.ts';
import { catalogueRoutes } from './catalogue.routes.ts';
import { policyFactsJobs, queueFactsRefresh } from './facts.jobs.ts';
import { deliveryRoutes } from './delivery.routes.ts';
import { policyJobs } from './policy.jobs.ts';
import { policyMetrics } from './policy.metrics.ts';
import { seedPolicies } from './policy.seed.ts';

const permissions = definePermissions({
  'policy.author': '部门：起草、测试、发布本部门的政策与规则',
  'policy.grant': '部门：审核免申即享名单、登记兑付',
  'policy.read': '查看政策匹配、推送与兑现情况',
  'policy.own': '企业：查看本企业匹配的政策与解释、订阅、确认免申即享',
});

declare module '../../kernel/policy.ts' {
  interface PermissionCatalogues {
    policy: typeof permissions;
  }
}

export function policyModule(ctx: AppContext): ModuleManifest {
  return {
    name: 'policy',
    errors: [PolicyErrors, PolicyEngineErrors],
    permissions,
    routes: (app, c) => {
      catalogueRoutes(app, c);
      deliveryRoutes(app, c);
    },
    jobs: [...policyJobs(ctx), ...policyFactsJobs(ctx)],
    metrics: policyMetrics(),
    async onStart(c) {
      await seedPolicies(c);
      // Facts refresh + full match shortly after start (demo enterprises are loaded after the modules start; the
      // job is worked once the workers run). Tests run jobs explicitly.
      if (c.config.mode !== 'test') {
        try {
          await queueFactsRefresh(c);
        } catch (err) {
          c.logger.error({ err }, 'could not queue the policy facts refresh');
        }
      }
    },
  };
}

export { matchAll, matchEnterprise, type MatchAllResult } from './matching.service.ts';
export { refreshPlatformFacts, refreshEnterpriseFacts } from './facts.jobs.ts';
export { getEnterpriseFacts, setEnterpriseFacts } from './facts.repository.ts';
export { rematchEnterprise } from './enterprise.service.ts';
export { notifyNewMatches } from './notify.service.ts';
