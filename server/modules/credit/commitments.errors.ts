import { defineErrors } from '../../kernel/errors.ts';

export const CreditCommitmentErrors = defineErrors({
  CREDIT_COMMITMENT_EXCLUDED: { status: 422, title: 'Applicant is excluded from 告知承诺' },
  CREDIT_COMMITMENT_ALREADY_VERIFIED: { status: 409, title: 'Commitment already verified' },
  CREDIT_CATEGORY_NOT_CONFIGURED: { status: 422, title: 'Credit category missing from the catalogue' },
});

// Adds these codes to the ErrorCode union (a misspelt code does not compile).
declare module '../../kernel/errors.ts' {
  interface ErrorCatalogues {
    creditCommitment: typeof CreditCommitmentErrors;
  }
}
