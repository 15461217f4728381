/**
 * The cross-actor access suite: every route refuses anonymous callers, each kind of account reaches exactly what
 * its role allows, and data that is not yours answers 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserKind } from '../kernel/policy.ts';
import {
  buildTestApp,
  createDepartment,
  createEnterprise,
  createTestUser,
  loginCookie,
  type TestApp,
} from './harness.ts';

let t: TestApp;
const cookies = new Map<string, string>();
let ownEnterprise = '';
let otherEnterprise = '';
let lockedUserId = '';

const KINDS: UserKind[] = [
  'enterprise',
  'individual',
  'officer',
  'office',
  'sysadmin',
  'secadmin',
  'auditor',
];

beforeAll(async () => {
  t = await buildTestApp();
  const e1 = await createEnterprise(t);
  const e2 = await createEnterprise(t);
  ownEnterprise = e1.id;
  otherEnterprise = e2.id;
  const dept = await createDepartment(t);
  for (const kind of KINDS) {
    const u = await createTestUser(t, kind, { enterpriseId: e1.id, departmentId: dept });
    cookies.set(kind, await loginCookie(t, u));
  }
  lockedUserId = (await createTestUser(t, 'individual')).id;
});
afterAll(async () => {
  await t.close();
});

function samplePath(url: string): string {
  return url
    .replace(':id', '00000000-0000-4000-8000-000000000000')
    .replace(':year', '2024')
    .replace(':date', '2024-10-08')
    .replace(':month', '2024-10')
    .replace(':code', '91350100M000100Y43')
    .replace(/:[a-zA-Z]+/g, 'x');
}

describe('anonymous callers', () => {
  it('get 401 from every route that is not public', async () => {
    const protectedRoutes = t.routes.filter(
      (r) => r.url.startsWith('/api/') && r.permission && r.permission !== 'public',
    );
    expect(protectedRoutes.length).toBeGreaterThan(8);
    const wrong: string[] = [];
    for (const r of protectedRoutes) {
      const res = await t.app.inject({ method: r.method as 'GET', url: samplePath(r.url) });
      if (res.statusCode !== 401) wrong.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });
});

type Expect = Partial<Record<UserKind, number>>;
const cases: {
  name: string;
  method: 'GET' | 'POST';
  url: () => string;
  body?: () => object;
  expect: Expect;
}[] = [
  {
    name: 'enterprise list',
    method: 'GET',
    url: () => '/api/enterprises',
    expect: {
      enterprise: 200,
      individual: 403,
      officer: 200,
      office: 200,
      sysadmin: 403,
      secadmin: 403,
      auditor: 403,
    },
  },
  {
    name: 'another enterprise',
    method: 'GET',
    url: () => `/api/enterprises/${otherEnterprise}`,
    expect: { enterprise: 404, officer: 200, office: 200, individual: 403, sysadmin: 403 },
  },
  {
    name: 'own enterprise',
    method: 'GET',
    url: () => `/api/enterprises/${ownEnterprise}`,
    expect: { enterprise: 200 },
  },
  {
    name: 'enterprise statistics',
    method: 'GET',
    url: () => '/api/enterprises/stats',
    expect: { enterprise: 403, individual: 403, officer: 200, office: 200, sysadmin: 403, auditor: 403 },
  },
  {
    name: 'user administration list',
    method: 'GET',
    url: () => '/api/admin/users',
    expect: {
      sysadmin: 200,
      secadmin: 200,
      auditor: 403,
      office: 403,
      officer: 403,
      enterprise: 403,
      individual: 403,
    },
  },
  {
    name: 'unlock an account',
    method: 'POST',
    url: () => `/api/admin/users/${lockedUserId}/unlock`,
    expect: { secadmin: 204, sysadmin: 403, auditor: 403, office: 403, enterprise: 403 },
  },
  {
    name: 'audit log',
    method: 'GET',
    url: () => '/api/admin/audit',
    expect: { auditor: 200, sysadmin: 403, secadmin: 403, office: 403, officer: 403, enterprise: 403 },
  },
  {
    name: 'audit chain verification',
    method: 'GET',
    url: () => '/api/admin/audit/verify',
    expect: { auditor: 200, sysadmin: 403, secadmin: 403, office: 403 },
  },
  {
    name: 'job status',
    method: 'GET',
    url: () => '/api/system/jobs',
    expect: { sysadmin: 200, secadmin: 403, auditor: 403, office: 403, enterprise: 403 },
  },
  {
    name: 'own API tokens',
    method: 'GET',
    url: () => '/api/auth/tokens',
    expect: {
      enterprise: 200,
      officer: 200,
      office: 200,
      sysadmin: 403,
      secadmin: 403,
      auditor: 403,
      individual: 403,
    },
  },
  {
    name: 'create an account',
    method: 'POST',
    url: () => '/api/admin/users',
    body: () => ({
      username: `new_${Math.random().toString(36).slice(2, 8)}`,
      displayName: '新用户',
      kind: 'individual',
      password: 'Str0ng-Passw0rd!',
    }),
    expect: { sysadmin: 201, secadmin: 403, auditor: 403, office: 403 },
  },
];

describe.each(cases)('$name', (c) => {
  it.each(Object.entries(c.expect))('%s → %i', async (kind, status) => {
    const res = await t.app.inject({
      method: c.method,
      url: c.url(),
      headers: { cookie: cookies.get(kind) ?? '' },
      ...(c.body ? { payload: c.body() } : {}),
    });
    expect(res.statusCode, res.body).toBe(status);
  });
});

describe('scoping', () => {
  it('an enterprise user lists only its own enterprise', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/enterprises',
      headers: { cookie: cookies.get('enterprise') ?? '' },
    });
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.items[0].id).toBe(ownEnterprise);
  });

  it('officials see the whole registry', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/enterprises?pageSize=100',
      headers: { cookie: cookies.get('officer') ?? '' },
    });
    expect(res.json().total).toBeGreaterThanOrEqual(2);
  });

  it('separation of duties: an account cannot be system and audit administrator at once', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { cookie: cookies.get('sysadmin') ?? '' },
      payload: {
        username: 'twohats',
        displayName: 'x',
        kind: 'sysadmin',
        password: 'Str0ng-Passw0rd!',
        roles: ['system_admin', 'audit_admin'],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('ROLE_ASSIGNMENT_INVALID');
  });
});

describe('account creation', () => {
  it('applies the password rule to initial passwords', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { cookie: cookies.get('sysadmin') ?? '' },
      payload: { username: 'weakling', displayName: 'x', kind: 'individual', password: 'password' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('PASSWORD_TOO_WEAK');
    expect(res.json().errors[0].field).toBe('/body/password');
  });

  it('an officer account needs a department that exists', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { cookie: cookies.get('sysadmin') ?? '' },
      payload: {
        username: 'noDept',
        displayName: 'x',
        kind: 'officer',
        password: 'Str0ng-Passw0rd!',
        departmentCode: 'NOPE',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('/body/departmentCode');
  });
});

describe('user administration list', () => {
  it('shows enterprise names, not ids, and filters locked accounts for the security administrator', async () => {
    const all = await t.app.inject({
      method: 'GET',
      url: '/api/admin/users?pageSize=100',
      headers: { cookie: cookies.get('secadmin') ?? '' },
    });
    const entUser = (
      all.json().items as { kind: string; enterprise: string | null; enterpriseUscc: string | null }[]
    ).find((u) => u.kind === 'enterprise');
    expect(entUser?.enterprise).toMatch(/公司/);
    expect(entUser?.enterpriseUscc).toMatch(/^[0-9A-Z]{18}$/);
    const victim = await createTestUser(t, 'individual');
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: victim.username, password: 'wrong' },
      });
    }
    const locked = await t.app.inject({
      method: 'GET',
      url: '/api/admin/users?locked=true',
      headers: { cookie: cookies.get('secadmin') ?? '' },
    });
    const names = (locked.json().items as { username: string; locked: boolean }[]).map((u) => u.username);
    expect(names).toContain(victim.username);
    expect(locked.json().items.every((u: { locked: boolean }) => u.locked)).toBe(true);
  });
});
