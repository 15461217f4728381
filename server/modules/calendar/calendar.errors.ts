import { defineErrors } from '../../kernel/errors.ts';

// CALENDAR_YEAR_NOT_LOADED is a kernel code: the pure calendar raises it.
export const CalendarErrors = defineErrors({
  CALENDAR_YEARS_INCONSISTENT: {
    status: 400,
    title: 'Schedule contradicts a neighbouring loaded year',
  },
});

// Adds these codes to the ErrorCode union (a misspelt code does not compile).
declare module '../../kernel/errors.ts' {
  interface ErrorCatalogues {
    calendar: typeof CalendarErrors;
  }
}
