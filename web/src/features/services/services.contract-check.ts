/**
 * Compile-time drift check for the one-stop-services pages: every response they read, as the server documents it in
 * the generated `web/src/api/schema.d.ts` (`node scripts/openapi.ts`), must fit the type in `services.types.ts`. If the
 * server changes a shape the UI depends on, `tsc` fails here, naming the endpoint. Nothing in this file runs.
 */
import type { Json, Created, Holds, Fits } from '../../api/contract-types.ts';
import type {
  Application,
  Bundle,
  BundleSummary,
  DeregistrationNotice,
  ObjectionCreated,
  Overview,
  Precheck,
  Prefill,
  QueueTask,
  ServiceItem,
  ServicesPage,
  ApplicationSummary,
} from './services.types.ts';

export type ServicesContractChecks = [
  Holds<Fits<Json<'/api/services/items', 'get'>, ServiceItem[]>>,
  Holds<Fits<Json<'/api/services/items/{code}', 'get'>, ServiceItem>>,
  Holds<Fits<Json<'/api/services/items/{code}', 'put'>, ServiceItem>>,
  Holds<Fits<Created<'/api/services/items', 'post'>, ServiceItem>>,
  Holds<Fits<Json<'/api/services/bundles', 'get'>, BundleSummary[]>>,
  Holds<Fits<Json<'/api/services/bundles/{code}', 'get'>, Bundle>>,
  Holds<Fits<Json<'/api/services/bundles/{code}', 'put'>, Bundle>>,
  Holds<Fits<Created<'/api/services/bundles', 'post'>, Bundle>>,
  Holds<Fits<Json<'/api/services/bundles/{code}/prefill', 'get'>, Prefill>>,
  Holds<Fits<Json<'/api/services/precheck', 'post'>, Precheck>>,
  Holds<Fits<Created<'/api/services/applications', 'post'>, Application>>,
  Holds<Fits<Json<'/api/services/applications', 'get'>, ServicesPage<ApplicationSummary>>>,
  Holds<Fits<Json<'/api/services/applications/all', 'get'>, ServicesPage<ApplicationSummary>>>,
  Holds<Fits<Json<'/api/services/applications/{id}', 'get'>, Application>>,
  Holds<Fits<Json<'/api/services/applications/{id}/supplements/{supplementId}', 'post'>, Application>>,
  Holds<Fits<Json<'/api/services/tasks', 'get'>, ServicesPage<QueueTask>>>,
  Holds<Fits<Json<'/api/services/tasks/{id}', 'get'>, QueueTask>>,
  Holds<Fits<Json<'/api/services/tasks/{id}/claim', 'post'>, QueueTask>>,
  Holds<Fits<Json<'/api/services/tasks/{id}/approve', 'post'>, QueueTask>>,
  Holds<Fits<Json<'/api/services/tasks/{id}/reject', 'post'>, QueueTask>>,
  Holds<Fits<Json<'/api/services/tasks/{id}/supplement', 'post'>, QueueTask>>,
  Holds<Fits<Json<'/api/services/overview', 'get'>, Overview>>,
  Holds<Fits<Json<'/api/services/deregistration-notices', 'get'>, ServicesPage<DeregistrationNotice>>>,
  Holds<Fits<Created<'/api/services/deregistration-notices/{id}/objections', 'post'>, ObjectionCreated>>,
];
