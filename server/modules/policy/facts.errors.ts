import { defineErrors } from '../../kernel/errors.ts';

/** Errors of the policy engine's facts store and matcher (documented in docs/errors-policy.md, "Engine and matching"). */
export const PolicyEngineErrors = defineErrors({
  POLICY_FACTS_REJECTED: { status: 400, title: 'Fact values rejected' },
});

// Adds these codes to the ErrorCode union (a misspelt code does not compile).
declare module '../../kernel/errors.ts' {
  interface ErrorCatalogues {
    policyEngine: typeof PolicyEngineErrors;
  }
}
