/**
 * What every module is handed: configuration, the database, the clock, the logger and the job queue. Modules
 * never open their own connections or read the environment.
 */
import type { FastifyBaseLogger, FastifyInstance, FastifyPluginOptions, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppConfig } from '../config.ts';
import type { Clock } from './clock.ts';
import type { Db, DatabaseHandle } from './db/database.ts';
import type { JobDefinition, JobQueue } from './jobs/jobs.ts';
import type { MetricProvider, MetricRegistry } from './metrics.ts';
import type { AuditAction } from './audit.ts';
import type { ErrorCatalogue } from './errors.ts';
import type { ModuleRegistry } from './manifest.ts';
import type { Actor, FileAccessCheck, RoutePermission } from './policy.ts';

export interface AppContext {
  config: AppConfig;
  database: DatabaseHandle;
  db: Db;
  clock: Clock;
  logger: FastifyBaseLogger;
  jobs: JobQueue;
  metrics: MetricRegistry;
  /** What the modules' manifests declared (error codes, permissions, audit actions, file-access checks). */
  registry: ModuleRegistry;
}

export type HttpApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** Resolves the caller from a session cookie or an API token; supplied by the identity module. */
export interface Authenticator {
  authenticate(input: {
    sessionToken: string | undefined;
    bearerToken: string | undefined;
  }): Promise<Actor | undefined>;
}

/**
 * Everything a module brings, declared in one place (its `index.ts`) and registered by the app factory; nothing
 * registers itself at import time. The app refuses to start on a duplicate error code, permission, audit action,
 * job or file owner, and on a route whose permission no manifest declares.
 */
export interface ModuleManifest {
  name: string;
  /** Registers the module's routes (all under /api/…). */
  routes?: (app: HttpApp, ctx: AppContext, opts: FastifyPluginOptions) => Promise<void> | void;
  jobs?: readonly JobDefinition[];
  /** Figures this module computes for the action plan's KPIs. */
  metrics?: readonly MetricProvider[];
  /** The module's `*.errors.ts` catalogues (`defineErrors`). */
  errors?: readonly ErrorCatalogue[];
  /** The permissions the module's routes check (`definePermissions`: permission → what it allows). */
  permissions?: Readonly<Record<string, string>>;
  /** The audit actions the module writes (`defineAuditActions`; detail types by declaration merging). */
  auditActions?: readonly AuditAction[];
  /** Who besides the uploader may read files this module owns, by owner name (`storeUpload`'s ownerModule). */
  fileAccess?: Readonly<Record<string, FileAccessCheck>>;
  /** Runs once after migrations (reference data, caches). */
  onStart?: (ctx: AppContext) => Promise<void>;
}

/** @deprecated name kept for callers not yet renamed; use ModuleManifest. */
export type ModuleDefinition = ModuleManifest;

export function defineModule(def: ModuleManifest): ModuleManifest {
  return def;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: a permission string, 'public' or 'authenticated'. */
    permission?: RoutePermission;
  }
  interface FastifyRequest {
    actor: Actor | undefined;
  }
}
