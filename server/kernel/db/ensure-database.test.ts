/**
 * `npm start` with DATABASE_URL, as the README tells a new user: the process itself is spawned. A missing database
 * is created; an unreachable server, an unknown role, or a role that may not create the database end the process
 * with exit code 3 and one line saying what to run. The cases needing a server run with TEST_DATABASE_URL.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BASE_URL = process.env.TEST_DATABASE_URL;
const suffix = randomBytes(4).toString('hex');

// A worker without demo data: no web build, no port, the shortest start-up that still migrates. Each test spawns a
// process, which on a loaded machine takes longer than the default test timeout.
const SPAWN_TIMEOUT = 180_000;
function envFor(url: string): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: url, ROLE: 'worker', DEMO_DATA: 'false', NODE_ENV: 'development' };
}

function startOnce(url: string) {
  return spawnSync(process.execPath, ['server/main.ts'], {
    cwd: ROOT,
    env: envFor(url),
    encoding: 'utf8',
    timeout: 150_000,
  });
}

function urlWith(base: string, user: string, database: string): string {
  const u = new URL(base);
  u.username = user;
  u.password = '';
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: BASE_URL });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

describe('start-up on PostgreSQL', () => {
  it(
    'an unreachable server ends the process with one line',
    () => {
      const r = startOnce('postgres://postgres@127.0.0.1:1/yingshang');
      expect(r.status).toBe(3);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('cannot reach PostgreSQL at 127.0.0.1:1 (ECONNREFUSED)');
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
    },
    SPAWN_TIMEOUT,
  );

  describe.runIf(BASE_URL)('with a server', () => {
    const created = `ys_ensure_${suffix}`;
    const role = `ys_nocreate_${suffix}`;
    afterAll(async () => {
      await admin(async (c) => {
        await c.query(`drop database if exists ${c.escapeIdentifier(created)} with (force)`);
        await c.query(`drop role if exists ${c.escapeIdentifier(role)}`);
      });
    });

    it(
      'creates a missing database and starts',
      async () => {
        const child = spawn(process.execPath, ['server/main.ts'], {
          cwd: ROOT,
          env: envFor(urlWith(BASE_URL!, new URL(BASE_URL!).username || 'postgres', created)),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
        const ready = await new Promise<boolean>((resolve) => {
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            if (out.includes('ready (worker)')) resolve(true);
          });
          void exited.then(() => resolve(false));
        });
        child.kill('SIGTERM');
        await exited;
        expect(err).toBe('');
        expect(ready).toBe(true);
        expect(out).toContain('database created');
        const exists = await admin((c) => c.query('select 1 from pg_database where datname = $1', [created]));
        expect(exists.rowCount).toBe(1);
      },
      SPAWN_TIMEOUT,
    );

    it(
      'a role that does not exist ends the process with one line',
      () => {
        const r = startOnce(urlWith(BASE_URL!, `ys_missing_${suffix}`, 'yingshang'));
        expect(r.status).toBe(3);
        const lines = r.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(`refused the login as "ys_missing_${suffix}"`);
        expect(lines[0]).toContain('createuser');
      },
      SPAWN_TIMEOUT,
    );

    it(
      'a role that may not create the database ends the process with the createdb line',
      async () => {
        await admin((c) => c.query(`create role ${c.escapeIdentifier(role)} login nocreatedb`));
        const r = startOnce(urlWith(BASE_URL!, role, `ys_absent_${suffix}`));
        expect(r.status).toBe(3);
        const lines = r.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        const u = new URL(BASE_URL!);
        expect(lines[0]).toContain(
          `createdb -h ${u.hostname} -p ${u.port || '5432'} -U postgres ys_absent_${suffix}`,
        );
      },
      SPAWN_TIMEOUT,
    );
  });
});
