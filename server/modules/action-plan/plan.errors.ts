import { defineErrors } from '../../kernel/errors.ts';

export const PlanErrors = defineErrors({
  PLAN_TEXT_INVALID: {
    status: 400,
    title: 'Plan text could not be parsed',
  },
  PLAN_NOT_LOADED: {
    status: 404,
    title: 'No action plan has been imported',
  },
});

// Adds these codes to the ErrorCode union (a misspelt code does not compile).
declare module '../../kernel/errors.ts' {
  interface ErrorCatalogues {
    plan: typeof PlanErrors;
  }
}
