/**
 * Shapes the credit pages read (docs/credit-api.md, docs/credit-lists-api.md). `credit.contract-check.ts` makes
 * `tsc` fail when the server's generated schema no longer fits one of these.
 */

export interface Paged<T> {
  items: T[];
  total: number;
}

export type CategoryKind = 'license' | 'penalty' | 'other';
export type FieldType = 'string' | 'number' | 'date' | 'enum' | 'boolean';

export interface CategoryField {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  options?: string[];
  maxLength?: number;
}

export interface Category {
  code: string;
  name: string;
  kind: CategoryKind;
  description: string;
  fields: CategoryField[];
  collection: 'monthly' | 'on_event';
  departmentCodes: string[];
  public: boolean;
  active: boolean;
}

export type Severity = 'minor' | 'ordinary' | 'serious';
export type Publication = 'published' | 'not_published' | 'ended_repaired' | 'ended_expired' | 'revoked';
export type RecordSource = 'form' | 'api' | 'import';

export interface CreditRecord {
  id: string;
  categoryCode: string;
  uscc: string;
  entityName: string;
  enterpriseId: string | null;
  departmentId: string;
  decisionNo: string;
  decisionDate: string;
  enteredAt: string;
  entryWorkdays: number;
  timely: boolean;
  data: Record<string, unknown>;
  severity: Severity | null;
  publication: Publication;
  publishFrom: string | null;
  publishMinUntil: string | null;
  publishUntil: string | null;
  source: RecordSource;
  importId: string | null;
  updatedAt: string;
}

export interface EnterRecordResult {
  outcome: 'created' | 'updated' | 'unchanged';
  record: CreditRecord;
}

export interface TimelinessStats {
  period: string;
  deadlineWorkdays: number;
  closesOn: string;
  departments: {
    departmentId: string;
    departmentCode: string;
    departmentName: string;
    entered: number;
    timely: number;
    enteredByClose: number;
    entryRate: number | null;
    timelyRate: number | null;
  }[];
}

/** `GET /api/credit/stats/collection`: monthly categories × responsible departments for one month. */
export interface CollectionStats {
  period: string;
  categories: number;
  collected: number;
  cells: {
    departmentCode: string;
    departmentName: string;
    categoryCode: string;
    categoryName: string;
    records: number;
    collected: boolean;
  }[];
}

export interface ImportError {
  row: number;
  column: string;
  rule: string;
  message: string;
}

export type ImportStatus = 'running' | 'done' | 'failed';

export interface CreditImport {
  id: string;
  categoryCode: string;
  departmentId: string;
  filename: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  sha256: string;
  sizeBytes: number;
  dryRun: boolean;
  partial: boolean;
  status: ImportStatus;
  phase: string;
  rowsProcessed: number;
  rowsTotal: number;
  rowsOk: number;
  rowsFailed: number;
  rowsUnchanged: number;
  errorSample: ImportError[];
  errorReportUrl: string | null;
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export type ListType = 'red' | 'black';

export interface ListRef {
  code: string;
  name: string;
  type: ListType;
}

export interface PublicListEntry {
  list: ListRef;
  uscc: string;
  entityName: string;
  basis: string;
  enteredOn: string;
  exitOn: string | null;
}

export interface ListEntry {
  id: string;
  list: ListRef;
  uscc: string;
  entityName: string;
  enterpriseId: string | null;
  departmentId: string;
  reason: string;
  basis: string;
  enteredOn: string;
  exitRule: { on: string | null; condition: string | null };
  exitedOn: string | null;
  exitReason: string | null;
  current: boolean;
}

export type Purpose = 'commitment' | 'application' | 'policy' | 'grant' | 'procurement' | 'honour';
export type ClassLetter = 'A' | 'B' | 'C' | 'D';

export type SanctionTrigger =
  | { type: 'list'; list: string }
  | { type: 'listType'; listType: ListType }
  | { type: 'class'; classes: ClassLetter[] };

export interface SanctionMeasure {
  code: string;
  name: string;
  trigger: SanctionTrigger;
  purposes: Purpose[];
  decision: 'flag' | 'block';
  effect: 'restriction' | 'incentive';
  message: string;
  basis: string;
}

export interface SanctionCatalogue {
  lists: { code: string; name: string; type: ListType; description: string }[];
  measures: SanctionMeasure[];
}

export interface SanctionDecision {
  uscc: string;
  purpose: Purpose;
  checkedOn: string;
  decision: 'allow' | 'flag' | 'block';
  reasons: {
    code: string;
    decision: 'flag' | 'block';
    effect: 'restriction' | 'incentive';
    message: string;
    basis: string;
    list: { code: string; name: string; entryId: string } | null;
    record: { id: string; decisionNo: string } | null;
    class: ClassLetter | null;
  }[];
}

export type CommitmentStatus = 'pending' | 'fulfilled' | 'broken';

export interface Commitment {
  id: string;
  kind: 'notification' | 'credit';
  enterpriseId: string;
  uscc: string;
  entityName: string;
  departmentId: string;
  subject: string;
  content: string;
  applicationRef: string | null;
  committedOn: string;
  verifyBy: string;
  status: CommitmentStatus;
  verifiedOn: string | null;
  verificationNote: string | null;
  recordId: string | null;
}

export type RepairStatus = 'pending' | 'approved' | 'rejected';

export interface Repair {
  id: string;
  recordId: string;
  enterpriseId: string;
  departmentId: string;
  uscc: string;
  entityName: string;
  category: string;
  decisionNo: string;
  statement: string;
  appliedAt: string;
  appliedOn: string;
  reviewDueOn: string;
  overdue: boolean;
  status: RepairStatus;
  reviewedAt: string | null;
  reviewComment: string | null;
  /** Supporting documents (files module), downloadable by the applicant and the reviewing department. */
  materials?: RepairMaterial[];
}

export interface RepairMaterial {
  id: string;
  name: string;
  contentType: string;
  sizeBytes: number;
}

export interface ClassPart {
  code: string;
  label: string;
  points: number;
}

export interface PublicRecord {
  id: string;
  kind: CategoryKind;
  category: string;
  categoryCode: string;
  decisionNo: string;
  decisionDate: string;
  severity: Severity | null;
  publishedFrom: string | null;
  publishedUntil: string | null;
  data: Record<string, unknown>;
}

export interface PublicEntity {
  uscc: string;
  name: string;
  class: ClassLetter | null;
  classPeriod: string | null;
  records: PublicRecord[];
  lists: PublicListEntry[];
}

export interface EntitySearchResult {
  items: { uscc: string; name: string }[];
  total: number;
}

export type RepairOptionStatus = 'eligible' | 'too_early' | 'pending' | 'not_applicable';

export interface MyRecord extends PublicRecord {
  publication: Publication;
  publishMinUntil: string | null;
  publicationEndedAt: string | null;
  repair: { status: RepairOptionStatus; eligibleFrom: string | null; message: string };
}

export interface MyCredit {
  uscc: string;
  name: string;
  class: {
    class: ClassLetter;
    score: number;
    period: string | null;
    parts: ClassPart[];
    explanation: string;
    /** Stored monthly classes, newest first. */
    history?: { period: string; class: ClassLetter; score: number; explanation: string }[];
  };
  records: MyRecord[];
  lists: PublicListEntry[];
  repairs: Repair[];
}

export interface ClassEntry {
  class: ClassLetter;
  score: number;
  parts: ClassPart[];
  explanation: string;
  computedAt: string;
}

export interface EnterpriseClass {
  current: ClassEntry & { enterpriseId: string; period: string | null; stored: boolean };
  history: (ClassEntry & { period: string })[];
}

export interface ClassSummary {
  period: string | null;
  counts: Record<ClassLetter, number>;
  classified: number;
  registered: number;
}

/** What `PUT /api/credit/categories/{code}` accepts (every member optional; the settings page sends them all). */
export interface CategoryUpdate {
  name?: string;
  description?: string;
  fields?: CategoryField[];
  collection?: Category['collection'];
  departmentCodes?: string[];
  public?: boolean;
  active?: boolean;
}

export type ClassificationRule =
  | {
      code: string;
      label: string;
      source: 'record';
      categoryCodes?: string[];
      dataIn?: { key: string; values: string[] };
      categoryKind?: CategoryKind;
      severity?: Severity;
      points: number;
      cap?: number;
      lookbackMonths: number;
    }
  | {
      code: string;
      label: string;
      source: 'list';
      listType: ListType;
      points: number;
      cap?: number;
    };

/** The classification rule set (`GET`/`PUT /api/credit/classification/rules`); other members are kept as they are. */
export interface ClassificationRules {
  baseScore: number;
  thresholds: { A: number; B: number; C: number };
  rules: ClassificationRule[];
  [extra: string]: unknown;
}

/** A measure as maintained on the settings page, inactive ones included (`GET /api/credit/sanctions/measures`). */
export interface EditableMeasure extends SanctionMeasure {
  active: boolean;
}

/** The body of `PUT /api/credit/sanctions/measures/{code}`: the measure without its code, every member required. */
export type MeasureUpdate = Omit<EditableMeasure, 'code'>;
