import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export type NotificationsTables = {
  notification: {
    id: Generated<string>;
    /** Exactly one of user_id and department_id is set (check constraint). */
    user_id: string | null;
    department_id: string | null;
    title: string;
    body: string;
    link: string | null;
    category: Generated<string>;
    dedupe_key: string | null;
    created_at: ColumnType<Date, Date | string | undefined, never>;
    /** Write order; breaks ties between equal timestamps. */
    seq: ColumnType<number, never, never>;
  };
  notification_read: {
    notification_id: string;
    user_id: string;
    read_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
};

export type NotificationRow = Selectable<NotificationsTables['notification']>;
export type NewNotificationRow = Insertable<NotificationsTables['notification']>;
export type NotificationReadRow = Selectable<NotificationsTables['notification_read']>;
