/** Public API of the identity module: accounts, departments, sessions, API tokens, roles and permissions. */
import { defineModule } from '../../kernel/context.ts';
import { seedDepartmentsFromConfig } from './departments.service.ts';
import { identityRoutes } from './identity.routes.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy.ts';
import { findUserByUsername } from './identity.repository.ts';
import { permissionsOf } from './identity.roles.ts';

export const identityModule = defineModule({
  name: 'identity',
  routes: identityRoutes,
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
