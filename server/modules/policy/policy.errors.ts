import { defineErrors } from '../../kernel/errors.ts';

/** Catalogue, publishing, calculator and 免申即享 codes (docs/errors-policy.md). */
export const PolicyErrors = defineErrors({
  POLICY_RULE_INVALID: { status: 400, title: 'Eligibility rule or benefit formula is invalid' },
  POLICY_FACT_UNKNOWN: { status: 400, title: 'Unknown fact' },
  POLICY_FACT_TYPE: { status: 400, title: 'Fact value has the wrong type' },
  POLICY_FACT_NOT_DECLARABLE: { status: 400, title: 'Fact cannot be declared by the enterprise' },
  POLICY_TOPIC_UNKNOWN: { status: 400, title: 'Unknown policy topic' },
  POLICY_CODE_TAKEN: { status: 409, title: 'Policy code already in use' },
  POLICY_NOT_DRAFT: { status: 409, title: 'Policy is not a draft' },
  POLICY_WITHDRAWN: { status: 409, title: 'Policy has been withdrawn' },
  POLICY_NO_CLAUSES: { status: 422, title: 'Policy has no clause or a clause has no test case' },
  POLICY_TESTS_FAILING: { status: 422, title: 'Policy test cases fail' },
  POLICY_CLAUSE_NOT_AUTO: { status: 409, title: 'Clause is not granted without application' },
  POLICY_NOT_PUBLISHED: { status: 409, title: 'Policy is not published' },
  POLICY_GRANT_LIST_EMPTY: { status: 409, title: 'No new enterprise for a grant list' },
  POLICY_GRANT_LIST_BUILDING: { status: 409, title: 'Grant list is still being built' },
  POLICY_GRANT_LIST_APPROVED: { status: 409, title: 'Grant list already approved' },
  POLICY_GRANT_NOT_CONFIRMABLE: { status: 409, title: 'Grant cannot be confirmed' },
  POLICY_GRANT_NOT_CONFIRMED: { status: 409, title: 'Grant not yet confirmed by the enterprise' },
  POLICY_GRANT_DISBURSED: { status: 409, title: 'Grant already disbursed' },
  POLICY_NO_ENTERPRISE: { status: 403, title: 'Account is not bound to an enterprise' },
});

// Adds these codes to the ErrorCode union (a misspelt code does not compile).
declare module '../../kernel/errors.ts' {
  interface ErrorCatalogues {
    policy: typeof PolicyErrors;
  }
}
