import { createHash, randomBytes } from 'node:crypto';
import { appendAudit, type AuditOrigin } from '../../kernel/audit.ts';
import { chinaDateTime } from '../../kernel/china-time.ts';
import type { AppContext, Authenticator } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Actor, UserKind } from '../../kernel/policy.ts';
import { findEnterpriseSummary } from '../enterprise/index.ts';
import { notifyUser } from '../notifications/index.ts';
import {
  findActiveApiToken,
  findActiveSession,
  findDepartment,
  findUserById,
  findUserByUsername,
  insertApiToken,
  insertSession,
  insertUser,
  listActiveUserIdsByKind,
  listApiTokensOfUser,
  listUsers as listUserRows,
  recordLoginFailure,
  recordLoginSuccess,
  revokeApiTokenOfUser,
  revokeSession,
  revokeSessionsOfUser,
  touchApiToken,
  unlockUserAccount,
  updatePassword,
} from './identity.repository.ts';
import type { UserRow } from './identity.tables.ts';
import { checkRoleAssignment, DEFAULT_ROLE, permissionsOf } from './identity.roles.ts';
import { dummyPasswordHash, hashPassword, passwordProblems, verifyPassword } from './password.ts';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  kind: UserKind;
  roles: string[];
  permissions: string[];
  department: { id: string; code: string; name: string } | null;
  enterprise: { id: string; uscc: string; name: string } | null;
  mustChangePassword: boolean;
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Resolved sessions are cached for a few seconds so an authenticated read costs one query, not two. Logout and
 * password changes evict here at once; other API processes notice within AUTH_CACHE_MS.
 */
const AUTH_CACHE_MS = 5_000;
const authCache = new Map<string, { actor: Actor; until: number }>();

function evictUser(userId: string): void {
  for (const [k, v] of authCache) if (v.actor.userId === userId) authCache.delete(k);
}

type ActorRow = Pick<
  UserRow,
  'id' | 'username' | 'display_name' | 'kind' | 'roles' | 'department_id' | 'enterprise_id' | 'disabled'
>;

function toActor(row: ActorRow, via: 'session' | 'token', sessionId: string | null): Actor {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    kind: row.kind,
    permissions: permissionsOf(row.roles),
    departmentId: row.department_id,
    enterpriseId: row.enterprise_id,
    via,
    sessionId,
  };
}

export function createAuthenticator(ctx: AppContext): Authenticator {
  return {
    async authenticate({ sessionToken, bearerToken }) {
      const token = bearerToken ?? sessionToken;
      if (!token) return undefined;
      const key = sha256(token);
      const now = ctx.clock.now();
      const cached = authCache.get(key);
      if (cached && cached.until > now.getTime()) return cached.actor;
      let actor: Actor | undefined;
      if (bearerToken) {
        const row = await findActiveApiToken(ctx.db, key, now);
        if (row && !row.disabled) {
          actor = toActor(row, 'token', null);
          // Last use is informative only; once a minute per token is plenty.
          if (!cached) {
            await touchApiToken(ctx.db, row.token_id, now);
          }
        }
      } else {
        const row = await findActiveSession(ctx.db, key, now);
        if (row && !row.disabled) actor = toActor(row, 'session', row.session_id);
      }
      if (actor) {
        if (authCache.size > 50_000) authCache.clear();
        authCache.set(key, { actor, until: now.getTime() + AUTH_CACHE_MS });
      } else {
        authCache.delete(key);
      }
      return actor;
    },
  };
}

export async function getMe(ctx: AppContext, actor: Actor): Promise<Me> {
  const user = await findUserById(ctx.db, actor.userId);
  if (!user)
    throw new AppError('UNAUTHENTICATED', 'Account no longer exists.', {
      params: { reason: 'account-gone' },
    });
  const department = user.department_id ? ((await findDepartment(ctx.db, user.department_id)) ?? null) : null;
  const enterprise = user.enterprise_id
    ? ((await findEnterpriseSummary(ctx.db, user.enterprise_id)) ?? null)
    : null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    kind: user.kind,
    roles: user.roles,
    permissions: [...permissionsOf(user.roles)].sort(),
    department,
    enterprise,
    mustChangePassword: user.must_change_password,
  };
}

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}

export async function login(
  ctx: AppContext,
  input: LoginInput,
): Promise<{ token: string; me: Me; maxAgeSeconds: number }> {
  const now = ctx.clock.now();
  const user = await findUserByUsername(ctx.db, input.username);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await ctx.db.transaction().execute((trx) =>
      appendAudit(
        trx,
        { system: 'identity', ip: input.ip, requestId: input.requestId },
        {
          action: 'auth.login_failed',
          subjectType: 'user',
          subjectId: null,
          detail: { username: input.username.slice(0, 64), reason: 'unknown_user' },
        },
      ),
    );
    throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password.');
  }
  if (user.locked_until && user.locked_until > now) {
    throw new AppError('ACCOUNT_LOCKED', lockedMessage(user.locked_until), {
      params: { lockedUntil: user.locked_until.toISOString() },
      extra: { lockedUntil: user.locked_until.toISOString() },
    });
  }
  const ok = await verifyPassword(user.password_hash, input.password);
  const origin: AuditOrigin = { system: 'identity', ip: input.ip, requestId: input.requestId };
  if (!ok) {
    const failures = user.failed_attempts + 1;
    const lock = failures >= ctx.config.loginMaxFailures;
    const lockedUntil = lock ? new Date(now.getTime() + ctx.config.loginLockMinutes * 60_000) : null;
    await ctx.db.transaction().execute(async (trx) => {
      await recordLoginFailure(trx, user.id, {
        failedAttempts: lock ? 0 : failures,
        lockedUntil,
        at: now,
      });
      await appendAudit(trx, origin, {
        action: lock ? 'auth.account_locked' : 'auth.login_failed',
        subjectType: 'user',
        subjectId: user.id,
        detail: { failures, ...(lockedUntil ? { lockedUntil: lockedUntil.toISOString() } : {}) },
      });
      if (lockedUntil) {
        // 等保: login failures are handled, and the security administrators hear about every lock-out.
        for (const secadmin of await listActiveUserIdsByKind(trx, 'secadmin')) {
          await notifyUser(trx, {
            userId: secadmin,
            title: `账号 ${user.username} 因连续登录失败已被锁定`,
            body: `连续 ${failures} 次登录失败，锁定至 ${lockedMessageTime(lockedUntil)}（北京时间），来源 IP ${input.ip ?? '未知'}。如属正常用户，可在账号管理中解锁。`,
            link: '/admin/users',
            category: 'security',
            dedupeKey: `identity:locked:${user.id}:${lockedUntil.toISOString()}`,
          });
        }
      }
    });
    if (lockedUntil) {
      throw new AppError('ACCOUNT_LOCKED', lockedMessage(lockedUntil), {
        extra: { lockedUntil: lockedUntil.toISOString() },
      });
    }
    const left = ctx.config.loginMaxFailures - failures;
    throw new AppError(
      'INVALID_CREDENTIALS',
      `Wrong username or password; ${left} attempt${left === 1 ? '' : 's'} left before the account is locked.`,
      { params: { attemptsLeft: left }, extra: { attemptsLeft: left } },
    );
  }
  if (user.disabled) throw new AppError('ACCOUNT_DISABLED', 'Account disabled; contact the administrator.');
  const token = newToken();
  const maxAgeSeconds = ctx.config.sessionTtlMinutes * 60;
  await ctx.db.transaction().execute(async (trx) => {
    await insertSession(trx, {
      token_hash: sha256(token),
      user_id: user.id,
      expires_at: new Date(now.getTime() + maxAgeSeconds * 1000),
      revoked_at: null,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 256) ?? null,
    });
    await recordLoginSuccess(trx, user.id, now);
    await appendAudit(
      trx,
      { ...origin, system: undefined, actor: toActor({ ...user }, 'session', null) },
      {
        action: 'auth.logged_in',
        subjectType: 'user',
        subjectId: user.id,
      },
    );
  });
  const me = await getMe(ctx, toActor({ ...user }, 'session', null));
  return { token, me, maxAgeSeconds };
}

function lockedMessageTime(until: Date): string {
  return chinaDateTime(until);
}

function lockedMessage(until: Date): string {
  const local = lockedMessageTime(until);
  return `Too many failed logins; locked until ${local} (China time).`;
}

export async function logout(ctx: AppContext, actor: Actor, origin: AuditOrigin): Promise<void> {
  if (!actor.sessionId) return;
  const sessionId = actor.sessionId;
  await ctx.db.transaction().execute(async (trx) => {
    await revokeSession(trx, sessionId, ctx.clock.now());
    await appendAudit(trx, origin, {
      action: 'auth.logged_out',
      subjectType: 'user',
      subjectId: actor.userId,
    });
  });
  for (const [k, v] of authCache) if (v.actor.sessionId === sessionId) authCache.delete(k);
}

export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  origin: AuditOrigin,
): Promise<void> {
  const user = await findUserById(ctx.db, actor.userId);
  if (!user)
    throw new AppError('UNAUTHENTICATED', 'Account no longer exists.', {
      params: { reason: 'account-gone' },
    });
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('INVALID_CREDENTIALS', 'Current password is wrong.', {
      params: { reason: 'current-password' },
      errors: [
        {
          field: '/body/currentPassword',
          rule: 'matches',
          message: 'current password is wrong',
        },
      ],
    });
  }
  const problems = passwordProblems(input.newPassword, user.username);
  if (input.newPassword === input.currentPassword)
    problems.push({ rule: 'unchanged', message: 'must differ from the current one' });
  if (problems.length) {
    throw new AppError(
      'PASSWORD_TOO_WEAK',
      `The new password does not meet the rule: ${problems.map((p) => p.message).join('; ')}`,
      {
        errors: problems.map((p) => ({ field: '/body/newPassword', ...p })),
      },
    );
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await updatePassword(trx, user.id, passwordHash, now);
    // Every other session of this user ends: a changed password must lock out whoever knew the old one.
    await revokeSessionsOfUser(trx, user.id, now, actor.sessionId);
    await appendAudit(trx, origin, {
      action: 'auth.password_changed',
      subjectType: 'user',
      subjectId: user.id,
    });
  });
  evictUser(user.id);
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  kind: UserKind;
  password: string;
  roles?: string[];
  departmentId?: string | null;
  enterpriseId?: string | null;
  idCardNumber?: string | null;
  phone?: string | null;
  mustChangePassword?: boolean;
}

/** Used by the admin API and by demo/test setup. Runs inside the caller's transaction. */
export async function createUser(trx: Db, origin: AuditOrigin, input: CreateUserInput): Promise<string> {
  const roles = input.roles ?? [DEFAULT_ROLE[input.kind]];
  const reason = checkRoleAssignment(input.kind, roles);
  if (reason)
    throw new AppError('ROLE_ASSIGNMENT_INVALID', reason, {
      errors: [{ field: '/body/roles', rule: 'separationOfDuties', message: reason }],
    });
  const weak = passwordProblems(input.password, input.username);
  if (weak.length) {
    throw new AppError(
      'PASSWORD_TOO_WEAK',
      `The initial password does not meet the rule: ${weak.map((p) => p.message).join('; ')}`,
      {
        errors: weak.map((p) => ({ field: '/body/password', ...p })),
      },
    );
  }
  if (await findUserByUsername(trx, input.username)) {
    throw new AppError('USERNAME_TAKEN', `Username ${input.username} is already in use.`, {
      params: { username: input.username },
      errors: [{ field: '/body/username', rule: 'unique', message: 'already in use' }],
    });
  }
  const id = await insertUser(trx, {
    username: input.username,
    display_name: input.displayName,
    kind: input.kind,
    roles,
    password_hash: await hashPassword(input.password),
    department_id: input.departmentId ?? null,
    enterprise_id: input.enterpriseId ?? null,
    id_card_number: input.idCardNumber ?? null,
    phone: input.phone ?? null,
    locked_until: null,
    last_login_at: null,
    must_change_password: input.mustChangePassword ?? false,
  });
  await appendAudit(trx, origin, {
    action: 'user.created',
    subjectType: 'user',
    subjectId: id,
    detail: { username: input.username, kind: input.kind, roles },
  });
  return id;
}

export async function unlockUser(ctx: AppContext, userId: string, origin: AuditOrigin): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const res = await unlockUserAccount(trx, userId, ctx.clock.now());
    if (!res.numUpdatedRows)
      throw new AppError('NOT_FOUND', 'No such account.', { params: { reason: 'account' } });
    await appendAudit(trx, origin, { action: 'user.unlocked', subjectType: 'user', subjectId: userId });
  });
}

export async function listUsers(
  ctx: AppContext,
  q: { page: number; pageSize: number; q?: string | undefined; locked?: boolean | undefined },
) {
  const now = ctx.clock.now();
  const { items, total } = await listUserRows(ctx.db, { ...q, lockedAt: q.locked ? now : undefined });
  // Administrators read names, not ids; at most one page of distinct enterprises is looked up.
  const enterpriseIds = [
    ...new Set(items.map((u) => u.enterprise_id).filter((id): id is string => id !== null)),
  ];
  const enterprises = new Map(
    await Promise.all(
      enterpriseIds.map(async (id) => [id, await findEnterpriseSummary(ctx.db, id)] as const),
    ),
  );
  return {
    total,
    items: items.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      kind: u.kind,
      roles: u.roles,
      department: u.department_name,
      enterprise: u.enterprise_id ? (enterprises.get(u.enterprise_id)?.name ?? null) : null,
      enterpriseUscc: u.enterprise_id ? (enterprises.get(u.enterprise_id)?.uscc ?? null) : null,
      locked: !!u.locked_until && u.locked_until > now,
      lockedUntil: u.locked_until ? u.locked_until.toISOString() : null,
      failedAttempts: u.failed_attempts,
      lastLoginAt: u.last_login_at ? u.last_login_at.toISOString() : null,
      disabled: u.disabled,
    })),
  };
}

export async function createApiToken(
  ctx: AppContext,
  actor: Actor,
  input: { name: string; expiresInDays?: number | undefined },
  origin: AuditOrigin,
): Promise<{ id: string; token: string; prefix: string; expiresAt: string | null }> {
  const secret = newToken();
  const prefix = secret.slice(0, 8);
  const token = `ys_${secret}`;
  const expiresAt = input.expiresInDays
    ? new Date(ctx.clock.now().getTime() + input.expiresInDays * 86_400_000)
    : null;
  const id = await ctx.db.transaction().execute(async (trx) => {
    const tokenId = await insertApiToken(trx, {
      token_hash: sha256(token),
      prefix,
      name: input.name,
      user_id: actor.userId,
      expires_at: expiresAt,
      revoked_at: null,
      last_used_at: null,
    });
    await appendAudit(trx, origin, {
      action: 'token.created',
      subjectType: 'api_token',
      subjectId: tokenId,
      detail: { name: input.name },
    });
    return tokenId;
  });
  return { id, token, prefix, expiresAt: expiresAt?.toISOString() ?? null };
}

export async function listApiTokens(ctx: AppContext, actor: Actor) {
  const rows = await listApiTokensOfUser(ctx.db, actor.userId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
  }));
}

export async function revokeApiToken(
  ctx: AppContext,
  actor: Actor,
  id: string,
  origin: AuditOrigin,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    // Scoped to the owner: someone else's token id answers "not found".
    const res = await revokeApiTokenOfUser(trx, id, actor.userId, ctx.clock.now());
    if (!res.numUpdatedRows)
      throw new AppError('NOT_FOUND', 'No such token.', { params: { reason: 'token' } });
    await appendAudit(trx, origin, { action: 'token.revoked', subjectType: 'api_token', subjectId: id });
  });
  authCache.clear();
}
