/** Who may see and change what in the policy module (pure; "not yours" is reported as not found). */
import type { Actor } from '../../kernel/policy.ts';

/** Officers author and grant only their own department's policies. */
export function managesDepartment(actor: Actor, departmentId: string): boolean {
  return actor.departmentId !== null && actor.departmentId === departmentId;
}

/** An enterprise account sees only its own enterprise's matches, facts and grants. */
export function ownsEnterprise(actor: Actor, enterpriseId: string): boolean {
  return actor.enterpriseId !== null && actor.enterpriseId === enterpriseId;
}

/** The office sees district-wide figures; an officer their department's. */
export function statsScope(actor: Actor): { departmentId: string | null } {
  return { departmentId: actor.kind === 'office' || actor.departmentId === null ? null : actor.departmentId };
}
