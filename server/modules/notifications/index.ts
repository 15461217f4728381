/**
 * Public API of the notifications module: the in-app notification centre. Other modules call `notifyUser` /
 * `notifyDepartment` inside their use case's transaction, so a notification exists exactly when the change does.
 */
import { defineModule } from '../../kernel/context.ts';
import { notificationsRoutes } from './notifications.routes.ts';

// Every signed-in account reads its own notifications ('authenticated'): no permissions of its own.
export const notificationsModule = defineModule({ name: 'notifications', routes: notificationsRoutes });

export {
  notifyUser,
  notifyDepartment,
  type NotificationContent,
  type NotifyResult,
} from './notifications.service.ts';
