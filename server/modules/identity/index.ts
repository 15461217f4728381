/** Public API of the identity module: accounts, departments, sessions, API tokens, roles and permissions. */
import { defineModule } from '../../kernel/context.ts';
import { seedDepartmentsFromConfig } from './departments.service.ts';
import { identityRoutes } from './identity.routes.ts';

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
  findUserDisplayNames,
} from './identity.repository.ts';
