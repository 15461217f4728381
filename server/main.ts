/**
 * Process entry: `ROLE=api` serves HTTP, `ROLE=worker` runs background jobs, `ROLE=all` (the embedded default)
 * does both. Bad configuration stops here with a message naming the setting; on PostgreSQL a missing database is
 * created when the role may, otherwise (or when the server cannot be reached or logged into) one line says what to run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp, WEB_DIST } from './app.ts';
import { ConfigError, loadConfig, type AppConfig } from './config.ts';
import { DatabaseUnavailableError, ensureDatabase } from './kernel/db/ensure-database.ts';
import { seedAdministrators, seedDemoData, type SeededAccount } from './seed/reference-data.ts';

const started = performance.now();
const ROOT = path.resolve(import.meta.dirname, '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web app when its sources are newer than the last build (first start, or after a pull). */
async function ensureWebBuilt(config: AppConfig): Promise<void> {
  if (!config.serveWeb) return;
  const webSrc = path.join(ROOT, 'web');
  if (!fs.existsSync(webSrc)) return;
  const index = path.join(WEB_DIST, 'index.html');
  const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(newestMtime(webSrc), fs.statSync(path.join(ROOT, 'vite.config.ts')).mtimeMs);
  if (builtAt >= sources) return;
  console.log('正在构建前端 (building the web app, first start only)…');
  const t = performance.now();
  const vite = await import('vite');
  await vite.build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`前端构建完成 (web app built) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

function printAccounts(accounts: SeededAccount[], production: boolean): void {
  if (accounts.length === 0) return;
  console.log('');
  console.log(production ? '初始管理员账号（仅显示一次，首次登录须修改密码）:' : '演示账号 (demo accounts):');
  for (const a of accounts)
    console.log(`  ${a.username.padEnd(10)} ${a.password.padEnd(22)} ${a.description}`);
  console.log('');
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`配置错误 ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  if (config.databaseUrl) {
    try {
      if ((await ensureDatabase(config.databaseUrl)) === 'created')
        console.log('已创建数据库 (database created)');
    } catch (err) {
      if (err instanceof DatabaseUnavailableError) {
        console.error(`数据库不可用 (database unavailable): ${err.message}`);
        process.exit(3);
      }
      throw err;
    }
  }
  if (config.role !== 'worker') await ensureWebBuilt(config);
  const built = await buildApp({ config });
  const { ctx, app } = built;

  if (config.role !== 'api') {
    if (config.demoData) {
      let lastShown = -1;
      const accounts = await seedDemoData(ctx, (done, total) => {
        const pct = Math.floor((done / total) * 100);
        if (pct !== lastShown && process.stdout.isTTY) {
          lastShown = pct;
          const bar = '█'.repeat(Math.floor(pct / 5)).padEnd(20, '░');
          process.stdout.write(`\r载入演示企业 demo enterprises ${bar} ${done}/${total}`);
        }
      });
      if (process.stdout.isTTY && lastShown >= 0) process.stdout.write('\n');
      printAccounts(accounts, false);
    }
    if (config.mode === 'production') printAccounts(await seedAdministrators(ctx), true);
    await ctx.jobs.startWorkers({ schedules: true });
  }
  if (config.role !== 'worker') {
    await app.listen({ host: config.host, port: config.port });
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const rel = path.relative(process.cwd(), config.dataDir);
  const db =
    ctx.database.kind === 'pglite'
      ? `PGlite ${rel.startsWith('..') ? config.dataDir : `./${rel}`}`
      : 'PostgreSQL';
  const where = config.role === 'worker' ? 'worker' : `http://${config.host}:${config.port}`;
  console.log(`营商 Yingshang ready (${config.role}) at ${where} in ${seconds} s — database: ${db}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    ctx.logger.info({ signal }, 'shutting down');
    await built.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
