import type { FastifyRequest } from 'fastify';
import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { auditOrigin, requireActor } from '../../kernel/http/actor.ts';
import { readIdempotencyKey, withIdempotency } from '../../kernel/http/idempotency.ts';
import { attachmentDisposition, discardSpooled, type SpooledUpload } from '../../kernel/storage.ts';
import { FileIdParams, FileSchema } from './files.schemas.ts';
import { UNATTACHED_OWNER } from './files.policy.ts';
import {
  commitUpload,
  getFile,
  isUploadPurpose,
  openFileContent,
  spoolIncoming,
  UPLOAD_PURPOSES,
  type UploadPurpose,
} from './files.service.ts';

interface UploadForm {
  spooled: SpooledUpload;
  filename: string;
  purpose: UploadPurpose;
}

/** One field violation; the English `message` doubles as the fallback detail, the web renders the rule. */
function formError(field: string, rule: string, message: string, params?: Record<string, string>): AppError {
  return new AppError('VALIDATION_FAILED', `${field}: ${message}`, {
    params: { field },
    errors: [{ field: `/body/${field}`, rule, message, ...(params ? { params } : {}) }],
  });
}

/** Reads the form: exactly one `file` part and an optional `purpose` field; nothing else. */
async function readUploadForm(ctx: AppContext, req: FastifyRequest): Promise<UploadForm> {
  if (!req.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send multipart/form-data with a "file" part.', {
      params: { reason: 'multipart' },
    });
  }
  let spooled: SpooledUpload | undefined;
  let filename = '';
  let purpose: string | undefined;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || spooled) {
          part.file.resume();
          if (part.fieldname !== 'file') {
            throw formError(part.fieldname, 'additionalProperties', 'unexpected file field');
          }
          throw formError('file', 'maxItems', 'exactly one file per request');
        }
        filename = part.filename;
        spooled = await spoolIncoming(ctx, part.file);
      } else if (part.fieldname === 'file') {
        throw formError('file', 'type', 'must be a file part, not a text field');
      } else if (part.fieldname !== 'purpose') {
        throw formError(part.fieldname, 'additionalProperties', 'unexpected field');
      } else if (purpose !== undefined) {
        throw formError('purpose', 'maxItems', 'given more than once');
      } else {
        purpose = String(part.value);
      }
    }
  } catch (err) {
    await discardSpooled(spooled);
    throw err;
  }
  if (!spooled) throw formError('file', 'required', 'a file part named "file" is required');
  const chosen = purpose ?? 'attachment';
  if (!isUploadPurpose(chosen)) {
    await discardSpooled(spooled);
    const allowed = Object.keys(UPLOAD_PURPOSES).join(', ');
    throw formError('purpose', 'enum', `must be one of ${allowed}`, {
      value: chosen,
      allowedValues: allowed,
    });
  }
  return { spooled, filename, purpose: chosen };
}

export function filesRoutes(app: HttpApp, ctx: AppContext): void {
  app.post(
    '/api/files',
    {
      config: { permission: 'file.upload' },
      schema: {
        tags: ['files'],
        summary: '上传文件（multipart/form-data：file，可选 purpose；支持 Idempotency-Key）',
        description:
          'The content type is sniffed from the bytes. purpose: attachment (default) | image | document | import. ' +
          'An Idempotency-Key header (1–128 of A–Z a–z 0–9 _ -) makes retries return the first result for 24 hours.',
        consumes: ['multipart/form-data'],
        response: { 201: FileSchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      readIdempotencyKey(req); // a malformed key fails before the upload is read
      const form = await readUploadForm(ctx, req);
      try {
        return await withIdempotency(
          ctx,
          req,
          reply,
          async () => ({
            status: 201,
            body: await commitUpload(ctx, actor, auditOrigin(req), form.spooled, {
              ownerModule: UNATTACHED_OWNER,
              ownerId: null,
              filename: form.filename,
              purpose: form.purpose,
            }),
          }),
          {
            fingerprint: {
              filename: form.filename,
              purpose: form.purpose,
              sha256: form.spooled.sha256,
              sizeBytes: form.spooled.sizeBytes,
            },
          },
        );
      } finally {
        await discardSpooled(form.spooled);
      }
    },
  );

  app.get(
    '/api/files/:id',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['files'], summary: '文件信息', params: FileIdParams, response: { 200: FileSchema } },
    },
    async (req) => getFile(ctx, requireActor(req), req.params.id),
  );

  app.get(
    '/api/files/:id/content',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['files'], summary: '下载文件内容（附件方式）', params: FileIdParams },
    },
    async (req, reply) => {
      const { file, stream } = await openFileContent(ctx, requireActor(req), req.params.id);
      return (
        reply
          .header('content-type', file.contentType)
          .header('content-length', String(file.sizeBytes))
          .header('content-disposition', attachmentDisposition(file.name))
          .header('x-content-type-options', 'nosniff')
          // Even if a browser were talked into rendering it, the response can run nothing and load nothing.
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'private, no-store')
          .send(stream)
      );
    },
  );
}
