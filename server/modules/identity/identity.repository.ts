import { sql, type Kysely } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { IdentityTables } from './identity.tables.ts';

export function identityDb(db: Db): Kysely<IdentityTables> {
  return db.withTables<IdentityTables>();
}

export type UserRow = IdentityTables['app_user'] & { id: string };

export async function findUserByUsername(db: Db, username: string) {
  return identityDb(db)
    .selectFrom('app_user')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function findUserById(db: Db, id: string) {
  return identityDb(db).selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What authentication needs to know about the account behind a session or token. */
const ACTOR_COLUMNS = [
  'app_user.id',
  'app_user.username',
  'app_user.display_name',
  'app_user.kind',
  'app_user.roles',
  'app_user.department_id',
  'app_user.enterprise_id',
  'app_user.disabled',
] as const;

export async function findActiveSession(db: Db, tokenHash: string, now: Date) {
  return identityDb(db)
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select(['session.id as session_id', ...ACTOR_COLUMNS])
    .where('session.token_hash', '=', tokenHash)
    .where('session.revoked_at', 'is', null)
    .where('session.expires_at', '>', now)
    .executeTakeFirst();
}

export async function findActiveApiToken(db: Db, tokenHash: string, now: Date) {
  return identityDb(db)
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select(['api_token.id as token_id', ...ACTOR_COLUMNS])
    .where('api_token.token_hash', '=', tokenHash)
    .where('api_token.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_token.expires_at', 'is', null), eb('api_token.expires_at', '>', now)]))
    .executeTakeFirst();
}

export async function listUsers(
  db: Db,
  q: { page: number; pageSize: number; q?: string | undefined; lockedAt?: Date | undefined },
) {
  const i = identityDb(db);
  let base = i.selectFrom('app_user').leftJoin('department', 'department.id', 'app_user.department_id');
  if (q.lockedAt) base = base.where('app_user.locked_until', '>', q.lockedAt);
  if (q.q) {
    const like = `%${q.q.replaceAll('%', '').replaceAll('_', '')}%`;
    base = base.where((eb) =>
      eb.or([eb('app_user.username', 'ilike', like), eb('app_user.display_name', 'ilike', like)]),
    );
  }
  const [items, count] = await Promise.all([
    base
      .select([
        'app_user.id',
        'app_user.username',
        'app_user.display_name',
        'app_user.kind',
        'app_user.roles',
        'app_user.enterprise_id',
        'app_user.locked_until',
        'app_user.last_login_at',
        'app_user.disabled',
        'app_user.failed_attempts',
        'department.name as department_name',
      ])
      .orderBy('app_user.kind')
      .orderBy('app_user.username')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

export async function listDepartments(db: Db) {
  return identityDb(db)
    .selectFrom('department')
    .select(['id', 'code', 'name', 'short_name', 'kind'])
    .orderBy('code')
    .execute();
}

export async function findDepartment(db: Db, id: string) {
  return identityDb(db)
    .selectFrom('department')
    .select(['id', 'code', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findDepartmentByCode(db: Db, code: string) {
  return identityDb(db)
    .selectFrom('department')
    .select(['id', 'code', 'name'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function countDepartments(db: Db): Promise<number> {
  const r = await identityDb(db)
    .selectFrom('department')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function insertDepartments(
  db: Db,
  rows: readonly { code: string; name: string; shortName: string; kind: string }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const res = await identityDb(db)
    .insertInto('department')
    .values(rows.map((r) => ({ code: r.code, name: r.name, short_name: r.shortName, kind: r.kind })))
    .onConflict((oc) => oc.column('code').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}

export async function countUsers(db: Db, kind?: string): Promise<number> {
  let q = identityDb(db)
    .selectFrom('app_user')
    .select(sql<number>`count(*)::int`.as('n'));
  if (kind) q = q.where('kind', '=', kind as 'sysadmin');
  const r = await q.executeTakeFirstOrThrow();
  return r.n;
}

export async function findDepartmentByName(db: Db, name: string) {
  return identityDb(db)
    .selectFrom('department')
    .select(['id', 'code', 'name'])
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function listActiveUserIdsByKind(db: Db, kind: string): Promise<string[]> {
  const rows = await identityDb(db)
    .selectFrom('app_user')
    .select('id')
    .where('kind', '=', kind as 'sysadmin')
    .where('disabled', '=', false)
    .execute();
  return rows.map((r) => r.id);
}

/** Active accounts bound to each of the given enterprises (policy 直达 and grant notifications). */
export async function listActiveUserIdsOfEnterprises(
  db: Db,
  enterpriseIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (enterpriseIds.length === 0) return out;
  const rows = await identityDb(db)
    .selectFrom('app_user')
    .select(['id', 'enterprise_id'])
    .where('enterprise_id', 'in', [...new Set(enterpriseIds)])
    .where('disabled', '=', false)
    .execute();
  for (const r of rows) {
    if (!r.enterprise_id) continue;
    out.set(r.enterprise_id, [...(out.get(r.enterprise_id) ?? []), r.id]);
  }
  return out;
}

/** Display names for a set of accounts (what other modules show instead of ids). */
export async function findUserDisplayNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await identityDb(db)
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
