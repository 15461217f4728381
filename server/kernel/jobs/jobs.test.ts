import { Type } from 'typebox';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { openTestDatabase } from '../../test/harness.ts';
import { defineJob, JobQueue } from './jobs.ts';

let h: DatabaseHandle;
let queue: JobQueue;
const seen: number[] = [];

const addJob = defineJob({
  id: 'test.add-numbers',
  description: 'adds two numbers',
  payload: Type.Object({ a: Type.Integer(), b: Type.Integer() }),
  async handler(p, run) {
    seen.push(p.a + p.b);
    run.progress(50, 'half way');
    return { sum: p.a + p.b };
  },
});

const onceJob = defineJob({
  id: 'test.once-per-key',
  description: 'one queued job per key',
  payload: Type.Object({ key: Type.String() }),
  policy: 'stately',
  async handler() {
    return {};
  },
});

beforeAll(async () => {
  h = await openTestDatabase();
  queue = new JobQueue(h, pino({ level: 'silent' }));
  queue.register(addJob);
  queue.register(onceJob);
  await queue.startWorkers({ schedules: false });
});
afterAll(async () => {
  await queue.stop();
  await h.close();
});

describe('job queue (pg-boss on the same database)', () => {
  it('runs a declared job and records its output', async () => {
    const id = await queue.send(addJob, { a: 2, b: 3 });
    expect(id).toBeTruthy();
    const done = await queue.waitFor(addJob, id ?? '');
    expect(done.state).toBe('completed');
    expect(done.output).toEqual({ sum: 5 });
    expect(seen).toContain(5);
  });

  it('refuses a payload that breaks the schema', async () => {
    // @ts-expect-error deliberately wrong payload
    await expect(queue.send(addJob, { a: 'x' })).rejects.toThrow(/schema/);
  });

  it('a retried send with the same singleton key is not queued twice', async () => {
    const first = await queue.send(onceJob, { key: 'a' }, { singletonKey: 'a', startAfterSeconds: 60 });
    const second = await queue.send(onceJob, { key: 'a' }, { singletonKey: 'a', startAfterSeconds: 60 });
    const other = await queue.send(onceJob, { key: 'b' }, { singletonKey: 'b', startAfterSeconds: 60 });
    expect(first).toBeTruthy();
    expect(second).toBeNull();
    expect(other).toBeTruthy();
  });

  it('reports queue status for the admin page', async () => {
    const status = await queue.status();
    const q = status.find((s) => s.name === 'test.once-per-key');
    expect(q?.description).toBe('one queued job per key');
    expect(q?.queued).toBe(2);
  });

  it('rejects badly named job ids', () => {
    expect(() =>
      defineJob({ id: 'NoDot', description: '', payload: Type.Object({}), handler: async () => undefined }),
    ).toThrow();
  });
});
