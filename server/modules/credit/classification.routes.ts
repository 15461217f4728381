import type { AppContext, HttpApp } from '../../kernel/context.ts';

export function classificationRoutes(app: HttpApp, ctx: AppContext): void {
  void app;
  void ctx;
}
