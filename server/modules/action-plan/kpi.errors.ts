import { defineErrors } from '../../kernel/errors.ts';

/** Codes of the action plan's KPIs and typical cases (documented in docs/errors.md). */
export const KpiErrors = defineErrors({
  KPI_CODE_TAKEN: { status: 409, title: 'The plan already has a KPI with this code' },
  TYPICAL_CASE_ALREADY_REVIEWED: { status: 409, title: 'The typical case has already been reviewed' },
});

// Adds these codes to the ErrorCode union (a misspelt code does not compile).
declare module '../../kernel/errors.ts' {
  interface ErrorCatalogues {
    kpi: typeof KpiErrors;
  }
}
