import type { FastifyRequest } from 'fastify';
import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { auditOrigin, requireActor } from '../../kernel/http/actor.ts';
import {
  getPlanOverview,
  importPlan,
  listPlanImports,
  PLAN_SUPERVISE,
  planTextTooLarge,
} from './plan-import.service.ts';
import {
  ImportPlanJsonBody,
  PLAN_TEXT_MAX_BYTES,
  PlanImportListQuery,
  PlanImportListSchema,
  PlanImportResultSchema,
  PlanOverviewSchema,
  type ImportPlanJson,
} from './plan.schemas.ts';

const tags = ['action-plan'];

/** One bad multipart part; `reason` names the situation for the web's sentence, `field` the part. */
function formError(field: string, rule: string, message: string, reason: string): AppError {
  return new AppError('VALIDATION_FAILED', `/body/${field}: ${message}`, {
    params: { reason, field },
    errors: [{ field: `/body/${field}`, rule, message, params: { field } }],
  });
}

function isFileTooLarge(err: unknown): boolean {
  return (
    typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE'
  );
}

/** Multipart: exactly one `file` part (the plan text) and an optional `code` field; nothing else. */
async function readImportForm(req: FastifyRequest): Promise<{ text: Buffer; code: string | undefined }> {
  let text: Buffer | undefined;
  let code: string | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: PLAN_TEXT_MAX_BYTES, files: 2, fields: 4 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || text) {
          part.file.resume();
          throw part.fieldname !== 'file'
            ? formError(
                part.fieldname,
                'additionalProperties',
                'unexpected file field',
                'plan-unexpected-file',
              )
            : formError('file', 'maxItems', 'exactly one file per request', 'plan-one-file');
        }
        text = await part.toBuffer();
      } else if (part.fieldname === 'file') {
        throw formError('file', 'type', 'must be a file part, not a text field', 'plan-file-not-text');
      } else if (part.fieldname !== 'code') {
        throw formError(part.fieldname, 'additionalProperties', 'unexpected field', 'plan-unexpected-field');
      } else if (code !== undefined) {
        throw formError('code', 'maxItems', 'given more than once', 'plan-code-repeated');
      } else {
        code = String(part.value);
      }
    }
  } catch (err) {
    if (isFileTooLarge(err)) {
      throw planTextTooLarge(err);
    }
    throw err;
  }
  if (!text) throw formError('file', 'required', 'a file part named "file" is required', 'plan-file-missing');
  return { text, code: code === '' ? undefined : code };
}

/** JSON `{ text, code? }` (validated by the route schema) or a multipart upload. */
async function readImportRequest(
  req: FastifyRequest,
): Promise<{ text: string | Buffer; code: string | undefined }> {
  if (req.isMultipart()) return readImportForm(req);
  if (req.body !== null && typeof req.body === 'object' && req.headers['content-type']?.includes('json')) {
    const body = req.body as ImportPlanJson;
    return { text: body.text, code: body.code };
  }
  throw new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    'Send the plan text as application/json ({ "text": … }) or multipart/form-data (a "file" part).',
    { params: { reason: 'plan-import' } },
  );
}

export function planRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/action-plan',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '行动方案结构与总体进展',
        description: '现行方案（最近新建的方案）的部分、小节（含措施数）与按状态汇总的进展。',
        response: { 200: PlanOverviewSchema },
      },
    },
    async () => getPlanOverview(ctx),
  );

  app.post(
    '/api/action-plan/import',
    {
      config: { permission: PLAN_SUPERVISE },
      schema: {
        tags,
        summary: '导入或修订行动方案（解析方案全文）',
        description:
          'JSON `{ text, code? }` or multipart/form-data with a `file` part (UTF-8 text, ≤ 2 MB) and an optional ' +
          '`code` field. Without `code` the plan in force is revised; a new code creates another plan. Measures ' +
          'are matched by number and updated in place (their milestones and reports stay); measures missing from ' +
          'the text are kept and listed in `removed`. A text that is not a plan is a 400 `PLAN_TEXT_INVALID`.',
        consumes: ['application/json', 'multipart/form-data'],
        body: { content: { 'application/json': { schema: ImportPlanJsonBody } } },
        response: { 200: PlanImportResultSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { text, code } = await readImportRequest(req);
      return importPlan(ctx, { code, text, actor, origin: auditOrigin(req) });
    },
  );

  app.get(
    '/api/action-plan/imports',
    {
      config: { permission: PLAN_SUPERVISE },
      schema: {
        tags,
        summary: '方案导入记录（新→旧）',
        querystring: PlanImportListQuery,
        response: { 200: PlanImportListSchema },
      },
    },
    async (req) => listPlanImports(ctx, req.query),
  );
}
