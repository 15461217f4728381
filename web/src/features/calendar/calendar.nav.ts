/**
 * Menu entries of the working calendar (工作日历), merged into the one navigation table in app/navigation.ts: the
 * calendar under tools, and the holiday maintenance that admin.nav.ts places in the admin group.
 */
import { CalendarOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/navigation.ts';

export const calendarNavigation = [
  { key: 'calendar', path: '/calendar', icon: CalendarOutlined, label: 'nav.calendar', group: 'tools' },
] as const satisfies readonly NavItem[];

export const calendarAdminNavigation = [
  {
    key: 'adminCalendar',
    path: '/admin/calendar',
    icon: ScheduleOutlined,
    label: 'nav.adminCalendar',
    group: 'admin',
    permissions: ['calendar.manage'],
  },
] as const satisfies readonly NavItem[];
