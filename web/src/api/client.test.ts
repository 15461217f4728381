import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  apiCall,
  ApiError,
  buildUrl,
  CLIENT_ERROR_CODES,
  dispositionFileName,
  fillPath,
  isSessionLoss,
  newIdempotencyKey,
  onUnauthorized,
  queryString,
  toProblem,
} from './client.ts';
import { matchesPrefix } from './query.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function problemResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  onUnauthorized(undefined);
});

describe('toProblem', () => {
  it('keeps the problem members, extensions and scalar params', () => {
    const p = toProblem(
      { status: 422, statusText: 'Unprocessable' },
      {
        title: 'No schedule',
        status: 422,
        detail: '未载入 / not loaded',
        code: 'CALENDAR_YEAR_NOT_LOADED',
        year: 2031,
        params: { year: 2031, nested: { no: 1 } },
        errors: [{ field: '/body/x', rule: 'required', message: 'm' }, 'junk'],
      },
    );
    expect(p).toMatchObject({
      code: 'CALENDAR_YEAR_NOT_LOADED',
      status: 422,
      year: 2031,
      detail: '未载入 / not loaded',
    });
    expect(p.params).toEqual({ year: 2031 });
    expect(p.errors).toEqual([{ field: '/body/x', rule: 'required', message: 'm' }]);
  });

  it('fills the gaps when the body is not problem+json (a proxy page)', () => {
    const p = toProblem({ status: 502, statusText: 'Bad Gateway' }, '<html>');
    expect(p).toMatchObject({
      type: 'about:blank',
      title: 'Bad Gateway',
      detail: 'Bad Gateway',
      code: 'HTTP_502',
    });
    expect(p.params).toBeUndefined();
    const e = new ApiError(p);
    expect(e.message).toBe('Bad Gateway');
    expect(e.errors).toEqual([]);
    expect(e.params).toEqual({});
  });
});

describe('isSessionLoss', () => {
  it('a 401 ends the session, except a wrong password and the anonymous probes', () => {
    expect(isSessionLoss('/api/enterprises', { status: 401, code: 'UNAUTHENTICATED' })).toBe(true);
    expect(isSessionLoss('/api/me/password', { status: 401, code: 'INVALID_CREDENTIALS' })).toBe(false);
    expect(isSessionLoss('/api/auth/login', { status: 401, code: 'UNAUTHENTICATED' })).toBe(false);
    expect(isSessionLoss('/api/auth/me', { status: 401, code: 'UNAUTHENTICATED' })).toBe(false);
    expect(isSessionLoss('/api/enterprises', { status: 403, code: 'FORBIDDEN' })).toBe(false);
  });
});

describe('query strings and paths', () => {
  it('leaves out empty values and repeats array keys', () => {
    expect(queryString({ page: 2, q: '', x: null, y: undefined, on: false, tag: ['a', 'b c'] })).toBe(
      'page=2&on=false&tag=a&tag=b+c',
    );
    expect(queryString({ q: '' })).toBe('');
    expect(queryString({ q: '合同' })).toBe('q=%E5%90%88%E5%90%8C');
  });

  it('fills path parameters encoded, and refuses a missing one', () => {
    expect(fillPath('/api/x/{id}/y/{no}', { id: 'a/b', no: 3 })).toBe('/api/x/a%2Fb/y/3');
    expect(() => fillPath('/api/x/{id}', {})).toThrow(/id/);
    expect(buildUrl('/api/x/{id}', { path: { id: 1 }, query: { a: 1 } })).toBe('/api/x/1?a=1');
  });

  it('invalidates by whole path segments', () => {
    expect(matchesPrefix('/api/calendar/years/{year}', '/api/calendar')).toBe(true);
    expect(matchesPrefix('/api/calendar', '/api/calendar')).toBe(true);
    expect(matchesPrefix('/api/calendars', '/api/calendar')).toBe(false);
  });
});

describe('newIdempotencyKey', () => {
  it('is a v4 UUID, also without crypto.randomUUID (plain-http intranet)', () => {
    expect(newIdempotencyKey()).toMatch(UUID);
    vi.stubGlobal('isSecureContext', false);
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
    for (const k of keys) expect(k).toMatch(UUID);
  });
});

describe('dispositionFileName', () => {
  it('prefers filename* (RFC 6266), then filename', () => {
    expect(
      dispositionFileName(`attachment; filename="plan.xlsx"; filename*=UTF-8''%E8%A1%8C%E5%8A%A8.xlsx`),
    ).toBe('行动.xlsx');
    expect(dispositionFileName('attachment; filename="plan.xlsx"')).toBe('plan.xlsx');
    expect(dispositionFileName(`attachment; filename*=UTF-8''%E0%A4%A; filename=x.csv`)).toBe('x.csv');
    expect(dispositionFileName(null)).toBeUndefined();
  });
});

describe('apiCall', () => {
  it('sends typed parameters and returns the body', async () => {
    const fetch = vi.fn((request: Request) => {
      expect(request.url).toBe('http://localhost:5173/api/calendar/add-workdays?from=2024-09-27&days=5');
      return Promise.resolve(Response.json({ from: '2024-09-27', days: 5, date: '2024-10-10' }));
    });
    vi.stubGlobal('fetch', fetch);
    const r = await apiCall('get', '/api/calendar/add-workdays', {
      params: { query: { from: '2024-09-27', days: 5 } },
    });
    expect(r.date).toBe('2024-10-10');
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('turns problem+json into ApiError and tells the session about a lost session', async () => {
    const lost = vi.fn();
    onUnauthorized(lost);
    vi.stubGlobal('fetch', () =>
      Promise.resolve(
        problemResponse(401, { title: 'Auth', status: 401, detail: 'd', code: 'UNAUTHENTICATED' }),
      ),
    );
    const error = await apiCall('get', '/api/notifications/unread-count').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('UNAUTHENTICATED');
    expect(lost).toHaveBeenCalledOnce();
  });

  it('a failed connection is NETWORK_ERROR; an abort stays an abort', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const error = await apiCall('get', '/api/calendar/years').catch((e: unknown) => e);
    expect((error as ApiError).code).toBe(CLIENT_ERROR_CODES.network);
    vi.stubGlobal('fetch', () => Promise.reject(new DOMException('aborted', 'AbortError')));
    const aborted = await apiCall('get', '/api/calendar/years').catch((e: unknown) => e);
    expect(aborted).not.toBeInstanceOf(ApiError);
  });
});
