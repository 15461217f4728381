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
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
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

export function apiSend<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
  return request<T>(method, path, body);
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
