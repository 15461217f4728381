/**
 * Roles and the permissions they carry. System, security and audit administration are three separate roles
 * (等保 2.0 三员分立): none of them holds a business permission, and no account may hold two of them.
 */
import { definePermissions, type Permission, type UserKind } from '../../kernel/policy.ts';

/** Identity's own permissions; every module declares its own in its manifest (kernel `PermissionCatalogues`). */
export const PERMISSIONS = definePermissions({
  'department.read': '查看部门',
  'user.read': '查看账号',
  'user.manage': '管理账号',
  'user.unlock': '解锁账号、重置登录失败',
  'token.manage': '管理自己的 API 令牌',
});

declare module '../../kernel/policy.ts' {
  interface PermissionCatalogues {
    identity: typeof PERMISSIONS;
  }
}

export const ROLES: Record<
  string,
  { name: string; kinds: readonly UserKind[]; permissions: readonly Permission[] }
> = {
  enterprise_user: {
    name: '企业用户',
    kinds: ['enterprise'],
    permissions: [
      'enterprise.read',
      'file.upload',
      'token.manage',
      'credit.own',
      'services.apply',
      'policy.own',
    ],
  },
  individual: { name: '个人用户', kinds: ['individual'], permissions: ['file.upload', 'services.apply'] },
  department_officer: {
    name: '部门工作人员',
    kinds: ['officer'],
    permissions: [
      'enterprise.read',
      'enterprise.stats',
      'department.read',
      'file.upload',
      'token.manage',
      'plan.read',
      'plan.report',
      'credit.enter',
      'credit.review',
      'credit.read',
      'services.process',
      'policy.author',
      'policy.grant',
      'policy.read',
    ],
  },
  leading_group_office: {
    name: '领导小组办公室',
    kinds: ['office'],
    permissions: [
      'enterprise.read',
      'enterprise.stats',
      'department.read',
      'file.upload',
      'token.manage',
      'plan.read',
      'plan.supervise',
      'credit.read',
      'credit.manage',
      'services.read',
      'services.manage',
      'policy.read',
    ],
  },
  system_admin: {
    name: '系统管理员',
    kinds: ['sysadmin'],
    permissions: ['calendar.manage', 'user.read', 'user.manage', 'job.read', 'job.run', 'department.read'],
  },
  security_admin: { name: '安全管理员', kinds: ['secadmin'], permissions: ['user.read', 'user.unlock'] },
  audit_admin: { name: '审计管理员', kinds: ['auditor'], permissions: ['audit.read'] },
};

export const DEFAULT_ROLE: Record<UserKind, string> = {
  enterprise: 'enterprise_user',
  individual: 'individual',
  officer: 'department_officer',
  office: 'leading_group_office',
  sysadmin: 'system_admin',
  secadmin: 'security_admin',
  auditor: 'audit_admin',
};

const ADMIN_ROLES = new Set(['system_admin', 'security_admin', 'audit_admin']);

/** Returns a reason when a set of roles breaks separation of duties or does not fit the account kind. */
export function checkRoleAssignment(kind: UserKind, roles: readonly string[]): string | null {
  const admin = roles.filter((r) => ADMIN_ROLES.has(r));
  if (admin.length > 1) return `三员分立：一个账号不能同时担任 ${admin.join('、')}`;
  if (admin.length === 1 && roles.length > 1) return '管理员账号不能兼任业务角色';
  for (const r of roles) {
    const role = ROLES[r];
    if (!role) return `未知角色 ${r}`;
    if (!role.kinds.includes(kind)) return `角色 ${r} 不适用于 ${kind} 类账号`;
  }
  return null;
}

export function permissionsOf(roles: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const r of roles) for (const p of ROLES[r]?.permissions ?? []) out.add(p);
  return out;
}
