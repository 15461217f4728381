import type { AppContext, HttpApp } from '../../kernel/context.ts';

export function recordsRoutes(app: HttpApp, ctx: AppContext): void {
  void app;
  void ctx;
}
