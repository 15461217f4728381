/**
 * Bulk import of credit records from CSV (UTF-8 with or without BOM, or GB18030/GBK — detected from the bytes)
 * and XLSX (first worksheet). Everything streams: rows are read, validated and written in batches, so memory does
 * not grow with the file (XLSX keeps its shared-string table, bounded by the uncompressed-size check).
 *
 * - The header row maps columns to the category's fields (keys or Chinese labels, see row-validation.ts).
 * - Every row is validated with the same rules as the entry form; errors carry row, column, rule and message, the
 *   first 100 are kept on the import and all of them go to an error report (the bad rows' original cells plus a
 *   错误 column), stored through the files module.
 * - One pass over the file: batches of rows are validated and the valid rows handed to the database in chunks
 *   while the file is still being read. import-rows.ts does the per-row work — for a CSV in a worker thread
 *   (import-source.ts, import-worker.ts), so the main thread (which with PGlite also runs the database) only
 *   writes; import-writer.ts does the writing.
 * - Dry run: validate (and count what would be unchanged) only.
 * - All-or-nothing (default): the valid rows are held until the whole file is known to be valid — inside one open
 *   transaction on PostgreSQL, in a local spool file on PGlite — and any bad row discards them: nothing is
 *   written, but the rest of the file is still validated so the error report is complete. With `partial` the good
 *   rows are written chunk by chunk and the bad ones reported.
 * - Idempotent: a row whose (department, category, decision number) is stored with the same content hash is left
 *   alone and counted as unchanged; the same file twice changes nothing. If the database fails while a partial
 *   import (or the final merge of a spooled one) is writing, the import is marked failed; importing the same file
 *   again completes it (written rows are unchanged).
 * - A decision number repeated within one batch of rows is a row error (`duplicate`); repeated further apart, the
 *   later row is a correction of the earlier one.
 * - Each write transaction has one audit entry (`credit.records-imported`) naming the import and its rows;
 *   records carry `import_id`.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { WorkCalendar } from '../../kernel/calendar/calendar.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import type { AuditOrigin } from '../../kernel/audit.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { registryIdsByUscc } from '../enterprise/index.ts';
import { storeUpload, type FileUploader } from '../files/index.ts';
import { CsvSyntaxError } from './csv.ts';
import { RefusedFile, RowPipeline, type Step, type Timeliness, type CopyInit } from './import-rows.ts';
import { csvStepsInWorker, stepsOnThisThread, xlsxStepsInWorker, type OpenSource } from './import-source.ts';
import {
  DirectSink,
  DryRunSink,
  keyLockAllowed,
  SpoolSink,
  TransactionSink,
  type RecordSink,
  type WriteTarget,
} from './import-writer.ts';
import {
  findCategoryRow,
  findImportRow,
  updateImportRow,
  type CategoryRow,
  type ImportRow,
} from './records.repository.ts';
import type { ImportErrorDto } from './records.schemas.ts';
import { categorySpec, creditSettings, loadedYearSet, timelinessOf } from './records.service.ts';
import { CORE_FIELDS } from './row-validation.ts';
import { ErrorReport } from './import-error-report.ts';
import { readRows, type FileFacts } from './import-file.ts';

const ERROR_SAMPLE = 100;
const OWNER_MODULE = 'credit';

// ---------------------------------------------------------------------------------------------------------------
// The import run

export interface ImportProgress {
  phase: 'validating' | 'writing';
  rowsProcessed: number;
  bytesHint?: number;
}

/**
 * How an all-or-nothing import keeps its rows until the whole file is known to be valid: `transaction` (one open
 * transaction, PostgreSQL only), `spool` (a local file, merged at the end). `auto`: `transaction` on PostgreSQL with
 * a pool of two or more connections, else `spool`.
 */
export type HoldRows = 'auto' | 'transaction' | 'spool';

export interface RunImportOptions {
  /** Opens the file from the beginning. */
  open: OpenSource;
  facts: FileFacts;
  /** Who the run acts as in the audit: the import job's (or the CLI's) declared system actor. */
  origin: AuditOrigin;
  /**
   * Where the error report goes: stored through the files module as uploaded by `uploader` (the officer who
   * started the import, so the file stays theirs), or written to a local path.
   */
  report: { kind: 'store'; uploader: FileUploader } | { kind: 'path'; path: string };
  onProgress?: (p: ImportProgress) => void;
  holdRows?: HoldRows;
  /** `per-row`: keep the RI triggers even where per-transaction key locks are allowed (import-writer.ts). */
  keyChecks?: 'auto' | 'per-row';
  /**
   * Where the file is read and validated: `auto` — in the import worker from `WORKER_MIN_BYTES` on (starting a
   * thread costs more than it saves on small files), else on the main thread. CSV and XLSX alike.
   */
  validateIn?: 'auto' | 'worker' | 'main';
}

const WORKER_MIN_BYTES = 256 * 1024;

interface Counters {
  total: number;
  ok: number;
  failed: number;
  unchanged: number;
  inserted: number;
  updated: number;
}

/** Rows handed to the database per statement (a chunk holds whole validation batches). */
const CHUNK_ROWS = 5000;
/** The import row's progress is written at most this often (the UI polls every 1–2 s). */
const PROGRESS_EVERY_MS = 500;

/** Runs an import whose `credit_import` row exists; returns the finished row. Never throws for bad data. */
export async function runImport(
  ctx: AppContext,
  importId: string,
  options: RunImportOptions,
): Promise<ImportRow> {
  const imp = await findImportRow(ctx.db, importId);
  if (!imp) throw new Error(`credit import ${importId} not found`);
  const category = await findCategoryRow(ctx.db, imp.category_code);
  if (!category) throw new Error(`credit category ${imp.category_code} not found`);
  const settings = creditSettings();
  const report = new ErrorReport(path.join(os.tmpdir()));
  const sample: ImportErrorDto[] = [];
  const c: Counters = { total: 0, ok: 0, failed: 0, unchanged: 0, inserted: 0, updated: 0 };
  await updateImportRow(ctx.db, importId, {
    status: 'running',
    phase: imp.dry_run || !imp.partial ? 'validating' : 'writing',
    rows_processed: 0,
    encoding: options.facts.encoding,
    message: null,
  });
  try {
    const cal = await getWorkCalendar(ctx);
    const env = { today: chinaDate(ctx.clock.now()), loadedYears: loadedYearSet(cal) };
    const job: RunJob = { ctx, imp, category, cal, env, settings, report, sample, c, options };
    const written = await readValidateWrite(job);
    const errorFileId = await storeReport(ctx, importId, report, options, imp.filename);
    await updateImportRow(ctx.db, importId, {
      status: 'done',
      phase: 'done',
      rows_processed: c.total,
      rows_total: c.total,
      rows_ok: c.ok,
      rows_failed: c.failed,
      rows_unchanged: c.unchanged,
      error_sample: sample,
      error_file_id: errorFileId,
      message: !written
        ? `有 ${c.failed} 行未通过校验，按“全部或全不”导入，未写入任何数据。可修改后重新导入，或选择仅导入正确的行。`
        : imp.dry_run
          ? `试导入：${c.ok} 行可导入（其中 ${c.unchanged} 行与已入库内容相同），${c.failed} 行有错误。`
          : `已导入：新增 ${c.inserted} 行，更正 ${c.updated} 行，未变 ${c.unchanged} 行，错误 ${c.failed} 行。`,
      finished_at: ctx.clock.now(),
    });
  } catch (err) {
    await report.discard();
    // A refused file's (Chinese) message is the import's own data, shown with the run like its row errors.
    const known = err instanceof AppError || err instanceof CsvSyntaxError || err instanceof RefusedFile;
    const detail = known ? err.message : '导入失败（系统错误）。已写入的行再次导入同一文件时会计为未变。';
    if (!known) ctx.logger.error({ err, importId }, 'credit import failed');
    await updateImportRow(ctx.db, importId, {
      status: 'failed',
      phase: 'failed',
      rows_total: c.total,
      rows_ok: c.ok,
      rows_failed: c.failed,
      rows_unchanged: c.unchanged,
      error_sample: sample,
      message: detail,
      finished_at: ctx.clock.now(),
    });
  }
  const done = await findImportRow(ctx.db, importId);
  if (!done) throw new Error(`credit import ${importId} vanished`);
  return done;
}

interface RunJob {
  ctx: AppContext;
  imp: ImportRow;
  category: CategoryRow;
  cal: WorkCalendar;
  env: { today: string; loadedYears: ReadonlySet<number> };
  settings: ReturnType<typeof creditSettings>;
  report: ErrorReport;
  sample: ImportErrorDto[];
  c: Counters;
  options: RunImportOptions;
}

async function chooseSink(job: RunJob, now: Date): Promise<RecordSink> {
  const { ctx, imp, category, options } = job;
  const keyLock = options.keyChecks !== 'per-row' && !imp.dry_run && (await keyLockAllowed(ctx.db));
  const target: WriteTarget = {
    importId: imp.id,
    categoryCode: category.code,
    departmentId: imp.department_id,
    createdBy: imp.created_by,
    origin: options.origin,
    enteredAt: now,
    cal: job.cal,
    entryDeadlineWorkdays: job.settings.entryDeadlineWorkdays,
    keyLockPerTransaction: keyLock,
  };
  if (imp.dry_run) return new DryRunSink(ctx.db, target);
  if (imp.partial) return new DirectSink(ctx.db, target);
  const hold = options.holdRows ?? 'auto';
  const postgres = ctx.database.kind === 'postgres';
  if (hold === 'transaction' && (!postgres || !ctx.database.pgPool)) {
    // PGlite has one connection: an open transaction would block the progress updates (and everyone else).
    throw new Error('holdRows: transaction needs PostgreSQL');
  }
  const pool = ctx.database.pgPool;
  if (pool && (hold === 'transaction' || (hold === 'auto' && ctx.config.dbPoolSize >= 2))) {
    return new TransactionSink(pool, target);
  }
  return new SpoolSink(ctx.db, target, ctx.database.pglite);
}

/** Largest registry handed to the import worker for bulk-load mode (USCC → id pairs, ~100 bytes each there). */
const BULK_REGISTRY_MAX = 500_000;

/**
 * Bulk-load mode's settings, or null when the registry is too large to hand to the worker. The decision-number
 * filter gets one bit per byte of the file (a row is far longer than 40 bytes, so that is 40+ bits a decision
 * number and a 5,000-row chunk is rarely taken for a repeat), between 64 KiB and 8 MiB.
 */
async function bulkLoadInit(job: RunJob, now: Date): Promise<CopyInit | null> {
  const registry = await registryIdsByUscc(job.ctx.db, BULK_REGISTRY_MAX);
  if (!registry) return null;
  const size = Math.max(Number(job.imp.size_bytes), 1);
  const filterBits = Math.min(2 ** 26, Math.max(2 ** 19, 2 ** Math.ceil(Math.log2(size))));
  return {
    categoryCode: job.category.code,
    departmentId: job.imp.department_id,
    importId: job.imp.id,
    createdBy: job.imp.created_by,
    enteredAt: now.toISOString(),
    registry,
    filterBits,
  };
}

const DAY_MS = 86_400_000;

/** Timeliness of a record entered `now` for every date a valid row can have (loaded years, up to today). */
function timelinessTable(job: RunJob, now: Date): Record<string, Timeliness> {
  const table: Record<string, Timeliness> = {};
  const years = [...job.env.loadedYears];
  if (years.length === 0) return table;
  const deadline = job.settings.entryDeadlineWorkdays;
  const end = Date.parse(`${job.env.today}T00:00:00Z`);
  for (let t = Date.UTC(Math.min(...years), 0, 1); t <= end; t += DAY_MS) {
    const date = new Date(t).toISOString().slice(0, 10);
    if (!job.env.loadedYears.has(Number(date.slice(0, 4)))) continue;
    try {
      table[date] = timelinessOf(job.cal, date, now, deadline);
    } catch {
      // Across an unloaded year: a row with this date fails the import, as it would on the main thread.
    }
  }
  return table;
}

/** The file's steps: a CSV validated in a worker thread (see `validateIn`), an XLSX on this thread. */
function importSteps(job: RunJob, now: Date, copy: CopyInit | null): AsyncGenerator<Step> {
  const { imp, category, options, settings } = job;
  const spec = categorySpec(category);
  const coreLabels = CORE_FIELDS.map((f) => [f.key, f.label] as [string, string]);
  const common = {
    spec,
    categoryName: category.name,
    batchSize: settings.importBatchRows,
    chunkRows: CHUNK_ROWS,
    withLiterals: !imp.dry_run,
    copy,
  };
  const where = options.validateIn ?? 'auto';
  const inWorker = where === 'worker' || (where === 'auto' && Number(imp.size_bytes) >= WORKER_MIN_BYTES);
  if (inWorker) {
    const init = {
      pipeline: { ...common, today: job.env.today, loadedYears: [...job.env.loadedYears] },
      coreLabels,
      encoding: options.facts.encoding ?? 'utf-8',
      timeliness: imp.dry_run ? null : timelinessTable(job, now),
    };
    return options.facts.format === 'csv'
      ? csvStepsInWorker(options.open, init)
      : xlsxStepsInWorker(options.open, init);
  }
  const deadline = settings.entryDeadlineWorkdays;
  const pipeline = new RowPipeline(
    {
      ...common,
      env: job.env,
      timeliness: imp.dry_run ? null : (date) => timelinessOf(job.cal, date, now, deadline),
    },
    coreLabels,
  );
  return stepsOnThisThread(readRows(options.open, options.facts), pipeline);
}

/**
 * The single pass: reads the file, validates every row batch by batch, reports the bad ones and hands the good ones
 * to the sink in chunks while reading goes on. An all-or-nothing import stops writing at its first bad row (and
 * discards what the sink holds) but still validates the rest, so the error report is complete. Returns false when
 * an all-or-nothing import wrote nothing because of bad rows.
 */
async function readValidateWrite(job: RunJob): Promise<boolean> {
  const { ctx, imp, report, sample, c, options } = job;
  const allOrNothing = !imp.partial && !imp.dry_run;
  const readPhase: ImportProgress['phase'] = imp.partial && !imp.dry_run ? 'writing' : 'validating';
  const now = ctx.clock.now();

  let lastSaved = Date.now();
  const progress = async (phase: ImportProgress['phase'], rows: number, force = false): Promise<void> => {
    options.onProgress?.({ phase, rowsProcessed: rows });
    if (force || Date.now() - lastSaved >= PROGRESS_EVERY_MS) {
      lastSaved = Date.now();
      await updateImportRow(
        ctx.db,
        imp.id,
        force ? { phase, rows_processed: rows } : { rows_processed: rows },
      );
    }
  };

  const sink = await chooseSink(job, now);
  let writing = true;
  try {
    const bulk = (sink instanceof TransactionSink || sink instanceof SpoolSink) && (await sink.open());
    const copy = bulk ? await bulkLoadInit(job, now) : null;
    for await (const step of importSteps(job, now, copy)) {
      if (step.header) report.setHeader(step.header);
      for (const { row, errors } of step.errors) {
        c.failed++;
        for (const e of errors) if (sample.length < ERROR_SAMPLE) sample.push({ row: row.row, ...e });
        report.add(row, errors.map((e) => `${e.column}：${e.message}`).join('；'));
      }
      c.total += step.rows;
      c.ok += step.ok;
      if (writing && allOrNothing && c.failed > 0) {
        // Nothing of this file will be written: let go of what the sink holds now, keep validating.
        writing = false;
        await sink.abort();
      }
      if (writing) for (const chunk of step.chunks) await sink.write(chunk);
      await progress(readPhase, c.total);
    }
    if (!writing) return false;
    if (allOrNothing) await progress('writing', 0, true);
    const totals = await sink.finish((n) => progress('writing', n));
    c.inserted = totals.inserted;
    c.updated = totals.updated;
    c.unchanged = totals.unchanged;
    return true;
  } catch (err) {
    await sink.abort();
    throw err;
  }
}

async function storeReport(
  ctx: AppContext,
  importId: string,
  report: ErrorReport,
  options: RunImportOptions,
  filename: string,
): Promise<string | null> {
  try {
    if (!(await report.finish())) return null;
    const base = filename.replace(/\.[^.]*$/, '');
    if (options.report.kind === 'path') {
      await fsp.copyFile(report.path, options.report.path);
      return null;
    }
    const file = await storeUpload(ctx, options.report.uploader, {
      ownerModule: OWNER_MODULE,
      ownerId: importId,
      filename: `${base}-错误报告.xlsx`,
      stream: fs.createReadStream(report.path),
      purpose: 'document',
      origin: options.origin,
    });
    return file.id;
  } finally {
    await report.discard();
  }
}
