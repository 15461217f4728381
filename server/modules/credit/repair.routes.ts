import type { AppContext, HttpApp } from '../../kernel/context.ts';

export function repairRoutes(app: HttpApp, ctx: AppContext): void {
  void app;
  void ctx;
}
