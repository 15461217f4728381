/** Who may load or amend holiday calendar years: only holders of `calendar.manage` (the system administrator). */
import type { Actor } from '../../kernel/policy.ts';

export const CALENDAR_MANAGE = 'calendar.manage';

export function canManageCalendar(actor: Actor): boolean {
  return actor.permissions.has(CALENDAR_MANAGE);
}
