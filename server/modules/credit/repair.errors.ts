import { defineErrors } from '../../kernel/errors.ts';

export const CreditRepairErrors = defineErrors({
  CREDIT_REPAIR_TOO_EARLY: { status: 422, title: 'Minimum publication period not yet over' },
  CREDIT_REPAIR_NOT_APPLICABLE: { status: 422, title: 'Record cannot be repaired' },
  CREDIT_REPAIR_PENDING: { status: 409, title: 'A repair application for this record is pending' },
  CREDIT_REPAIR_ALREADY_REVIEWED: { status: 409, title: 'Repair application already reviewed' },
});

// Adds these codes to the ErrorCode union (a misspelt code does not compile).
declare module '../../kernel/errors.ts' {
  interface ErrorCatalogues {
    creditRepair: typeof CreditRepairErrors;
  }
}
