/**
 * bench:services — N applications of one bundle (default 企业开办) submitted and processed through the HTTP API on PostgreSQL, with
 * concurrency, beside bare-SQL baselines in the same run:
 *
 *   1. submission: `POST /api/services/applications` (Idempotency-Key, combined-form validation with ajv, materials
 *      check, credit gate, working-day deadlines, application + task rows, timeline, audit, notifications);
 *   2. processing: each department's officer polls its work queue (`GET /api/services/tasks?status=open`) and
 *      claims + approves every task until all N applications are completed (6 tasks, 12 writes each);
 *   3. baselines on the same database and pool size: a bare transaction inserting one application-like row and as
 *      many task rows (no validation, no audit), and a bare work-queue select on the same index.
 *
 * The platform runs as its own process (`ROLE=api`), the load comes from this one with `BENCH_CONCURRENCY`
 * requests in flight. Materials that have no electronic replacement are declared as delivered on paper, so no
 * uploads are involved (the file store is not what is measured here).
 *
 *   BENCH_N=10000 BENCH_CONCURRENCY=16 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:services
 *   BENCH_BUNDLE=tech-loan-subsidy (2 tasks) instead of enterprise-opening (6 tasks, 12 writes per application) when
 *   the machine is too busy for 130,000 requests; one officer account per department, busier desks get more
 *   requests in flight.
 *
 * Budgets: work-queue query p99 ≤ 50 ms (the DB-backed read budget of DESIGN.md) and submission p99 ≤ 250 ms;
 * every application completed. Exit code 1 when one is missed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createUser } from '../server/modules/identity/index.ts';
import { sampleForm } from '../server/modules/services/index.ts';
import { seedDemoData } from '../server/seed/reference-data.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const N = Number(process.env.BENCH_N ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const APPLICANTS = 50;
const PORT = 3913;
const BUNDLE = process.env.BENCH_BUNDLE ?? 'enterprise-opening';
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = 'ys_bench_services';
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'Bench#Passw0rd-2026';
const BUDGET_QUEUE_P99 = 50;
const BUDGET_SUBMIT_P99 = 250;

// ---------------------------------------------------------------------------------------------------------------

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

interface Stats {
  count: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function stats(latencies: number[], seconds: number): Stats {
  const s = [...latencies].sort((a, b) => a - b);
  return {
    count: s.length,
    seconds,
    perSecond: s.length / seconds,
    p50: percentile(s, 0.5),
    p99: percentile(s, 0.99),
  };
}

function show(label: string, s: Stats): void {
  console.log(
    `  ${label.padEnd(34)} ${String(s.count).padStart(7)} in ${s.seconds.toFixed(1).padStart(6)} s  ` +
      `${s.perSecond.toFixed(0).padStart(6)}/s  p50 ${s.p50.toFixed(1).padStart(6)} ms  p99 ${s.p99.toFixed(1).padStart(6)} ms`,
  );
}

/** Runs `total` jobs with `concurrency` in flight; returns each job's latency in ms and the wall time. */
async function pool(
  total: number,
  concurrency: number,
  job: (i: number) => Promise<void>,
): Promise<{ lat: number[]; seconds: number }> {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const s = performance.now();
        await job(i);
        lat.push(performance.now() - s);
      }
    }),
  );
  return { lat, seconds: (performance.now() - t0) / 1000 };
}

async function http(
  method: string,
  url: string,
  cookie: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${url} → ${res.status} ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Preparation: a fresh scratch database with departments, the catalogue, 2,000 demo enterprises, the demo
// officers and APPLICANTS enterprise accounts.

const officerNames: string[] = [];
const officerWeight = new Map<string, number>();

async function prepare(): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: dbUrl,
    LOG_LEVEL: 'silent',
    SERVE_WEB: 'false',
    DEMO_PASSWORD: PASSWORD,
  });
  const built = await buildApp({ config, httpLogger: false });
  await seedDemoData({ ...built.ctx, config: { ...config, demoPassword: PASSWORD } });
  const ids = (
    await sql<{ id: string }>`select id from enterprise order by uscc limit ${APPLICANTS}`.execute(
      built.ctx.db,
    )
  ).rows.map((r) => r.id);
  await built.ctx.db.transaction().execute(async (trx) => {
    for (const [i, enterpriseId] of ids.entries()) {
      await createUser(
        trx,
        { system: 'bench' },
        {
          username: `bench_ent${i}`,
          displayName: `申请人${i}`,
          kind: 'enterprise',
          password: PASSWORD,
          enterpriseId,
          departmentId: null,
        },
      );
    }
  });
  // One officer for every department that has a task in the bundle.
  const depts = (
    await sql<{ id: string; code: string }>`select distinct d.id, d.code from service_bundle b
      join service_item i on i.code = any(b.items) join department d on d.id = i.department_id
      where b.code = ${BUNDLE}`.execute(built.ctx.db)
  ).rows;
  await built.ctx.db.transaction().execute(async (trx) => {
    for (const d of depts) {
      await createUser(
        trx,
        { system: 'bench' },
        {
          username: `bench_off_${d.code.toLowerCase()}`,
          displayName: `经办人${d.code}`,
          kind: 'officer',
          password: PASSWORD,
          departmentId: d.id,
          enterpriseId: null,
        },
      );
    }
  });
  officerNames.push(...depts.map((d) => `bench_off_${d.code.toLowerCase()}`));
  // Tasks per department, so the busiest desk gets the most requests in flight.
  const perDept = (
    await sql<{ code: string; n: number }>`select d.code, count(*)::int as n
      from service_bundle b cross join lateral jsonb_array_elements(b.tasks) t
      join service_item i on i.code = t->>'itemCode' join department d on d.id = i.department_id
      where b.code = ${BUNDLE} group by d.code`.execute(built.ctx.db)
  ).rows;
  for (const r of perDept) officerWeight.set(`bench_off_${r.code.toLowerCase()}`, r.n);
  await sql`create table bench_application (id uuid primary key default gen_random_uuid(), number text not null, form jsonb not null, created_at timestamptz not null default now())`.execute(
    built.ctx.db,
  );
  await sql`create table bench_task (id uuid primary key default gen_random_uuid(), application_id uuid not null references bench_application(id), department_id uuid not null, status text not null, due_date date)`.execute(
    built.ctx.db,
  );
  await sql`create index bench_task_queue_idx on bench_task (department_id, status, due_date)`.execute(
    built.ctx.db,
  );
  await built.close();
}

function startServer(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: dbUrl,
        ROLE: 'api',
        PORT: String(PORT),
        SERVE_WEB: 'false',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
        DB_POOL_SIZE: '20',
      },
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

async function login(username: string): Promise<string> {
  const res = await fetch(`${BASE}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const cookie = res.headers.get('set-cookie')?.match(/ys_session=[^;]+/)?.[0];
  if (!cookie) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  return cookie;
}

// ---------------------------------------------------------------------------------------------------------------

console.log(
  `bench:services — ${N.toLocaleString()} × ${BUNDLE}, ${CONCURRENCY} in flight, PostgreSQL ${dbName}; ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(2)}`,
);
const tPrep = performance.now();
await prepare();
console.log(`prepared in ${((performance.now() - tPrep) / 1000).toFixed(1)} s`);

const server = await startServer();
let failed = false;
try {
  const applicants = await Promise.all(Array.from({ length: APPLICANTS }, (_, i) => login(`bench_ent${i}`)));
  const officers = new Map<string, string>();
  for (const name of officerNames) officers.set(name, await login(name));
  const bundle = (await http('GET', `/api/services/bundles/${BUNDLE}`, '')) as {
    formSchema: Record<string, unknown>;
    materials: { code: string; required: boolean; replaceableBy: string | null }[];
    tasks: unknown[];
  };
  const materials = bundle.materials
    .filter((m) => m.required)
    .map((m) =>
      m.replaceableBy === 'elicence'
        ? { code: m.code, replacedBy: 'elicence' }
        : { code: m.code, paper: true },
    );

  // 1. Submission.
  const ids: string[] = new Array<string>(N);
  const submit = await pool(N, CONCURRENCY, async (i) => {
    const body = {
      bundleCode: BUNDLE,
      form: sampleForm(bundle.formSchema, { companyName: `苏州相城基准${i}科技有限公司` }),
      materials,
      promise: false,
    };
    const app = (await http('POST', '/api/services/applications', applicants[i % APPLICANTS]!, body, {
      'idempotency-key': randomUUID(),
    })) as { id: string };
    ids[i] = app.id;
  });

  show('submission POST /applications', stats(submit.lat, submit.seconds));

  // 2. Processing: each officer loops over its queue until nothing is open; queue reads are timed separately.
  const queueLat: number[] = [];
  const actionLat: number[] = [];
  const tProcess = performance.now();
  // Tasks that wait for another department are not in a queue yet: officers keep polling until every
  // application is completed (watched here, outside the timed requests).
  const watch = new pg.Client({ connectionString: dbUrl });
  await watch.connect();
  let finished = false;
  let lastShown = Date.now();
  const watcher = (async () => {
    while (!finished) {
      await new Promise((r) => setTimeout(r, 500));
      const n = (
        await watch.query<{ n: number }>(
          `select count(*)::int as n from service_application where status <> 'completed'`,
        )
      ).rows[0]!.n;
      if (n === 0) finished = true;
      if (Date.now() - lastShown > 15_000) {
        lastShown = Date.now();
        console.log(
          `  … ${N - n}/${N} completed after ${((performance.now() - tProcess) / 1000).toFixed(0)} s`,
        );
      }
    }
  })();
  const totalWeight = [...officerWeight.values()].reduce((a, b) => a + b, 0);
  await Promise.all(
    [...officers.entries()].map(async ([name, cookie]) => {
      const perOfficer = Math.max(
        1,
        Math.round((CONCURRENCY * (officerWeight.get(name) ?? 1)) / totalWeight),
      );
      const inFlight = new Set<string>();
      for (;;) {
        const s = performance.now();
        const page = (await http('GET', '/api/services/tasks?status=open&pageSize=100', cookie)) as {
          items: { id: string; status: string }[];
          total: number;
        };
        queueLat.push(performance.now() - s);
        const todo = page.items.filter((t) => t.status === 'pending' && !inFlight.has(t.id));
        if (todo.length === 0) {
          if (finished) break;
          await new Promise((r) => setTimeout(r, 50)); // tasks still waiting for another department
          continue;
        }
        const r = await pool(todo.length, perOfficer, async (k) => {
          const task = todo[k]!;
          inFlight.add(task.id);
          const a = performance.now();
          await http('POST', `/api/services/tasks/${task.id}/claim`, cookie);
          await http('POST', `/api/services/tasks/${task.id}/approve`, cookie, {});
          actionLat.push((performance.now() - a) / 2);
        });
        void r;
      }
    }),
  );
  const processSeconds = (performance.now() - tProcess) / 1000;
  finished = true;
  await watcher;
  await watch.end();

  // Every application completed?
  const check = new pg.Client({ connectionString: dbUrl });
  await check.connect();
  const done = (
    await check.query<{ n: number }>(
      `select count(*)::int as n from service_application where status = 'completed'`,
    )
  ).rows[0]!.n;

  // 3. Baselines, same database, same concurrency.
  const basePool = new pg.Pool({ connectionString: dbUrl, max: 20 });
  const deptIds = (
    await check.query<{ id: string }>(`select distinct department_id as id from service_task`)
  ).rows.map((r) => r.id);
  const baseInsert = await pool(N, CONCURRENCY, async (i) => {
    const c = await basePool.connect();
    try {
      await c.query('begin');
      const a = await c.query<{ id: string }>(
        `insert into bench_application (number, form) values ($1, $2) returning id`,
        [`B${i}`, JSON.stringify(sampleForm(bundle.formSchema))],
      );
      await c.query(
        `insert into bench_task (application_id, department_id, status, due_date) select $1, d, 'pending', current_date + 1 from unnest($2::uuid[]) d`,
        [a.rows[0]!.id, bundle.tasks.map((_, k) => deptIds[k % deptIds.length]!)],
      );
      await c.query('commit');
    } finally {
      c.release();
    }
  });
  const baseQueue = await pool(Math.min(N, 5000), CONCURRENCY, async (i) => {
    await basePool.query(
      `select * from bench_task where department_id = $1 and status = 'pending' order by due_date limit 100`,
      [deptIds[i % deptIds.length]],
    );
  });
  await basePool.end();
  await check.end();

  const sub = stats(submit.lat, submit.seconds);
  const queue = stats(queueLat, processSeconds);
  const actions = stats(actionLat, processSeconds);
  const bi = stats(baseInsert.lat, baseInsert.seconds);
  const bq = stats(baseQueue.lat, baseQueue.seconds);
  console.log('');
  console.log('platform (HTTP, ROLE=api process):');
  show('submission POST /applications', sub);
  show('work-queue GET /tasks (polling)', queue);
  show('claim/approve (per request)', actions);
  console.log(
    `  processing: ${N.toLocaleString()} applications × ${bundle.tasks.length} tasks in ${processSeconds.toFixed(1)} s = ${(N / processSeconds).toFixed(1)} applications/s; completed ${done}/${N}`,
  );
  console.log('baseline (bare SQL, pg pool of 20):');
  show(`insert application + ${bundle.tasks.length} tasks (txn)`, bi);
  show('queue select (same index shape)', bq);
  console.log('');
  console.log(
    `submission throughput = ${((100 * sub.perSecond) / bi.perSecond).toFixed(1)} % of the bare insert; queue p99 ${queue.p99.toFixed(1)} ms vs bare ${bq.p99.toFixed(1)} ms`,
  );
  const checks: [string, boolean][] = [
    [`work-queue p99 ${queue.p99.toFixed(1)} ms ≤ ${BUDGET_QUEUE_P99} ms`, queue.p99 <= BUDGET_QUEUE_P99],
    [`submission p99 ${sub.p99.toFixed(1)} ms ≤ ${BUDGET_SUBMIT_P99} ms`, sub.p99 <= BUDGET_SUBMIT_P99],
    [`all ${N} applications completed`, done === N],
  ];
  for (const [label, ok] of checks) {
    console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
    if (!ok) failed = true;
  }
} finally {
  await stop(server);
}
process.exit(failed ? 1 : 0);
