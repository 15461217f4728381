/**
 * The one client for `/api`, typed from the generated `schema.d.ts` (openapi-fetch): paths, path and query
 * parameters, request bodies and responses all come from the server's OpenAPI document. Every non-2xx response is
 * problem+json (RFC 9457) and becomes an `ApiError`, so pages can show it in words (`components/error-alert.tsx`).
 * Pages use the hooks in `query.ts`; this file holds the plumbing plus upload and download.
 */
import createClient, { type Client, type ClientPathsWithMethod, type MaybeOptionalInit } from 'openapi-fetch';
import type { paths } from './schema.d.ts';

export interface FieldError {
  field: string;
  rule: string;
  message: string;
  /** The rule's values (`{ limit: 64 }`) for the `rules.<rule>` sentence. */
  params?: Record<string, string | number>;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  /** Values for the `errors.<code>` sentence in the dictionaries, e.g. `{ year: 2027 }`. Optional on the wire. */
  params?: Record<string, string | number>;
  /** Extension members (RFC 9457 §3.2), e.g. `lockedUntil`. */
  [extension: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly title: string;
  readonly errors: FieldError[];
  readonly params: Record<string, string | number>;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.title = problem.title;
    this.errors = problem.errors ?? [];
    this.params = problem.params ?? {};
  }
}

/** Codes the client invents itself when there is no problem+json to read. */
export const CLIENT_ERROR_CODES = {
  network: 'NETWORK_ERROR',
  badResponse: 'BAD_RESPONSE',
} as const;

type UnauthorizedListener = () => void;
let unauthorizedListener: UnauthorizedListener | undefined;

/** The session registers here; any 401 that means "not signed in" ends the session in the UI. */
export function onUnauthorized(listener: UnauthorizedListener | undefined): void {
  unauthorizedListener = listener;
}

/** 401s that are answers, not "your session is gone": wrong password at login, and the anonymous `me` probe. */
export function isSessionLoss(path: string, problem: Pick<Problem, 'status' | 'code'>): boolean {
  if (problem.status !== 401) return false;
  if (problem.code === 'INVALID_CREDENTIALS') return false;
  return !path.startsWith('/api/auth/login') && !path.startsWith('/api/auth/me');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function readFieldErrors(value: unknown): FieldError[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: FieldError[] = [];
  for (const item of value) {
    if (!isRecord(item)) continue;
    const params = readParams(item.params);
    out.push({
      field: typeof item.field === 'string' ? item.field : '',
      rule: typeof item.rule === 'string' ? item.rule : '',
      message: typeof item.message === 'string' ? item.message : '',
      ...(params ? { params } : {}),
    });
  }
  return out;
}

/** Only scalar values can fill a `{name}` placeholder; anything else in `params` is ignored. */
function readParams(value: unknown): Record<string, string | number> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string | number> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' || typeof v === 'number') out[key] = v;
  }
  return out;
}

/** A problem from whatever the server sent: tolerant of missing members and of non-JSON bodies (a proxy's HTML). */
export function toProblem(response: Pick<Response, 'status' | 'statusText'>, body: unknown): Problem {
  const b = isRecord(body) ? body : {};
  const title = typeof b.title === 'string' ? b.title : response.statusText || `HTTP ${response.status}`;
  const problem: Problem = {
    ...b,
    type: typeof b.type === 'string' ? b.type : 'about:blank',
    title,
    status: typeof b.status === 'number' ? b.status : response.status,
    detail: typeof b.detail === 'string' && b.detail !== '' ? b.detail : title,
    code: typeof b.code === 'string' ? b.code : `HTTP_${response.status}`,
    errors: readFieldErrors(b.errors),
  };
  const params = readParams(b.params);
  if (params) problem.params = params;
  else delete problem.params;
  return problem;
}

/** Turns a failed answer into an `ApiError`, telling the session first when it means "signed out". */
function failure(path: string, response: Pick<Response, 'status' | 'statusText'>, body: unknown): ApiError {
  const problem = toProblem(response, body);
  if (isSessionLoss(path, problem)) unauthorizedListener?.();
  return new ApiError(problem);
}

function networkError(cause: unknown): ApiError {
  return new ApiError({
    type: 'about:blank',
    title: 'Network error',
    status: 0,
    detail: cause instanceof Error ? cause.message : String(cause),
    code: CLIENT_ERROR_CODES.network,
  });
}

function isAbort(cause: unknown): boolean {
  return cause instanceof DOMException && cause.name === 'AbortError';
}

type QueryValue = string | number | boolean | null | undefined;

/**
 * `a=1&b=2&tag=x&tag=y`, leaving out empty values so the server applies its defaults; arrays repeat the key (the
 * OpenAPI "form, explode" style Fastify reads).
 */
export function queryString(query: Record<string, unknown> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    for (const v of values as QueryValue[]) {
      if (v === undefined || v === null || v === '') continue;
      params.append(key, String(v));
    }
  }
  return params.toString();
}

/** `/api/x/{id}` with `{ id: 'a b' }` → `/api/x/a%20b`. A missing parameter is a programming error, so it throws. */
export function fillPath(template: string, pathParams: Record<string, unknown> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = pathParams?.[name];
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string') throw new Error(`missing path parameter "${name}" for ${template}`);
    return encodeURIComponent(value);
  });
}

/** The URL a typed call goes to: path parameters filled in, query string appended. */
export function buildUrl(
  template: string,
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> },
): string {
  const path = fillPath(template, params?.path);
  const qs = queryString(params?.query);
  return qs ? `${path}?${qs}` : path;
}

const ACCEPT = 'application/json, application/problem+json';

/**
 * The typed client. Relative base URL (same origin, cookie session); queries serialised like `queryString`.
 * Use it through `apiCall` (or the hooks in `query.ts`), which turn failures into `ApiError`.
 */
export const api: Client<paths> = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  headers: { Accept: ACCEPT },
  querySerializer: (query) => queryString(query),
  // `fetch` is read at call time (not captured at import), so tests and the e2e harness can replace it.
  fetch: (request) => globalThis.fetch(request),
});

export type ApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** Every path that has `method`, e.g. `ApiPath<'get'>` includes `'/api/calendar/years/{year}'`. */
export type ApiPath<M extends ApiMethod> = ClientPathsWithMethod<typeof api, M>;
/** The second argument of a call: `{ params: { path, query }, body, headers, signal }`, as the schema requires. */
export type ApiInit<M extends ApiMethod, P extends ApiPath<M>> = MaybeOptionalInit<paths[P], M>;
/** The JSON body of the success answer (`undefined` for 204). */
export type ApiData<M extends ApiMethod, P extends ApiPath<M>> = paths[P][M] extends { responses: infer R }
  ? {
      [S in keyof R]: S extends 200 | 201 | 202
        ? R[S] extends { content: { 'application/json': infer T } }
          ? T
          : undefined
        : S extends 204
          ? undefined
          : never;
    }[keyof R]
  : never;

/** `[init]` when the operation requires something (a path parameter, a body), `[init?]` otherwise. */
export type InitArgs<M extends ApiMethod, P extends ApiPath<M>> =
  undefined extends ApiInit<M, P> ? [init?: ApiInit<M, P>] : [init: ApiInit<M, P>];

interface UntypedInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}
type UntypedRequest = (
  method: ApiMethod,
  path: string,
  init?: UntypedInit,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Calls the API and returns the success body, or throws `ApiError` (problem+json, or NETWORK_ERROR). Aborts are
 * rethrown as they are so a cancelled query is not shown as an error.
 */
export async function apiCall<M extends ApiMethod, P extends ApiPath<M>>(
  method: M,
  path: P,
  ...[init]: InitArgs<M, P>
): Promise<ApiData<M, P>> {
  // openapi-fetch types each call from literal arguments; with a generic path the checks above already hold, so
  // the request is made through its untyped signature here, in this one place.
  const request = api.request as unknown as UntypedRequest;
  let result: Awaited<ReturnType<UntypedRequest>>;
  try {
    result = await request(method, path, init as UntypedInit | undefined);
  } catch (cause) {
    if (isAbort(cause)) throw cause;
    throw networkError(cause);
  }
  if (!result.response.ok) throw failure(path, result.response, result.error);
  return result.data as ApiData<M, P>;
}

/**
 * A key for the `Idempotency-Key` header: a UUID. `crypto.randomUUID` exists only in secure contexts, and an intranet
 * deployment may be served over plain http, so fall back to a v4 UUID built from `getRandomValues`.
 * Make one per attempt of a form (keep it while the body is unchanged), not per click, so a double click or a retry
 * after a lost answer is done once.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function parseText(text: string, contentType: string | null): unknown {
  if (!text) return undefined;
  if (!(contentType ?? '').includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export interface UploadOptions {
  /** Multipart field name of the file part; `file` for every upload endpoint of this API. */
  field?: string;
  /** Other text fields of the form. */
  fields?: Record<string, string>;
  headers?: Record<string, string>;
  /** Percent of the request body sent so far (0–100). */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/**
 * POSTs a file as multipart/form-data to a URL. XMLHttpRequest rather than fetch because only it reports upload
 * progress; errors become the same `ApiError` as every other call (e.g. 415 with the server's detail).
 */
function xhrUpload(url: string, file: Blob, options: UploadOptions): Promise<unknown> {
  const form = new FormData();
  for (const [key, value] of Object.entries(options.fields ?? {})) form.append(key, value);
  form.append(options.field ?? 'file', file, file instanceof File ? file.name : 'upload');
  return new Promise<unknown>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', ACCEPT);
    for (const [key, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(key, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.((event.loaded / event.total) * 100);
    };
    xhr.onload = () => {
      const parsed = parseText(xhr.responseText, xhr.getResponseHeader('content-type'));
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed);
      else reject(failure(url, { status: xhr.status, statusText: xhr.statusText }, parsed));
    };
    xhr.onerror = () => reject(networkError(new Error('upload failed')));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

type PathParams<M extends ApiMethod, P extends ApiPath<M>> = paths[P][M] extends {
  parameters: { path: infer X };
}
  ? [X] extends [undefined]
    ? { params?: undefined }
    : { params: { path: X } }
  : { params?: undefined };

/**
 * Uploads a file to a typed POST endpoint with progress, e.g.
 * `uploadFile('/api/action-plan/measures/{no}/evidence', file, { params: { path: { no } }, onProgress })`.
 */
export async function uploadFile<P extends ApiPath<'post'>>(
  path: P,
  file: Blob,
  options: UploadOptions & PathParams<'post', P>,
): Promise<ApiData<'post', P>> {
  const params = options.params as { path?: Record<string, unknown> } | undefined;
  return (await xhrUpload(buildUrl(path, params), file, options)) as ApiData<'post', P>;
}

/** The file name a `Content-Disposition` header offers (RFC 6266 `filename*` first), if any. */
export function dispositionFileName(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // Fall through to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim();
}

async function downloadUrl(url: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (cause) {
    throw networkError(cause);
  }
  if (!response.ok) {
    throw failure(url, response, parseText(await response.text(), response.headers.get('content-type')));
  }
  const blob = await response.blob();
  const name = dispositionFileName(response.headers.get('content-disposition')) ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the object URL goes away.
  window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * Downloads a generated file (an export) from a typed GET endpoint and hands it to the browser, named by the
 * server's `Content-Disposition` (else `fallbackName`). Fetched first rather than linked, so a refusal or a server
 * error is shown on the page instead of replacing it with problem+json.
 */
export function downloadFile<P extends ApiPath<'get'>>(
  path: P,
  init: { params?: { path?: Record<string, unknown>; query?: Record<string, unknown> } } & NonNullable<
    ApiInit<'get', P>
  >,
  fallbackName: string,
): Promise<void> {
  return downloadUrl(buildUrl(path, init.params), fallbackName);
}
