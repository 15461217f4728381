/**
 * Roles and the permissions they carry. System, security and audit administration are three separate roles
 * (等保 2.0 三员分立): none of them holds a business permission, and no account may hold two of them.
 */
import type { UserKind } from '../../kernel/policy.ts';

export const PERMISSIONS = {
  'enterprise.read': '查看市场主体（企业只能看自己）',
  'enterprise.stats': '查看市场主体统计',
  'department.read': '查看部门',
  'calendar.manage': '维护工作日历',
  'user.read': '查看账号',
  'user.manage': '管理账号',
  'user.unlock': '解锁账号、重置登录失败',
  'audit.read': '查看与校验审计日志',
  'job.read': '查看后台任务状态',
  'job.run': '手动触发后台任务',
  'file.upload': '上传文件',
  'token.manage': '管理自己的 API 令牌',
  'plan.read': '查看行动方案的内部进展（报告、督办、导出）',
  'plan.report': '本部门填报措施进展、提交典型案例',
  'plan.supervise': '领导小组办公室：导入方案、设置节点、督办、审核案例、管理指标',
  'credit.enter': '录入、导入本部门职责范围内的信用信息（双公示等）',
  'credit.review': '审核本部门信用信息的修复申请、管理本部门的红黑名单',
  'credit.read': '查看信用信息（含未公示信息与统计）',
  'credit.manage': '维护信用信息目录、惩戒措施清单与分类规则',
  'credit.own': '企业：查看本企业全部信用信息、申请信用修复、作出信用承诺',
  'services.apply': '企业、个人：在线申办事项与一件事、补正材料、查看办件进度与结果',
  'services.process': '部门：认领、审批、退回、要求补正本部门的办件任务',
  'services.read': '查看全区办件、时限与统计（监管）',
  'services.manage': '维护政务服务事项目录与一件事配置',
  'policy.author': '部门：起草、测试、发布本部门的政策与规则',
  'policy.grant': '部门：审核免申即享名单、登记兑付',
  'policy.read': '查看政策匹配、推送与兑现情况',
  'policy.own': '企业：查看本企业匹配的政策与解释、订阅、确认免申即享',
} as const;

export type Permission = keyof typeof PERMISSIONS;

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
