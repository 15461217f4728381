/**
 * Typed application errors. Every code is registered with its HTTP status and a one-line description; the HTTP
 * layer renders them as RFC 9457 problem+json and `docs/errors.md` documents each (a test checks both ways).
 */
export interface ErrorCodeSpec {
  status: number;
  title: string;
}

const registry = new Map<string, ErrorCodeSpec>();

/** Registers codes once per module (`*.errors.ts`); returns the same object for `as const` typing of codes. */
export function defineErrors<T extends Record<string, ErrorCodeSpec>>(codes: T): { [K in keyof T]: K } {
  const out: Record<string, string> = {};
  for (const [code, spec] of Object.entries(codes)) {
    const existing = registry.get(code);
    if (existing && (existing.status !== spec.status || existing.title !== spec.title)) {
      throw new Error(`error code ${code} registered twice with different specs`);
    }
    registry.set(code, spec);
    out[code] = code;
  }
  return out as { [K in keyof T]: K };
}

export function errorSpec(code: string): ErrorCodeSpec | undefined {
  return registry.get(code);
}

export function registeredErrorCodes(): ReadonlyMap<string, ErrorCodeSpec> {
  return registry;
}

export interface FieldViolation {
  /** JSON pointer-ish path of the offending field, e.g. `/body/username` or `row 12: uscc`. */
  field: string;
  rule: string;
  message: string;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly detail: string;
  readonly errors: FieldViolation[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: string,
    detail: string,
    options: { errors?: FieldViolation[]; extra?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    const spec = registry.get(code);
    if (!spec) throw new Error(`unregistered error code ${code}`);
    super(detail, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.detail = detail;
    this.errors = options.errors;
    this.extra = options.extra;
  }
}

/** Codes owned by the kernel itself. */
export const KernelErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, title: 'Request validation failed' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'Permission denied' },
  NOT_FOUND: { status: 404, title: 'Resource not found' },
  CONFLICT: { status: 409, title: 'Conflicting state' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency key reused with a different request' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal server error' },
  CALENDAR_YEAR_NOT_LOADED: { status: 422, title: 'No working-day schedule is loaded for that year' },
});
