import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { FactSourceKind } from './engine/facts.ts';

type DateOnly = string;

/** Where a stored fact value came from. */
export interface StoredFactSource {
  kind: FactSourceKind;
  label: string;
  verified: boolean;
  /** ISO instant of the write. */
  at: string;
}

type Json<T> = ColumnType<T, string | undefined, string>;

/** One typed row per enterprise; a column per enterprise fact (see config/policy/facts.json). */
export type FactsTables = {
  policy_enterprise_fact: {
    enterprise_id: string;
    industry_section: string | null;
    industry_code: string | null;
    size_class: string | null;
    revenue: number | null;
    rd_spending: number | null;
    rd_ratio: number | null;
    employees: number | null;
    tax_paid: number | null;
    qualifications: string[] | null;
    credit_class: string | null;
    serious_dishonest: boolean | null;
    town: string | null;
    founded_on: DateOnly | null;
    tech_loan_interest: number | null;
    equipment_investment: number | null;
    listed: boolean | null;
    extra: Json<Record<string, unknown>>;
    sources: Json<Record<string, StoredFactSource>>;
    updated_at: Generated<Date>;
  };
  policy_match: {
    clause_id: string;
    enterprise_id: string;
    first_matched_at: Date;
    last_matched_at: Date;
    active: ColumnType<boolean, boolean | undefined, boolean>;
    notified_at: Date | null;
    ended_at: Date | null;
    via: ColumnType<'sql' | 'js', 'sql' | 'js' | undefined, 'sql' | 'js'>;
  };
};

export function factsDb(db: Db): Kysely<FactsTables> {
  return db.withTables<FactsTables>();
}
