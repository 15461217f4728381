/**
 * Response shapes of the one-stop services API (docs/services-api.md) as the pages read them. Checked against the
 * server's generated schema in `services.contract-check.ts`.
 */

export const BUNDLE_CATEGORIES = ['opening', 'change', 'closing', 'utilities', 'industry', 'other'] as const;
export type BundleCategory = (typeof BUNDLE_CATEGORIES)[number];

export const APPLICATION_STATUSES = [
  'submitted',
  'in_progress',
  'supplement',
  'notice',
  'objected',
  'completed',
  'rejected',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const TASK_STATUSES = [
  'waiting',
  'pending',
  'claimed',
  'supplement',
  'approved',
  'rejected',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export type ReplaceableBy = 'elicence' | 'earlier_submission';
export type ResultKind = 'licence' | 'record';
export type FieldSource = 'profile' | 'earlier';

export interface ServicesPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Material {
  code: string;
  name: string;
  required: boolean;
  replaceableBy: ReplaceableBy | null;
  accept: string[];
  maxBytes: number;
  /** Not needed when the applicant chooses 告知承诺. */
  promiseReplaces?: boolean | undefined;
}

/** A JSON Schema object as the server sends it; the form renderer reads it, nothing else inspects it deeply. */
export type JsonSchema = Record<string, unknown>;

export interface ServiceItem {
  code: string;
  name: string;
  department: string;
  departmentId: string;
  departmentCode?: string | undefined;
  deadlineWorkdays: number;
  legalBasis: string;
  promiseAllowed: boolean;
  materials: Material[];
  formSchema: JsonSchema;
  produces: { kind: ResultKind; name: string }[];
  active?: boolean | undefined;
}

export interface BundleItemRef {
  code: string;
  name: string;
  department: string;
  deadlineWorkdays: number;
}

export interface BundleSummary {
  code: string;
  name: string;
  category: BundleCategory;
  description: string;
  items: BundleItemRef[];
  kind?: BundleKind | undefined;
  launchedOn?: string | null | undefined;
  active?: boolean | undefined;
  /** Longest path through the task graph, in working days. */
  deadlineWorkdays?: number | undefined;
}

export type BundleKind = 'standard' | 'simple_deregistration';

export interface BundleTask {
  key: string;
  itemCode: string;
  name: string;
  department: string;
  departmentId: string;
  dependsOn: string[];
  deadlineWorkdays: number;
}

export interface BundleMaterial extends Material {
  items: string[];
}

export interface Bundle extends BundleSummary {
  tasks: BundleTask[];
  formSchema: JsonSchema;
  uiSchema?: JsonSchema | null | undefined;
  materials: BundleMaterial[];
  promiseAllowed: boolean;
  deadlineWorkdays: number;
  noticeDays?: number | null | undefined;
  sharedFields?: string[] | undefined;
}

export interface Prefill {
  values: Record<string, unknown>;
  sources: Record<string, FieldSource>;
}

export type PrecheckDecision = 'allow' | 'flag' | 'block';

export interface Reason {
  code: string;
  message: string;
}

export interface PrecheckReason extends Reason {
  decision?: 'flag' | 'block' | undefined;
  basis?: string | null | undefined;
}

export interface Precheck {
  allowed: boolean;
  promiseAllowed: boolean;
  decision: PrecheckDecision;
  reasons: PrecheckReason[];
}

export interface ApplicationSummary {
  id: string;
  number: string;
  bundleCode: string;
  bundleName: string;
  status: ApplicationStatus;
  submittedAt: string;
  dueDate: string | null;
  completedAt: string | null;
  applicantName: string;
  enterpriseId?: string | null | undefined;
}

export interface ApplicationTask {
  id: string;
  key: string;
  itemCode: string;
  name: string;
  department: string;
  departmentId: string;
  dependsOn?: string[] | undefined;
  status: TaskStatus;
  deadlineWorkdays?: number | undefined;
  startedOn: string | null;
  dueDate: string | null;
  claimedBy?: string | null | undefined;
  finishedAt?: string | null | undefined;
  comment?: string | null | undefined;
  pausedWorkdays: number;
}

export interface TimelineEvent {
  at: string;
  kind: string;
  actor: string;
  taskId?: string | null | undefined;
  text: string;
}

export interface ApplicationResult {
  kind: ResultKind;
  name: string;
  number: string;
  fileId?: string | null | undefined;
  issuedAt: string;
  itemCode?: string | undefined;
}

export interface Supplement {
  id: string;
  taskId: string;
  requestedAt: string;
  reason: string;
  materials: string[];
  answeredAt?: string | null | undefined;
  note?: string | null | undefined;
}

/** A material as it sits on an application: an uploaded file or a replacement by an e-licence/earlier submission. */
export interface ApplicationMaterial {
  code: string;
  name?: string | undefined;
  fileId?: string | null | undefined;
  fileName?: string | null | undefined;
  paper?: boolean | null | undefined;
  replacedBy?: ReplaceableBy | null | undefined;
  ref?: string | null | undefined;
}

export type NoticeStatus = 'running' | 'objected' | 'ended';

export interface DeregistrationNotice {
  id: string;
  applicationId: string;
  enterpriseName: string;
  uscc: string;
  startsOn: string;
  endsOn: string;
  status: NoticeStatus;
  objections: number;
}

export interface Application extends ApplicationSummary {
  form: Record<string, unknown>;
  materials: ApplicationMaterial[];
  promise: boolean;
  creditFlags: Reason[];
  tasks: ApplicationTask[];
  timeline: TimelineEvent[];
  results: ApplicationResult[];
  supplements: Supplement[];
  notice?: DeregistrationNotice | null | undefined;
}

export interface QueueTask extends ApplicationTask {
  applicationId: string;
  applicationNumber: string;
  bundleCode?: string | undefined;
  bundleName: string;
  applicantName: string;
  remainingWorkdays: number | null;
  overdue: boolean;
  dueSoon: boolean;
  promise?: boolean | undefined;
  creditFlags?: Reason[] | undefined;
}

export interface Overview {
  bundlesLive: number;
  applications: { total?: number | undefined; byStatus: Partial<Record<ApplicationStatus, number>> };
  openingTime: {
    count: number;
    medianWorkdays: number | null;
    medianHours: number | null;
    p90Hours: number | null;
    histogram: { bucket: string; count: number }[];
  };
  zeroPaperShare: number | null;
  overdueByDepartment: { departmentId: string; department: string; overdue: number; open: number }[];
}

/** Body of `POST/PUT /api/services/bundles` — what the administrator's bundle editor sends. */
export interface BundleInput {
  code: string;
  name: string;
  category: BundleCategory;
  description: string;
  items: string[];
  tasks: { key: string; itemCode: string; dependsOn: string[] }[];
  sharedFields?: string[] | undefined;
  active?: boolean | undefined;
  launchedOn?: string | undefined;
}

/** Body of `POST/PUT /api/services/items`. */
export interface ItemInput {
  code: string;
  name: string;
  departmentId: string;
  deadlineWorkdays: number;
  legalBasis: string;
  promiseAllowed: boolean;
  materials: Material[];
  formSchema: JsonSchema;
  produces: { kind: ResultKind; name: string }[];
  active?: boolean | undefined;
}

/** A material in the submission: an upload, a replacement, or paper delivered at the window. */
export type MaterialInput =
  | { code: string; fileId: string }
  | { code: string; replacedBy: ReplaceableBy; ref?: string }
  | { code: string; paper: true };

export interface ObjectionCreated {
  id: string;
  noticeId: string;
  createdAt: string;
}
