/**
 * Public API of the credit module: 双公示 and the further credit categories, bulk import, red/black lists,
 * sanctions (`checkSanctions`), commitments, credit repair, A–D classification and the public credit query.
 * Contract: docs/credit-api.md.
 */
import type { AppContext, ModuleDefinition } from '../../kernel/context.ts';
import { listJobs, recordJobs } from './credit.jobs.ts';
import { creditMetrics } from './credit.metrics.ts';
import { seedCreditCatalogue, seedCreditRules } from './credit.seed.ts';
import { classificationRoutes } from './classification.routes.ts';
import { importsRoutes } from './imports.routes.ts';
import { listsRoutes } from './lists.routes.ts';
import { queryRoutes } from './query.routes.ts';
import { recordsRoutes } from './records.routes.ts';
import { repairRoutes } from './repair.routes.ts';

export function creditModule(ctx: AppContext): ModuleDefinition {
  return {
    name: 'credit',
    routes: (app, c) => {
      recordsRoutes(app, c);
      importsRoutes(app, c);
      listsRoutes(app, c);
      repairRoutes(app, c);
      classificationRoutes(app, c);
      queryRoutes(app, c);
    },
    jobs: [...recordJobs(ctx), ...listJobs(ctx)],
    metrics: creditMetrics(),
    async onStart(c) {
      await seedCreditCatalogue(c);
      await seedCreditRules(c);
    },
  };
}

// Lists, sanctions and classification: consulted by services, policies and inspections.
export { checkSanctions } from './sanctions.service.ts';
export { getCreditClass, type CreditClassResult } from './classification.service.ts';
export { creditStatusOfMany, type CreditStatus } from './credit-status.service.ts';
// 告知承诺 made in an application (services) are recorded as credit commitments, verified by the department.
export { recordApplicationCommitment } from './commitments.service.ts';
export type { SanctionDecision, SanctionReason } from './sanctions.rules.ts';
export type { SanctionPurpose, CreditClass } from './lists.tables.ts';
export { importLocalFile, type ImportProgress } from './imports.service.ts';
