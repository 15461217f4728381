import type { AppContext, HttpApp } from '../../kernel/context.ts';

export function casesRoutes(app: HttpApp, ctx: AppContext): void {
  void app;
  void ctx;
}
