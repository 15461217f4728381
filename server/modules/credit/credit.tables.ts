import type { ColumnType, Generated } from 'kysely';

type DateOnly = string;
export type Severity = 'minor' | 'ordinary' | 'serious';
export type Publication = 'published' | 'not_published' | 'ended_repaired' | 'ended_expired' | 'revoked';

/** A field of a category's record schema (the catalogue is data a district edits). */
export interface CategoryField {
  key: string;
  label: string;
  type: 'string' | 'number' | 'date' | 'enum' | 'boolean';
  required: boolean;
  options?: string[];
  maxLength?: number;
}

export type CreditCoreTables = {
  credit_category: {
    code: string;
    name: string;
    kind: 'license' | 'penalty' | 'other';
    description: ColumnType<string, string | undefined, string>;
    fields: ColumnType<CategoryField[], string | undefined, string>;
    collection: ColumnType<'monthly' | 'on_event', 'monthly' | 'on_event' | undefined>;
    department_codes: ColumnType<string[], string[] | undefined, string[]>;
    public: ColumnType<boolean, boolean | undefined, boolean>;
    active: ColumnType<boolean, boolean | undefined, boolean>;
    updated_at: Generated<Date>;
  };
  credit_import: {
    id: Generated<string>;
    department_id: string;
    category_code: string;
    filename: string;
    format: 'csv' | 'xlsx';
    sha256: string;
    dry_run: boolean;
    partial: ColumnType<boolean, boolean | undefined, boolean>;
    status: ColumnType<'running' | 'done' | 'failed', 'running' | 'done' | 'failed' | undefined>;
    rows_total: ColumnType<number, number | undefined, number>;
    rows_ok: ColumnType<number, number | undefined, number>;
    rows_failed: ColumnType<number, number | undefined, number>;
    rows_unchanged: ColumnType<number, number | undefined, number>;
    error_file_id: string | null;
    message: string | null;
    created_by: string | null;
    started_at: Generated<Date>;
    finished_at: Date | null;
    /** The uploaded file in the file store while the import job still needs it; null once processed. */
    source_key: ColumnType<string | null, string | null | undefined, string | null>;
    size_bytes: ColumnType<number, number | undefined, number>;
    encoding: ColumnType<string | null, string | null | undefined, string | null>;
    phase: ColumnType<string, string | undefined, string>;
    rows_processed: ColumnType<number, number | undefined, number>;
    /** The first errors (row, column, rule, message) for the UI; the full list is the error report file. */
    error_sample: ColumnType<unknown, string | undefined, string>;
    /** When the import last reported progress: the stale-import sweeper's clock. */
    progressed_at: Generated<Date>;
  };
  credit_record: {
    id: Generated<string>;
    category_code: string;
    uscc: string;
    entity_name: string;
    enterprise_id: string | null;
    department_id: string;
    decision_no: string;
    decision_date: DateOnly;
    entered_at: Generated<Date>;
    entry_workdays: number;
    timely: boolean;
    data: ColumnType<Record<string, unknown>, string | undefined, string>;
    severity: Severity | null;
    publish_from: DateOnly | null;
    publish_min_until: DateOnly | null;
    publish_until: DateOnly | null;
    publication: ColumnType<Publication, Publication | undefined, Publication>;
    publication_ended_at: Date | null;
    source: 'form' | 'api' | 'import';
    import_id: string | null;
    content_hash: string;
    created_by: string | null;
    updated_at: Generated<Date>;
  };
};
