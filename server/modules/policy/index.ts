/**
 * Public API of the policy module: policy catalogue with JsonLogic eligibility rules, explanations, batch
 * matching (SQL with a compiled-JS fallback), 直达 notifications, 免申即享 grants and the public calculator.
 * Contract: docs/policy-api.md.
 */
import { defineAuditActions } from '../../kernel/audit.ts';
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

declare module '../../kernel/audit.ts' {
  interface AuditActions {
    'policy.created': { code: string; title: string };
    'policy.updated': { code: string; status: string };
    'policy.clause_added': {
      policyId: string;
      no: number;
      mode: string;
      subject: string;
      rule: Record<string, unknown>;
    };
    'policy.clause_updated': { policyId: string; status: string; rule: Record<string, unknown> };
    'policy.clause_deleted': { policyId: string };
    'policy.published': { code: string; previous: string };
    'policy.withdrawn': { code: string };
    'policy.seeded': { code: string; published: boolean };
    'policy.facts_declared': { facts: string[] };
    'policy.subscription_changed': { topics: string[] };
    'policy.grant_list_requested': { clauseId: string; candidates: number };
    'policy.grant_list_built': {
      clauseId: string;
      included: number;
      excluded: { enterpriseId: string; reason: string | null }[];
    };
    'policy.grant_list_approved': { included: number; excluded: number };
    'policy.grant_confirmed': { enterpriseId: string; clauseId: string; amount: number | null };
    'policy.grant_disbursed': { enterpriseId: string; amount: number; reference: string };
  }
}

const auditActions = defineAuditActions([
  'policy.created',
  'policy.updated',
  'policy.clause_added',
  'policy.clause_updated',
  'policy.clause_deleted',
  'policy.published',
  'policy.withdrawn',
  'policy.seeded',
  'policy.facts_declared',
  'policy.subscription_changed',
  'policy.grant_list_requested',
  'policy.grant_list_built',
  'policy.grant_list_approved',
  'policy.grant_confirmed',
  'policy.grant_disbursed',
]);

export function policyModule(ctx: AppContext): ModuleManifest {
  return {
    name: 'policy',
    errors: [PolicyErrors, PolicyEngineErrors],
    permissions,
    auditActions,
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
