/** Named response types of the administration pages, derived from the schema. */
import type { ApiData } from '../../api/client.ts';

export type AdminUser = ApiData<'get', '/api/admin/users'>['items'][number];
export type JobQueue = ApiData<'get', '/api/system/jobs'>['queues'][number];
export type AuditEntry = ApiData<'get', '/api/admin/audit'>['items'][number];
