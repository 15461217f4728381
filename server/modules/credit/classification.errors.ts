import { defineErrors } from '../../kernel/errors.ts';

export const CreditClassificationErrors = defineErrors({
  CREDIT_RULES_INVALID: { status: 400, title: 'Classification rules are invalid' },
});

// Adds these codes to the ErrorCode union (a misspelt code does not compile).
declare module '../../kernel/errors.ts' {
  interface ErrorCatalogues {
    creditClassification: typeof CreditClassificationErrors;
  }
}
