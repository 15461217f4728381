import type { AppContext, HttpApp } from '../../kernel/context.ts';

export function queryRoutes(app: HttpApp, ctx: AppContext): void {
  void app;
  void ctx;
}
