/**
 * A small typed fetch client for `/api`. Every non-2xx response is problem+json (RFC 9457) and becomes an `ApiError`
 * so pages can show the server's `detail` and field errors in words.
 */

export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  /** Extension members (RFC 9457 §3.2), e.g. `lockedUntil`. */
  [extension: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly title: string;
  readonly errors: FieldError[];
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
  }
}

/** Codes the client invents itself when there is no problem+json to read. */
export const CLIENT_ERROR_CODES = {
  network: 'NETWORK_ERROR',
  badResponse: 'BAD_RESPONSE',
} as const;

export type HttpMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type UnauthorizedListener = () => void;
let unauthorizedListener: UnauthorizedListener | undefined;

/** The session registers here; any 401 that means "not signed in" ends the session in the UI. */
export function onUnauthorized(listener: UnauthorizedListener | undefined): void {
  unauthorizedListener = listener;
}

/** 401s that are answers, not "your session is gone": wrong password at login, and the anonymous `me` probe. */
function isSessionLoss(path: string, problem: Problem): boolean {
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
    out.push({
      field: typeof item.field === 'string' ? item.field : '',
      rule: typeof item.rule === 'string' ? item.rule : '',
      message: typeof item.message === 'string' ? item.message : '',
    });
  }
  return out;
}

function toProblem(response: Response, body: unknown): Problem {
  const b = isRecord(body) ? body : {};
  const title = typeof b.title === 'string' ? b.title : response.statusText || `HTTP ${response.status}`;
  const errors = readFieldErrors(b.errors);
  return {
    ...b,
    type: typeof b.type === 'string' ? b.type : 'about:blank',
    title,
    status: typeof b.status === 'number' ? b.status : response.status,
    detail: typeof b.detail === 'string' && b.detail !== '' ? b.detail : title,
    code: typeof b.code === 'string' ? b.code : `HTTP_${response.status}`,
    errors,
  };
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function request<T>(
  method: 'GET' | HttpMethod,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  extraHeaders?: Record<string, string>,
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    ...extraHeaders,
  };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (signal) init.signal = signal;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: cause instanceof Error ? cause.message : String(cause),
      code: CLIENT_ERROR_CODES.network,
    });
  }
  const parsed = await readBody(response);
  if (!response.ok) {
    const problem = toProblem(response, parsed);
    if (isSessionLoss(path, problem)) unauthorizedListener?.();
    throw new ApiError(problem);
  }
  return parsed as T;
}

export function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>('GET', path, undefined, signal);
}

export interface SendOptions {
  /** E.g. `Idempotency-Key`, so a retried or double-clicked POST is done once. */
  headers?: Record<string, string>;
}

export function apiSend<T>(
  method: HttpMethod,
  path: string,
  body?: unknown,
  options?: SendOptions,
): Promise<T> {
  return request<T>(method, path, body, undefined, options?.headers);
}

/**
 * A key for the `Idempotency-Key` header: a UUID. `crypto.randomUUID` exists only in secure contexts, and an intranet
 * deployment may be served over plain http, so fall back to a v4 UUID built from `getRandomValues`.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function parseXhrBody(xhr: XMLHttpRequest): unknown {
  const text = xhr.responseText;
  if (!text) return undefined;
  if (!(xhr.getResponseHeader('content-type') ?? '').includes('json')) return text;
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
 * POSTs a file as multipart/form-data. XMLHttpRequest rather than fetch because only it reports upload progress;
 * errors become the same `ApiError` as every other call (e.g. 415 with the server's detail).
 */
export function apiUpload<T>(path: string, file: Blob, options: UploadOptions = {}): Promise<T> {
  const form = new FormData();
  for (const [key, value] of Object.entries(options.fields ?? {})) form.append(key, value);
  form.append(options.field ?? 'file', file, file instanceof File ? file.name : 'upload');
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    for (const [key, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(key, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.((event.loaded / event.total) * 100);
    };
    xhr.onload = () => {
      const parsed = parseXhrBody(xhr);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(parsed as T);
        return;
      }
      const response = new Response(null, { status: xhr.status, statusText: xhr.statusText });
      const problem = toProblem(response, parsed);
      if (isSessionLoss(path, problem)) unauthorizedListener?.();
      reject(new ApiError(problem));
    };
    xhr.onerror = () =>
      reject(
        new ApiError({
          type: 'about:blank',
          title: 'Network error',
          status: 0,
          detail: 'upload failed',
          code: CLIENT_ERROR_CODES.network,
        }),
      );
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
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

/**
 * Downloads a generated file (an export) and hands it to the browser as a download. Fetched first rather than
 * linked, so a refusal or a server error is shown on the page instead of replacing it with problem+json.
 */
export async function apiDownload(path: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: cause instanceof Error ? cause.message : String(cause),
      code: CLIENT_ERROR_CODES.network,
    });
  }
  if (!response.ok) {
    const problem = toProblem(response, await readBody(response));
    if (isSessionLoss(path, problem)) unauthorizedListener?.();
    throw new ApiError(problem);
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

/** Builds `path?a=1&b=2`, leaving out empty values so the server applies its defaults. */
export function withQuery(
  path: string,
  query: Record<string, string | number | boolean | null | undefined>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
