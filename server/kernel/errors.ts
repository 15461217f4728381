/**
 * Typed application errors. Each module declares its codes in `*.errors.ts` with `defineErrors` (pure: nothing is
 * registered at import time) and lists the catalogue in its manifest; the app factory builds one `ErrorRegistry`
 * from all manifests and refuses to start on a code declared twice. The same file augments `ErrorCatalogues`, so
 * `ErrorCode` is the union of every declared code and a misspelt code does not compile. The HTTP layer renders
 * errors as RFC 9457 problem+json and `docs/errors.md` documents each code (a test checks both ways).
 */
export interface ErrorCodeSpec {
  status: number;
  title: string;
}

/** Where `defineErrors` keeps the specs: a symbol, so the catalogue's own keys stay exactly the codes. */
export const ERROR_SPECS: unique symbol = Symbol('error specs');

export type ErrorCatalogue<T extends Record<string, ErrorCodeSpec> = Record<string, ErrorCodeSpec>> = {
  readonly [K in keyof T]: K;
} & { readonly [ERROR_SPECS]: T };

/**
 * Every module's error catalogue, by a name unique to its `*.errors.ts`. Modules add theirs by declaration merging:
 * `declare module '../../kernel/errors.ts' { interface ErrorCatalogues { calendar: typeof CalendarErrors } }`.
 */
export interface ErrorCatalogues {
  kernel: typeof KernelErrors;
}

/** The union of every declared error code. */
export type ErrorCode = {
  [M in keyof ErrorCatalogues]: Extract<keyof ErrorCatalogues[M], string>;
}[keyof ErrorCatalogues];

/** Declares a module's codes; returns code constants (`CalendarErrors.X === 'X'`) carrying the specs. */
export function defineErrors<const T extends Record<string, ErrorCodeSpec>>(codes: T): ErrorCatalogue<T> {
  const out: Record<string | symbol, unknown> = { [ERROR_SPECS]: codes };
  for (const code of Object.keys(codes)) out[code] = code;
  return out as ErrorCatalogue<T>;
}

/** The codes of every manifest, built once by the app factory. */
export class ErrorRegistry {
  readonly #specs = new Map<string, ErrorCodeSpec>();

  constructor(catalogues: readonly ErrorCatalogue[]) {
    for (const catalogue of catalogues) {
      for (const [code, spec] of Object.entries(catalogue[ERROR_SPECS])) {
        if (this.#specs.has(code)) throw new Error(`error code ${code} is declared twice`);
        this.#specs.set(code, spec);
      }
    }
  }

  spec(code: string): ErrorCodeSpec | undefined {
    return this.#specs.get(code);
  }

  codes(): ReadonlyMap<string, ErrorCodeSpec> {
    return this.#specs;
  }
}

/**
 * Values a message is built from, sent as problem `params`; the web renders `errors.<CODE>` from its dictionary
 * with `{name}` placeholders filled from them. Plain values only, so every language can format them.
 */
export type ErrorParamValue = string | number | boolean | null | readonly (string | number)[];
export type ErrorParams = Readonly<Record<string, ErrorParamValue>>;

export interface FieldViolation {
  /** JSON pointer-ish path of the offending field, e.g. `/body/username` or `row 12: uscc`. */
  field: string;
  /** Machine name of the rule (`required`, `maxLength`, `unique`, …); the web renders `rules.<rule>`. */
  rule: string;
  /** Fallback text (English for codes converted to params). */
  message: string;
  /** Values for the rule's message, e.g. `{ limit: 64 }` for `maxLength`. */
  params?: ErrorParams;
}

export interface AppErrorOptions {
  params?: ErrorParams;
  errors?: FieldViolation[];
  /** Further problem members the client acts on (e.g. `lockedUntil`), documented with the code. */
  extra?: Record<string, unknown>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  /** English fallback; the web shows its own `errors.<CODE>` text with `params` when it has one. */
  readonly detail: string;
  readonly params: ErrorParams | undefined;
  readonly errors: FieldViolation[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, detail: string, options: AppErrorOptions = {}) {
    super(detail, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.params = options.params;
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
