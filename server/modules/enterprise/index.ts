/** Public API of the enterprise (market-entity registry) module. */
import { defineModule } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { MetricProvider } from '../../kernel/metrics.ts';
import { definePermissions } from '../../kernel/policy.ts';
import { enterpriseRoutes } from './enterprise.routes.ts';
import {
  findEnterpriseIdByUscc,
  findEnterpriseSummaryRow,
  findEnterpriseSummaryRows,
  insertEnterprises,
  countEnterprises,
  type EnterpriseInsert,
} from './enterprise.repository.ts';

/** For the action plan's KPIs: the size of the registry, recomputed each period so its trend can be drawn. */
const registeredCount: MetricProvider = {
  id: 'enterprise.registered-count',
  name: '登记在册市场主体数',
  unit: '户',
  description: '市场主体库中登记在册的市场主体（企业、个体工商户、农民专业合作社）数，按计算时的登记库统计。',
  async compute(ctx) {
    const enterprises = await countEnterprises(ctx.db);
    return { value: enterprises, detail: { enterprises } };
  },
};

const permissions = definePermissions({
  'enterprise.read': '查看市场主体（企业只能看自己）',
  'enterprise.stats': '查看市场主体统计',
});

declare module '../../kernel/policy.ts' {
  interface PermissionCatalogues {
    enterprise: typeof permissions;
  }
}

export const enterpriseModule = defineModule({
  name: 'enterprise',
  routes: enterpriseRoutes,
  permissions,
  metrics: [registeredCount],
});

export async function findEnterpriseSummary(
  db: Db,
  id: string,
): Promise<{ id: string; uscc: string; name: string } | undefined> {
  return findEnterpriseSummaryRow(db, id);
}

export async function findEnterpriseSummaries(
  db: Db,
  ids: readonly string[],
): Promise<{ id: string; uscc: string; name: string }[]> {
  return findEnterpriseSummaryRows(db, ids);
}

export async function findEnterpriseIdByCode(db: Db, uscc: string): Promise<string | undefined> {
  return (await findEnterpriseIdByUscc(db, uscc))?.id;
}

export { insertEnterprises, countEnterprises, type EnterpriseInsert };
export { INDUSTRY_SECTIONS } from './industry.ts';
// The caller's own enterprise profile (scoped like GET /api/enterprises/{id}): services prefills forms from it.
export { getEnterprise } from './enterprise.service.ts';
export type { EnterpriseDto } from './enterprise.schemas.ts';
export {
  listEnterpriseIdsAfter,
  listEnterpriseProfilesAfter,
  registryNameSearch,
  registryHasUscc,
  registryIdOfUscc,
  registryIdsByUscc,
} from './enterprise.repository.ts';
