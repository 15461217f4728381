import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { enterpriseScope } from './enterprise.policy.ts';
import {
  countEnterprises,
  enterpriseStatsRows,
  findEnterpriseRow,
  listEnterpriseRows,
  type EnterpriseFilter,
} from './enterprise.repository.ts';
import type { EnterpriseDto } from './enterprise.schemas.ts';
import { INDUSTRY_SECTIONS } from './industry.ts';

type Row = NonNullable<Awaited<ReturnType<typeof findEnterpriseRow>>>;

function toDto(r: Row): EnterpriseDto {
  return {
    id: r.id,
    uscc: r.uscc,
    name: r.name,
    legalRepresentative: r.legal_representative,
    industrySection: r.industry_section,
    industrySectionName: INDUSTRY_SECTIONS[r.industry_section] ?? r.industry_section,
    industryDivision: r.industry_division,
    industryName: r.industry_name,
    size: r.size,
    entityType: r.entity_type,
    registeredCapital: r.registered_capital,
    employees: r.employees,
    annualRevenue: r.annual_revenue,
    foundedOn: r.founded_on,
    town: r.town,
    address: r.address,
    highTech: r.high_tech,
    specialisedSme: r.specialised_sme,
    status: r.status,
  };
}

export async function listEnterprises(
  ctx: AppContext,
  actor: Actor,
  q: EnterpriseFilter & { page: number; pageSize: number },
): Promise<{ items: EnterpriseDto[]; total: number }> {
  const { items, total } = await listEnterpriseRows(ctx.db, enterpriseScope(actor), q, q.page, q.pageSize);
  return { items: items.map(toDto), total };
}

export async function getEnterprise(ctx: AppContext, actor: Actor, id: string): Promise<EnterpriseDto> {
  const row = await findEnterpriseRow(ctx.db, enterpriseScope(actor), id);
  // Someone else's enterprise is indistinguishable from a missing one.
  if (!row) throw new AppError('NOT_FOUND', 'Enterprise not found.', { params: { reason: 'enterprise' } });
  return toDto(row);
}

export async function getEnterpriseStats(ctx: AppContext) {
  const [total, rows] = await Promise.all([countEnterprises(ctx.db), enterpriseStatsRows(ctx.db)]);
  return {
    total,
    bySize: rows.bySize,
    byTown: rows.byTown,
    bySection: rows.bySection.map((r) => ({
      key: r.key,
      name: INDUSTRY_SECTIONS[r.key] ?? r.key,
      count: r.count,
    })),
  };
}
