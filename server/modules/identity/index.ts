/** Public API of the identity module: accounts, departments, sessions, API tokens, roles and permissions. */
import { defineAuditActions } from '../../kernel/audit.ts';
import { defineModule } from '../../kernel/context.ts';
import { IdentityErrors } from './identity.errors.ts';
import { seedDepartmentsFromConfig } from './departments.service.ts';
import { identityRoutes } from './identity.routes.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy.ts';
import { findUserByUsername } from './identity.repository.ts';
import { PERMISSIONS, permissionsOf } from './identity.roles.ts';

declare module '../../kernel/audit.ts' {
  interface AuditActions {
    'auth.logged_in': Record<string, never>;
    'auth.logged_out': Record<string, never>;
    'auth.login_failed':
      { username: string; reason: 'unknown_user' } | { failures: number; lockedUntil?: string };
    'auth.account_locked': { failures: number; lockedUntil?: string };
    'auth.password_changed': Record<string, never>;
    'user.created': { username: string; kind: string; roles: readonly string[] };
    'user.unlocked': Record<string, never>;
    'token.created': { name: string };
    'token.revoked': Record<string, never>;
    'department.seeded': { count: number; codes: readonly string[] };
  }
}

export const identityModule = defineModule({
  name: 'identity',
  routes: identityRoutes,
  errors: [IdentityErrors],
  permissions: PERMISSIONS,
  auditActions: defineAuditActions([
    'auth.logged_in',
    'auth.logged_out',
    'auth.login_failed',
    'auth.account_locked',
    'auth.password_changed',
    'user.created',
    'user.unlocked',
    'token.created',
    'token.revoked',
    'department.seeded',
  ]),
  async onStart(ctx) {
    await seedDepartmentsFromConfig(ctx);
  },
});

export { seedDepartmentsFromConfig, readDepartmentConfig } from './departments.service.ts';

export { createAuthenticator, createUser, type CreateUserInput } from './identity.service.ts';
export { PERMISSIONS, ROLES, DEFAULT_ROLE, checkRoleAssignment } from './identity.roles.ts';
export {
  listDepartments,
  findDepartmentByCode,
  findDepartmentByName,
  insertDepartments,
  countDepartments,
  countUsers,
  listActiveUserIdsByKind,
  listActiveUserIdsOfEnterprises,
  findUserDisplayNames,
} from './identity.repository.ts';

/** An account as an Actor, for system use cases that act on its behalf (demo data); undefined when missing or disabled. */
export async function findActorByUsername(db: Db, username: string): Promise<Actor | undefined> {
  const u = await findUserByUsername(db, username);
  if (!u || u.disabled) return undefined;
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    kind: u.kind,
    permissions: permissionsOf(u.roles),
    departmentId: u.department_id,
    enterpriseId: u.enterprise_id,
    via: 'session',
    sessionId: null,
  };
}
