/**
 * Bulk credit import throughput: N generated, valid penalty rows (CSV) imported through the real import service
 * (header mapping, full row validation incl. USCC check characters, content hashes, working-day timeliness,
 * publication windows, batched upserts with audit) on PostgreSQL and on PGlite, beside a raw `COPY … FROM STDIN`
 * of the same CSV into a plain table of text columns on PostgreSQL (and `COPY … FROM '/dev/blob'` on PGlite), in
 * the same run. The first import goes into an empty decision space, so it runs in bulk-load mode (COPY text from
 * the worker; see server/modules/credit/import-writer.ts); the re-import goes through the upsert. The import runs in the default all-or-nothing mode (one pass: rows validated in a worker thread and
 * written while the file is read, held in one transaction on PostgreSQL and in a spool file on PGlite until the file
 * is known to be valid), then again with the same file (everything unchanged). Peak RSS is sampled every 100 ms.
 * Because the machine may be shared, the load average and the CPU seconds spent (this process, its main thread —
 * where PGlite runs — and on a local PostgreSQL the scratch database's server processes, from /proc) are printed
 * beside the wall-clock figures, to show where the time goes when other load distorts the wall clock.
 *
 *   BENCH_ROWS=1000000 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/import.bench.ts
 *   BENCH_TARGETS=pglite (or postgres) runs one database only; BENCH_KEY_CHECKS=per-row keeps the per-row RI
 *   triggers (see server/modules/credit/import-writer.ts) to show what the per-transaction key lock saves;
 *   BENCH_POPULATED=1 also imports N rows of new decisions into the now populated decision space (the upsert
 *   path, which imports take when the department already has records of the category; no budget).
 *
 * Budgets (DESIGN.md): ≥ 50 k rows/s on PostgreSQL, ≥ 20 k rows/s on PGlite, memory flat (here: RSS during the
 * import grows by less than 256 MB over the RSS before it, whatever N). Exit code 1 when a budget is missed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../server/config.ts';
import { systemClock } from '../server/kernel/clock.ts';
import type { AppContext } from '../server/kernel/context.ts';
import { openDatabase, type DatabaseHandle } from '../server/kernel/db/database.ts';
import { migrateToLatest } from '../server/kernel/db/migrate.ts';
import { copyFrom } from '../server/kernel/db/pg-copy.ts';
import { makeUscc, USCC_CHARSET } from '../server/kernel/identifiers/uscc.ts';
import { JobQueue } from '../server/kernel/jobs/jobs.ts';
import { MetricRegistry } from '../server/kernel/metrics.ts';
import { ModuleRegistry } from '../server/kernel/manifest.ts';
import { calendarModule } from '../server/modules/calendar/index.ts';
import { creditModule, importLocalFile } from '../server/modules/credit/index.ts';
import { findDepartmentByCode, seedDepartmentsFromConfig } from '../server/modules/identity/index.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const TARGETS = new Set((process.env.BENCH_TARGETS ?? 'postgres,pglite').split(',').map((x) => x.trim()));
const KEY_CHECKS = process.env.BENCH_KEY_CHECKS === 'per-row' ? 'per-row' : 'auto';
const POPULATED = process.env.BENCH_POPULATED === '1';
const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SCRATCH_DB = 'ys_bench_import';
const BUDGET_PG = 50_000;
const BUDGET_PGLITE = 20_000;
const MEMORY_GROWTH_LIMIT = 256 * 1024 * 1024;
const HEADER =
  '统一社会信用代码,主体名称,处罚决定书文号,处罚决定日期,处罚类别,严重程度,违法事实,处罚依据,罚没金额（万元）';

// ---------------------------------------------------------------------------------------------------------------
// Memory sampling

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 100);
sampler.unref();
function resetPeak(): number {
  const now = process.memoryUsage().rss;
  peak = now;
  return now;
}

// ---------------------------------------------------------------------------------------------------------------
// Data

async function generateCsv(file: string, rows: number, series = '罚'): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = async (s: string): Promise<void> => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(`${HEADER}\n`);
  const severities = ['一般', '严重', '轻微', '一般、严重'];
  const types = ['罚款', '警告', '没收违法所得'];
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    let n = i;
    let body = '';
    for (let k = 0; k < 8; k++) {
      body = (USCC_CHARSET[n % 31] ?? '0') + body;
      n = Math.floor(n / 31);
    }
    const uscc = makeUscc({ authority: '9', type: '1', division: '320507', orgBody8: body });
    const day = String((i % 28) + 1).padStart(2, '0');
    chunk +=
      `${uscc},苏州测试${i}有限公司,相市监${series}〔2026〕${i}号,2026-10-${day},${types[i % 3]},${severities[i % 4]},` +
      `"未按规定公示年度报告,经责令仍未改正",《企业信息公示暂行条例》第十条,${(i % 500) / 10}\n`;
    if (chunk.length > 256 * 1024) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
}

// ---------------------------------------------------------------------------------------------------------------
// Contexts

function contextFor(database: DatabaseHandle): AppContext {
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATA_DIR: path.join(os.tmpdir(), 'ys-bench-import'),
  });
  const logger = pino({ level: 'warn' }, pino.destination(2));
  return {
    config,
    database,
    db: database.db,
    clock: systemClock,
    registry: new ModuleRegistry(),
    logger,
    jobs: new JobQueue(database, logger),
    metrics: new MetricRegistry(),
  };
}

async function prepare(ctx: AppContext): Promise<string> {
  await migrateToLatest(ctx.db);
  await seedDepartmentsFromConfig(ctx);
  await calendarModule(ctx).onStart?.(ctx);
  await creditModule(ctx).onStart?.(ctx);
  const dept = await findDepartmentByCode(ctx.db, 'SAMR');
  if (!dept) throw new Error('department SAMR missing from config/departments.json');
  return dept.id;
}

interface Figure {
  label: string;
  seconds: number;
  rowsPerSecond: number;
  rssBefore: number;
  rssPeak: number;
  /** CPU seconds of this process during the run (all threads), and of its main thread alone. */
  cpuSelf: number;
  cpuMain: number | null;
  /** CPU seconds of the database's server processes (PostgreSQL on this machine), when readable. */
  cpuServer: number | null;
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

const TICKS_PER_SECOND = 100;

function ticksOf(statFile: string): number {
  const stat = fs.readFileSync(statFile, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** CPU seconds of the main thread (where PGlite and the database writes run), from /proc; null elsewhere. */
function mainThreadCpu(): number | null {
  try {
    return ticksOf(`/proc/self/task/${process.pid}/stat`) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Summed utime + stime of the scratch database's backends, from /proc (null when not a local server). */
async function serverCpu(client: pg.Client | undefined): Promise<number | null> {
  if (!client) return null;
  try {
    const r = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database()',
    );
    let ticks = 0;
    for (const { pid } of r.rows) ticks += ticksOf(`/proc/${pid}/stat`);
    return ticks / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

async function timeImport(
  label: string,
  ctx: AppContext,
  deptId: string,
  file: string,
  monitor?: pg.Client,
): Promise<Figure> {
  const rssBefore = resetPeak();
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpu();
  const server0 = await serverCpu(monitor);
  const t0 = performance.now();
  let last = 0;
  const result = await importLocalFile(ctx, {
    file,
    departmentId: deptId,
    categoryCode: 'penalty',
    dryRun: false,
    partial: false,
    reportPath: `${file}.errors.xlsx`,
    keyChecks: KEY_CHECKS,
    onProgress: (p) => {
      if (process.stderr.isTTY && p.rowsProcessed - last >= 50_000) {
        last = p.rowsProcessed;
        process.stderr.write(`\r  ${label} ${p.phase} ${p.rowsProcessed}   `);
      }
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpuSelf = cpuSeconds(cpu0);
  const main1 = mainThreadCpu();
  // Backends that ended during the run (none here: the pool keeps them) would be missed; this is a diagnostic.
  const server1 = await serverCpu(monitor);
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  if (result.status !== 'done' || result.rows_ok !== ROWS || result.rows_failed !== 0) {
    throw new Error(
      `${label}: import did not succeed: ${result.status} ${result.message ?? ''} ok=${result.rows_ok}`,
    );
  }
  return {
    label,
    seconds,
    rowsPerSecond: ROWS / seconds,
    rssBefore,
    rssPeak: Math.max(peak, process.memoryUsage().rss),
    cpuSelf,
    cpuMain: main0 !== null && main1 !== null ? main1 - main0 : null,
    cpuServer: server0 !== null && server1 !== null ? server1 - server0 : null,
  };
}

const RAW_TABLE = `create table if not exists bench_raw (uscc text, entity_name text, decision_no text, decision_date text,
  penalty_type text, severity text, facts text, basis text, amount text)`;

async function copyPostgres(url: string, file: string): Promise<Figure> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(RAW_TABLE);
  await client.query('truncate bench_raw');
  const rssBefore = resetPeak();
  const cpu0 = process.cpuUsage();
  const server0 = await serverCpu(client);
  const t0 = performance.now();
  await copyFrom(
    client,
    `copy bench_raw from stdin with (format csv, header true)`,
    fs.createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>,
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpuSelf = cpuSeconds(cpu0);
  const server1 = await serverCpu(client);
  const n = await client.query<{ n: number }>('select count(*)::int as n from bench_raw');
  await client.end();
  if (n.rows[0]?.n !== ROWS) throw new Error(`COPY loaded ${n.rows[0]?.n ?? 0} rows, expected ${ROWS}`);
  return {
    label: 'PostgreSQL raw COPY',
    seconds,
    rowsPerSecond: ROWS / seconds,
    rssBefore,
    rssPeak: peak,
    cpuSelf,
    cpuMain: null,
    cpuServer: server0 !== null && server1 !== null ? server1 - server0 : null,
  };
}

async function copyPglite(handle: DatabaseHandle, file: string): Promise<Figure> {
  const lite = handle.pglite;
  if (!lite) throw new Error('not a PGlite handle');
  await lite.exec(RAW_TABLE);
  const rssBefore = resetPeak();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // PGlite's COPY reads a Blob: the file is in memory for this baseline (not for the import).
  await lite.query(`copy bench_raw from '/dev/blob' with (format csv, header true)`, [], {
    blob: new Blob([fs.readFileSync(file)]),
  });
  const seconds = (performance.now() - t0) / 1000;
  return {
    label: 'PGlite raw COPY',
    seconds,
    rowsPerSecond: ROWS / seconds,
    rssBefore,
    rssPeak: peak,
    cpuSelf: cpuSeconds(cpu0),
    cpuMain: null,
    cpuServer: null,
  };
}

// ---------------------------------------------------------------------------------------------------------------

const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MB`;
function line(f: Figure, copy?: Figure): string {
  const ratio = copy ? `  ${((100 * f.rowsPerSecond) / copy.rowsPerSecond).toFixed(1)} % of COPY` : '';
  const cpu =
    `CPU ${f.cpuSelf.toFixed(1)} s` +
    (f.cpuMain !== null ? ` (main thread ${f.cpuMain.toFixed(1)} s)` : '') +
    (f.cpuServer !== null ? ` + server ${f.cpuServer.toFixed(1)} s` : '');
  return (
    `${f.label.padEnd(28)} ${f.seconds.toFixed(1).padStart(7)} s ${Math.round(f.rowsPerSecond).toLocaleString('en-US').padStart(10)} rows/s` +
    `${ratio}  RSS ${mb(f.rssBefore)} → peak ${mb(f.rssPeak)} (+${mb(f.rssPeak - f.rssBefore)})  ${cpu}`
  );
}

const load = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function benchPostgres(file: string, populated: string | null): Promise<Figure[]> {
  // A scratch database, dropped and recreated.
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${SCRATCH_DB} with (force)`);
  await admin.query(`create database ${SCRATCH_DB}`);
  await admin.end();
  const u = new URL(BASE_URL);
  u.pathname = `/${SCRATCH_DB}`;
  const handle = await openDatabase({ url: u.toString(), poolSize: 4 });
  const monitor = new pg.Client({ connectionString: u.toString() });
  await monitor.connect();
  try {
    const ctx = contextFor(handle);
    const dept = await prepare(ctx);
    const copy = await copyPostgres(u.toString(), file);
    console.log(line(copy));
    const first = await timeImport('PostgreSQL import', ctx, dept, file, monitor);
    console.log(line(first, copy));
    const again = await timeImport('PostgreSQL re-import (same)', ctx, dept, file, monitor);
    console.log(line(again, copy));
    if (populated) {
      const more = await timeImport('PostgreSQL new rows, populated', ctx, dept, populated, monitor);
      console.log(line(more, copy));
    }
    return [copy, first, again];
  } finally {
    await monitor.end();
    await handle.close();
  }
}

async function benchPglite(dir: string, file: string, populated: string | null): Promise<Figure[]> {
  const handle = await openDatabase({ dataDir: path.join(dir, 'pglite') });
  try {
    const ctx = contextFor(handle);
    const dept = await prepare(ctx);
    const first = await timeImport('PGlite import', ctx, dept, file);
    console.log(line(first));
    const again = await timeImport('PGlite re-import (same)', ctx, dept, file);
    const copy = await copyPglite(handle, file);
    console.log(line(again, copy));
    if (populated) {
      const more = await timeImport('PGlite new rows, populated', ctx, dept, populated);
      console.log(line(more, copy));
    }
    console.log(line(copy));
    console.log(
      `PGlite import: ${((100 * first.rowsPerSecond) / copy.rowsPerSecond).toFixed(1)} % of PGlite COPY`,
    );
    return [copy, first, again];
  } finally {
    await handle.close();
  }
}

async function main(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ys-bench-import-'));
  const file = path.join(dir, 'penalties.csv');
  console.log(`生成 ${ROWS.toLocaleString('en-US')} 行 → ${file}`);
  await generateCsv(file, ROWS);
  // Optional: N more rows with other decision numbers, imported after the first file (upsert path, no budget).
  let populated: string | null = null;
  if (POPULATED) {
    populated = path.join(dir, 'penalties-more.csv');
    await generateCsv(populated, ROWS, '罚补');
  }
  console.log(`CSV ${mb(fs.statSync(file).size)}; key checks ${KEY_CHECKS}; load average ${load()}`);
  const verdict = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');
  const verdicts: boolean[] = [];
  const imports: Figure[] = [];
  try {
    if (TARGETS.has('postgres')) {
      const [, first, again] = await benchPostgres(file, populated);
      if (first && again) {
        imports.push(first, again);
        const ok = first.rowsPerSecond >= BUDGET_PG;
        verdicts.push(ok);
        console.log(`${verdict(ok)}  PostgreSQL ≥ ${BUDGET_PG.toLocaleString('en-US')} rows/s`);
      }
    }
    if (TARGETS.has('pglite')) {
      const [, first, again] = await benchPglite(dir, file, populated);
      if (first && again) {
        imports.push(first, again);
        const ok = first.rowsPerSecond >= BUDGET_PGLITE;
        verdicts.push(ok);
        console.log(`${verdict(ok)}  PGlite ≥ ${BUDGET_PGLITE.toLocaleString('en-US')} rows/s`);
      }
    }
    const memory = imports.every((f) => f.rssPeak - f.rssBefore < MEMORY_GROWTH_LIMIT);
    verdicts.push(memory);
    console.log(
      `${verdict(memory)}  memory flat (RSS growth during each import < ${mb(MEMORY_GROWTH_LIMIT)}); peak RSS ${mb(Math.max(...imports.map((f) => f.rssPeak)))}`,
    );
    console.log(`load average at the end ${load()}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return verdicts.every(Boolean) ? 0 : 1;
}

process.exitCode = await main();
