import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestUser, loginCookie, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ config: { loginMaxFailures: 3, loginLockMinutes: 15 } });
});
afterAll(async () => {
  await t.close();
});

describe('POST /api/auth/login', () => {
  it('400 names the missing field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors).toContainEqual(
      expect.objectContaining({ field: '/body/password', rule: 'required' }),
    );
  });

  it('401 problem+json for a wrong password, 200 and an httpOnly cookie for the right one', async () => {
    const u = await createTestUser(t, 'office');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: 'nope' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('INVALID_CREDENTIALS');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: u.password },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().kind).toBe('office');
    const cookie = ok.cookies.find((c) => c.name === 'ys_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
  });

  it('unknown users get the same 401 as wrong passwords', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ghost', password: 'x' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('locks the account after the configured number of failures, even for the right password', async () => {
    const u = await createTestUser(t, 'individual');
    for (let i = 0; i < 2; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password: 'wrong' },
      });
      expect(r.statusCode).toBe(401);
    }
    const third = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: 'wrong' },
    });
    expect(third.statusCode).toBe(423);
    expect(third.json().code).toBe('ACCOUNT_LOCKED');
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: u.password },
    });
    expect(right.statusCode).toBe(423);
  });
});

describe('session lifecycle', () => {
  it('me → logout → 401', async () => {
    const u = await createTestUser(t, 'officer');
    const cookie = await loginCookie(t, u);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().department).not.toBeNull();
    expect(me.json().permissions).toContain('enterprise.read');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('password change enforces the rule and keeps the current session', async () => {
    const u = await createTestUser(t, 'individual');
    const cookie = await loginCookie(t, u);
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword: u.password, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('/body/newPassword');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword: u.password, newPassword: 'N3w-Strong-Pass' },
    });
    expect(ok.statusCode).toBe(204);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    await expect(loginCookie(t, { username: u.username, password: 'N3w-Strong-Pass' })).resolves.toMatch(
      /^ys_session=/,
    );
  });

  it('API tokens authenticate machine clients and can be revoked', async () => {
    const u = await createTestUser(t, 'office');
    const cookie = await loginCookie(t, u);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { cookie },
      payload: { name: 'ci' },
    });
    expect(created.statusCode).toBe(201);
    const token = created.json().token as string;
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe(u.username);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/tokens/${created.json().id}`,
      headers: { cookie },
    });
    expect(del.statusCode).toBe(204);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.statusCode).toBe(401);
  });
});

describe('lock-out handling', () => {
  it('tells every security administrator in the notification centre', async () => {
    const sec = await createTestUser(t, 'secadmin');
    const secCookie = await loginCookie(t, sec);
    const victim = await createTestUser(t, 'individual');
    for (let i = 0; i < 3; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: victim.username, password: 'wrong' },
      });
    }
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/notifications?unreadOnly=true',
      headers: { cookie: secCookie },
    });
    const titles = (res.json().items as { title: string; category: string }[])
      .filter((n) => n.category === 'security')
      .map((n) => n.title);
    expect(titles.some((x) => x.includes(victim.username))).toBe(true);
  });
});
