/**
 * Who is acting. Permissions are named strings (`application.approve`); every route declares one, `'public'` or
 * `'authenticated'`. Data scoping (an officer sees only their department, an enterprise only itself) is decided by
 * each module's pure `*.policy.ts`, and "not yours" is reported as not found.
 */
import type { Db } from './db/database.ts';

export const USER_KINDS = [
  'enterprise',
  'individual',
  'officer',
  'office',
  'sysadmin',
  'secadmin',
  'auditor',
] as const;
export type UserKind = (typeof USER_KINDS)[number];

/**
 * Every module's permissions (permission → what it allows, in Chinese for the role pages), by module name. A module
 * declares its own with `definePermissions` in its manifest and adds them here by declaration merging, so
 * `Permission` is the union of all and a route or role naming an undeclared one does not compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging in each module
export interface PermissionCatalogues {}

export type Permission = {
  [M in keyof PermissionCatalogues]: Extract<keyof PermissionCatalogues[M], string>;
}[keyof PermissionCatalogues];

export type RoutePermission = 'public' | 'authenticated' | Permission;

export function definePermissions<const T extends Record<string, string>>(permissions: T): T {
  for (const p of Object.keys(permissions)) {
    if (!/^[a-z][a-z-]*\.[a-z][a-z-]*$/.test(p)) throw new Error(`permission ${p} must look like noun.verb`);
  }
  return permissions;
}

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  kind: UserKind;
  permissions: ReadonlySet<string>;
  departmentId: string | null;
  enterpriseId: string | null;
  via: 'session' | 'token';
  sessionId: string | null;
}

export function can(actor: Actor | undefined, permission: string): boolean {
  if (permission === 'public') return true;
  if (!actor) return false;
  if (permission === 'authenticated') return true;
  return actor.permissions.has(permission);
}

/**
 * The platform itself acting (a job, start-up seeding), declared instead of borrowing or inventing a user: audit
 * entries record it as `system:<name>` with no user id, and it holds no permissions.
 */
export interface SystemActor {
  readonly kind: 'system';
  /** `module.job-id` for jobs, or a start-up step such as `seed` / `config`. */
  readonly name: string;
}

export function systemActor(name: string): SystemActor {
  return { kind: 'system', name };
}

/** Who besides the uploader may read a stored file of an owner module; declared in that module's manifest. */
export type FileAccessCheck = (actor: Actor, ownerId: string, db: Db) => Promise<boolean>;

/** Audit and logs name the actor without personal data beyond the account name. */
export function actorLabel(actor: Actor | undefined): string {
  return actor ? `${actor.username}(${actor.kind})` : 'anonymous';
}
