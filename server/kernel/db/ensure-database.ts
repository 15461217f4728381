/**
 * Before start-up on PostgreSQL: make sure the database in DATABASE_URL exists, creating it when the role may
 * (as `createdb` would, through the `postgres` maintenance database). When it cannot be reached, logged into or
 * created, start-up stops with one line saying what to run instead of a migration stack trace.
 */
import os from 'node:os';
import pg from 'pg';

/** Start-up cannot continue; `message` is one line, meant for the operator as is. */
export class DatabaseUnavailableError extends Error {}

interface Target {
  host: string;
  port: string;
  user: string;
  database: string;
}

function targetOf(url: string): Target {
  const u = new URL(url);
  const user =
    decodeURIComponent(u.username) || process.env.PGUSER || os.userInfo({ encoding: 'utf8' }).username;
  return {
    host: u.searchParams.get('host') ?? (decodeURIComponent(u.hostname) || 'localhost'),
    port: u.port || '5432',
    user,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || user,
  };
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
]);
// invalid_password, invalid_authorization_specification (no such role, or pg_hba refuses).
const LOGIN_REFUSED = new Set(['28P01', '28000']);

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.split('\n')[0] ?? m;
}

function createdbCommand(t: Target): string {
  return `createdb -h ${t.host} -p ${t.port} -U postgres ${t.database}`;
}

/** A connection failure as the one line to show, or undefined when it is not one we explain. */
function explain(err: unknown, t: Target): string | undefined {
  const code = codeOf(err);
  const where = `PostgreSQL at ${t.host}:${t.port}`;
  if ((code && UNREACHABLE.has(code)) || /timeout/i.test(messageOf(err)))
    return `cannot reach ${where} (${code ?? messageOf(err)}): start PostgreSQL or correct the host and port in DATABASE_URL`;
  if (code && LOGIN_REFUSED.has(code))
    return `${where} refused the login as "${t.user}" (${messageOf(err)}): correct the user and password in DATABASE_URL, or create the role: createuser -h ${t.host} -p ${t.port} -U postgres --pwprompt ${t.user}`;
  return undefined;
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // An error after connecting (server shutting down) must not crash the process before we close the client.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  return client;
}

/**
 * Resolves `'exists'` or `'created'`; throws DatabaseUnavailableError with the line to show when the server is
 * unreachable, the login is refused, or the database is missing and this role may not create it.
 */
export async function ensureDatabase(url: string): Promise<'exists' | 'created'> {
  const t = targetOf(url);
  try {
    const client = await connect(url);
    await client.end();
    return 'exists';
  } catch (err) {
    const line = explain(err, t);
    if (line) throw new DatabaseUnavailableError(line);
    if (codeOf(err) !== '3D000') throw err; // invalid_catalog_name: the database does not exist
  }
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  let admin: pg.Client;
  try {
    admin = await connect(maintenance.toString());
  } catch (err) {
    throw new DatabaseUnavailableError(
      `database "${t.database}" does not exist on PostgreSQL at ${t.host}:${t.port} and the "postgres" database to create it from is not available to "${t.user}" (${messageOf(err)}): run ${createdbCommand(t)}`,
    );
  }
  try {
    await admin.query(`create database ${admin.escapeIdentifier(t.database)}`);
    return 'created';
  } catch (err) {
    if (codeOf(err) === '42P04') return 'exists'; // another process created it meanwhile
    throw new DatabaseUnavailableError(
      `database "${t.database}" does not exist on PostgreSQL at ${t.host}:${t.port} and "${t.user}" may not create it (${messageOf(err)}): run ${createdbCommand(t)}`,
    );
  } finally {
    await admin.end().catch(() => undefined);
  }
}
