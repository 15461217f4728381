/**
 * buildApp: wires configuration, database, job queue and modules into a Fastify instance. It never listens, so
 * tests drive it with `inject()` and main.ts decides what to run.
 */
import path from 'node:path';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import type { AppConfig } from './config.ts';
import { systemClock, type Clock } from './kernel/clock.ts';
import type { AppContext, HttpApp, ModuleManifest } from './kernel/context.ts';
import { withAdvisoryLock } from './kernel/db/advisory-lock.ts';
import { openDatabase, type DatabaseHandle } from './kernel/db/database.ts';
import { migrateToLatest } from './kernel/db/migrate.ts';
import { createHttpServer, type DeclaredRoute } from './kernel/http/server.ts';
import { JobQueue } from './kernel/jobs/jobs.ts';
import { loggerOptions } from './kernel/logger.ts';
import { ModuleRegistry } from './kernel/manifest.ts';
import { MetricRegistry } from './kernel/metrics.ts';
import { platformModules } from './modules.ts';
import { createAuthenticator } from './modules/identity/index.ts';

export interface BuiltApp {
  app: HttpApp;
  ctx: AppContext;
  routes: DeclaredRoute[];
  modules: ModuleManifest[];
  close(): Promise<void>;
}

export interface BuildOptions {
  config: AppConfig;
  /** An already-open database (tests); otherwise opened from the config. */
  database?: DatabaseHandle;
  clock?: Clock;
  migrate?: boolean;
  httpLogger?: boolean;
  /** Further manifests after the platform's own (tests: a module that declares a file owner or a bad route). */
  extraModules?: (ctx: AppContext) => ModuleManifest[];
}

const START_LOCK = 7_120_220_511; // arbitrary, constant: 'yingshang start-up'

/** Where the built web app lives; WEB_DIST_DIR (same variable as vite.config.ts) moves it, e.g. for parallel journeys. */
export const WEB_DIST = process.env.WEB_DIST_DIR
  ? path.resolve(process.env.WEB_DIST_DIR)
  : path.resolve(import.meta.dirname, '..', 'dist', 'web');

export async function buildApp(options: BuildOptions): Promise<BuiltApp> {
  const { config } = options;
  const logger = pino(loggerOptions(config.logLevel)) as unknown as FastifyBaseLogger;
  const database =
    options.database ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.dbPoolSize,
      onPoolError: (err) => logger.warn({ err }, 'idle database connection failed'),
    }));
  if (options.migrate !== false) await migrateToLatest(database.db);
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    clock: options.clock ?? systemClock,
    logger,
    jobs: new JobQueue(database, logger),
    metrics: new MetricRegistry(),
    registry: new ModuleRegistry(),
  };
  const modules = [...platformModules(ctx), ...(options.extraModules?.(ctx) ?? [])];
  // Everything the manifests declare is registered here and nowhere else; a duplicate stops the start.
  ctx.registry.register(modules);
  for (const m of modules) for (const job of m.jobs ?? []) ctx.jobs.register(job);
  for (const m of modules) for (const metric of m.metrics ?? []) ctx.metrics.register(metric);
  // Several processes may start at once on one PostgreSQL: start-up seeding runs under one advisory lock, so the
  // second process finds the first one's data instead of racing it (kernel/db/advisory-lock.ts; none on PGlite).
  await withAdvisoryLock(database, START_LOCK, async () => {
    for (const m of modules) await m.onStart?.(ctx);
  });
  const { app, routes } = await createHttpServer({
    ctx,
    authenticator: createAuthenticator(ctx),
    modules,
    webDir: config.serveWeb ? WEB_DIST : undefined,
    logger: options.httpLogger ?? config.mode !== 'test',
  });
  await app.ready();
  return {
    app,
    ctx,
    routes,
    modules,
    async close() {
      await app.close();
      await ctx.jobs.stop();
      if (!options.database) await database.close();
    },
  };
}
