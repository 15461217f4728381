import { defineErrors } from '../../kernel/errors.ts';

// CALENDAR_YEAR_NOT_LOADED is a kernel code: the pure calendar raises it.
export const CalendarErrors = defineErrors({
  CALENDAR_YEARS_INCONSISTENT: {
    status: 400,
    title: 'Schedule contradicts a neighbouring loaded year',
  },
});
