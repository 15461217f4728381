import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { requireActor } from '../../kernel/http/actor.ts';
import {
  NotificationIdParams,
  NotificationListQuery,
  NotificationListSchema,
  UnreadCountSchema,
} from './notifications.schemas.ts';
import {
  countUnread,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from './notifications.service.ts';

export function notificationsRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/notifications',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: '我的通知（本人的与本部门的，最新在前）',
        querystring: NotificationListQuery,
        response: { 200: NotificationListSchema },
      },
    },
    async (req) => listNotifications(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/notifications/unread-count',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['notifications'], summary: '未读通知数', response: { 200: UnreadCountSchema } },
    },
    async (req) => countUnread(ctx, requireActor(req)),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['notifications'], summary: '标记为已读', params: NotificationIdParams },
    },
    async (req, reply) => {
      await markNotificationRead(ctx, requireActor(req), req.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['notifications'], summary: '全部标记为已读' },
    },
    async (req, reply) => {
      await markAllNotificationsRead(ctx, requireActor(req));
      return reply.code(204).send();
    },
  );
}
