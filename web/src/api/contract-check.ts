/**
 * Compile-time drift check: every response the server documents (schema.d.ts, generated from its route schemas by
 * `npm run api:generate`) must be assignable to the type the pages read. If the server changes a shape the UI
 * depends on, `tsc` fails here, naming the endpoint. Nothing in this file runs.
 */
import type { paths } from './schema.d.ts';
import type {
  AddWorkdaysResult,
  AdminUser,
  AuditEntry,
  AuditVerifyResult,
  CalendarMonth,
  CalendarYear,
  CalendarYearSummary,
  Department,
  Enterprise,
  EnterpriseStats,
  JobQueue,
  Me,
  NotificationPage,
  Page,
  UsccCheck,
  WorkdaysBetweenResult,
} from './types.ts';

type Json<P extends keyof paths, M extends 'get' | 'post' | 'put'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

type Holds<T extends true> = T;
type Fits<Server, Ui> = [Server] extends [never] ? false : [Server] extends [Ui] ? true : false;

export type ContractChecks = [
  Holds<Fits<Json<'/api/auth/me', 'get'>, Me>>,
  Holds<Fits<Json<'/api/auth/login', 'post'>, Me>>,
  Holds<Fits<Json<'/api/calendar/years', 'get'>, CalendarYearSummary[]>>,
  Holds<Fits<Json<'/api/calendar/years/{year}', 'get'>, CalendarYear>>,
  Holds<Fits<Json<'/api/calendar/years/{year}', 'put'>, CalendarYear>>,
  Holds<Fits<Json<'/api/calendar/months/{month}', 'get'>, CalendarMonth>>,
  Holds<Fits<Json<'/api/calendar/add-workdays', 'get'>, AddWorkdaysResult>>,
  Holds<Fits<Json<'/api/calendar/workdays-between', 'get'>, WorkdaysBetweenResult>>,
  Holds<Fits<Json<'/api/identifiers/uscc/{code}', 'get'>, UsccCheck>>,
  Holds<Fits<Json<'/api/notifications', 'get'>, NotificationPage>>,
  Holds<Fits<Json<'/api/enterprises', 'get'>, Page<Enterprise>>>,
  Holds<Fits<Json<'/api/enterprises/{id}', 'get'>, Enterprise>>,
  Holds<Fits<Json<'/api/enterprises/stats', 'get'>, EnterpriseStats>>,
  Holds<Fits<Json<'/api/departments', 'get'>, Department[]>>,
  Holds<Fits<Json<'/api/admin/users', 'get'>, Page<AdminUser>>>,
  Holds<Fits<Json<'/api/admin/audit', 'get'>, Page<AuditEntry>>>,
  Holds<Fits<Json<'/api/admin/audit/verify', 'get'>, AuditVerifyResult>>,
  Holds<Fits<Json<'/api/system/jobs', 'get'>, { queues: JobQueue[] }>>,
];
