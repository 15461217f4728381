/**
 * Public API of the services module: 政务服务事项 catalogue, 一件事 bundles, applications with parallel departmental
 * tasks, supplements (补正), simple deregistration notices, and the opening-time metrics. Contract:
 * docs/services-api.md.
 */
import type { AppContext, ModuleDefinition } from '../../kernel/context.ts';

export function servicesModule(_ctx: AppContext): ModuleDefinition {
  return {
    name: 'services',
  };
}
