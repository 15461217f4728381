/**
 * The only reader of the environment. Parsed once at start; a bad setting stops the process with a message naming
 * the setting, the value and the rule (a half-configured government system is worse than one that does not start).
 */
import path from 'node:path';

export type ProcessRole = 'api' | 'worker' | 'all';
export type RunMode = 'development' | 'production' | 'test';

export interface AppConfig {
  mode: RunMode;
  role: ProcessRole;
  host: string;
  port: number;
  /** postgres://… when set; the embedded PGlite database in `dataDir` otherwise. */
  databaseUrl: string | undefined;
  dataDir: string;
  filesDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionTtlMinutes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  uploadMaxBytes: number;
  /** Load departments, demo enterprises and demo accounts on first start. */
  demoData: boolean;
  /** Development only: the shared password of the demo accounts. Production generates one per account. */
  demoPassword: string | undefined;
  cookieSecure: boolean;
  serveWeb: boolean;
  dbPoolSize: number;
}

export class ConfigError extends Error {
  readonly setting: string;
  constructor(setting: string, message: string) {
    super(`Invalid configuration ${setting}: ${message}`);
    this.setting = setting;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(name, `"${raw}" is not one of ${allowed.join(', ')}`);
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw new ConfigError(name, `"${raw}" is not an integer`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `${n} is outside ${min}…${max}`);
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `"${raw}" is not a boolean (true/false)`);
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const mode = oneOf<RunMode>(env, 'NODE_ENV', ['development', 'production', 'test'], 'development');
  const databaseUrl = env.DATABASE_URL === '' ? undefined : env.DATABASE_URL;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://');
  }
  const dataDir = path.resolve(cwd, env.DATA_DIR ?? 'data');
  const role = oneOf<ProcessRole>(env, 'ROLE', ['api', 'worker', 'all'], 'all');
  if (databaseUrl === undefined && role !== 'all') {
    // PGlite is one in-process database: a separate worker process could not share it.
    throw new ConfigError(
      'ROLE',
      `"${role}" needs DATABASE_URL; the embedded database runs only with ROLE=all`,
    );
  }
  const demoPassword = env.DEMO_PASSWORD === '' ? undefined : env.DEMO_PASSWORD;
  if (mode === 'production' && demoPassword !== undefined) {
    throw new ConfigError('DEMO_PASSWORD', 'a shared demo password is refused in production mode');
  }
  return {
    mode,
    role,
    host: env.HOST ?? '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65535),
    databaseUrl,
    dataDir,
    filesDir: path.resolve(dataDir, env.FILES_DIR ?? 'files'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    sessionTtlMinutes: integer(env, 'SESSION_TTL_MINUTES', 480, 5, 7 * 24 * 60),
    loginMaxFailures: integer(env, 'LOGIN_MAX_FAILURES', 5, 1, 100),
    loginLockMinutes: integer(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    uploadMaxBytes: integer(env, 'UPLOAD_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    demoData: bool(env, 'DEMO_DATA', mode !== 'production'),
    demoPassword: mode === 'production' ? undefined : (demoPassword ?? 'Yingshang@2026'),
    cookieSecure: bool(env, 'COOKIE_SECURE', mode === 'production'),
    serveWeb: bool(env, 'SERVE_WEB', mode !== 'test'),
    dbPoolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 200),
  };
}
