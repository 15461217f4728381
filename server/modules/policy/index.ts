/**
 * Public API of the policy module: policy catalogue with JsonLogic eligibility rules, explanations, batch
 * matching (SQL with a compiled-JS fallback), 直达 notifications, 免申即享 grants and the public calculator.
 * Contract: docs/policy-api.md.
 */
import type { AppContext, ModuleDefinition } from '../../kernel/context.ts';
import { catalogueRoutes } from './catalogue.routes.ts';
import { policyFactsJobs, queueFactsRefresh } from './facts.jobs.ts';
import { deliveryRoutes } from './delivery.routes.ts';
import { policyJobs } from './policy.jobs.ts';
import { policyMetrics } from './policy.metrics.ts';
import { seedPolicies } from './policy.seed.ts';

export function policyModule(ctx: AppContext): ModuleDefinition {
  return {
    name: 'policy',
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
