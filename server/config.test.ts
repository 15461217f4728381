import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded database, role all, port 3000', () => {
    const c = loadConfig({}, '/srv/ys');
    expect(c).toMatchObject({
      role: 'all',
      port: 3000,
      databaseUrl: undefined,
      dataDir: '/srv/ys/data',
      mode: 'development',
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ ROLE: 'web' }, 'ROLE'],
    [{ ROLE: 'api' }, 'ROLE'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ SESSION_TTL_MINUTES: '1' }, 'SESSION_TTL_MINUTES'],
    [{ NODE_ENV: 'production', DEMO_PASSWORD: 'x' }, 'DEMO_PASSWORD'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA'],
  ])('%o is refused naming %s', (env, setting) => {
    let err: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).setting).toBe(setting);
    expect((err as ConfigError).message).toContain(setting);
  });

  it('production mode has no demo password and no demo data by default', () => {
    const c = loadConfig({ NODE_ENV: 'production' });
    expect(c.demoPassword).toBeUndefined();
    expect(c.demoData).toBe(false);
    expect(c.cookieSecure).toBe(true);
  });

  it('the process exits with status 2 and names the bad setting', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const r = spawnSync(process.execPath, ['server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: 'not-a-port' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('PORT');
  });
});
