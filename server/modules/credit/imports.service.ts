/**
 * Bulk import of credit records from CSV (UTF-8 with or without BOM, or GB18030/GBK — detected from the bytes)
 * and XLSX (first worksheet). Everything streams: rows are read, validated and written in batches, so memory does
 * not grow with the file (XLSX keeps its shared-string table, bounded by the uncompressed-size check).
 *
 * - The header row maps columns to the category's fields (keys or Chinese labels, see row-validation.ts).
 * - Every row is validated with the same rules as the entry form; errors carry row, column, rule and message, the
 *   first 100 are kept on the import and all of them go to an error report (the bad rows' original cells plus a
 *   错误 column), stored through the files module.
 * - Dry run: validate (and count what would be unchanged) only.
 * - All-or-nothing (default): a validation pass over the whole file first; any bad row → nothing is written. Then a
 *   write pass. With `partial` one pass writes the good rows and reports the bad ones.
 * - Idempotent: a row whose (department, category, decision number) is stored with the same content hash is left
 *   alone and counted as unchanged; the same file twice changes nothing. If the database fails during the write
 *   pass, the import is marked failed; importing the same file again completes it (written rows are unchanged).
 * - A decision number repeated within one batch of rows is a row error (`duplicate`); repeated further apart, the
 *   later row is a correction of the earlier one.
 * - Each written batch is one transaction with one audit entry (`credit.records-imported`) naming the import;
 *   records carry `import_id`.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { appendAudit, type AuditOrigin } from '../../kernel/audit.ts';
import type { WorkCalendar } from '../../kernel/calendar/calendar.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { createFileStore, newStorageKey, type SpooledUpload } from '../../kernel/storage.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { registerFileAccess, storeUpload } from '../files/index.ts';
import { CsvParser, CsvSyntaxError } from './csv.ts';
import {
  findCategoryRow,
  findExistingDecisions,
  findImportRow,
  insertImportRow,
  listImportRows,
  setRecordTimeliness,
  updateImportRow,
  upsertRecordBatch,
  type BulkRow,
  type CategoryRow,
  type ImportRow,
} from './records.repository.ts';
import type { ImportDto, ImportErrorDto, ImportListDto, ImportListQueryInput } from './records.schemas.ts';
import {
  categorySpec,
  contentHash,
  creditSettings,
  getEnterableCategory,
  loadedYearSet,
  recordScope,
  timelinessOf,
  windowOf,
} from './records.service.ts';
import {
  CORE_FIELDS,
  mapHeader,
  validateRecord,
  type CategorySpec,
  type ColumnMapping,
} from './row-validation.ts';

const ERROR_SAMPLE = 100;
const OWNER_MODULE = 'credit';

// The error report belongs to the import: whoever may see the import may download it.
registerFileAccess(OWNER_MODULE, async (actor, ownerId, db) => {
  const row = await findImportRow(db, ownerId);
  if (!row) return false;
  if (actor.kind === 'officer') return actor.departmentId === row.department_id;
  return actor.permissions.has('credit.read');
});

// ---------------------------------------------------------------------------------------------------------------
// File inspection (before anything is opened or stored)

export type ImportFormat = 'csv' | 'xlsx';
export interface FileFacts {
  format: ImportFormat;
  /** CSV only: `utf-8` or `gb18030`. */
  encoding: string | null;
}

function unreadable(detail: string): AppError {
  return new AppError('CREDIT_IMPORT_UNREADABLE', detail);
}

/**
 * Sums the uncompressed sizes the ZIP's central directory declares, without inflating anything. A ZIP64 archive
 * or one that cannot be read counts as too large / unreadable.
 */
export async function zipDeclaredSize(
  file: string,
): Promise<{ entries: number; uncompressed: number; names: string[] }> {
  const handle = await fsp.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tailLen = Math.min(size, 0xffff + 22);
    const tail = Buffer.alloc(tailLen);
    await handle.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw unreadable('文件不是有效的 XLSX（找不到 ZIP 目录）。');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      throw new AppError(
        'CREDIT_IMPORT_TOO_LARGE_UNCOMPRESSED',
        'XLSX 使用 ZIP64 格式（超大文件），不予打开。',
      );
    }
    if (cdOffset + cdSize > size || cdSize > 16 * 1024 * 1024) throw unreadable('XLSX 的 ZIP 目录损坏。');
    const cd = Buffer.alloc(cdSize);
    await handle.read(cd, 0, cdSize, cdOffset);
    let p = 0;
    let uncompressed = 0;
    const names: string[] = [];
    for (let n = 0; n < count; n++) {
      if (p + 46 > cdSize || cd.readUInt32LE(p) !== 0x02014b50) throw unreadable('XLSX 的 ZIP 目录损坏。');
      const usize = cd.readUInt32LE(p + 24);
      if (usize === 0xffffffff) {
        throw new AppError(
          'CREDIT_IMPORT_TOO_LARGE_UNCOMPRESSED',
          'XLSX 中有声明超过 4 GB 的条目，不予打开。',
        );
      }
      uncompressed += usize;
      const nameLen = cd.readUInt16LE(p + 28);
      names.push(cd.toString('utf8', p + 46, Math.min(p + 46 + nameLen, cdSize)));
      p += 46 + nameLen + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
    return { entries: count, uncompressed, names };
  } finally {
    await handle.close();
  }
}

// C0 controls other than tab, LF, CR (and FF): binary data, not a CSV.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BINARY_CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;

/** Decides format and encoding from the bytes; checks an XLSX's declared uncompressed size. */
export async function inspectImportFile(file: string): Promise<FileFacts> {
  const handle = await fsp.open(file, 'r');
  const head = Buffer.alloc(64 * 1024);
  let n: number;
  try {
    n = (await handle.read(head, 0, head.length, 0)).bytesRead;
  } finally {
    await handle.close();
  }
  const sample = head.subarray(0, n);
  if (n >= 4 && sample.readUInt32LE(0) === 0x04034b50) {
    const zip = await zipDeclaredSize(file);
    const limit = creditSettings().xlsxMaxUncompressedBytes;
    if (zip.uncompressed > limit) {
      throw new AppError(
        'CREDIT_IMPORT_TOO_LARGE_UNCOMPRESSED',
        `XLSX 解压后声明大小 ${zip.uncompressed} 字节，超过上限 ${limit} 字节，未打开。 Declared uncompressed size exceeds ${limit} bytes.`,
        { extra: { declaredBytes: zip.uncompressed, limitBytes: limit } },
      );
    }
    if (!zip.names.includes('xl/workbook.xml'))
      throw unreadable('ZIP 文件不是 XLSX 工作簿（缺少 xl/workbook.xml）。');
    return { format: 'xlsx', encoding: null };
  }
  if (n === 0) throw unreadable('文件为空。');
  const utf8 = tryDecode('utf-8', sample);
  const text = utf8 ?? tryDecode('gb18030', sample);
  if (text === undefined) throw unreadable('文件既不是 XLSX，也不是 UTF-8 或 GB18030 编码的 CSV 文本。');
  if (BINARY_CONTROL.test(text)) throw unreadable('文件含有二进制控制字符，不是 CSV 文本。');
  return { format: 'csv', encoding: utf8 !== undefined ? 'utf-8' : 'gb18030' };
}

function tryDecode(encoding: string, bytes: Buffer): string | undefined {
  try {
    // stream: true tolerates a character cut at the end of the sample.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading rows

export type CellValue = string | number | boolean | Date | null;
export interface SourceRow {
  row: number;
  cells: CellValue[];
}

type OpenSource = () => Promise<Readable>;

async function* csvRows(open: OpenSource, encoding: string): AsyncGenerator<SourceRow[]> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const parser = new CsvParser();
  const stream = await open();
  let bytes = 0;
  for await (const chunk of stream) {
    let text: string;
    try {
      text = decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      stream.destroy();
      throw unreadable(`文件约第 ${bytes} 字节处不是有效的 ${encoding} 文本。`);
    }
    bytes += (chunk as Buffer).length;
    const recs = parser.push(text);
    if (recs.length > 0) yield recs;
  }
  const rest = parser.push(decoder.decode());
  const last = parser.end();
  if (rest.length + last.length > 0) yield [...rest, ...last];
}

function cellOf(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellOf(o.result);
    if (typeof o.text === 'string') return o.text;
    if (o.error !== undefined) return null;
  }
  return null;
}

async function* xlsxRows(open: OpenSource): AsyncGenerator<SourceRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(await open(), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    let batch: SourceRow[] = [];
    for await (const row of sheet) {
      const values = (row as { values: unknown[] }).values;
      const cells: CellValue[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellOf(values[i]));
      batch.push({ row: (row as { number: number }).number, cells });
      if (batch.length >= 500) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
    // Only the first worksheet is imported.
    break;
  }
}

function readRows(open: OpenSource, facts: FileFacts): AsyncGenerator<SourceRow[]> {
  return facts.format === 'csv' ? csvRows(open, facts.encoding ?? 'utf-8') : xlsxRows(open);
}

// ---------------------------------------------------------------------------------------------------------------
// Error report

class ErrorReport {
  readonly path: string;
  #writer: ExcelJS.stream.xlsx.WorkbookWriter | undefined;
  #sheet: ExcelJS.Worksheet | undefined;
  #header: string[] = [];
  count = 0;

  constructor(dir: string) {
    this.path = path.join(dir, `credit-errors-${randomBytes(8).toString('hex')}.xlsx`);
  }

  setHeader(header: string[]): void {
    this.#header = header;
  }

  add(row: SourceRow, messages: string): void {
    if (!this.#writer) {
      this.#writer = new ExcelJS.stream.xlsx.WorkbookWriter({
        filename: this.path,
        useSharedStrings: false,
        useStyles: false,
      });
      this.#sheet = this.#writer.addWorksheet('错误');
      this.#sheet.addRow([...this.#header, '错误', '原行号']).commit();
    }
    const cells = this.#header.map((_, i) => row.cells[i] ?? null);
    this.#sheet?.addRow([...cells, messages, row.row]).commit();
    this.count++;
  }

  /** Finishes the file; false when no row failed (no file). */
  async finish(): Promise<boolean> {
    if (!this.#writer) return false;
    await this.#writer.commit();
    return true;
  }

  async discard(): Promise<void> {
    await fsp.rm(this.path, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The import run

export interface ImportProgress {
  phase: 'validating' | 'writing';
  rowsProcessed: number;
  bytesHint?: number;
}

export interface RunImportOptions {
  /** Opens the file from the beginning (called once per pass). */
  open: OpenSource;
  facts: FileFacts;
  /** Where the error report goes: stored for `actor` through the files module, or written to a local path. */
  report: { kind: 'store'; actor: Actor } | { kind: 'path'; path: string };
  onProgress?: (p: ImportProgress) => void;
}

interface Counters {
  total: number;
  ok: number;
  failed: number;
  unchanged: number;
  inserted: number;
  updated: number;
}

function cellText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

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
    phase: 'validating',
    rows_processed: 0,
    encoding: options.facts.encoding,
    message: null,
  });
  try {
    const cal = await getWorkCalendar(ctx);
    const env = { today: chinaDate(ctx.clock.now()), loadedYears: loadedYearSet(cal) };
    const spec = categorySpec(category);
    const job: PassJob = { ctx, imp, category, spec, cal, env, settings, report, sample, c, options };
    let message: string | null = null;
    if (imp.dry_run || !imp.partial) {
      await pass(job, 'validating');
      if (!imp.dry_run && c.failed === 0) {
        Object.assign(c, { total: 0, ok: 0, failed: 0, unchanged: 0 });
        await pass(job, 'writing');
      } else if (!imp.dry_run) {
        message = `有 ${c.failed} 行未通过校验，按“全部或全不”导入，未写入任何数据。可修改后重新导入，或选择仅导入正确的行。`;
      }
    } else {
      await pass(job, 'writing');
    }
    const errorFileId = await storeReport(ctx, importId, report, options, imp.filename);
    await updateImportRow(ctx.db, importId, {
      status: 'done',
      phase: 'done',
      rows_total: c.total,
      rows_ok: c.ok,
      rows_failed: c.failed,
      rows_unchanged: c.unchanged,
      error_sample: sample,
      error_file_id: errorFileId,
      message:
        message ??
        (imp.dry_run
          ? `试导入：${c.ok} 行可导入（其中 ${c.unchanged} 行与已入库内容相同），${c.failed} 行有错误。`
          : `已导入：新增 ${c.inserted} 行，更正 ${c.updated} 行，未变 ${c.unchanged} 行，错误 ${c.failed} 行。`),
      finished_at: ctx.clock.now(),
    });
  } catch (err) {
    await report.discard();
    const detail =
      err instanceof AppError || err instanceof CsvSyntaxError
        ? err.message
        : '导入失败（系统错误）。已写入的行再次导入同一文件时会计为未变。';
    if (!(err instanceof AppError || err instanceof CsvSyntaxError))
      ctx.logger.error({ err, importId }, 'credit import failed');
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

interface PassJob {
  ctx: AppContext;
  imp: ImportRow;
  category: CategoryRow;
  spec: CategorySpec;
  cal: WorkCalendar;
  env: { today: string; loadedYears: ReadonlySet<number> };
  settings: ReturnType<typeof creditSettings>;
  report: ErrorReport;
  sample: ImportErrorDto[];
  c: Counters;
  options: RunImportOptions;
}

interface ValidRow {
  source: SourceRow;
  bulk: BulkRow;
}

async function pass(job: PassJob, phase: 'validating' | 'writing'): Promise<void> {
  const { ctx, imp, spec, c } = job;
  const write = phase === 'writing';
  // Errors are reported by the pass that decides: the validation pass, or the only pass of a partial import.
  const reportErrors = !write || imp.partial;
  let mapping: ColumnMapping | undefined;
  let labels: string[] = [];
  let pending: SourceRow[] = [];
  const batchSize = job.settings.importBatchRows;
  await updateImportRow(ctx.db, imp.id, { phase, rows_processed: 0 });
  const labelOf = new Map<string, string>([
    ...CORE_FIELDS.map((f) => [f.key, f.label] as [string, string]),
    ...spec.fields.map((f) => [f.key, f.label] as [string, string]),
  ]);

  const flush = async (): Promise<void> => {
    if (!mapping || pending.length === 0) return;
    const rows = pending;
    pending = [];
    await processBatch(job, rows, mapping, labels, labelOf, write, reportErrors);
    await updateImportRow(ctx.db, imp.id, { rows_processed: c.total });
    job.options.onProgress?.({ phase, rowsProcessed: c.total });
  };

  for await (const batch of readRows(job.options.open, job.options.facts)) {
    for (const r of batch) {
      if (!mapping) {
        labels = r.cells.map(cellText);
        mapping = mapHeader(spec, labels);
        if (mapping.errors.length > 0) {
          throw unreadable(`表头与类别“${job.category.name}”的字段不符：${mapping.errors.join(' ')}`);
        }
        job.report.setHeader(labels);
        continue;
      }
      if (r.cells.every((v) => v === null || (typeof v === 'string' && v.trim() === ''))) continue;
      pending.push(r);
      if (pending.length >= batchSize) await flush();
    }
  }
  if (!mapping) throw unreadable('文件没有表头行。');
  await flush();
}

async function processBatch(
  job: PassJob,
  rows: SourceRow[],
  mapping: ColumnMapping,
  labels: string[],
  labelOf: Map<string, string>,
  write: boolean,
  reportErrors: boolean,
): Promise<void> {
  const { ctx, imp, category, spec, env, c } = job;
  const valid: ValidRow[] = [];
  const seen = new Map<string, number>();
  const now = ctx.clock.now();
  for (const r of rows) {
    c.total++;
    const input: Record<string, unknown> = {};
    const keys = mapping.keys;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k) input[k] = r.cells[i] ?? null;
    }
    const res = validateRecord(spec, input, env);
    let errors = res.ok
      ? []
      : res.errors.map((e) => ({
          column: columnName(labels, mapping, e.field, labelOf),
          rule: e.rule,
          message: e.message,
        }));
    if (res.ok) {
      const first = seen.get(res.value.decisionNo);
      if (first !== undefined) {
        errors = [
          {
            column: columnName(labels, mapping, 'decisionNo', labelOf),
            rule: 'duplicate',
            message: `决定文书号“${res.value.decisionNo}”与第 ${first} 行重复。`,
          },
        ];
      } else seen.set(res.value.decisionNo, r.row);
    }
    if (!res.ok || errors.length > 0) {
      c.failed++;
      if (reportErrors) {
        for (const e of errors) if (job.sample.length < ERROR_SAMPLE) job.sample.push({ row: r.row, ...e });
        job.report.add(r, errors.map((e) => `${e.column}：${e.message}`).join('；'));
      }
      continue;
    }
    const v = res.value;
    const win = windowOf(category, v);
    valid.push({
      source: r,
      bulk: {
        uscc: v.uscc,
        entity_name: v.entityName,
        decision_no: v.decisionNo,
        decision_date: v.decisionDate,
        entered_at: now,
        entry_workdays: 0,
        timely: true,
        data: JSON.stringify(v.data),
        severity: win.severity,
        publication: win.publication,
        publish_from: win.publishFrom,
        publish_min_until: win.publishMinUntil,
        publish_until: win.publishUntil,
        content_hash: contentHash(category.code, v),
      },
    });
  }
  c.ok += valid.length;
  if (valid.length === 0) return;
  const deadline = job.settings.entryDeadlineWorkdays;
  if (!write) {
    // Only a dry run tells how many rows would be unchanged; the validation pass before a write does not need it.
    if (imp.dry_run) {
      const existing = await findExistingDecisions(
        ctx.db,
        { departmentId: imp.department_id, categoryCode: category.code },
        valid.map((v) => v.bulk.decision_no),
      );
      const stored = new Map(existing.map((e) => [e.decision_no, e.content_hash]));
      for (const v of valid) if (stored.get(v.bulk.decision_no) === v.bulk.content_hash) c.unchanged++;
    }
    return;
  }
  for (const v of valid) {
    const t = timelinessOf(job.cal, v.bulk.decision_date, now, deadline);
    v.bulk.entry_workdays = t.entryWorkdays;
    v.bulk.timely = t.timely;
  }
  const first = rows[0]?.row ?? 0;
  const last = rows[rows.length - 1]?.row ?? 0;
  const r = await ctx.db.transaction().execute(async (trx) => {
    const res = await upsertRecordBatch(
      trx,
      {
        categoryCode: category.code,
        departmentId: imp.department_id,
        importId: imp.id,
        createdBy: imp.created_by,
      },
      valid.map((v) => v.bulk),
    );
    // A correction keeps its first entry time: timeliness is measured from it, against the new decision date.
    await setRecordTimeliness(
      trx,
      res.corrected.map((x) => {
        const t = timelinessOf(job.cal, x.decision_date, new Date(x.entered_at), deadline);
        return { id: x.id, entry_workdays: t.entryWorkdays, timely: t.timely };
      }),
    );
    const updated = res.corrected.length;
    if (res.inserted + updated > 0) {
      await appendAudit(
        trx,
        { system: 'credit.import-file' },
        {
          action: 'credit.records-imported',
          subjectType: 'credit_import',
          subjectId: imp.id,
          detail: {
            category: category.code,
            rows: `${first}-${last}`,
            inserted: res.inserted,
            updated,
            byUser: imp.created_by,
          },
        },
      );
    }
    return { inserted: res.inserted, updated };
  });
  c.inserted += r.inserted;
  c.updated += r.updated;
  c.unchanged += valid.length - r.inserted - r.updated;
}

function columnName(
  labels: string[],
  mapping: ColumnMapping,
  key: string,
  labelOf: Map<string, string>,
): string {
  const i = mapping.keys.indexOf(key);
  return i >= 0 ? (labels[i] ?? key) : (labelOf.get(key) ?? key);
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
    const file = await storeUpload(ctx, options.report.actor, {
      ownerModule: OWNER_MODULE,
      ownerId: importId,
      filename: `${base}-错误报告.xlsx`,
      stream: fs.createReadStream(report.path),
      purpose: 'document',
      origin: { system: 'credit.import-file' },
    });
    return file.id;
  } finally {
    await report.discard();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Use cases behind the routes and the job

export interface StartImportInput {
  spooled: SpooledUpload;
  filename: string;
  categoryCode: string;
  dryRun: boolean;
  partial: boolean;
}

/** Checks the file and the category, keeps the file in the store and records the import; the job does the rest. */
export async function startImport(
  ctx: AppContext,
  actor: Actor,
  input: StartImportInput,
  origin: AuditOrigin,
): Promise<{ id: string }> {
  const category = await getEnterableCategory(ctx.db, actor.departmentId, input.categoryCode);
  if (input.spooled.sizeBytes > creditSettings().importMaxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `导入文件超过 ${creditSettings().importMaxBytes} 字节。`);
  }
  const facts = await inspectImportFile(input.spooled.path);
  const store = createFileStore(ctx.config);
  const key = newStorageKey();
  await store.put(key, fs.createReadStream(input.spooled.path));
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const id = await insertImportRow(trx, {
        department_id: actor.departmentId ?? '',
        category_code: category.code,
        filename: input.filename.slice(0, 255) || 'import',
        format: facts.format,
        sha256: input.spooled.sha256,
        size_bytes: input.spooled.sizeBytes,
        dry_run: input.dryRun,
        partial: input.partial,
        source_key: key,
        created_by: actor.userId,
      });
      await updateImportRow(trx, id, { encoding: facts.encoding });
      await appendAudit(trx, origin, {
        action: 'credit.import-started',
        subjectType: 'credit_import',
        subjectId: id,
        detail: {
          category: category.code,
          format: facts.format,
          sha256: input.spooled.sha256,
          sizeBytes: input.spooled.sizeBytes,
          dryRun: input.dryRun,
          partial: input.partial,
        },
      });
      return { id };
    });
  } catch (err) {
    await store.delete(key).catch(() => undefined);
    throw err;
  }
}

/** The job's work: runs a queued import from the stored file, then removes the file. Re-running is harmless. */
export async function processImport(ctx: AppContext, importId: string): Promise<ImportRow | undefined> {
  const imp = await findImportRow(ctx.db, importId);
  if (!imp || imp.source_key === null || imp.phase === 'done') return imp;
  const store = createFileStore(ctx.config);
  const key = imp.source_key;
  const actor: Actor = {
    userId: imp.created_by ?? '',
    username: 'credit-import',
    displayName: '信用信息导入',
    kind: 'officer',
    permissions: new Set(),
    departmentId: imp.department_id,
    enterpriseId: null,
    via: 'session',
    sessionId: null,
  };
  const done = await runImport(ctx, importId, {
    open: () => store.get(key),
    facts: { format: imp.format, encoding: imp.encoding },
    report: { kind: 'store', actor },
  });
  await store.delete(key);
  await updateImportRow(ctx.db, importId, { source_key: null });
  return { ...done, source_key: null };
}

export function toImportDto(r: ImportRow): ImportDto {
  return {
    id: r.id,
    categoryCode: r.category_code,
    departmentId: r.department_id,
    filename: r.filename,
    format: r.format,
    encoding: r.encoding,
    sha256: r.sha256,
    sizeBytes: Number(r.size_bytes),
    dryRun: r.dry_run,
    partial: r.partial,
    status: r.status,
    phase: r.phase,
    rowsProcessed: r.rows_processed,
    rowsTotal: r.rows_total,
    rowsOk: r.rows_ok,
    rowsFailed: r.rows_failed,
    rowsUnchanged: r.rows_unchanged,
    errorSample: Array.isArray(r.error_sample) ? (r.error_sample as ImportErrorDto[]) : [],
    errorReportUrl: r.error_file_id ? `/api/credit/imports/${r.id}/errors.xlsx` : null,
    message: r.message,
    startedAt: new Date(r.started_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

async function getVisibleImport(ctx: AppContext, actor: Actor, id: string): Promise<ImportRow> {
  const row = await findImportRow(ctx.db, id);
  const scope = recordScope(actor);
  if (!row || (scope !== 'all' && row.department_id !== scope.departmentId)) {
    throw new AppError('NOT_FOUND', '没有找到该导入批次。 Import not found.');
  }
  return row;
}

export async function getImport(ctx: AppContext, actor: Actor, id: string): Promise<ImportDto> {
  return toImportDto(await getVisibleImport(ctx, actor, id));
}

export async function listImports(
  ctx: AppContext,
  actor: Actor,
  q: ImportListQueryInput,
): Promise<ImportListDto> {
  const scope = recordScope(actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await listImportRows(ctx.db, scope === 'all' ? undefined : scope.departmentId, {
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { items: rows.map(toImportDto), total };
}

/** The error report's file id; 409 while the import runs, 404 when it had no bad rows. */
export async function getImportErrorFileId(ctx: AppContext, actor: Actor, id: string): Promise<string> {
  const row = await getVisibleImport(ctx, actor, id);
  if (row.status === 'running')
    throw new AppError('CREDIT_IMPORT_NOT_FINISHED', '导入尚未完成，错误报告还没有生成。');
  if (!row.error_file_id)
    throw new AppError('NOT_FOUND', '该批次没有错误行，没有错误报告。 No error report.');
  return row.error_file_id;
}

/**
 * Imports a local file for a department (the CLI and the benchmark): same checks and the same run as the job,
 * recorded as a `credit_import` without a user; the error report is written next to the file (`reportPath`).
 */
export async function importLocalFile(
  ctx: AppContext,
  input: {
    file: string;
    departmentId: string;
    categoryCode: string;
    dryRun: boolean;
    partial: boolean;
    reportPath: string;
    onProgress?: (p: ImportProgress) => void;
  },
): Promise<ImportRow> {
  const category = await getEnterableCategory(ctx.db, input.departmentId, input.categoryCode);
  const facts = await inspectImportFile(input.file);
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(input.file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  const sha256 = hash.digest('hex');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const importId = await insertImportRow(trx, {
      department_id: input.departmentId,
      category_code: category.code,
      filename: path.basename(input.file).slice(0, 255),
      format: facts.format,
      sha256,
      size_bytes: size,
      dry_run: input.dryRun,
      partial: input.partial,
      source_key: null,
      created_by: null,
    });
    await appendAudit(
      trx,
      { system: 'credit-import-cli' },
      {
        action: 'credit.import-started',
        subjectType: 'credit_import',
        subjectId: importId,
        detail: {
          category: category.code,
          format: facts.format,
          sha256,
          sizeBytes: size,
          dryRun: input.dryRun,
          partial: input.partial,
        },
      },
    );
    return importId;
  });
  return runImport(ctx, id, {
    open: async () => fs.createReadStream(input.file, { highWaterMark: 256 * 1024 }),
    facts,
    report: { kind: 'path', path: input.reportPath },
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
}
