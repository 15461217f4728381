import { Type, type Static } from 'typebox';

export const NotificationSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  title: Type.String(),
  body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()], { description: '站内链接（以 / 开头）' }),
  category: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  scope: Type.Union([Type.Literal('user'), Type.Literal('department')], {
    description: '发给本人，或发给本部门',
  }),
});
export type NotificationDto = Static<typeof NotificationSchema>;

export const NotificationListQuery = Type.Object({
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  unreadOnly: Type.Boolean({ default: false }),
});

export const NotificationListSchema = Type.Object({
  items: Type.Array(NotificationSchema),
  total: Type.Integer({ description: '符合条件的通知数' }),
  unread: Type.Integer({ description: '未读通知数（不受 unreadOnly 影响）' }),
});

export const UnreadCountSchema = Type.Object({ unread: Type.Integer() });

export const NotificationIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
