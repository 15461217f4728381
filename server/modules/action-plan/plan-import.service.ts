import type { AppContext } from '../../kernel/context.ts';

/** Imports the shipped plan (config/plan/) on first start. */
export async function importShippedPlan(ctx: AppContext): Promise<void> {
  void ctx;
}
