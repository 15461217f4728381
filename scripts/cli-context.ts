/**
 * The context a command-line tool works in: the same configuration, database and migrations as the server, with
 * log lines on stderr so stdout stays the command's answer. Returns an exit code instead when the configuration
 * is bad (2, with the setting named).
 */
import pino from 'pino';
import { ConfigError, loadConfig } from '../server/config.ts';
import { systemClock } from '../server/kernel/clock.ts';
import type { AppContext } from '../server/kernel/context.ts';
import { openDatabase } from '../server/kernel/db/database.ts';
import { migrateToLatest } from '../server/kernel/db/migrate.ts';
import { JobQueue } from '../server/kernel/jobs/jobs.ts';
import { loggerOptions } from '../server/kernel/logger.ts';
import { MetricRegistry } from '../server/kernel/metrics.ts';
import { ModuleRegistry } from '../server/kernel/manifest.ts';

export interface CliContext {
  ctx: AppContext;
  close: () => Promise<void>;
}

export async function openCliContext(): Promise<CliContext | number> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`配置错误 ${err.message}`);
      return 2;
    }
    throw err;
  }
  const logger = pino(
    loggerOptions(config.logLevel === 'info' ? 'warn' : config.logLevel),
    pino.destination(2),
  );
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    clock: systemClock,
    logger,
    jobs: new JobQueue(database, logger),
    metrics: new MetricRegistry(),
    // CLI commands run use cases, not routes: nothing is declared, so nothing is registered.
    registry: new ModuleRegistry(),
  };
  await migrateToLatest(ctx.db);
  return { ctx, close: () => database.close() };
}
