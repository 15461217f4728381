/**
 * Who sees which notifications: a user sees those addressed to them; an officer also sees those addressed to their
 * department. Read state is always per user. Anything outside this audience is reported as not found.
 */
import type { Actor } from '../../kernel/policy.ts';

export interface NotificationAudience {
  userId: string;
  departmentId: string | null;
}

export function notificationAudience(actor: Actor): NotificationAudience {
  return { userId: actor.userId, departmentId: actor.kind === 'officer' ? actor.departmentId : null };
}
