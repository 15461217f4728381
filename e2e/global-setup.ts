/**
 * Starts the real platform for the browser journeys: `node server/main.ts` on the embedded database in a fresh
 * data folder, with demo data and the built web app, exactly as `npm start` does for a new user.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, '..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ys-e2e-'));
  const port = String(3300 + Math.floor(Math.random() * 500));
  const demoPassword = 'E2e-Demo#2026';
  const child: ChildProcess = spawn(process.execPath, ['server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: port,
      DEMO_PASSWORD: demoPassword,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Never leave an orphaned server behind.
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${log}`));
    }, 170_000);
    const onData = (d: Buffer) => {
      log += d.toString();
      if (/ready \(all\)/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${log}`));
    });
  });
  child.removeAllListeners('exit');
  await warmUp(`http://127.0.0.1:${port}`, demoPassword);
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  project.provide('demoPassword', demoPassword);
  return async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

/** The jobs a fresh start queues (demo applications, policy facts and matching): journeys count on their data. */
const START_UP_JOBS = ['services.seed-demo', 'policy.refresh-facts'];

interface JobQueueStatus {
  name: string;
  lastRun: { state: string } | null;
}

/**
 * Journeys start once the start-up jobs have finished (they add demo applications and policy matches, which
 * journeys count) and a few ordinary requests answer promptly, so a first page load does not time out.
 */
async function warmUp(baseUrl: string, password: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'sysadmin', password }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  while (Date.now() < deadline) {
    const res = await fetch(`${baseUrl}/api/system/jobs`, { headers: { cookie } });
    if (!res.ok) break;
    const { queues } = (await res.json()) as { queues: JobQueueStatus[] };
    const pending = START_UP_JOBS.filter((name) => {
      const q = queues.find((x) => x.name === name);
      // The queue counters lag (pg-boss refreshes them periodically); the last run's state does not.
      return q !== undefined && !['completed', 'failed'].includes(q.lastRun?.state ?? '');
    });
    if (pending.length === 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  let quick = 0;
  while (quick < 3 && Date.now() < deadline) {
    const started = Date.now();
    await Promise.all(
      ['/login', '/api/services/bundles', '/api/policies'].map((p) =>
        fetch(baseUrl + p).then((r) => r.arrayBuffer()),
      ),
    );
    quick = Date.now() - started < 500 ? quick + 1 : 0;
    if (quick < 3) await new Promise((r) => setTimeout(r, 500));
  }
}
