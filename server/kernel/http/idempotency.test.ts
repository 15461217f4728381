import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/harness.ts';
import { FixedClock } from '../clock.ts';
import type {} from '../context.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Actor } from '../policy.ts';
import { IDEMPOTENCY_TTL_MS, purgeIdempotencyKeys, withIdempotency } from './idempotency.ts';
import { ErrorRegistry, KernelErrors } from '../errors.ts';
import { problemFromError, sendProblem } from './problem.ts';

let database: DatabaseHandle;
let app: FastifyInstance;
const clock = new FixedClock('2026-11-27T02:00:00Z');
let runs = 0;
let gate: Promise<void> | undefined;
let failNext = false;

function actor(userId: string): Actor {
  return {
    userId,
    username: userId,
    displayName: userId,
    kind: 'individual',
    permissions: new Set(),
    departmentId: null,
    enterpriseId: null,
    via: 'token',
    sessionId: null,
  };
}

const USER_A = '00000000-0000-4000-8000-00000000000a';
const USER_B = '00000000-0000-4000-8000-00000000000b';

beforeAll(async () => {
  database = await openTestDatabase();
  await sql`create table idem_test_thing (id uuid primary key default gen_random_uuid(), name text not null)`.execute(
    database.db,
  );
  app = Fastify();
  app.decorateRequest('actor', undefined);
  app.addHook('onRequest', async (req) => {
    const user = req.headers['x-test-user'];
    req.actor = typeof user === 'string' ? actor(user) : undefined;
  });
  app.setErrorHandler((error, req, reply) => {
    const p = problemFromError(error, req, new ErrorRegistry([KernelErrors]));
    return sendProblem(reply, p.status, p.body);
  });
  app.post('/things/:group', async (req, reply) =>
    withIdempotency({ db: database.db, clock }, req, reply, async () => {
      runs++;
      if (gate) await gate;
      if (failNext) {
        failNext = false;
        throw new Error('handler failed');
      }
      const body = req.body as { name: string };
      const res = await sql<{
        id: string;
      }>`insert into idem_test_thing (name) values (${body.name}) returning id`.execute(database.db);
      return { status: 201, body: { id: res.rows[0]!.id, name: body.name } };
    }),
  );
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await database.close();
});

beforeEach(() => {
  runs = 0;
  gate = undefined;
  failNext = false;
});

async function countThings(name: string): Promise<number> {
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from idem_test_thing where name = ${name}`.execute(database.db);
  return r.rows[0]!.n;
}

function post(opts: { key?: string; user?: string; name: string; group?: string }) {
  const headers: Record<string, string> = { 'x-test-user': opts.user ?? USER_A };
  if (opts.key !== undefined) headers['idempotency-key'] = opts.key;
  return app.inject({
    method: 'POST',
    url: `/things/${opts.group ?? 'g1'}`,
    headers,
    payload: { name: opts.name },
  });
}

describe('withIdempotency', () => {
  it('without the header the handler runs every time', async () => {
    await post({ name: 'plain' });
    await post({ name: 'plain' });
    expect(runs).toBe(2);
    expect(await countThings('plain')).toBe(2);
  });

  it('400 for a malformed key, naming the header, without running the handler', async () => {
    for (const key of ['has space', 'x'.repeat(129), '', 'ä']) {
      const res = await post({ key, name: 'malformed' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('/headers/idempotency-key');
    }
    expect(runs).toBe(0);
  });

  it('replays the stored response for the same key and request, running the handler once', async () => {
    const first = await post({ key: 'replay-1', name: 'replayed' });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const second = await post({ key: 'replay-1', name: 'replayed' });
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(runs).toBe(1);
    expect(await countThings('replayed')).toBe(1);
  });

  it('422 when the same key comes with a different body or a different path', async () => {
    await post({ key: 'reuse-1', name: 'original' });
    const otherBody = await post({ key: 'reuse-1', name: 'different' });
    expect(otherBody.statusCode).toBe(422);
    expect(otherBody.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherPath = await post({ key: 'reuse-1', name: 'original', group: 'g2' });
    expect(otherPath.statusCode).toBe(422);
    expect(runs).toBe(1);
    expect(await countThings('different')).toBe(0);
  });

  it('scopes keys by actor', async () => {
    const a = await post({ key: 'shared-key', name: 'per-actor', user: USER_A });
    const b = await post({ key: 'shared-key', name: 'per-actor', user: USER_B });
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.json().id).not.toBe(a.json().id);
    expect(await countThings('per-actor')).toBe(2);
  });

  it('a duplicate arriving while the first still runs gets 409 and never runs the handler', async () => {
    let release!: () => void;
    gate = new Promise((r) => (release = r));
    const firstP = post({ key: 'slow-1', name: 'slow' });
    // Wait until the first request is inside the handler (it has claimed the key).
    while (runs === 0) await new Promise((r) => setTimeout(r, 5));
    const dup = await post({ key: 'slow-1', name: 'slow' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('CONFLICT');
    release();
    const first = await firstP;
    expect(first.statusCode).toBe(201);
    expect(runs).toBe(1);
    const after = await post({ key: 'slow-1', name: 'slow' });
    expect(after.headers['idempotent-replayed']).toBe('true');
    expect(after.json().id).toBe(first.json().id);
  });

  it('two requests fired at once create one record', async () => {
    const results = await Promise.all([
      post({ key: 'race-1', name: 'race' }),
      post({ key: 'race-1', name: 'race' }),
      post({ key: 'race-1', name: 'race' }),
    ]);
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(runs).toBe(1);
    expect(await countThings('race')).toBe(1);
  });

  it('releases the claim when the handler throws, so the retry runs', async () => {
    failNext = true;
    const failed = await post({ key: 'retry-1', name: 'after-failure' });
    expect(failed.statusCode).toBe(500);
    const retried = await post({ key: 'retry-1', name: 'after-failure' });
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(runs).toBe(2);
    expect(await countThings('after-failure')).toBe(1);
  });

  it('a key older than 24 hours may be used for a new request; purge removes old keys', async () => {
    await post({ key: 'expiring', name: 'day-one' });
    clock.advance(IDEMPOTENCY_TTL_MS - 1000);
    expect((await post({ key: 'expiring', name: 'day-two' })).statusCode).toBe(422);
    clock.advance(2000);
    const later = await post({ key: 'expiring', name: 'day-two' });
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    await post({ key: 'fresh', name: 'fresh' });

    const countKeys = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from idempotency_key`.execute(database.db)).rows[0]!
        .n;
    const before = await countKeys();
    const purged = await purgeIdempotencyKeys(
      database.db,
      new Date(clock.now().getTime() - IDEMPOTENCY_TTL_MS),
    );
    expect(purged).toBeGreaterThan(0);
    expect(await countKeys()).toBe(before - purged);
    const left = await sql<{ key: string }>`select key from idempotency_key`.execute(database.db);
    expect(left.rows.map((r) => r.key)).toEqual(expect.arrayContaining(['expiring', 'fresh']));
  });
});
