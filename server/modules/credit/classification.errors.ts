import { defineErrors } from '../../kernel/errors.ts';

export const CreditClassificationErrors = defineErrors({
  CREDIT_RULES_INVALID: { status: 400, title: 'Classification rules are invalid' },
});
