/** Response shapes of the server API (the contract the web client is written against). */

export const USER_KINDS = [
  'enterprise',
  'individual',
  'officer',
  'office',
  'sysadmin',
  'secadmin',
  'auditor',
] as const;
export type UserKind = (typeof USER_KINDS)[number];

export interface DepartmentRef {
  id: string;
  code: string;
  name: string;
}

export interface EnterpriseRef {
  id: string;
  uscc: string;
  name: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  kind: UserKind;
  permissions: string[];
  department: DepartmentRef | null;
  enterprise: EnterpriseRef | null;
  mustChangePassword: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
}

// ---- calendar ----

export interface CalendarYearSummary {
  year: number;
  notice: string;
  version: number;
  workdays: number;
  updatedAt: string;
}

export interface WorkdaysBetweenResult {
  from: string;
  to: string;
  workdays: number;
}

// ---- identifiers ----

export interface CodeName {
  code: string;
  name: string;
}

export interface UsccCheck {
  code: string;
  valid: boolean;
  reason: string | null;
  reasonCode: string | null;
  registrationAuthority: CodeName | null;
  entityType: CodeName | null;
  division: { code: string; name: string | null } | null;
  organizationCode: string | null;
}

// ---- enterprises ----

export const ENTERPRISE_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];

export interface Enterprise {
  id: string;
  uscc: string;
  name: string;
  legalRepresentative: string;
  industrySection: string;
  /** Sent by the server although not in the first contract; used when present. */
  industrySectionName?: string;
  industryDivision: string;
  industryName: string;
  size: EnterpriseSize;
  entityType: string;
  registeredCapital: number | string;
  employees: number;
  annualRevenue?: number;
  foundedOn: string;
  town: string;
  address: string;
  highTech: boolean;
  specialisedSme: boolean;
  status: string;
}

export interface KeyCount {
  key: string;
  count: number;
}

export interface EnterpriseStats {
  total: number;
  bySize: KeyCount[];
  byTown: KeyCount[];
  bySection: (KeyCount & { name: string })[];
}

export interface Department {
  id: string;
  code: string;
  name: string;
  kind: string;
}

// ---- administration ----

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  kind: UserKind;
  department: string | null;
  enterprise: string | null;
  locked: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  disabled: boolean;
}

export interface AuditEntry {
  id: string | number;
  at: string;
  actor: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  hash: string;
  prevHash: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: null | { id: string | number; reason: string };
}

export interface JobQueue {
  name: string;
  description: string;
  queued: number;
  active: number;
  failed: number;
  /** Every job the queue holds, whatever its state. */
  total: number;
  /** The latest progress a running job reported in this process, if any. */
  lastProgress: { percent: number; message: string | null; at: string } | null;
  /** Cron expression, when the queue runs on a schedule. */
  schedule?: string | null;
}

// ---- action plan (docs/action-plan-api.md) ----

export const MEASURE_STATUSES = ['not_started', 'in_progress', 'completed', 'lagging'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export type ByStatus = Record<MeasureStatus, number>;

export const UNIT_ROLES = ['lead', 'responsible', 'scope'] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];

export interface PlanUnit {
  name: string;
  role: UnitRole;
  departmentId: string | null;
  departmentCode: string | null;
}

export interface MeasureSummary {
  no: number;
  title: string;
  part: string;
  section: string;
  partNo: number;
  sectionNo: number;
  units: PlanUnit[];
  status: MeasureStatus;
  progress: number;
  nextDueOn: string | null;
  overdue: boolean;
}

export interface Milestone {
  id: string;
  measureNo: number;
  title: string;
  description: string;
  dueOn: string;
  ownerDepartment: DepartmentRef;
  status: MeasureStatus;
  completedAt: string | null;
  overdueWorkdays: number;
}

export interface Evidence {
  id: string;
  name: string;
  contentType: string;
  sizeBytes: number;
}

export interface PlanReport {
  id: string;
  measureNo: number;
  department: DepartmentRef;
  period: string;
  percent: number;
  body: string;
  submittedAt: string;
  submittedBy: string;
  evidence: Evidence[];
  completedMilestoneIds: string[];
}

export type NoticeKind = 'reminder' | 'escalation';
export type NoticeReason = 'milestone_overdue' | 'report_missing';

export interface PlanNotice {
  id: string;
  kind: NoticeKind;
  reason: NoticeReason;
  measureNo: number;
  measureTitle: string;
  milestoneId: string | null;
  milestoneTitle: string | null;
  department: DepartmentRef;
  period: string | null;
  dueOn: string;
  overdueWorkdays: number;
  createdAt: string;
  resolvedAt: string | null;
}

export type KpiStatus = 'ok' | 'no_source' | 'error';
export type KpiDirection = 'at_least' | 'at_most';

export interface Kpi {
  id: string;
  code: string;
  name: string;
  description: string;
  unit: string;
  target: number;
  direction: KpiDirection;
  measureNos: number[];
  provider: string | null;
  source: { id: string; name: string } | null;
  latest: {
    period: string;
    value: number | null;
    status: KpiStatus;
    met: boolean | null;
    computedAt: string;
  } | null;
  history: { period: string; value: number | null; status: KpiStatus }[];
}

export interface KpiInput {
  name: string;
  description?: string;
  unit: string;
  target: number;
  direction: KpiDirection;
  provider?: string | null;
  measureNos?: number[];
}

export interface MetricProvider {
  id: string;
  name: string;
  unit: string;
  description: string;
}

export type CaseStatus = 'submitted' | 'published' | 'rejected';

export interface TypicalCase {
  id: string;
  title: string;
  summary: string;
  body: string;
  measureNo: number | null;
  department: DepartmentRef;
  status: CaseStatus;
  submittedAt: string;
  publishedAt: string | null;
  reviewComment: string | null;
}

export interface PlanSummary {
  measures: number;
  byStatus: ByStatus;
  averageProgress: number;
}

export type ReportingPeriod = 'monthly' | 'quarterly';

export interface PlanOverview {
  plan: {
    code: string;
    title: string;
    issuer: string | null;
    documentNo: string | null;
    issuedOn: string | null;
    reportingPeriod: ReportingPeriod;
  };
  parts: {
    no: number;
    label: string;
    title: string;
    sections: { no: number; label: string; title: string; measureCount: number }[];
  }[];
  summary: PlanSummary;
}

export interface MeasureDetail extends MeasureSummary {
  body: string;
  milestones: Milestone[];
  reports: PlanReport[];
  notices: PlanNotice[];
}

export interface MyMeasure extends MeasureSummary {
  role: UnitRole;
  myLatestReport: PlanReport | null;
  reportDue: { period: string; dueOn: string; overdue: boolean } | null;
}

export interface MyWork {
  department: DepartmentRef;
  measures: MyMeasure[];
  milestones: Milestone[];
  notices: PlanNotice[];
}

export interface PlanRollup extends PlanSummary {
  no: number;
  label: string;
  title: string;
}

export interface DepartmentRollup extends PlanSummary, DepartmentRef {
  overdueMilestones: number;
  missingReports: number;
}

export interface OverdueItem {
  kind: 'milestone' | 'report';
  measureNo: number;
  measureTitle: string;
  milestoneId: string | null;
  title: string;
  department: DepartmentRef;
  dueOn: string;
  overdueWorkdays: number;
  escalated: boolean;
}

export interface Dashboard {
  summary: PlanSummary;
  byPart: PlanRollup[];
  bySection: (PlanRollup & { partNo: number })[];
  byDepartment: DepartmentRollup[];
  overdue: OverdueItem[];
  kpis: Kpi[];
}

export interface ReportInput {
  period: string;
  percent: number;
  body: string;
  evidenceFileIds?: string[];
  completedMilestoneIds?: string[];
}

export interface MilestoneInput {
  title: string;
  description: string;
  dueOn: string;
  ownerDepartmentCode: string;
}

export interface UnmatchedUnit {
  measureNo: number;
  name: string;
}

export interface PlanImportResult {
  planCode: string;
  parts: number;
  sections: number;
  measures: number;
  added: number;
  updated: number;
  unchanged: number;
  unmatchedUnits: UnmatchedUnit[];
  /** Sent by the server beyond the contract; shown when present. */
  removed?: number[];
  warnings?: string[];
}

export interface PlanImport {
  id: string;
  planCode: string;
  importedAt: string;
  importedBy: string;
  added: number;
  updated: number;
  unchanged: number;
  unmatchedUnits: UnmatchedUnit[];
}

export interface StoredFile {
  id: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}
