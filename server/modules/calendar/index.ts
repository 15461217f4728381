/** Public API of the calendar module: the working-day calendar loaded from the database, and its upkeep. */
import { defineModule } from '../../kernel/context.ts';
import { calendarRoutes } from './calendar.routes.ts';
import { seedCalendarYearsFromConfig } from './calendar.service.ts';

export const calendarModule = defineModule({
  name: 'calendar',
  routes: calendarRoutes,
  async onStart(ctx) {
    await seedCalendarYearsFromConfig(ctx);
  },
});

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
