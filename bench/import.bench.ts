/**
 * Bulk credit import throughput: N generated, valid penalty rows (CSV) imported through the real import service
 * (header mapping, full row validation incl. USCC check characters, content hashes, working-day timeliness,
 * publication windows, batched upserts with audit) on PostgreSQL and on PGlite, beside a raw `COPY … FROM STDIN`
 * of the same CSV into a plain table of text columns on PostgreSQL (and `COPY … FROM '/dev/blob'` on PGlite), in
 * the same run. The import runs in the default all-or-nothing mode: one validation pass over the whole file,
 * then the write pass. Peak RSS is sampled every 100 ms.
 *
 *   BENCH_ROWS=1000000 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/import.bench.ts
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
import { makeUscc, USCC_CHARSET } from '../server/kernel/identifiers/uscc.ts';
import { JobQueue } from '../server/kernel/jobs/jobs.ts';
import { MetricRegistry } from '../server/kernel/metrics.ts';
import { calendarModule } from '../server/modules/calendar/index.ts';
import { creditModule, importLocalFile } from '../server/modules/credit/index.ts';
import { findDepartmentByCode, seedDepartmentsFromConfig } from '../server/modules/identity/index.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
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

async function generateCsv(file: string, rows: number): Promise<void> {
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
      `${uscc},苏州测试${i}有限公司,相市监罚〔2026〕${i}号,2026-10-${day},${types[i % 3]},${severities[i % 4]},` +
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
}

async function timeImport(label: string, ctx: AppContext, deptId: string, file: string): Promise<Figure> {
  const rssBefore = resetPeak();
  const t0 = performance.now();
  let last = 0;
  const result = await importLocalFile(ctx, {
    file,
    departmentId: deptId,
    categoryCode: 'penalty',
    dryRun: false,
    partial: false,
    reportPath: `${file}.errors.xlsx`,
    onProgress: (p) => {
      if (process.stderr.isTTY && p.rowsProcessed - last >= 50_000) {
        last = p.rowsProcessed;
        process.stderr.write(`\r  ${label} ${p.phase} ${p.rowsProcessed}   `);
      }
    },
  });
  const seconds = (performance.now() - t0) / 1000;
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
  };
}

const RAW_TABLE = `create table if not exists bench_raw (uscc text, entity_name text, decision_no text, decision_date text,
  penalty_type text, severity text, facts text, basis text, amount text)`;

/** COPY FROM STDIN without pg-copy-streams: a minimal "submittable" driving pg's protocol connection. */
class CopyIn {
  readonly text: string;
  readonly #file: string;
  #callback: ((err: Error | null) => void) | undefined;
  #error: Error | null = null;
  constructor(text: string, file: string) {
    this.text = text;
    this.#file = file;
  }
  submit(connection: { query: (t: string) => void }): void {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: {
    sendCopyFromChunk: (b: Buffer) => void;
    endCopyFrom: () => void;
    sendCopyFail: (m: string) => void;
    stream: NodeJS.WritableStream;
  }): void {
    void (async () => {
      try {
        for await (const chunk of fs.createReadStream(this.#file, { highWaterMark: 256 * 1024 })) {
          connection.sendCopyFromChunk(chunk as Buffer);
          if (
            (connection.stream as NodeJS.WritableStream & { writableNeedDrain?: boolean }).writableNeedDrain
          ) {
            await once(connection.stream, 'drain');
          }
        }
        connection.endCopyFrom();
      } catch (err) {
        connection.sendCopyFail(String(err));
      }
    })();
  }
  handleCommandComplete(): void {}
  handleReadyForQuery(): void {
    this.#callback?.(this.#error);
  }
  handleError(err: Error): void {
    this.#error = err;
  }
  run(client: pg.Client): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#callback = (err) => (err ? reject(err) : resolve());
      void client.query(this as unknown as pg.QueryConfig);
    });
  }
}

async function copyPostgres(url: string, file: string): Promise<Figure> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(RAW_TABLE);
  await client.query('truncate bench_raw');
  const rssBefore = resetPeak();
  const t0 = performance.now();
  await new CopyIn(`copy bench_raw from stdin with (format csv, header true)`, file).run(client);
  const seconds = (performance.now() - t0) / 1000;
  const n = await client.query<{ n: number }>('select count(*)::int as n from bench_raw');
  await client.end();
  if (n.rows[0]?.n !== ROWS) throw new Error(`COPY loaded ${n.rows[0]?.n ?? 0} rows, expected ${ROWS}`);
  return { label: 'PostgreSQL raw COPY', seconds, rowsPerSecond: ROWS / seconds, rssBefore, rssPeak: peak };
}

async function copyPglite(handle: DatabaseHandle, file: string): Promise<Figure> {
  const lite = handle.pglite;
  if (!lite) throw new Error('not a PGlite handle');
  await lite.exec(RAW_TABLE);
  const rssBefore = resetPeak();
  const t0 = performance.now();
  // PGlite's COPY reads a Blob: the file is in memory for this baseline (not for the import).
  await lite.query(`copy bench_raw from '/dev/blob' with (format csv, header true)`, [], {
    blob: new Blob([fs.readFileSync(file)]),
  });
  const seconds = (performance.now() - t0) / 1000;
  return { label: 'PGlite raw COPY', seconds, rowsPerSecond: ROWS / seconds, rssBefore, rssPeak: peak };
}

// ---------------------------------------------------------------------------------------------------------------

const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MB`;
function line(f: Figure, copy?: Figure): string {
  const ratio = copy ? `  ${((100 * f.rowsPerSecond) / copy.rowsPerSecond).toFixed(1)} % of COPY` : '';
  return (
    `${f.label.padEnd(28)} ${f.seconds.toFixed(1).padStart(7)} s ${Math.round(f.rowsPerSecond).toLocaleString('en-US').padStart(10)} rows/s` +
    `${ratio}  RSS ${mb(f.rssBefore)} → peak ${mb(f.rssPeak)} (+${mb(f.rssPeak - f.rssBefore)})`
  );
}

async function main(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ys-bench-import-'));
  const file = path.join(dir, 'penalties.csv');
  console.log(`生成 ${ROWS.toLocaleString('en-US')} 行 → ${file}`);
  await generateCsv(file, ROWS);
  console.log(`CSV ${mb(fs.statSync(file).size)}`);
  let ok: boolean;
  const verdict = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');
  try {
    // PostgreSQL: a scratch database, dropped and recreated.
    const admin = new pg.Client({ connectionString: BASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${SCRATCH_DB} with (force)`);
    await admin.query(`create database ${SCRATCH_DB}`);
    await admin.end();
    const u = new URL(BASE_URL);
    u.pathname = `/${SCRATCH_DB}`;
    const pgHandle = await openDatabase({ url: u.toString(), poolSize: 4 });
    const pgCtx = contextFor(pgHandle);
    const pgDept = await prepare(pgCtx);
    const pgCopy = await copyPostgres(u.toString(), file);
    console.log(line(pgCopy));
    const pgImport = await timeImport('PostgreSQL import', pgCtx, pgDept, file);
    console.log(line(pgImport, pgCopy));
    const pgAgain = await timeImport('PostgreSQL re-import (same)', pgCtx, pgDept, file);
    console.log(line(pgAgain, pgCopy));
    await pgHandle.close();

    const liteHandle = await openDatabase({ dataDir: path.join(dir, 'pglite') });
    const liteCtx = contextFor(liteHandle);
    const liteDept = await prepare(liteCtx);
    const liteImport = await timeImport('PGlite import', liteCtx, liteDept, file);
    console.log(line(liteImport));
    const liteCopy = await copyPglite(liteHandle, file);
    await liteHandle.close();

    console.log(line(liteCopy));
    console.log(
      `PGlite import: ${((100 * liteImport.rowsPerSecond) / liteCopy.rowsPerSecond).toFixed(1)} % of PGlite COPY`,
    );
    console.log('');
    const pgSpeed = pgImport.rowsPerSecond >= BUDGET_PG;
    const liteSpeed = liteImport.rowsPerSecond >= BUDGET_PGLITE;
    const memory = [pgImport, pgAgain, liteImport].every(
      (f) => f.rssPeak - f.rssBefore < MEMORY_GROWTH_LIMIT,
    );
    console.log(`${verdict(pgSpeed)}  PostgreSQL ≥ ${BUDGET_PG.toLocaleString('en-US')} rows/s`);
    console.log(`${verdict(liteSpeed)}  PGlite ≥ ${BUDGET_PGLITE.toLocaleString('en-US')} rows/s`);
    console.log(
      `${verdict(memory)}  memory flat (RSS growth during each import < ${mb(MEMORY_GROWTH_LIMIT)})`,
    );
    ok = pgSpeed && liteSpeed && memory;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return ok ? 0 : 1;
}

process.exitCode = await main();
