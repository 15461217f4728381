/**
 * Who may do what in the services module: 401 without a session, 403 without the route's permission, 404 for
 * applications, tasks and materials that are not yours (another enterprise, another department).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.ts';
import { createEnterprise, createTestUser, type TestUser } from '../../test/harness.ts';
import { createWorld, type World } from './services.test-support.ts';

let w: World;
let app: {
  id: string;
  tasks: { id: string; key: string; departmentId: string }[];
  materials: { fileId?: string }[];
};
let rival: TestUser; // another enterprise
let samr: TestUser; // department with the licence task
let tax: TestUser; // department with a task that waits for the licence
let court: TestUser; // department with no task in it
let sysadmin: TestUser;

beforeAll(async () => {
  w = await createWorld(new FixedClock('2026-11-27T02:00:00Z'));
  rival = await createTestUser(w.t, 'enterprise', { enterpriseId: (await createEnterprise(w.t)).id });
  samr = await w.officer('SAMR');
  tax = await w.officer('TAX');
  court = await w.officer('COURT');
  sysadmin = await createTestUser(w.t, 'sysadmin');
  const res = await w.submit(w.ent, await w.sampleSubmission(w.ent, 'enterprise-opening'));
  if (res.statusCode !== 201) throw new Error(res.body);
  app = res.json();
}, 60_000);
afterAll(async () => {
  await w.t.close();
});

describe('without a session', () => {
  it('serves the catalogue and the notices publicly, nothing else', async () => {
    expect((await w.call('GET', '/api/services/bundles')).statusCode).toBe(200);
    expect((await w.call('GET', '/api/services/items')).statusCode).toBe(200);
    expect((await w.call('GET', '/api/services/bundles/enterprise-opening')).statusCode).toBe(200);
    expect((await w.call('GET', '/api/services/deregistration-notices')).statusCode).toBe(200);
    for (const [method, url] of [
      ['POST', '/api/services/applications'],
      ['GET', '/api/services/applications'],
      ['GET', `/api/services/applications/${app.id}`],
      ['GET', '/api/services/bundles/enterprise-opening/prefill'],
      ['POST', '/api/services/precheck'],
      ['GET', '/api/services/tasks'],
      ['POST', `/api/services/tasks/${app.tasks[0]!.id}/claim`],
      ['GET', '/api/services/overview'],
      ['POST', '/api/services/bundles'],
    ] as const) {
      expect((await w.call(method, url, undefined, method === 'POST' ? {} : undefined)).statusCode, url).toBe(
        401,
      );
    }
  });
});

describe('permissions (403)', () => {
  it('keeps applicants, officers, office and administrators to their routes', async () => {
    const body = await w.sampleSubmission(w.ent, 'employee-hiring');
    const key = { 'idempotency-key': randomUUID() };
    expect((await w.call('POST', '/api/services/applications', samr, body, key)).statusCode).toBe(403);
    expect((await w.call('POST', '/api/services/applications', w.office, body, key)).statusCode).toBe(403);
    expect((await w.call('GET', '/api/services/tasks', w.ent)).statusCode).toBe(403);
    expect((await w.call('POST', `/api/services/tasks/${app.tasks[0]!.id}/claim`, w.ent)).statusCode).toBe(
      403,
    );
    expect((await w.call('GET', '/api/services/overview', w.ent)).statusCode).toBe(403);
    expect((await w.call('GET', '/api/services/overview', samr)).statusCode).toBe(403);
    expect((await w.call('GET', '/api/services/applications/all', samr)).statusCode).toBe(403);
    expect((await w.call('GET', '/api/services/applications/all', w.person)).statusCode).toBe(403);
    // Valid bodies: validation (400) is checked before the permission (403).
    const bundle = {
      code: 'x-bundle',
      name: '测试套餐',
      category: 'other',
      description: '',
      items: ['fund-registration'],
    };
    expect((await w.call('POST', '/api/services/bundles', samr, bundle)).statusCode).toBe(403);
    const item = (await w.call('GET', '/api/services/items/fund-registration')).json();
    expect((await w.call('PUT', '/api/services/items/fund-registration', w.ent, item)).statusCode).toBe(403);
    expect((await w.call('GET', '/api/services/applications', sysadmin)).statusCode).toBe(403);
    expect((await w.call('GET', '/api/services/overview', w.office)).statusCode).toBe(200);
  });
});

describe('not yours (404)', () => {
  it('hides an application from other applicants and uninvolved departments', async () => {
    const url = `/api/services/applications/${app.id}`;
    expect((await w.call('GET', url, w.ent)).statusCode).toBe(200);
    expect((await w.call('GET', url, rival)).statusCode).toBe(404);
    expect((await w.call('GET', url, w.person)).statusCode).toBe(404);
    expect((await w.call('GET', url, court)).statusCode).toBe(404);
    expect((await w.call('GET', url, sysadmin)).statusCode).toBe(404);
    expect((await w.call('GET', url, samr)).statusCode).toBe(200);
    expect((await w.call('GET', url, tax)).statusCode).toBe(200);
    expect((await w.call('GET', url, w.office)).statusCode).toBe(200);
    const own = (await w.call('GET', '/api/services/applications', rival)).json<{ total: number }>();
    expect(own.total).toBe(0);
  });

  it('lets an officer act only on their department’s tasks', async () => {
    const licence = app.tasks.find((t) => t.key === 'licence')!;
    expect((await w.call('GET', `/api/services/tasks/${licence.id}`, tax)).statusCode).toBe(404);
    expect((await w.call('POST', `/api/services/tasks/${licence.id}/claim`, tax)).statusCode).toBe(404);
    expect((await w.call('POST', `/api/services/tasks/${licence.id}/claim`, court)).statusCode).toBe(404);
    const queue = (await w.call('GET', '/api/services/tasks?status=all&pageSize=100', tax)).json<{
      items: { departmentId: string }[];
    }>();
    expect(queue.items.every((t) => t.departmentId === tax.departmentId)).toBe(true);
    const samrQueue = (await w.call('GET', '/api/services/tasks?pageSize=100', samr)).json<{
      items: { id: string }[];
    }>();
    expect(samrQueue.items.map((t) => t.id)).toContain(licence.id);
    expect((await w.call('POST', `/api/services/tasks/${licence.id}/claim`, samr)).statusCode).toBe(200);
  });

  it('guards materials like the application', async () => {
    const fileId = app.materials.find((m) => m.fileId)!.fileId!;
    expect((await w.call('GET', `/api/files/${fileId}`, w.ent)).statusCode).toBe(200);
    expect((await w.call('GET', `/api/files/${fileId}`, samr)).statusCode).toBe(200);
    expect((await w.call('GET', `/api/files/${fileId}`, court)).statusCode).toBe(404);
    expect((await w.call('GET', `/api/files/${fileId}`, rival)).statusCode).toBe(404);
  });

  it('does not let another applicant answer a supplement or reuse an attached upload', async () => {
    const licence = app.tasks.find((t) => t.key === 'licence')!;
    const sup = await w.call('POST', `/api/services/tasks/${licence.id}/supplement`, samr, {
      reason: '章程缺签字',
    });
    expect(sup.statusCode).toBe(200);
    const detail = (await w.call('GET', `/api/services/applications/${app.id}`, w.ent)).json<{
      supplements: { id: string }[];
    }>();
    const url = `/api/services/applications/${app.id}/supplements/${detail.supplements[0]!.id}`;
    expect((await w.call('POST', url, rival, { note: 'x', materials: [] })).statusCode).toBe(404);
    expect((await w.call('POST', url, samr, { note: 'x', materials: [] })).statusCode).toBe(403);
    // An upload already attached to this application cannot be claimed for another one.
    const used = app.materials.find((m) => m.fileId)!.fileId!;
    const body = await w.sampleSubmission(w.ent, 'enterprise-opening');
    const reuse = await w.submit(w.ent, {
      ...body,
      materials: body.materials.map((m) =>
        (m as { code: string }).code === 'articles' ? { code: 'articles', fileId: used } : m,
      ),
    });
    expect(reuse.statusCode).toBe(409);
    expect((await w.call('POST', url, w.ent, { note: '已补签', materials: [] })).statusCode).toBe(200);
  });
});
