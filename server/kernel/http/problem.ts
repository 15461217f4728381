/**
 * RFC 9457 problem+json for every error. Validation failures name the field and the rule; 5xx answers say only
 * that something failed and carry the request id, never a stack, SQL or driver message.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorParams, type ErrorRegistry, type FieldViolation } from '../errors.ts';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  /** The values the message is built from; the web renders `errors.<code>` with them, `detail` is the fallback. */
  params?: ErrorParams;
  instance?: string;
  requestId?: string;
  errors?: FieldViolation[];
  [extra: string]: unknown;
}

const TYPE_BASE = '/docs/errors#';

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Ajv's keyword parameters that are plain values (limit, format, allowedValues…), for the web's rule messages. */
function ruleParams(params: Record<string, unknown> | undefined): ErrorParams | undefined {
  const out: Record<string, ErrorParams[string]> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) out[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) {
      out[k] = v;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function violationsFromAjv(context: string | undefined, validation: AjvError[]): FieldViolation[] {
  return validation.map((v) => {
    let field = `/${context ?? 'body'}${v.instancePath ?? ''}`;
    if (v.keyword === 'required' && typeof v.params?.missingProperty === 'string') {
      field = `${field}/${v.params.missingProperty}`;
    }
    if (v.keyword === 'additionalProperties' && typeof v.params?.additionalProperty === 'string') {
      field = `${field}/${v.params.additionalProperty}`;
    }
    const params = ruleParams(v.params);
    return {
      field,
      rule: v.keyword ?? 'invalid',
      message: v.message ?? 'is invalid',
      ...(params ? { params } : {}),
    };
  });
}

export function problemFromError(
  error: unknown,
  req: FastifyRequest,
  registry: ErrorRegistry,
): { status: number; body: ProblemBody; log: 'none' | 'warn' | 'error' } {
  const base = { instance: req.url.split('?')[0] ?? req.url, requestId: String(req.id) };
  // A code no manifest declares is a programming error: answered as a 500 below, and logged.
  const spec = error instanceof AppError ? registry.spec(error.code) : undefined;
  if (error instanceof AppError && spec) {
    return {
      status: spec.status,
      log: spec.status >= 500 ? 'error' : 'none',
      body: {
        type: `${TYPE_BASE}${error.code}`,
        title: spec.title,
        status: spec.status,
        detail: error.detail,
        code: error.code,
        ...(error.params ? { params: error.params } : {}),
        ...base,
        ...(error.errors ? { errors: error.errors } : {}),
        ...(error.extra ?? {}),
      },
    };
  }
  const fe = error as Partial<FastifyError> & { validation?: AjvError[]; validationContext?: string };
  if (fe && Array.isArray(fe.validation)) {
    const errors = violationsFromAjv(fe.validationContext, fe.validation);
    return {
      status: 400,
      log: 'none',
      body: {
        type: `${TYPE_BASE}VALIDATION_FAILED`,
        title: 'Request validation failed',
        status: 400,
        detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        code: 'VALIDATION_FAILED',
        ...base,
        errors,
      },
    };
  }
  // Malformed calendar dates and similar argument errors from pure kernels.
  if (error instanceof RangeError) {
    return {
      status: 400,
      log: 'none',
      body: {
        type: `${TYPE_BASE}VALIDATION_FAILED`,
        title: 'Request validation failed',
        status: 400,
        detail: error.message,
        code: 'VALIDATION_FAILED',
        ...base,
      },
    };
  }
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code =
      status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : status === 415
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : status === 404
            ? 'NOT_FOUND'
            : status === 429
              ? 'RATE_LIMITED'
              : 'VALIDATION_FAILED';
    return {
      status,
      log: 'none',
      body: {
        type: `${TYPE_BASE}${code}`,
        title: registry.spec(code)?.title ?? 'Bad request',
        status,
        // Fastify's own 4xx messages (bad JSON, wrong content type, body too large) are safe to show.
        detail: typeof fe.message === 'string' ? fe.message : 'Bad request',
        code,
        ...base,
      },
    };
  }
  return {
    status: 500,
    log: 'error',
    body: {
      type: `${TYPE_BASE}INTERNAL`,
      title: 'Internal server error',
      status: 500,
      detail: `Internal error; quote request id ${String(req.id)}.`,
      code: 'INTERNAL',
      params: { requestId: String(req.id) },
      ...base,
    },
  };
}

export function sendProblem(reply: FastifyReply, status: number, body: ProblemBody): FastifyReply {
  return reply.code(status).type('application/problem+json; charset=utf-8').send(body);
}
