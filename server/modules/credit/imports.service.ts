/**
 * Credit import use cases behind the routes, the job and the CLI: start an import (file checked, stored, row
 * recorded and its job sent in one transaction), process it (import-run.service.ts), read it, and end stale ones.
 * How a file is read: import-file.ts; how an import runs: import-run.service.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { appendAudit, systemOrigin, type AuditOrigin } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { systemActor, type Actor, type SystemActor } from '../../kernel/policy.ts';
import { createFileStore, newStorageKey, type SpooledUpload } from '../../kernel/storage.ts';
import type { FileAccessCheck } from '../files/index.ts';
import {
  failStaleImports,
  findImportRow,
  insertImportRow,
  listImportRows,
  updateImportRow,
  type ImportRow,
} from './records.repository.ts';
import type { ImportDto, ImportErrorDto, ImportListDto, ImportListQueryInput } from './records.schemas.ts';
import { creditSettings, getEnterableCategory, recordScope } from './records.service.ts';
import { importFileJob } from './credit.jobs.ts';
import { inspectImportFile } from './import-file.ts';
import {
  runImport,
  type HoldRows,
  type ImportProgress,
  type RunImportOptions,
} from './import-run.service.ts';

// The CLI's and the benchmark's options of importLocalFile.
export type { HoldRows, ImportProgress };

export const OWNER_MODULE = 'credit';

// The error report belongs to the import: whoever may see the import may download it.
export const importReportAccess: FileAccessCheck = async (actor, ownerId, db) => {
  const row = await findImportRow(db, ownerId);
  if (!row) return false;
  if (actor.kind === 'officer') return actor.departmentId === row.department_id;
  return actor.permissions.has('credit.read');
};

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
    const limitBytes = creditSettings().importMaxBytes;
    throw new AppError('PAYLOAD_TOO_LARGE', `The import file exceeds ${limitBytes} bytes.`, {
      params: { reason: 'credit-import', limitBytes },
    });
  }
  const facts = await inspectImportFile(input.spooled.path);
  const store = createFileStore(ctx.config);
  const key = newStorageKey();
  await store.put(key, fs.createReadStream(input.spooled.path));
  try {
    // The job is sent in the transaction that records the import: no "running" import without its job.
    await ctx.jobs.ready();
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
      await ctx.jobs.sendWith(trx, importFileJob(ctx), { importId: id });
      return { id };
    });
  } catch (err) {
    await store.delete(key).catch(() => undefined);
    throw err;
  }
}

/**
 * The job's work: runs a queued import from the stored file, then removes the file. Re-running is harmless. The run
 * acts as the job's system actor (`actor`) in the audit; the records and the error report stay the department's
 * and the starting officer's (`created_by`, the report's uploader).
 */
export async function processImport(
  ctx: AppContext,
  importId: string,
  actor: SystemActor,
): Promise<ImportRow | undefined> {
  const imp = await findImportRow(ctx.db, importId);
  // A swept import ('failed' before it ran) stays failed: its job came too late.
  if (!imp || imp.source_key === null || imp.phase === 'done' || imp.status === 'failed') return imp;
  const store = createFileStore(ctx.config);
  const key = imp.source_key;
  // The error report is the starting officer's file (`uploaded_by`); the job stores it under its own origin.
  const uploader = { userId: imp.created_by ?? '' };
  const done = await runImport(ctx, importId, {
    open: () => store.get(key),
    facts: { format: imp.format, encoding: imp.encoding },
    origin: systemOrigin(actor),
    report: { kind: 'store', uploader },
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
    throw new AppError('NOT_FOUND', `No such import: ${id}`, { params: { reason: 'credit-import', id } });
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
    throw new AppError(
      'CREDIT_IMPORT_NOT_FINISHED',
      'The import is still running; its error report is not ready.',
      {
        params: { id },
      },
    );
  if (!row.error_file_id)
    throw new AppError('NOT_FOUND', `Import ${id} had no bad rows, so it has no error report.`, {
      params: { reason: 'credit-import-report', id },
    });
  return row.error_file_id;
}

/** A local import (CLI, benchmark) is the platform acting, recorded as `system:credit-import-cli`. */
const IMPORT_CLI_ACTOR = systemActor('credit-import-cli');

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
    holdRows?: HoldRows;
    keyChecks?: RunImportOptions['keyChecks'];
    validateIn?: RunImportOptions['validateIn'];
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
    await appendAudit(trx, systemOrigin(IMPORT_CLI_ACTOR), {
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
    });
    return importId;
  });
  return runImport(ctx, id, {
    open: async () => fs.createReadStream(input.file, { highWaterMark: 256 * 1024 }),
    facts,
    origin: systemOrigin(IMPORT_CLI_ACTOR),
    report: { kind: 'path', path: input.reportPath },
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    ...(input.holdRows ? { holdRows: input.holdRows } : {}),
    ...(input.keyChecks ? { keyChecks: input.keyChecks } : {}),
    ...(input.validateIn ? { validateIn: input.validateIn } : {}),
  });
}

/** What a swept import says: its job stopped reporting progress (process killed, job lost). */
export const STALE_IMPORT_MESSAGE =
  '导入中断：长时间没有进展，已停止。请重新导入该文件（已写入的行会计为未变）。';

/** Ends imports left running without progress for `importStaleMinutes` (the sweeper job); returns how many. */
export async function sweepStaleImports(ctx: AppContext): Promise<number> {
  const swept = await failStaleImports(ctx.db, creditSettings().importStaleMinutes, STALE_IMPORT_MESSAGE);
  if (swept.length === 0) return 0;
  ctx.logger.warn({ importIds: swept.map((r) => r.id) }, 'stale credit imports ended as failed');
  // Their uploaded files are no longer needed: no job will read them.
  const store = createFileStore(ctx.config);
  for (const r of swept) {
    if (r.source_key === null) continue;
    await store.delete(r.source_key).catch(() => undefined);
    await updateImportRow(ctx.db, r.id, { source_key: null });
  }
  return swept.length;
}
