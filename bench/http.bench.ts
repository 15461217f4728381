/**
 * bench:http — the platform's authenticated, DB-backed read (`GET /api/enterprises/{id}` with a session cookie)
 * against a bare Fastify + pg point read, both on PostgreSQL, each in its own process, driven by autocannon with
 * 100 connections in the same run. Budget: ratio ≥ 0.6 and p99 ≤ 50 ms.
 *   npm run bench:http            (BENCH_SECONDS=10, BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { seedDemoData, seedReferenceData } from '../server/seed/reference-data.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 100;
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = 'ys_bench';
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

async function prepareDatabase(): Promise<{ ids: string[]; cookie: string }> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: dbUrl,
    LOG_LEVEL: 'silent',
    SERVE_WEB: 'false',
  });
  const built = await buildApp({ config, httpLogger: false });
  await seedReferenceData(built.ctx);
  await seedDemoData(built.ctx);
  const ids = (
    await sql<{ id: string }>`select id from enterprise order by uscc limit 500`.execute(built.ctx.db)
  ).rows.map((r) => r.id);
  const login = await built.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'office', password: config.demoPassword },
  });
  const cookie = login.cookies.find((c) => c.name === 'ys_session');
  if (!cookie) throw new Error(`login failed: ${login.body}`);
  await built.close();
  return { ids, cookie: `ys_session=${cookie.value}` };
}

function startServer(args: string[], env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/ready/.test(out)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

interface Result {
  rps: number;
  p99: number;
  non2xx: number;
}

async function load(url: string, ids: string[], headers: Record<string, string>): Promise<Result> {
  let n = 0;
  const run = (seconds: number) =>
    autocannon({
      url,
      connections: CONNECTIONS,
      duration: seconds,
      headers,
      requests: [
        {
          setupRequest: (req) => {
            n = (n + 1) % ids.length;
            return { ...req, path: `${new URL(url).pathname}/${ids[n] ?? ''}` };
          },
        },
      ],
    });
  await run(2); // warm-up: JIT, pool, caches
  const r = await run(SECONDS);
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx + r.errors };
}

const t0 = Date.now();
console.log(`准备数据 preparing ${dbName} (2,000 demo enterprises)…`);
const { ids, cookie } = await prepareDatabase();

const bare = await startServer(['bench/bare-server.ts'], { DATABASE_URL: dbUrl, PORT: '3901' });
const baseline = await load('http://127.0.0.1:3901/bare/enterprises', ids, {});
await stop(bare);

const platform = await startServer(['server/main.ts'], {
  DATABASE_URL: dbUrl,
  ROLE: 'api',
  PORT: '3902',
  SERVE_WEB: 'false',
  LOG_LEVEL: 'warn',
  DB_POOL_SIZE: '10',
});
const ours = await load('http://127.0.0.1:3902/api/enterprises', ids, { cookie });
await stop(platform);

const ratio = ours.rps / baseline.rps;
const fmt = (r: Result) =>
  `${Math.round(r.rps).toLocaleString('en-US').padStart(8)} req/s   p99 ${String(r.p99).padStart(4)} ms   non-2xx ${r.non2xx}`;
console.log('');
console.log(`connections ${CONNECTIONS}, ${SECONDS} s each, PostgreSQL`);
console.log(`bare Fastify + pg point read         ${fmt(baseline)}`);
console.log(`GET /api/enterprises/{id} (session)  ${fmt(ours)}`);
console.log(`ratio ${ratio.toFixed(2)} (budget ≥ 0.60), p99 ${ours.p99} ms (budget ≤ 50 ms)`);
const pass = ratio >= 0.6 && ours.p99 <= 50 && ours.non2xx === 0;
console.log(`${pass ? 'PASS' : 'FAIL'}  (total ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
process.exitCode = pass ? 0 : 1;
