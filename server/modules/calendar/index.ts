/** Public API of the calendar module: the working-day calendar loaded from the database, and its upkeep. */
import type { AppContext, ModuleDefinition } from '../../kernel/context.ts';
import { calendarJobs } from './calendar.jobs.ts';
import { calendarRoutes } from './calendar.routes.ts';
import { seedCalendarYearsFromConfig } from './calendar.service.ts';

export function calendarModule(ctx: AppContext): ModuleDefinition {
  return {
    name: 'calendar',
    routes: calendarRoutes,
    jobs: [calendarJobs(ctx).checkNextYear],
    async onStart(c) {
      await seedCalendarYearsFromConfig(c);
    },
  };
}

export { calendarJobs } from './calendar.jobs.ts';

export {
  CALENDAR_CONFIG_DIR,
  getCalendarYear,
  getWorkCalendar,
  listCalendarYears,
  listCalendarYearVersions,
  saveCalendarYear,
  seedCalendarYearsFromConfig,
} from './calendar.service.ts';
export { CalendarErrors } from './calendar.errors.ts';
export type { SaveYearInput, YearDto, YearSummaryDto, YearVersionDto } from './calendar.schemas.ts';
