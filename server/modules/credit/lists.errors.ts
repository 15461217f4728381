import { defineErrors } from '../../kernel/errors.ts';

export const CreditListErrors = defineErrors({
  CREDIT_LIST_UNKNOWN: { status: 422, title: 'No such credit list' },
  CREDIT_LIST_ENTRY_EXITED: { status: 409, title: 'List entry has already exited' },
  CREDIT_USCC_INVALID: { status: 400, title: 'Invalid unified social credit code' },
});

// Adds these codes to the ErrorCode union (a misspelt code does not compile).
declare module '../../kernel/errors.ts' {
  interface ErrorCatalogues {
    creditList: typeof CreditListErrors;
  }
}
