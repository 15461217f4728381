import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.ts';
import { buildTestApp, createTestUser, loginCookie, type TestApp } from '../../test/harness.ts';
import { calendarJobs } from './calendar.jobs.ts';

let t: TestApp;
let admin = '';
const clock = new FixedClock('2026-11-27T02:00:00Z');
beforeAll(async () => {
  t = await buildTestApp({ clock });
  admin = await loginCookie(t, await createTestUser(t, 'sysadmin'));
});
afterAll(async () => {
  await t.close();
});

const noop = { jobId: 'test', logger: undefined as never, progress: () => undefined };

async function unread(): Promise<{ title: string; link: string | null }[]> {
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/notifications?unreadOnly=true',
    headers: { cookie: admin },
  });
  return res.json().items;
}

describe('calendar.check-next-year', () => {
  it('in November, reminds system administrators that next year is not loaded, once a week', async () => {
    const job = calendarJobs(t.ctx).checkNextYear;
    const first = await job.handler({}, noop);
    expect(first).toMatchObject({ missing: [2027], notified: 1 });
    const items = await unread();
    expect(items.some((n) => n.title.includes('2027') && n.link === '/admin/calendar/2027')).toBe(true);
    const again = await job.handler({}, noop);
    expect(again).toMatchObject({ missing: [2027], notified: 0 });
    clock.advance(7 * 86_400_000);
    const nextWeek = await job.handler({}, noop);
    expect(nextWeek).toMatchObject({ notified: 1 });
  });

  it('says nothing before October when the current year is loaded', async () => {
    clock.set('2026-06-01T02:00:00Z');
    const r = await calendarJobs(t.ctx).checkNextYear.handler({}, noop);
    expect(r).toEqual({ missing: [], notified: 0 });
  });

  it('says nothing once next year is loaded', async () => {
    clock.set('2026-12-01T02:00:00Z');
    admin = await loginCookie(t, await createTestUser(t, 'sysadmin'));
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/calendar/years/2027',
      headers: { cookie: admin },
      payload: {
        notice: '测试通知',
        holidays: [{ name: '元旦', start: '2027-01-01', end: '2027-01-01' }],
        makeupWorkdays: [],
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    clock.advance(5_000_000); // past the cross-process cache check
    const r = await calendarJobs(t.ctx).checkNextYear.handler({}, noop);
    expect(r).toEqual({ missing: [], notified: 0 });
  });
});
