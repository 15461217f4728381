import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { auditOrigin, requireActor } from '../../kernel/http/actor.ts';
import { withIdempotency } from '../../kernel/http/idempotency.ts';
import { discardSpooled, spoolUpload, type SpooledUpload } from '../../kernel/storage.ts';
import { getImport, getImportErrorFileId, listImports, startImport } from './imports.service.ts';
import { ImportIdParams, ImportListQuery, ImportListSchema, ImportSchema } from './records.schemas.ts';

const tags = ['credit'];

interface ImportForm {
  spooled: SpooledUpload;
  filename: string;
  categoryCode: string;
  dryRun: boolean;
  partial: boolean;
}

function formError(field: string, rule: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field}: ${message}`, {
    params: { field },
    errors: [{ field: `/body/${field}`, rule, message }],
  });
}

function flag(value: string, field: string): boolean {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0' || value === '') return false;
  throw formError(field, 'type', 'must be true or false');
}

/** multipart/form-data: `file` (CSV or XLSX), `categoryCode`, optional `dryRun`, `partial`. */
async function readImportForm(ctx: AppContext, req: FastifyRequest): Promise<ImportForm> {
  if (!req.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send multipart/form-data with the file in a "file" part.', {
      params: { reason: 'multipart' },
    });
  }
  let spooled: SpooledUpload | undefined;
  let filename = '';
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || spooled) {
          part.file.resume();
          throw formError(part.fieldname, 'maxItems', 'exactly one file, in the "file" field');
        }
        filename = part.filename;
        spooled = await spoolUpload(part.file, {
          tmpDir: path.join(ctx.config.filesDir, '.tmp'),
          maxBytes: ctx.config.uploadMaxBytes,
        });
      } else if (['categoryCode', 'dryRun', 'partial'].includes(part.fieldname)) {
        fields[part.fieldname] = String(part.value);
      } else {
        throw formError(part.fieldname, 'additionalProperties', 'unexpected field');
      }
    }
    if (!spooled) throw formError('file', 'required', 'a CSV or XLSX file is required');
    const categoryCode = fields.categoryCode ?? '';
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(categoryCode))
      throw formError('categoryCode', 'pattern', 'a category code is required');
    return {
      spooled,
      filename,
      categoryCode,
      dryRun: flag(fields.dryRun ?? '', 'dryRun'),
      partial: flag(fields.partial ?? '', 'partial'),
    };
  } catch (err) {
    await discardSpooled(spooled);
    throw err;
  }
}

export function importsRoutes(app: HttpApp, ctx: AppContext): void {
  app.post(
    '/api/credit/imports',
    {
      config: { permission: 'credit.enter' },
      schema: {
        tags,
        summary:
          '批量导入信用信息（CSV/XLSX；multipart：file、categoryCode、dryRun、partial；支持 Idempotency-Key）',
        description:
          '返回 202 和导入批次；导入在后台进行，进度和结果用 GET /api/credit/imports/{id} 查询。' +
          'partial=false（默认）时任一行有错即不写入；dryRun=true 只校验。',
        consumes: ['multipart/form-data'],
        response: { 202: ImportSchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const form = await readImportForm(ctx, req);
      try {
        return await withIdempotency(
          ctx,
          req,
          reply,
          async () => {
            const { id } = await startImport(ctx, actor, form, auditOrigin(req));
            return { status: 202, body: await getImport(ctx, actor, id) };
          },
          {
            fingerprint: {
              sha256: form.spooled.sha256,
              size: form.spooled.sizeBytes,
              name: form.filename,
              categoryCode: form.categoryCode,
              dryRun: form.dryRun,
              partial: form.partial,
            },
          },
        );
      } finally {
        await discardSpooled(form.spooled);
      }
    },
  );

  app.get(
    '/api/credit/imports',
    {
      config: { permission: 'credit.read' },
      schema: {
        tags,
        summary: '导入批次列表（部门只看本部门）',
        querystring: ImportListQuery,
        response: { 200: ImportListSchema },
      },
    },
    async (req) => listImports(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/credit/imports/:id',
    {
      config: { permission: 'credit.read' },
      schema: {
        tags,
        summary: '导入批次（进度、计数、前 100 条错误）',
        params: ImportIdParams,
        response: { 200: ImportSchema },
      },
    },
    async (req) => getImport(ctx, requireActor(req), req.params.id),
  );

  app.get(
    '/api/credit/imports/:id/errors.xlsx',
    {
      config: { permission: 'credit.read' },
      schema: {
        tags,
        summary: '下载错误报告（303 转到文件下载地址）',
        description: '错误报告为 XLSX：原文件各列 + “错误”列 + “原行号”列，只含未通过校验的行。',
        params: ImportIdParams,
      },
    },
    async (req, reply) => {
      const fileId = await getImportErrorFileId(ctx, requireActor(req), req.params.id);
      return reply.redirect(`/api/files/${fileId}/content`, 303);
    },
  );
}
