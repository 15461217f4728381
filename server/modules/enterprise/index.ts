/** Public API of the enterprise (market-entity registry) module. */
import { defineModule } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { enterpriseRoutes } from './enterprise.routes.ts';
import {
  findEnterpriseIdByUscc,
  findEnterpriseSummaryRow,
  insertEnterprises,
  countEnterprises,
  type EnterpriseInsert,
} from './enterprise.repository.ts';

export const enterpriseModule = defineModule({ name: 'enterprise', routes: enterpriseRoutes });

export async function findEnterpriseSummary(
  db: Db,
  id: string,
): Promise<{ id: string; uscc: string; name: string } | undefined> {
  return findEnterpriseSummaryRow(db, id);
}

export async function findEnterpriseIdByCode(db: Db, uscc: string): Promise<string | undefined> {
  return (await findEnterpriseIdByUscc(db, uscc))?.id;
}

export { insertEnterprises, countEnterprises, type EnterpriseInsert };
export { INDUSTRY_SECTIONS } from './industry.ts';
