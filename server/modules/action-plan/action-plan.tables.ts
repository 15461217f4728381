import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = string;

export type MeasureStatus = 'not_started' | 'in_progress' | 'completed' | 'lagging';
export type UnitRole = 'lead' | 'responsible' | 'scope';

export type ActionPlanTables = {
  plan: {
    id: Generated<string>;
    code: string;
    title: string;
    issuer: string | null;
    document_no: string | null;
    issued_on: DateOnly | null;
    reporting_period: ColumnType<'monthly' | 'quarterly', 'monthly' | 'quarterly' | undefined>;
    /** A period's report is due on this working day of the following period. */
    report_due_workdays: ColumnType<number, number | undefined>;
    /** Working days an item may stay overdue before it is escalated to the leading-group office (督办). */
    escalation_workdays: ColumnType<number, number | undefined>;
    source_sha256: string;
    created_at: Generated<Date>;
    updated_at: Timestamp;
  };
  plan_part: { id: Generated<string>; plan_id: string; ordinal: number; label: string; title: string };
  plan_section: {
    id: Generated<string>;
    plan_id: string;
    part_id: string;
    ordinal: number;
    label: string;
    title: string;
  };
  measure: {
    id: Generated<string>;
    plan_id: string;
    section_id: string;
    no: number;
    title: string;
    body: string;
    created_at: Generated<Date>;
    updated_at: Timestamp;
  };
  measure_unit: {
    id: Generated<string>;
    measure_id: string;
    position: number;
    name: string;
    role: UnitRole;
    department_id: string | null;
  };
  plan_import: {
    id: Generated<string>;
    plan_id: string;
    imported_at: Generated<Date>;
    imported_by: string;
    source_sha256: string;
    measures_added: number;
    measures_updated: number;
    measures_unchanged: number;
    unmatched_units: ColumnType<unknown, string, string>;
  };
  milestone: {
    id: Generated<string>;
    measure_id: string;
    title: string;
    description: ColumnType<string, string | undefined, string>;
    due_on: DateOnly;
    owner_department_id: string;
    created_by: string | null;
    created_at: Generated<Date>;
    completed_at: Date | null;
    completed_report_id: string | null;
  };
  progress_report: {
    id: Generated<string>;
    measure_id: string;
    department_id: string;
    period: string;
    percent: number;
    body: string;
    evidence_file_ids: ColumnType<string[], string[] | undefined, string[]>;
    completed_milestone_ids: ColumnType<string[], string[] | undefined, string[]>;
    submitted_by: string | null;
    submitted_at: Generated<Date>;
  };
  supervision_notice: {
    id: Generated<string>;
    kind: 'reminder' | 'escalation';
    reason: 'milestone_overdue' | 'report_missing';
    measure_id: string;
    milestone_id: string | null;
    department_id: string;
    period: string | null;
    due_on: DateOnly;
    overdue_workdays: number;
    dedupe_key: string;
    created_at: Generated<Date>;
    resolved_at: Date | null;
  };
  typical_case: {
    id: Generated<string>;
    plan_id: string;
    measure_id: string | null;
    department_id: string;
    title: string;
    summary: string;
    body: string;
    status: ColumnType<
      'submitted' | 'published' | 'rejected',
      'submitted' | 'published' | 'rejected' | undefined
    >;
    submitted_by: string | null;
    submitted_at: Generated<Date>;
    reviewed_by: string | null;
    reviewed_at: Date | null;
    review_comment: string | null;
    published_at: Date | null;
  };
  kpi: {
    id: Generated<string>;
    plan_id: string;
    code: string;
    name: string;
    description: ColumnType<string, string | undefined, string>;
    unit: string;
    target: number;
    direction: 'at_least' | 'at_most';
    provider: string | null;
    measure_nos: ColumnType<number[], number[] | undefined, number[]>;
    created_by: string;
    created_at: Generated<Date>;
  };
  kpi_value: {
    kpi_id: string;
    period: string;
    value: number | null;
    status: 'ok' | 'no_source' | 'error';
    detail: ColumnType<unknown, string | undefined, string>;
    computed_at: Generated<Date>;
  };
  /** One row per plan whose shipped KPIs were seeded (migration 20261127T2330_kpi), so seeding runs once. */
  kpi_seed: {
    plan_id: string;
    source: string;
    kpis: number;
    seeded_at: Generated<Date>;
  };
};

// One row type per table, as read; repositories derive their projections from these (Pick, Omit, joins).
type Row<T extends keyof ActionPlanTables> = Selectable<ActionPlanTables[T]>;
export type PlanRow = Row<'plan'>;
export type PlanPartRow = Row<'plan_part'>;
export type PlanSectionRow = Row<'plan_section'>;
export type MeasureRow = Row<'measure'>;
export type MeasureUnitRow = Row<'measure_unit'>;
export type PlanImportRow = Row<'plan_import'>;
export type MilestoneRow = Row<'milestone'>;
export type ProgressReportRow = Row<'progress_report'>;
export type SupervisionNoticeRow = Row<'supervision_notice'>;
export type TypicalCaseRow = Row<'typical_case'>;
export type KpiRow = Row<'kpi'>;
export type KpiValueRow = Row<'kpi_value'>;
export type KpiSeedRow = Row<'kpi_seed'>;

/** The database seen with this module's tables; for this module's repositories only. */
export function actionPlanDb(db: Db): Kysely<ActionPlanTables> {
  return db.withTables<ActionPlanTables>();
}
