import type { ColumnType, Generated, Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { ApplicationStatus, NoticeStatus, TaskStatus } from './services.workflow.ts';

type DateOnly = string;
/** jsonb columns: read as values, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

export type BundleCategory = 'opening' | 'change' | 'closing' | 'utilities' | 'industry' | 'other';
export type BundleKind = 'standard' | 'simple_deregistration';
export type FileExt = 'pdf' | 'jpg' | 'png' | 'ofd' | 'docx' | 'xlsx';

export interface MaterialSpec {
  code: string;
  name: string;
  required: boolean;
  replaceableBy: 'elicence' | 'earlier_submission' | null;
  accept: FileExt[];
  maxBytes: number;
  /** Not needed when the applicant signs a 告知承诺 (the commitment stands in for the proof). */
  promiseReplaces: boolean;
}

export interface ProducesSpec {
  kind: 'licence' | 'record';
  name: string;
}

export interface TaskSpec {
  key: string;
  itemCode: string;
  dependsOn: string[];
}

/** A JSON Schema object as stored; validated with ajv when loaded. */
export type JsonSchemaObject = Record<string, unknown>;

export type SubmittedMaterial =
  | { code: string; fileId: string; fileName: string; contentType: string; sizeBytes: number }
  | { code: string; replacedBy: 'elicence' | 'earlier_submission'; ref: string | null }
  | { code: string; paper: true }
  | { code: string; promise: true };

export interface CreditFlag {
  code: string;
  message: string;
}

export type ServicesTables = {
  service_item: {
    code: string;
    name: string;
    department_id: string;
    deadline_workdays: number;
    legal_basis: string;
    promise_allowed: boolean;
    materials: Json<MaterialSpec[]>;
    form_schema: Json<JsonSchemaObject>;
    produces: Json<ProducesSpec[]>;
    active: ColumnType<boolean, boolean | undefined, boolean>;
    updated_at: Generated<Date>;
  };
  service_bundle: {
    code: string;
    name: string;
    category: BundleCategory;
    kind: ColumnType<BundleKind, BundleKind | undefined, BundleKind>;
    description: string;
    items: string[];
    tasks: Json<TaskSpec[]>;
    shared_fields: ColumnType<string[], string[] | undefined, string[]>;
    notice_days: number | null;
    launched_on: DateOnly;
    active: ColumnType<boolean, boolean | undefined, boolean>;
    updated_at: Generated<Date>;
  };
  service_application: {
    id: Generated<string>;
    number: string;
    bundle_code: string;
    applicant_id: string;
    applicant_name: string;
    enterprise_id: string | null;
    status: ApplicationStatus;
    form: Json<Record<string, unknown>>;
    materials: Json<SubmittedMaterial[]>;
    promise: boolean;
    credit_flags: JsonDefault<CreditFlag[]>;
    paper: ColumnType<boolean, boolean | undefined, boolean>;
    submitted_at: Date;
    submitted_on: DateOnly;
    due_date: DateOnly | null;
    completed_at: Date | null;
    updated_at: Generated<Date>;
  };
  service_task: {
    id: Generated<string>;
    application_id: string;
    key: string;
    item_code: string;
    name: string;
    department_id: string;
    depends_on: string[];
    ord: number;
    status: TaskStatus;
    deadline_workdays: number;
    started_on: DateOnly | null;
    due_date: DateOnly | null;
    remaining_workdays: number | null;
    paused_on: DateOnly | null;
    paused_workdays: ColumnType<number, number | undefined, number>;
    claimed_by: string | null;
    claimed_by_name: string | null;
    claimed_at: Date | null;
    finished_at: Date | null;
    comment: string | null;
    updated_at: Generated<Date>;
  };
  service_supplement: {
    id: Generated<string>;
    application_id: string;
    task_id: string;
    requested_at: Date;
    requested_by: string | null;
    reason: string;
    materials: string[];
    answered_at: Date | null;
    note: string | null;
    answer_materials: ColumnType<SubmittedMaterial[] | null, string | null, string | null>;
  };
  service_event: {
    id: Generated<number>;
    application_id: string;
    at: Date;
    kind: string;
    actor: string;
    task_id: string | null;
    text: string;
  };
  service_result: {
    id: Generated<string>;
    application_id: string;
    item_code: string;
    kind: 'licence' | 'record';
    name: string;
    number: string;
    file_id: string | null;
    issued_at: Date;
  };
  service_notice: {
    id: Generated<string>;
    application_id: string;
    enterprise_name: string;
    uscc: string;
    starts_on: DateOnly;
    ends_on: DateOnly;
    status: ColumnType<NoticeStatus, NoticeStatus | undefined, NoticeStatus>;
    objections: ColumnType<number, number | undefined, number>;
  };
  service_objection: {
    id: Generated<string>;
    notice_id: string;
    name: string;
    contact: string;
    reason: string;
    created_at: Generated<Date>;
  };
};

export function servicesDb(db: Db): Kysely<ServicesTables> {
  return db.withTables<ServicesTables>();
}

// One row type per table: everything else in the module uses these (or a repository's narrower projection).
export type ItemRow = Selectable<ServicesTables['service_item']>;
export type BundleRow = Selectable<ServicesTables['service_bundle']>;
export type ApplicationRow = Selectable<ServicesTables['service_application']>;
export type TaskRow = Selectable<ServicesTables['service_task']>;
export type SupplementRow = Selectable<ServicesTables['service_supplement']>;
export type EventRow = Selectable<ServicesTables['service_event']>;
export type ResultRow = Selectable<ServicesTables['service_result']>;
export type NoticeRow = Selectable<ServicesTables['service_notice']>;
export type ObjectionRow = Selectable<ServicesTables['service_objection']>;

export type NewItem = Insertable<ServicesTables['service_item']>;
export type NewBundle = Insertable<ServicesTables['service_bundle']>;
export type NewApplication = Insertable<ServicesTables['service_application']>;
export type NewTask = Insertable<ServicesTables['service_task']>;
export type NewSupplement = Insertable<ServicesTables['service_supplement']>;
export type NewEvent = Insertable<ServicesTables['service_event']>;
export type NewResult = Insertable<ServicesTables['service_result']>;
export type NewNotice = Insertable<ServicesTables['service_notice']>;
export type NewObjection = Insertable<ServicesTables['service_objection']>;

export type ItemPatch = Updateable<ServicesTables['service_item']>;
export type BundlePatch = Updateable<ServicesTables['service_bundle']>;
export type ApplicationPatch = Updateable<ServicesTables['service_application']>;
export type TaskPatch = Updateable<ServicesTables['service_task']>;
export type NoticePatch = Updateable<ServicesTables['service_notice']>;
