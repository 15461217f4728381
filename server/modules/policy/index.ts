/**
 * Public API of the policy module: policy catalogue with JsonLogic eligibility rules, explanations, batch
 * matching (SQL with a compiled-JS fallback), 直达 notifications, 免申即享 grants and the public calculator.
 * Contract: docs/policy-api.md.
 */
import type { AppContext, ModuleDefinition } from '../../kernel/context.ts';

export function policyModule(_ctx: AppContext): ModuleDefinition {
  return {
    name: 'policy',
  };
}
