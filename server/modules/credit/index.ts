/**
 * Public API of the credit module: 双公示 and the further credit categories, bulk import, red/black lists,
 * sanctions (`checkSanctions`), commitments, credit repair, A–D classification and the public credit query.
 * Contract: docs/credit-api.md.
 */
import { defineAuditActions } from '../../kernel/audit.ts';
import type { AppContext, ModuleManifest } from '../../kernel/context.ts';
import { definePermissions } from '../../kernel/policy.ts';
import { CreditClassificationErrors } from './classification.errors.ts';
import { CreditCommitmentErrors } from './commitments.errors.ts';
import { CreditListErrors } from './lists.errors.ts';
import { CreditRecordErrors } from './records.errors.ts';
import { CreditRepairErrors } from './repair.errors.ts';
import type { ClassificationRules } from './classification.rules.ts';
import type { SanctionPurpose, SanctionTrigger } from './lists.tables.ts';
import { importReportAccess, OWNER_MODULE as IMPORT_OWNER } from './imports.service.ts';
import { materialsAccess, REPAIR_MATERIALS_OWNER } from './repair.service.ts';
import { listJobs, recordJobs } from './credit.jobs.ts';
import { creditMetrics } from './credit.metrics.ts';
import { seedCreditCatalogue, seedCreditRules } from './credit.seed.ts';
import { classificationRoutes } from './classification.routes.ts';
import { importsRoutes } from './imports.routes.ts';
import { listsRoutes } from './lists.routes.ts';
import { queryRoutes } from './query.routes.ts';
import { recordsRoutes } from './records.routes.ts';
import { repairRoutes } from './repair.routes.ts';

const permissions = definePermissions({
  'credit.enter': '录入、导入本部门职责范围内的信用信息（双公示等）',
  'credit.review': '审核本部门信用信息的修复申请、管理本部门的红黑名单',
  'credit.read': '查看信用信息（含未公示信息与统计）',
  'credit.manage': '维护信用信息目录、惩戒措施清单与分类规则',
  'credit.own': '企业：查看本企业全部信用信息、申请信用修复、作出信用承诺',
});

declare module '../../kernel/policy.ts' {
  interface PermissionCatalogues {
    credit: typeof permissions;
  }
}

/** A daily or monthly sweep: the day it ran, how many rows it changed and (up to 500 of) their ids. */
type SweepDetail = { today: string; count: number; ids: readonly string[] };

declare module '../../kernel/audit.ts' {
  interface AuditActions {
    'credit.record-entered': CreditRecordAuditDetail;
    'credit.record-corrected': CreditRecordAuditDetail & { previousHash: string };
    'credit.category-updated': { changed: readonly string[] };
    'credit.import-started': {
      category: string;
      format: string;
      sha256: string;
      sizeBytes: number;
      dryRun: boolean;
      partial: boolean;
    };
    /** One per write transaction of an import; `byUser` is the officer who started it (null from the CLI). */
    'credit.records-imported': {
      category: string;
      rows: string;
      inserted: number;
      updated: number;
      copied?: number;
      byUser: string | null;
    };
    'credit.list_entered': { list: string; uscc: string; departmentId: string; enteredOn: string };
    'credit.list_exited': { list: string; uscc: string; exitedOn: string; reason: string };
    'credit.list_exits_due': SweepDetail;
    'credit.repair_applied': {
      recordId: string;
      uscc: string;
      reviewDueOn: string;
      materials: readonly string[];
    };
    'credit.repair_approved': { recordId: string; uscc: string; comment: string | null };
    'credit.repair_rejected': { recordId: string; uscc: string; comment: string | null };
    'credit.publication_expired': SweepDetail;
    'credit.repair_reviews_overdue': SweepDetail;
    'credit.commitment_recorded': {
      kind: string;
      uscc: string;
      departmentId: string;
      verifyBy: string;
      applicationRef?: string;
    };
    'credit.commitment_fulfilled': { uscc: string; recordId: string | null; note: string | null };
    'credit.commitment_broken': { uscc: string; recordId: string | null; note: string | null };
    'credit.sanction_created': CreditSanctionAuditDetail;
    'credit.sanction_changed': CreditSanctionAuditDetail;
    'credit.rules_seeded': { lists: number; measures: number; settings: number };
    'credit.classification_started': { jobId: string | null };
    'credit.classification_rules_changed': {
      rules: readonly string[];
      thresholds: ClassificationRules['thresholds'];
    };
    'credit.enterprises_classified': {
      period: string;
      asOf: string;
      enterprises: number;
      distribution: Record<string, number>;
    };
  }
}

interface CreditRecordAuditDetail {
  category: string;
  decisionNo: string;
  decisionDate: string;
  uscc: string;
  entryWorkdays: number;
  timely: boolean;
}

interface CreditSanctionAuditDetail {
  decision: 'flag' | 'block';
  purposes: readonly SanctionPurpose[];
  trigger: SanctionTrigger;
  active: boolean;
}

const auditActions = defineAuditActions([
  'credit.record-entered',
  'credit.record-corrected',
  'credit.category-updated',
  'credit.import-started',
  'credit.records-imported',
  'credit.list_entered',
  'credit.list_exited',
  'credit.list_exits_due',
  'credit.repair_applied',
  'credit.repair_approved',
  'credit.repair_rejected',
  'credit.publication_expired',
  'credit.repair_reviews_overdue',
  'credit.commitment_recorded',
  'credit.commitment_fulfilled',
  'credit.commitment_broken',
  'credit.sanction_created',
  'credit.sanction_changed',
  'credit.rules_seeded',
  'credit.classification_started',
  'credit.classification_rules_changed',
  'credit.enterprises_classified',
]);

export function creditModule(ctx: AppContext): ModuleManifest {
  return {
    name: 'credit',
    errors: [
      CreditRecordErrors,
      CreditListErrors,
      CreditRepairErrors,
      CreditClassificationErrors,
      CreditCommitmentErrors,
    ],
    permissions,
    auditActions,
    fileAccess: {
      // An import's error report: whoever may see the import.
      [IMPORT_OWNER]: importReportAccess,
      // Repair materials: the applicant enterprise and the reviewing department.
      [REPAIR_MATERIALS_OWNER]: materialsAccess,
    },
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
