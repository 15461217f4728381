/**
 * Compile-time drift check: every response the server documents (schema.d.ts, generated from its route schemas by
 * `npm run api:generate`) must be assignable to the type the pages read. If the server changes a shape the UI
 * depends on, `tsc` fails here, naming the endpoint. Nothing in this file runs.
 */
import type { Json, Created, Holds, Fits } from './contract-types.ts';
import type {
  CalendarYearSummary,
  Department,
  Enterprise,
  Me,
  Page,
  StoredFile,
  WorkdaysBetweenResult,
} from './types.ts';

export type ContractChecks = [
  Holds<Fits<Json<'/api/auth/me', 'get'>, Me>>,
  Holds<Fits<Json<'/api/auth/login', 'post'>, Me>>,
  Holds<Fits<Json<'/api/calendar/years', 'get'>, CalendarYearSummary[]>>,
  Holds<Fits<Json<'/api/calendar/workdays-between', 'get'>, WorkdaysBetweenResult>>,
  Holds<Fits<Json<'/api/enterprises', 'get'>, Page<Enterprise>>>,
  Holds<Fits<Json<'/api/enterprises/{id}', 'get'>, Enterprise>>,
  Holds<Fits<Json<'/api/departments', 'get'>, Department[]>>,
  Holds<Fits<Created<'/api/files', 'post'>, StoredFile>>,
];
