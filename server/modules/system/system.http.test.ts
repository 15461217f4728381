import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestUser, loginCookie, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let sysadmin = '';
let auditor = '';
beforeAll(async () => {
  t = await buildTestApp();
  sysadmin = await loginCookie(t, await createTestUser(t, 'sysadmin'));
  auditor = await loginCookie(t, await createTestUser(t, 'auditor'));
});
afterAll(async () => {
  await t.close();
});

describe('jobs run by hand', () => {
  it('401 anonymous, 400 bad name, 403 without job.run, 404 unknown, 202 and completes', async () => {
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/system/jobs/system.verify-audit-chain/run' }))
        .statusCode,
    ).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/system/jobs/Bad Name/run',
          headers: { cookie: sysadmin },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/system/jobs/system.verify-audit-chain/run',
          headers: { cookie: auditor },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/system/jobs/system.no-such-job/run',
          headers: { cookie: sysadmin },
        })
      ).statusCode,
    ).toBe(404);
    await t.ctx.jobs.startWorkers({ schedules: false });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/system/jobs/system.verify-audit-chain/run',
      headers: { cookie: sysadmin },
    });
    expect(res.statusCode).toBe(202);
    const def = t.ctx.jobs.definitions().find((d) => d.id === 'system.verify-audit-chain');
    const done = await t.ctx.jobs.waitFor(def!, res.json().jobId as string);
    expect(done.state).toBe('completed');
    expect(done.output).toMatchObject({ ok: true });
    const status = await t.app.inject({
      method: 'GET',
      url: '/api/system/jobs',
      headers: { cookie: sysadmin },
    });
    const q = (
      status.json().queues as {
        name: string;
        completed: number;
        lastRun: { state: string; output: unknown } | null;
      }[]
    ).find((x) => x.name === 'system.verify-audit-chain');
    expect(q?.completed).toBe(1);
    expect(q?.lastRun?.state).toBe('completed');
    expect(q?.lastRun?.output).toMatchObject({ ok: true });
  });
});

describe('audit log API', () => {
  it('lists the newest entries first and verifies the chain', async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/admin/audit?pageSize=5',
      headers: { cookie: auditor },
    });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: number; action: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]!.id).toBeGreaterThan(items[items.length - 1]!.id);
    expect(items.map((i) => i.action)).toContain('auth.logged_in');
    const verify = await t.app.inject({
      method: 'GET',
      url: '/api/admin/audit/verify',
      headers: { cookie: auditor },
    });
    expect(verify.json()).toMatchObject({ ok: true, firstBroken: null });
    expect(verify.json().checked).toBe(list.json().total);
  });
});
