import { defineErrors } from '../../kernel/errors.ts';

export const MeasuresErrors = defineErrors({
  PLAN_REPORT_PERIOD_CLOSED: {
    status: 422,
    title: 'Reporting period is not open',
  },
  PLAN_MILESTONE_NOT_COMPLETABLE: {
    status: 422,
    title: 'Milestone cannot be completed by this report',
  },
  PLAN_EVIDENCE_REJECTED: {
    status: 422,
    title: 'Evidence file rejected',
  },
  PLAN_MILESTONE_OWNER_NOT_UNIT: {
    status: 422,
    title: 'Milestone owner is not a lead or responsible unit of the measure',
  },
  PLAN_MILESTONE_COMPLETED: {
    status: 409,
    title: 'Milestone already completed',
  },
});

// Adds these codes to the ErrorCode union (a misspelt code does not compile).
declare module '../../kernel/errors.ts' {
  interface ErrorCatalogues {
    measures: typeof MeasuresErrors;
  }
}
