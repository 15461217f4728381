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
import type { Actor } from './policy.ts';

export interface AppContext {
  config: AppConfig;
  database: DatabaseHandle;
  db: Db;
  clock: Clock;
  logger: FastifyBaseLogger;
  jobs: JobQueue;
  metrics: MetricRegistry;
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

export interface ModuleDefinition {
  name: string;
  /** Registers the module's routes (all under /api/…). */
  routes?: (app: HttpApp, ctx: AppContext, opts: FastifyPluginOptions) => Promise<void> | void;
  jobs?: readonly JobDefinition[];
  /** Figures this module computes for the action plan's KPIs. */
  metrics?: readonly MetricProvider[];
  /** Runs once after migrations (reference data, caches). */
  onStart?: (ctx: AppContext) => Promise<void>;
}

export function defineModule(def: ModuleDefinition): ModuleDefinition {
  return def;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: a permission string, 'public' or 'authenticated'. */
    permission?: string;
  }
  interface FastifyRequest {
    actor: Actor | undefined;
  }
}
