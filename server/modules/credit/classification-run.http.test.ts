/** Reclassification on demand (POST /api/credit/classification/run): who may start it, and that it is queued and audited. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  createTestUser,
  loginCookie,
  type TestApp,
  type TestUser,
} from '../../test/harness.ts';

let t: TestApp;
let office: TestUser; // credit.manage
let officer: TestUser; // credit.read, not credit.manage
let entUser: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  office = await createTestUser(t, 'office');
  officer = await createTestUser(t, 'officer');
  entUser = await createTestUser(t, 'enterprise');
});
afterAll(async () => {
  await t.close();
});

async function run(u?: TestUser) {
  return t.app.inject({
    method: 'POST',
    url: '/api/credit/classification/run',
    headers: u ? { cookie: await loginCookie(t, u) } : {},
  });
}

describe('POST /api/credit/classification/run', () => {
  it('401 without a session, 403 without credit.manage', async () => {
    expect((await run()).statusCode).toBe(401);
    expect((await run(officer)).statusCode).toBe(403);
    expect((await run(entUser)).statusCode).toBe(403);
  });

  it('queues the monthly classification job for the office and audits who started it', async () => {
    const res = await run(office);
    expect(res.statusCode, res.body).toBe(202);
    const { jobId } = res.json<{ jobId: string | null }>();
    expect(typeof jobId).toBe('string');
    const queued = await sql<{ name: string }>`
      select name from pgboss.job where id = ${jobId}::uuid`.execute(t.ctx.db);
    expect(queued.rows[0]?.name).toBe('credit.classify-enterprises');
    const audit = await sql<{ actor_id: string; detail: { jobId: string } }>`
      select actor_id, detail from audit_log where action = 'credit.classification_started'`.execute(
      t.ctx.db,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ actor_id: office.id, detail: { jobId } });
  });
});
