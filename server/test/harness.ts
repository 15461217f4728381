/**
 * Test harness: a fresh database per test file (copy of the migrated template), `buildTestApp` for HTTP tests
 * with `inject()`, and factories for users, departments and enterprises.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp, type BuildOptions, type BuiltApp } from '../app.ts';
import { loadConfig, type AppConfig } from '../config.ts';
import { FixedClock, type Clock } from '../kernel/clock.ts';
import { openDatabase, type DatabaseHandle } from '../kernel/db/database.ts';
import type { UserKind } from '../kernel/policy.ts';
import { createUser } from '../modules/identity/index.ts';
import { checkUscc, makeUscc } from '../kernel/identifiers/uscc.ts';
import { insertEnterprises } from '../modules/enterprise/index.ts';
import { sql } from 'kysely';

export async function openTestDatabase(): Promise<DatabaseHandle> {
  const template = inject('pgTemplate');
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (template && baseUrl) {
    const name = `ys_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const u = new URL(baseUrl);
    u.pathname = `/${name}`;
    // Connections are cut when the test database is dropped at teardown; that is expected, not a failure.
    const handle = await openDatabase({ url: u.toString(), poolSize: 5, onPoolError: () => undefined });
    const close = handle.close;
    return {
      ...handle,
      close: async () => {
        await close();
        const a = new pg.Client({ connectionString: baseUrl });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const image = inject('pgliteImage');
  const buf = fs.readFileSync(image);
  return openDatabase({ loadDataDir: new Blob([buf]) });
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent-test-data' }),
    ...overrides,
  };
}

export interface TestApp extends BuiltApp {
  clock: Clock;
}

export async function buildTestApp(
  options: { config?: Partial<AppConfig>; clock?: Clock; extraModules?: BuildOptions['extraModules'] } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  const clock = options.clock ?? new FixedClock('2026-11-27T02:00:00Z');
  // A start that is refused (a test of the manifest checks) must not leave its database behind.
  const built = await buildApp({
    config: testConfig(options.config),
    database,
    clock,
    migrate: false,
    httpLogger: false,
    ...(options.extraModules ? { extraModules: options.extraModules } : {}),
  }).catch(async (err: unknown) => {
    await database.close();
    throw err;
  });
  return {
    ...built,
    clock,
    async close() {
      await built.close();
      await database.close();
    },
  };
}

let counter = 0;
export const TEST_PASSWORD = 'Test#Passw0rd-2026';

export async function createDepartment(app: BuiltApp, code?: string, name?: string): Promise<string> {
  const c = code ?? `D${++counter}${randomBytes(2).toString('hex')}`.toUpperCase();
  const res = await sql<{
    id: string;
  }>`insert into department (code, name, short_name, kind) values (${c}, ${name ?? `测试部门${c}`}, ${name ?? c}, 'district_department') returning id`.execute(
    app.ctx.db,
  );
  return res.rows[0]!.id;
}

const ORG_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export async function createEnterprise(
  app: BuiltApp,
  overrides: { name?: string; town?: string } = {},
): Promise<{ id: string; uscc: string }> {
  let body = '';
  for (let i = 0; i < 8; i++) body += ORG_CHARS[Math.floor(Math.random() * ORG_CHARS.length)];
  const uscc = makeUscc({ authority: '9', type: '1', division: '320507', orgBody8: body });
  if (!checkUscc(uscc).valid) throw new Error('factory made an invalid USCC');
  await insertEnterprises(app.ctx.db, [
    {
      uscc,
      name: overrides.name ?? `苏州测试${++counter}科技有限公司`,
      legal_representative: '张三',
      industry_section: 'I',
      industry_division: '65',
      industry_name: '软件和信息技术服务业',
      size: 'small',
      entity_type: 'company',
      registered_capital: 100,
      employees: 20,
      annual_revenue: 800,
      founded_on: '2020-05-01',
      town: overrides.town ?? '元和街道',
      address: '苏州市相城区元和街道测试路1号',
      phone: '13800000000',
      high_tech: false,
      specialised_sme: false,
      status: 'active',
    },
  ]);
  const row = await sql<{ id: string }>`select id from enterprise where uscc = ${uscc}`.execute(app.ctx.db);
  return { id: row.rows[0]!.id, uscc };
}

export interface TestUser {
  id: string;
  username: string;
  password: string;
  departmentId: string | null;
  enterpriseId: string | null;
}

export async function createTestUser(
  app: BuiltApp,
  kind: UserKind,
  opts: { departmentId?: string; enterpriseId?: string; username?: string; roles?: string[] } = {},
): Promise<TestUser> {
  const username = opts.username ?? `${kind}${++counter}_${randomBytes(3).toString('hex')}`;
  const departmentId = kind === 'officer' ? (opts.departmentId ?? (await createDepartment(app))) : null;
  const enterpriseId = kind === 'enterprise' ? (opts.enterpriseId ?? (await createEnterprise(app)).id) : null;
  const id = await app.ctx.db.transaction().execute((trx) =>
    createUser(
      trx,
      { system: 'test' },
      {
        username,
        displayName: `测试${kind}`,
        kind,
        password: TEST_PASSWORD,
        ...(opts.roles ? { roles: opts.roles } : {}),
        departmentId,
        enterpriseId,
      },
    ),
  );
  return { id, username, password: TEST_PASSWORD, departmentId, enterpriseId };
}

/** Logs in through the real endpoint and returns the Cookie header value. */
export async function loginCookie(
  app: BuiltApp,
  user: { username: string; password: string },
): Promise<string> {
  const res = await app.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password: user.password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'ys_session');
  if (!cookie) throw new Error('no session cookie');
  return `ys_session=${cookie.value}`;
}
