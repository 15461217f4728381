/** Public API of the calendar module: the working-day calendar loaded from the database, and its upkeep. */
import { defineAuditActions } from '../../kernel/audit.ts';
import type { AppContext, ModuleManifest } from '../../kernel/context.ts';
import { definePermissions } from '../../kernel/policy.ts';
import { CalendarErrors } from './calendar.errors.ts';
import { calendarJobs } from './calendar.jobs.ts';
import { calendarRoutes } from './calendar.routes.ts';
import { seedCalendarYearsFromConfig } from './calendar.service.ts';

const permissions = definePermissions({
  'calendar.manage': '维护工作日历',
});

declare module '../../kernel/policy.ts' {
  interface PermissionCatalogues {
    calendar: typeof permissions;
  }
}

declare module '../../kernel/audit.ts' {
  interface AuditActions {
    'calendar.year_saved': { year: number; version: number; notice: string; reason?: string };
    'calendar.year_seeded': { year: number; version: number; notice: string; file: string };
  }
}

export function calendarModule(ctx: AppContext): ModuleManifest {
  return {
    name: 'calendar',
    routes: calendarRoutes,
    jobs: [calendarJobs(ctx).checkNextYear],
    errors: [CalendarErrors],
    permissions,
    auditActions: defineAuditActions(['calendar.year_saved', 'calendar.year_seeded']),
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
