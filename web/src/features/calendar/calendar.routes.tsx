/**
 * Routes of the working calendar (工作日历), spread into app/router.tsx: the calendar for everyone signed in and
 * under /public, and the holiday maintenance under /admin/calendar. Its words are the app's own (app/i18n.ts).
 */
import type { RouteObject } from 'react-router';
import { RequireNav } from '../../app/guards.tsx';
import { lazyPage } from '../../app/lazy-page.ts';

const CalendarPage = lazyPage(() => import('./calendar.page.tsx'), 'CalendarPage');
const CalendarYearsPage = lazyPage(() => import('./calendar-years.page.tsx'), 'CalendarYearsPage');
const CalendarEditPage = lazyPage(() => import('./calendar-edit.page.tsx'), 'CalendarEditPage');

export const calendarAppRoutes: RouteObject[] = [
  { path: 'calendar', element: <CalendarPage /> },
  {
    path: 'admin/calendar',
    element: (
      <RequireNav navKey="adminCalendar">
        <CalendarYearsPage />
      </RequireNav>
    ),
  },
  {
    path: 'admin/calendar/:year',
    element: (
      <RequireNav navKey="adminCalendar">
        <CalendarEditPage />
      </RequireNav>
    ),
  },
];

export const calendarPublicRoutes: RouteObject[] = [{ path: 'calendar', element: <CalendarPage /> }];
