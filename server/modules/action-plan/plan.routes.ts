import type { AppContext, HttpApp } from '../../kernel/context.ts';

export function planRoutes(app: HttpApp, ctx: AppContext): void {
  void app;
  void ctx;
}
