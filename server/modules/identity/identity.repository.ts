import { sql, type Kysely, type UpdateResult } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { IdentityTables, NewApiTokenRow, NewSessionRow, NewUserRow } from './identity.tables.ts';

export function identityDb(db: Db): Kysely<IdentityTables> {
  return db.withTables<IdentityTables>();
}

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

/** Last use of an API token is informative only (the caller throttles it). */
export async function touchApiToken(db: Db, tokenId: string, at: Date): Promise<void> {
  await identityDb(db).updateTable('api_token').set({ last_used_at: at }).where('id', '=', tokenId).execute();
}

export async function recordLoginFailure(
  db: Db,
  userId: string,
  failure: { failedAttempts: number; lockedUntil: Date | null; at: Date },
): Promise<void> {
  await identityDb(db)
    .updateTable('app_user')
    .set({
      failed_attempts: failure.failedAttempts,
      locked_until: failure.lockedUntil,
      updated_at: failure.at,
    })
    .where('id', '=', userId)
    .execute();
}

/** A successful login clears the failure count and any lock. */
export async function recordLoginSuccess(db: Db, userId: string, at: Date): Promise<void> {
  await identityDb(db)
    .updateTable('app_user')
    .set({ failed_attempts: 0, locked_until: null, last_login_at: at, updated_at: at })
    .where('id', '=', userId)
    .execute();
}

export async function insertSession(db: Db, row: NewSessionRow): Promise<void> {
  await identityDb(db).insertInto('session').values(row).execute();
}

export async function revokeSession(db: Db, sessionId: string, at: Date): Promise<void> {
  await identityDb(db).updateTable('session').set({ revoked_at: at }).where('id', '=', sessionId).execute();
}

/** Ends every open session of the user except `keepSessionId` (the one that changed the password). */
export async function revokeSessionsOfUser(
  db: Db,
  userId: string,
  at: Date,
  keepSessionId: string | null,
): Promise<void> {
  let revoke = identityDb(db)
    .updateTable('session')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (keepSessionId) revoke = revoke.where('id', '<>', keepSessionId);
  await revoke.execute();
}

export async function updatePassword(db: Db, userId: string, passwordHash: string, at: Date): Promise<void> {
  await identityDb(db)
    .updateTable('app_user')
    .set({
      password_hash: passwordHash,
      password_changed_at: at,
      must_change_password: false,
      updated_at: at,
    })
    .where('id', '=', userId)
    .execute();
}

export async function insertUser(db: Db, row: NewUserRow): Promise<string> {
  const r = await identityDb(db).insertInto('app_user').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Clears a lock-out; `numUpdatedRows` is 0 when there is no such account. */
export async function unlockUserAccount(db: Db, userId: string, at: Date): Promise<UpdateResult> {
  return identityDb(db)
    .updateTable('app_user')
    .set({ locked_until: null, failed_attempts: 0, updated_at: at })
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function insertApiToken(db: Db, row: NewApiTokenRow): Promise<string> {
  const r = await identityDb(db)
    .insertInto('api_token')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function listApiTokensOfUser(db: Db, userId: string) {
  return identityDb(db)
    .selectFrom('api_token')
    .select(['id', 'name', 'prefix', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Scoped to the owner: `numUpdatedRows` is 0 for someone else's token, an unknown id or one already revoked. */
export async function revokeApiTokenOfUser(
  db: Db,
  id: string,
  userId: string,
  at: Date,
): Promise<UpdateResult> {
  return identityDb(db)
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}
