import type { ApiData } from '../../api/client.ts';

/** One notification as the list endpoint returns it (named from the generated schema). */
export type Notification = ApiData<'get', '/api/notifications'>['items'][number];

export const NOTIFICATION_POLL_MS = 30_000;
