import type { AppContext } from '../../kernel/context.ts';
import { systemActor } from '../../kernel/policy.ts';
import { seedSanctionsAndRules } from './sanctions.service.ts';
import { insertMissingCategories } from './records.repository.ts';
import { readCategoryConfig } from './records.service.ts';

/** Start-up seeding acts as the platform's `seed` step (recorded as `system:seed`, like other modules' seeds). */
const SEED_ACTOR = systemActor('seed');

/** Loads the category catalogue (config/credit/categories.json) on start: new codes only. */
export async function seedCreditCatalogue(ctx: AppContext): Promise<void> {
  const inserted = await insertMissingCategories(ctx.db, readCategoryConfig());
  if (inserted.length > 0) ctx.logger.info({ categories: inserted.length }, 'credit categories seeded');
}

/** Loads the sanctions catalogue and classification rules (config/credit/) on start: new entries only. */
export async function seedCreditRules(ctx: AppContext): Promise<void> {
  await seedSanctionsAndRules(ctx, SEED_ACTOR);
}
