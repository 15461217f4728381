/**
 * First-start data. Reference data (the department registry from config/departments.json) is loaded in every
 * mode; demo enterprises and demo accounts only when DEMO_DATA is on. In production the three administrators are
 * created with one-time random passwords that must be changed at first login — never a default password.
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../kernel/context.ts';
import { appendAudit } from '../kernel/audit.ts';
import type { UserKind } from '../kernel/policy.ts';
import { generateDemoEnterprises } from '../kernel/demo/enterprises.ts';
import { generateDemoPerson } from '../kernel/demo/people.ts';
import { countEnterprises, insertEnterprises } from '../modules/enterprise/index.ts';
import {
  countUsers,
  createUser,
  findDepartmentByName,
  seedDepartmentsFromConfig,
} from '../modules/identity/index.ts';

export const DEMO_ENTERPRISE_COUNT = 2000;
const DEMO_SEED = 20220511;

/** Departments are loaded by the identity module on start; kept for callers that seed explicitly (CLI, tests). */
export async function seedReferenceData(ctx: AppContext): Promise<{ departments: number }> {
  return { departments: await seedDepartmentsFromConfig(ctx) };
}

export interface SeededAccount {
  username: string;
  password: string;
  kind: UserKind;
  description: string;
}

function randomPassword(): string {
  // 18 base64url chars plus a fixed symbol/digit tail so it meets the password rule.
  return `${randomBytes(14).toString('base64url')}#9a`;
}

/** Creates the administrators in production when none exist yet. Returns what to print once. */
export async function seedAdministrators(ctx: AppContext): Promise<SeededAccount[]> {
  if ((await countUsers(ctx.db, 'sysadmin')) > 0) return [];
  const accounts: SeededAccount[] = [
    { username: 'sysadmin', password: randomPassword(), kind: 'sysadmin', description: '系统管理员' },
    { username: 'secadmin', password: randomPassword(), kind: 'secadmin', description: '安全管理员' },
    { username: 'auditor', password: randomPassword(), kind: 'auditor', description: '审计管理员' },
  ];
  await ctx.db.transaction().execute(async (trx) => {
    for (const a of accounts) {
      await createUser(
        trx,
        { system: 'seed' },
        {
          username: a.username,
          displayName: a.description,
          kind: a.kind,
          password: a.password,
          mustChangePassword: true,
        },
      );
    }
  });
  return accounts;
}

export async function seedDemoData(
  ctx: AppContext,
  onProgress?: (done: number, total: number) => void,
): Promise<SeededAccount[]> {
  if ((await countEnterprises(ctx.db)) === 0) {
    const demo = generateDemoEnterprises(DEMO_ENTERPRISE_COUNT, DEMO_SEED);
    const chunk = 250;
    for (let i = 0; i < demo.length; i += chunk) {
      await insertEnterprises(
        ctx.db,
        demo.slice(i, i + chunk).map((e) => ({
          uscc: e.uscc,
          name: e.name,
          legal_representative: e.legalRepresentative,
          industry_section: e.industrySection,
          industry_division: e.industryDivision,
          industry_name: e.industryName,
          size: e.size,
          entity_type: e.entityType,
          registered_capital: e.registeredCapital,
          employees: e.employees,
          annual_revenue: e.annualRevenue,
          founded_on: e.foundedOn,
          town: e.town,
          address: e.address,
          phone: e.phone,
          high_tech: e.highTech,
          specialised_sme: e.specialisedSme,
          status: e.status,
        })),
      );
      onProgress?.(Math.min(i + chunk, demo.length), demo.length);
    }
    await ctx.db
      .transaction()
      .execute((trx) =>
        appendAudit(
          trx,
          { system: 'seed' },
          { action: 'enterprise.demo_seeded', subjectType: 'enterprise', detail: { count: demo.length } },
        ),
      );
  }
  if ((await countUsers(ctx.db)) > 0) return [];
  const password = ctx.config.demoPassword;
  if (!password) return [];
  const first = generateDemoEnterprises(1, DEMO_SEED)[0];
  const { findEnterpriseIdByCode } = await import('../modules/enterprise/index.ts');
  const enterpriseId = first ? await findEnterpriseIdByCode(ctx.db, first.uscc) : undefined;
  const samr = await findDepartmentByName(ctx.db, '区市场监管局');
  const tax = await findDepartmentByName(ctx.db, '区税务局');
  const office = await findDepartmentByName(ctx.db, '区优化营商环境工作领导小组办公室');
  // Officers of the other departments that process 企业开办 tasks in parallel (公章刻制备案, 社保登记, 公积金缴存登记).
  const police = await findDepartmentByName(ctx.db, '区公安分局');
  const hrss = await findDepartmentByName(ctx.db, '区人社局');
  const fund = await findDepartmentByName(ctx.db, '区公积金中心');
  const person = generateDemoPerson(DEMO_SEED);
  const accounts: (SeededAccount & {
    departmentId?: string | undefined;
    enterpriseId?: string | undefined;
    displayName: string;
    idCard?: string;
    phone?: string;
  })[] = [
    {
      username: 'ent',
      kind: 'enterprise',
      password,
      description: `企业用户（${first?.name ?? ''}）`,
      displayName: first?.legalRepresentative ?? '企业用户',
      enterpriseId,
    },
    {
      username: 'person',
      kind: 'individual',
      password,
      description: '个人用户',
      displayName: person.name,
      idCard: person.idCard,
      phone: person.phone,
    },
    {
      username: 'samr',
      kind: 'officer',
      password,
      description: '区市场监管局 工作人员',
      displayName: '市场监管局经办人',
      departmentId: samr?.id,
    },
    {
      username: 'tax',
      kind: 'officer',
      password,
      description: '区税务局 工作人员',
      displayName: '税务局经办人',
      departmentId: tax?.id,
    },
    {
      username: 'police',
      kind: 'officer',
      password,
      description: '区公安分局 工作人员',
      displayName: '公安分局经办人',
      departmentId: police?.id,
    },
    {
      username: 'hrss',
      kind: 'officer',
      password,
      description: '区人社局 工作人员',
      displayName: '人社局经办人',
      departmentId: hrss?.id,
    },
    {
      username: 'fund',
      kind: 'officer',
      password,
      description: '区公积金中心 工作人员',
      displayName: '公积金中心经办人',
      departmentId: fund?.id,
    },
    {
      username: 'office',
      kind: 'office',
      password,
      description: '领导小组办公室',
      displayName: '营商办督查员',
      departmentId: office?.id,
    },
    {
      username: 'sysadmin',
      kind: 'sysadmin',
      password,
      description: '系统管理员',
      displayName: '系统管理员',
    },
    {
      username: 'secadmin',
      kind: 'secadmin',
      password,
      description: '安全管理员',
      displayName: '安全管理员',
    },
    { username: 'auditor', kind: 'auditor', password, description: '审计管理员', displayName: '审计管理员' },
  ];
  await ctx.db.transaction().execute(async (trx) => {
    for (const a of accounts) {
      await createUser(
        trx,
        { system: 'seed' },
        {
          username: a.username,
          displayName: a.displayName,
          kind: a.kind,
          password: a.password,
          departmentId: a.departmentId ?? null,
          enterpriseId: a.enterpriseId ?? null,
          idCardNumber: a.idCard ?? null,
          phone: a.phone ?? null,
        },
      );
    }
  });
  return accounts.map(({ username, password: p, kind, description }) => ({
    username,
    password: p,
    kind,
    description,
  }));
}
