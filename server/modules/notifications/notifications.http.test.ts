import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  createDepartment,
  createTestUser,
  loginCookie,
  type TestApp,
  type TestUser,
} from '../../test/harness.ts';
import { notifyDepartment, notifyUser } from './index.ts';

let t: TestApp;
let deptA: string;
let deptB: string;
let officerA1: TestUser;
let officerA2: TestUser;
let officerB: TestUser;
let enterpriseUser: TestUser;
const cookies = new Map<string, string>();

async function cookieOf(u: TestUser): Promise<string> {
  let c = cookies.get(u.id);
  if (!c) {
    c = await loginCookie(t, u);
    cookies.set(u.id, c);
  }
  return c;
}

async function list(u: TestUser, query = '') {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/notifications${query}`,
    headers: { cookie: await cookieOf(u) },
  });
  expect(res.statusCode).toBe(200);
  return res.json<{
    items: {
      id: string;
      title: string;
      scope: string;
      readAt: string | null;
      link: string | null;
      createdAt: string;
    }[];
    total: number;
    unread: number;
  }>();
}

async function unread(u: TestUser): Promise<number> {
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/notifications/unread-count',
    headers: { cookie: await cookieOf(u) },
  });
  expect(res.statusCode).toBe(200);
  return res.json().unread as number;
}

async function markRead(u: TestUser, id: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/notifications/${id}/read`,
    headers: { cookie: await cookieOf(u) },
  });
}

function toUser(u: TestUser, title: string, extra: { dedupeKey?: string; link?: string } = {}) {
  return t.ctx.db
    .transaction()
    .execute((trx) => notifyUser(trx, { userId: u.id, title, body: `${title} 正文`, ...extra }));
}

function toDepartment(departmentId: string, title: string) {
  return t.ctx.db
    .transaction()
    .execute((trx) =>
      notifyDepartment(trx, { departmentId, title, body: `${title} 正文`, category: 'task', link: '/tasks' }),
    );
}

beforeAll(async () => {
  t = await buildTestApp();
  deptA = await createDepartment(t);
  deptB = await createDepartment(t);
  officerA1 = await createTestUser(t, 'officer', { departmentId: deptA });
  officerA2 = await createTestUser(t, 'officer', { departmentId: deptA });
  officerB = await createTestUser(t, 'officer', { departmentId: deptB });
  enterpriseUser = await createTestUser(t, 'enterprise');
});
afterAll(async () => {
  await t.close();
});

describe('notification routes', () => {
  it('401 without a session', async () => {
    for (const [method, url] of [
      ['GET', '/api/notifications'],
      ['GET', '/api/notifications/unread-count'],
      ['POST', '/api/notifications/read-all'],
      ['POST', '/api/notifications/00000000-0000-4000-8000-000000000000/read'],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('400 for bad paging and a malformed id', async () => {
    const cookie = await cookieOf(enterpriseUser);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/notifications?pageSize=500',
      headers: { cookie },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/querystring/pageSize');
    const badId = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/not-a-uuid/read',
      headers: { cookie },
    });
    expect(badId.statusCode).toBe(400);
  });

  it('404 for an id that does not exist', async () => {
    const res = await markRead(enterpriseUser, '00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
  });
});

describe('visibility and read state', () => {
  it('a user notification is seen by that user only', async () => {
    const u = await createTestUser(t, 'individual');
    const other = await createTestUser(t, 'individual');
    const { id } = await toUser(u, '您的申请已受理', { link: '/applications/1' });
    const mine = await list(u);
    expect(mine.items.map((n) => n.id)).toEqual([id]);
    expect(mine.items[0]).toMatchObject({
      scope: 'user',
      readAt: null,
      link: '/applications/1',
      title: '您的申请已受理',
    });
    expect((await list(other)).items.map((n) => n.id)).not.toContain(id);
    expect((await markRead(other, id)).statusCode).toBe(404);
    expect(await unread(u)).toBe(1);
  });

  it('a department notification reaches every officer of that department, not other departments or enterprises', async () => {
    const { id } = await toDepartment(deptA, '新的待办任务');
    for (const officer of [officerA1, officerA2]) {
      const seen = (await list(officer)).items.find((n) => n.id === id);
      expect(seen?.scope).toBe('department');
    }
    for (const outsider of [officerB, enterpriseUser]) {
      expect((await list(outsider)).items.map((n) => n.id)).not.toContain(id);
      expect((await markRead(outsider, id)).statusCode).toBe(404);
    }
  });

  it('read state is per user: one officer reading does not read it for the colleague', async () => {
    const { id } = await toDepartment(deptA, '请核查材料');
    const before1 = await unread(officerA1);
    const before2 = await unread(officerA2);
    const res = await markRead(officerA1, id);
    expect(res.statusCode).toBe(204);
    expect(await unread(officerA1)).toBe(before1 - 1);
    expect(await unread(officerA2)).toBe(before2);
    const read = (await list(officerA1)).items.find((n) => n.id === id);
    expect(read?.readAt).not.toBeNull();
    // Marking twice changes nothing.
    expect((await markRead(officerA1, id)).statusCode).toBe(204);
    expect(await unread(officerA1)).toBe(before1 - 1);
  });

  it('read-all clears user and department notifications for the caller only', async () => {
    await toUser(officerA2, '个人提醒');
    await toDepartment(deptA, '部门通知一');
    expect(await unread(officerA2)).toBeGreaterThanOrEqual(2);
    const colleagueBefore = await unread(officerA1);
    const totalBefore = (await list(officerA2)).total;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: { cookie: await cookieOf(officerA2) },
    });
    expect(res.statusCode).toBe(204);
    expect(await unread(officerA2)).toBe(0);
    const after = await list(officerA2);
    expect(after.total).toBe(totalBefore);
    expect(after.items.every((n) => n.readAt !== null)).toBe(true);
    expect((await list(officerA2, '?unreadOnly=true')).total).toBe(0);
    expect(await unread(officerA1)).toBe(colleagueBefore);
  });
});

describe('dedupe and transactions', () => {
  it('a retried notification with the same dedupe key is a no-op', async () => {
    const u = await createTestUser(t, 'individual');
    const first = await toUser(u, '审批通过', { dedupeKey: `test:approval:${u.id}` });
    const second = await toUser(u, '审批通过', { dedupeKey: `test:approval:${u.id}` });
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const mine = await list(u);
    expect(mine.total).toBe(1);
    expect(mine.unread).toBe(1);
  });

  it('a notification written in a transaction that rolls back never appears', async () => {
    const u = await createTestUser(t, 'individual');
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await notifyUser(trx, { userId: u.id, title: '不应出现', body: '' });
        throw new Error('use case failed');
      }),
    ).rejects.toThrow('use case failed');
    expect((await list(u)).total).toBe(0);
  });

  it('refuses links that leave the application', async () => {
    const u = await createTestUser(t, 'individual');
    for (const link of ['https://evil.example/', '//evil.example', 'javascript:alert(1)']) {
      await expect(toUser(u, '链接', { link })).rejects.toThrow(/in-app path/);
    }
  });
});

describe('paging', () => {
  it('pages newest first, with total and unread independent of the page', async () => {
    const u = await createTestUser(t, 'individual');
    const titles: string[] = [];
    for (let i = 1; i <= 23; i++) {
      titles.push(`通知 ${i}`);
      await toUser(u, `通知 ${i}`);
    }
    const newestFirst = [...titles].reverse();
    const p1 = await list(u, '?page=1&pageSize=10');
    const p3 = await list(u, '?page=3&pageSize=10');
    expect(p1.total).toBe(23);
    expect(p1.unread).toBe(23);
    expect(p1.items.map((n) => n.title)).toEqual(newestFirst.slice(0, 10));
    expect(p3.items.map((n) => n.title)).toEqual(newestFirst.slice(20));
    const created = p1.items.map((n) => Date.parse(n.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));

    await markRead(u, p1.items[0]!.id);
    const unreadOnly = await list(u, '?unreadOnly=true&pageSize=100');
    expect(unreadOnly.total).toBe(22);
    expect(unreadOnly.unread).toBe(22);
    expect(unreadOnly.items.map((n) => n.title)).toEqual(newestFirst.slice(1));
    const defaults = await list(u);
    expect(defaults.items).toHaveLength(20);
  });
});
