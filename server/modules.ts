/** The explicit list of module manifests this platform runs. Order matters only for readability. */
import type { AppContext, ModuleManifest } from './kernel/context.ts';
import { actionPlanModule } from './modules/action-plan/index.ts';
import { calendarModule } from './modules/calendar/index.ts';
import { creditModule } from './modules/credit/index.ts';
import { enterpriseModule } from './modules/enterprise/index.ts';
import { filesModule } from './modules/files/index.ts';
import { identifiersModule } from './modules/identifiers/index.ts';
import { identityModule } from './modules/identity/index.ts';
import { notificationsModule } from './modules/notifications/index.ts';
import { policyModule } from './modules/policy/index.ts';
import { servicesModule } from './modules/services/index.ts';
import { systemModule } from './modules/system/index.ts';

export function platformModules(ctx: AppContext): ModuleManifest[] {
  return [
    systemModule(ctx),
    identityModule,
    enterpriseModule,
    calendarModule(ctx),
    identifiersModule,
    notificationsModule,
    filesModule,
    actionPlanModule(ctx),
    creditModule(ctx),
    servicesModule(ctx),
    policyModule(ctx),
  ];
}
