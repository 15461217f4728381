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
  Dashboard,
  Department,
  Enterprise,
  EnterpriseStats,
  JobQueue,
  Kpi,
  MeasureDetail,
  MeasureSummary,
  Me,
  MetricProvider,
  Milestone,
  MyWork,
  NotificationPage,
  Page,
  PlanImport,
  PlanImportResult,
  PlanNotice,
  PlanOverview,
  PlanReport,
  StoredFile,
  TypicalCase,
  UsccCheck,
  WorkdaysBetweenResult,
} from './types.ts';

type Json<P extends keyof paths, M extends 'get' | 'post' | 'put'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

/** The body of a `201 Created` answer. */
type Created<P extends keyof paths, M extends 'post'> = paths[P][M] extends {
  responses: { 201: { content: { 'application/json': infer T } } };
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
  Holds<Fits<Created<'/api/files', 'post'>, StoredFile>>,
  // action plan (docs/action-plan-api.md)
  Holds<Fits<Json<'/api/action-plan', 'get'>, PlanOverview>>,
  Holds<Fits<Json<'/api/action-plan/measures', 'get'>, MeasureSummary[]>>,
  Holds<Fits<Json<'/api/action-plan/measures/{no}', 'get'>, MeasureDetail>>,
  Holds<Fits<Json<'/api/action-plan/my', 'get'>, MyWork>>,
  Holds<Fits<Created<'/api/action-plan/measures/{no}/reports', 'post'>, PlanReport>>,
  Holds<Fits<Created<'/api/action-plan/measures/{no}/milestones', 'post'>, Milestone>>,
  Holds<Fits<Json<'/api/action-plan/milestones/{id}', 'put'>, Milestone>>,
  Holds<Fits<Json<'/api/action-plan/dashboard', 'get'>, Dashboard>>,
  Holds<Fits<Json<'/api/action-plan/notices', 'get'>, Page<PlanNotice>>>,
  Holds<Fits<Json<'/api/action-plan/cases', 'get'>, Page<TypicalCase>>>,
  Holds<Fits<Created<'/api/action-plan/cases', 'post'>, TypicalCase>>,
  Holds<Fits<Json<'/api/action-plan/cases/mine', 'get'>, Page<TypicalCase>>>,
  Holds<Fits<Json<'/api/action-plan/cases/review', 'get'>, Page<TypicalCase>>>,
  Holds<Fits<Json<'/api/action-plan/cases/{id}', 'get'>, TypicalCase>>,
  Holds<Fits<Json<'/api/action-plan/cases/{id}/review', 'post'>, TypicalCase>>,
  Holds<Fits<Json<'/api/action-plan/kpis', 'get'>, Kpi[]>>,
  Holds<Fits<Created<'/api/action-plan/kpis', 'post'>, Kpi>>,
  Holds<Fits<Json<'/api/action-plan/kpis/{code}', 'put'>, Kpi>>,
  Holds<Fits<Json<'/api/action-plan/kpis/refresh', 'post'>, Kpi[]>>,
  Holds<Fits<Json<'/api/action-plan/metric-providers', 'get'>, MetricProvider[]>>,
  Holds<Fits<Json<'/api/action-plan/import', 'post'>, PlanImportResult>>,
  Holds<Fits<Json<'/api/action-plan/imports', 'get'>, Page<PlanImport>>>,
];
