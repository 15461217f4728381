/**
 * Who is acting. Permissions are named strings (`application.approve`); every route declares one, `'public'` or
 * `'authenticated'`. Data scoping (an officer sees only their department, an enterprise only itself) is decided by
 * each module's pure `*.policy.ts`, and "not yours" is reported as not found.
 */
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

export type RoutePermission = 'public' | 'authenticated' | (string & { readonly __permission?: never });

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

/** Audit and logs name the actor without personal data beyond the account name. */
export function actorLabel(actor: Actor | undefined): string {
  return actor ? `${actor.username}(${actor.kind})` : 'anonymous';
}
