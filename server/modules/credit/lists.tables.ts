import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { CreditCoreTables } from './credit.tables.ts';

type DateOnly = string;
export type ListType = 'red' | 'black';
export type SanctionPurpose = 'commitment' | 'application' | 'policy' | 'grant' | 'procurement' | 'honour';
export type CreditClass = 'A' | 'B' | 'C' | 'D';
export type CommitmentKind = 'notification' | 'credit';
export type CommitmentStatus = 'pending' | 'fulfilled' | 'broken';
export type RepairStatus = 'pending' | 'approved' | 'rejected';

/** What makes a sanction measure apply (config/credit/sanctions.json). */
export type SanctionTrigger =
  | { type: 'list'; list: string }
  | { type: 'listType'; listType: ListType }
  | { type: 'class'; classes: CreditClass[] };

/** A supporting document of a repair application, as the files module described it when it was claimed. */
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

export type CreditListTables = {
  credit_list: {
    code: string;
    name: string;
    type: ListType;
    description: ColumnType<string, string | undefined, string>;
    public: ColumnType<boolean, boolean | undefined, boolean>;
    updated_at: Generated<Date>;
  };
  credit_list_entry: {
    id: Generated<string>;
    list_code: string;
    uscc: string;
    entity_name: string;
    enterprise_id: string | null;
    department_id: string;
    reason: string;
    basis: string;
    entered_on: DateOnly;
    exit_on: DateOnly | null;
    exit_condition: string | null;
    exited_on: DateOnly | null;
    exit_reason: string | null;
    exited_by: string | null;
    created_by: string | null;
    created_at: Generated<Date>;
  };
  credit_sanction: {
    code: string;
    name: string;
    trigger: ColumnType<SanctionTrigger, string, string>;
    purposes: ColumnType<SanctionPurpose[], SanctionPurpose[], SanctionPurpose[]>;
    decision: 'flag' | 'block';
    effect: 'restriction' | 'incentive';
    message: string;
    basis: string;
    active: ColumnType<boolean, boolean | undefined, boolean>;
    updated_at: Generated<Date>;
  };
  credit_setting: {
    key: string;
    value: ColumnType<unknown, string, string>;
    updated_at: Generated<Date>;
  };
  credit_commitment: {
    id: Generated<string>;
    kind: CommitmentKind;
    enterprise_id: string;
    uscc: string;
    entity_name: string;
    department_id: string;
    subject: string;
    content: string;
    application_ref: string | null;
    committed_on: DateOnly;
    verify_by: DateOnly;
    status: ColumnType<CommitmentStatus, CommitmentStatus | undefined, CommitmentStatus>;
    verified_on: DateOnly | null;
    verified_by: string | null;
    verification_note: string | null;
    record_id: string | null;
    created_by: string | null;
    created_at: Generated<Date>;
  };
  credit_repair: {
    id: Generated<string>;
    record_id: string;
    enterprise_id: string;
    department_id: string;
    applied_by: string;
    applied_at: Date;
    applied_on: DateOnly;
    statement: string;
    review_due_on: DateOnly;
    status: ColumnType<RepairStatus, RepairStatus | undefined, RepairStatus>;
    overdue_notified_at: Date | null;
    materials: ColumnType<RepairMaterial[], string | undefined, string>;
    reviewed_by: string | null;
    reviewed_at: Date | null;
    review_comment: string | null;
  };
  credit_class: {
    enterprise_id: string;
    period: string;
    class: CreditClass;
    score: number;
    parts: ColumnType<ClassPart[], string, string>;
    computed_at: Date;
  };
};

export type CreditTables = CreditCoreTables & CreditListTables;

export function creditDb(db: Db): Kysely<CreditTables> {
  return db.withTables<CreditTables>();
}
