/** Who sees which market entities: officials see the registry, an enterprise user only its own entity. */
import type { Actor } from '../../kernel/policy.ts';

export type EnterpriseScope = { kind: 'all' } | { kind: 'one'; enterpriseId: string } | { kind: 'none' };

export function enterpriseScope(actor: Actor): EnterpriseScope {
  if (!actor.permissions.has('enterprise.read')) return { kind: 'none' };
  switch (actor.kind) {
    case 'office':
    case 'officer':
      return { kind: 'all' };
    case 'enterprise':
      return actor.enterpriseId ? { kind: 'one', enterpriseId: actor.enterpriseId } : { kind: 'none' };
    case 'individual':
    case 'sysadmin':
    case 'secadmin':
    case 'auditor':
      return { kind: 'none' };
    default: {
      const unreachable: never = actor.kind;
      return unreachable;
    }
  }
}
