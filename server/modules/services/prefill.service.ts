/** Prefill of a bundle's combined form: the enterprise profile first, then the applicant's earlier answers. */
import type { AppContext } from '../../kernel/context.ts';
import { can, type Actor } from '../../kernel/policy.ts';
import { getEnterprise } from '../enterprise/index.ts';
import { recentForms } from './applications.repository.ts';
import type { PrefillDto } from './applications.schemas.ts';
import { findBundleForUse } from './catalogue.service.ts';

const PROFILE_FIELDS: Record<string, (e: Awaited<ReturnType<typeof getEnterprise>>) => unknown> = {
  companyName: (e) => e.name,
  uscc: (e) => e.uscc,
  legalRepresentative: (e) => e.legalRepresentative,
  address: (e) => e.address,
  registeredCapital: (e) => e.registeredCapital,
  employees: (e) => e.employees,
};

export async function prefill(ctx: AppContext, actor: Actor, bundleCode: string): Promise<PrefillDto> {
  const { bundle } = await findBundleForUse(ctx, bundleCode);
  const props = Object.keys(bundle.composed.formSchema.properties ?? {});
  const values: Record<string, unknown> = {};
  const sources: PrefillDto['sources'] = {};
  if (actor.enterpriseId && can(actor, 'enterprise.read')) {
    const e = await getEnterprise(ctx, actor, actor.enterpriseId);
    for (const f of props) {
      const get = PROFILE_FIELDS[f];
      if (!get) continue;
      values[f] = get(e);
      sources[f] = 'profile';
    }
  }
  for (const row of await recentForms(ctx.db, actor.userId, 20)) {
    for (const f of props) {
      if (f in values) continue;
      const v = row.form[f];
      if (v === undefined || v === null || v === '') continue;
      values[f] = v;
      sources[f] = 'earlier';
    }
  }
  return { values, sources };
}
