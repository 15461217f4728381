import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { FactsTables } from './facts.tables.ts';

type DateOnly = string;
export type PolicyStatus = 'draft' | 'published' | 'withdrawn';
export type PolicySubject = 'enterprise' | 'individual' | 'connection';
export type ClauseMode = 'apply' | 'auto' | 'fast';
export type GrantListStatus = 'building' | 'pending' | 'approved';

type Json<T> = ColumnType<T, string, string>;

export type PolicyTables = {
  policy: {
    id: Generated<string>;
    code: string;
    title: string;
    department_id: string;
    document_no: string;
    issued_on: DateOnly;
    status: ColumnType<PolicyStatus, PolicyStatus | undefined, PolicyStatus>;
    summary: ColumnType<string, string | undefined, string>;
    topics: ColumnType<string[], string[] | undefined, string[]>;
    measure_nos: ColumnType<number[], number[] | undefined, number[]>;
    demo: ColumnType<boolean, boolean | undefined, boolean>;
    published_at: Date | null;
    published_by: string | null;
    withdrawn_at: Date | null;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  policy_clause: {
    id: Generated<string>;
    policy_id: string;
    no: number;
    title: string;
    citation: string;
    subject: PolicySubject;
    mode: ClauseMode;
    rule: Json<unknown>;
    benefit: ColumnType<unknown, string | null, string | null>;
    effective_from: DateOnly;
    effective_to: DateOnly | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  policy_test_case: {
    id: Generated<string>;
    clause_id: string;
    position: number;
    name: string;
    facts: Json<Record<string, unknown>>;
    expect_eligible: boolean;
    expect_amount: number | null;
  };
  policy_grant_list: {
    id: Generated<string>;
    clause_id: string;
    department_id: string;
    status: ColumnType<GrantListStatus, GrantListStatus | undefined, GrantListStatus>;
    created_by: string | null;
    created_at: Generated<Date>;
    approved_by: string | null;
    approved_at: Date | null;
  };
  policy_grant: {
    id: Generated<string>;
    list_id: string;
    clause_id: string;
    enterprise_id: string;
    included: boolean;
    exclusion_reason: string | null;
    amount: number | null;
    formula: string | null;
    confirmed_at: Date | null;
    confirmed_by: string | null;
    disbursed_at: Date | null;
    disbursed_by: string | null;
    disbursed_amount: number | null;
    reference: string | null;
    created_at: Generated<Date>;
  };
  policy_subscription: {
    enterprise_id: string;
    topics: string[];
    updated_by: string | null;
    updated_at: Generated<Date>;
  };
  policy_search_token: {
    policy_id: string;
    token: string;
    weight: number;
  };
};

/** One row type per table (what a `select *` returns); repositories derive their projections from these. */
export type Policy = Selectable<PolicyTables['policy']>;
export type PolicyClause = Selectable<PolicyTables['policy_clause']>;
export type PolicyTestCase = Selectable<PolicyTables['policy_test_case']>;
export type PolicyGrantList = Selectable<PolicyTables['policy_grant_list']>;
export type PolicyGrant = Selectable<PolicyTables['policy_grant']>;
export type PolicySubscription = Selectable<PolicyTables['policy_subscription']>;

/** The catalogue plus the matcher's tables (policy_match, facts), which this side reads. */
export type PolicyDbTables = PolicyTables & FactsTables;

export function policyDb(db: Db): Kysely<PolicyDbTables> {
  return db.withTables<PolicyDbTables>();
}
