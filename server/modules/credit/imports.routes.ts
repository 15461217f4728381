import type { AppContext, HttpApp } from '../../kernel/context.ts';

export function importsRoutes(app: HttpApp, ctx: AppContext): void {
  void app;
  void ctx;
}
