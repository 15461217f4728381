/** Response shapes of the policy API (docs/policy-api.md), as the policy pages read them. */
import type { DepartmentRef } from '../../api/types.ts';

export const SUBJECTS = ['enterprise', 'individual', 'connection'] as const;
export type Subject = (typeof SUBJECTS)[number];

export const MODES = ['apply', 'auto', 'fast'] as const;
export type Mode = (typeof MODES)[number];

export const POLICY_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

export const FACT_TYPES = ['number', 'integer', 'boolean', 'string', 'enum', 'enum[]', 'date'] as const;
export type FactType = (typeof FACT_TYPES)[number];

export const SOURCE_KINDS = ['feed', 'declared', 'platform'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A JsonLogic rule or value: plain JSON. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface FactOption {
  value: string;
  label: string;
}

/** One named, typed fact of the catalogue (`GET /api/policies/facts`). */
export interface Fact {
  name: string;
  subject: Subject;
  label: string;
  labelEn: string;
  /** One of FACT_TYPES; a type this page does not know yet is edited as text. */
  type: string;
  unit?: string;
  options?: FactOption[];
  /** One of SOURCE_KINDS. */
  source: string;
  sourceLabel: string;
  /** Computed by the platform from other facts (e.g. 成立年限); never typed in. */
  derived?: boolean;
}

export interface Topic {
  code: string;
  label: string;
  labelEn: string;
}

export interface ClauseSummary {
  id: string;
  no: number;
  title: string;
  citation: string;
  mode: Mode;
  subject: Subject;
  effectiveFrom: string;
  effectiveTo: string | null;
  benefitText: string | null;
}

export interface PolicySummary {
  id: string;
  code: string;
  title: string;
  status: PolicyStatus;
  department: DepartmentRef;
  documentNo: string;
  issuedOn: string;
  summary: string;
  topics: string[];
  measureNos: number[];
  demo: boolean;
  score: number | null;
  clauses: ClauseSummary[];
}

/** A requirement of a rule, as text (no enterprise's values). */
export interface Requirement {
  label: string;
  fact: string | null;
  required: string;
}

/** `GET /api/policies/{id}`: the published policy with each clause's rule and requirements. */
export interface PublicClause extends ClauseSummary {
  rule: unknown;
  /** A BenefitFormula or null (read it with `readFormula`). */
  benefit: unknown;
  conditions: Requirement[];
}

export interface PolicyPublic extends Omit<PolicySummary, 'clauses'> {
  clauses: PublicClause[];
}

export type BenefitFormula =
  | { kind: 'fixed'; amount: number }
  | { kind: 'rate'; fact: string; rate: number; cap?: number | null }
  | { kind: 'tiered'; fact: string; tiers: { min: number; amount: number }[] }
  | { kind: 'logic'; expr: JsonValue; cap?: number | null };

export interface FactSource {
  /** One of SOURCE_KINDS. */
  kind: string;
  label: string;
  verified: boolean;
  at: string | null;
}

export interface Condition {
  label: string;
  fact: string | null;
  actual: unknown;
  /** The value used, in words, when the server words it (e.g. 未知, option labels). */
  actualText?: string;
  required: string;
  passed: boolean;
  /** Only in enterprise views: where the value used came from. */
  source?: FactSource | null;
}

export interface Benefit {
  amount: number | null;
  formula: string;
}

/** `POST /api/policies/calculate`: one clause's outcome. */
export interface CalculateResult {
  policyId: string;
  policyCode: string;
  clauseId: string;
  clauseNo: number;
  title: string;
  mode: Mode;
  citation: string;
  eligible: boolean;
  missing: number;
  summary: string;
  conditions: Condition[];
  benefit: Benefit | null;
}

export interface GrantRef {
  id: string;
  /** One of GRANT_STATUSES. */
  status: string;
}

/** An enterprise's outcome for one clause (`/my/matches`, `/my/explain/{clauseId}`). */
export interface Explanation {
  policyId: string;
  policyCode: string;
  policyTitle: string;
  clauseId: string;
  clauseNo: number;
  clauseTitle: string;
  mode: Mode;
  citation: string;
  topics: string[];
  eligible: boolean;
  missing: number;
  summary: string;
  conditions: Condition[];
  benefit: Benefit | null;
  firstMatchedAt: string | null;
  grant: GrantRef | null;
}

export interface MyMatches {
  enterprise: { id: string; name: string };
  matches: Explanation[];
  nearMisses: Explanation[];
}

export interface MyFacts {
  values: Record<string, unknown>;
  sources: Record<string, FactSource>;
  facts: Fact[];
}

export interface Subscriptions {
  topics: string[];
}

export interface PolicyTest {
  name: string;
  facts: Record<string, unknown>;
  expectEligible: boolean;
  expectAmount?: number | null;
}

export interface ManagedClause extends PublicClause {
  tests: PolicyTest[];
}

/** `GET /api/policies/manage/{id}`. */
export interface PolicyDetail extends Omit<PolicySummary, 'clauses'> {
  publishedAt: string | null;
  updatedAt: string;
  needsRematch?: boolean;
  clauses: ManagedClause[];
}

export interface PolicyInput {
  code?: string;
  title: string;
  documentNo: string;
  issuedOn: string;
  summary: string;
  topics: string[];
  measureNos?: number[];
  demo?: boolean;
}

export interface ClauseInput {
  no?: number;
  title: string;
  citation: string;
  subject: Subject;
  mode: Mode;
  rule: JsonValue;
  benefit: BenefitFormula | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  tests: PolicyTest[];
}

export interface RuleCheck {
  ok: boolean;
  errors: { path: string; rule?: string; message: string }[];
  conditions: Requirement[];
}

export interface TestResult {
  clauseId: string;
  clauseNo: number;
  name: string;
  passed: boolean;
  eligible: boolean;
  amount: number | null;
  expectEligible: boolean;
  expectAmount: number | null;
  conditions: Condition[];
  message?: string | null;
}

export const GRANT_STATUSES = [
  'excluded',
  'pending',
  'awaiting_confirmation',
  'confirmed',
  'disbursed',
] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

export interface GrantList {
  id: string;
  clauseId: string;
  policyId: string;
  policyTitle: string;
  clauseTitle: string;
  department: DepartmentRef;
  /** `building`: the credit checks run in a job (large lists); poll until `pending`. */
  status: 'building' | 'pending' | 'approved';
  createdAt: string;
  approvedAt: string | null;
  counts: { included: number; excluded: number; confirmed: number; disbursed: number };
  totalAmount: number;
}

export interface GrantEntry {
  id: string;
  listId: string;
  policyId: string;
  policyTitle: string;
  clauseId: string;
  clauseTitle: string;
  citation: string;
  enterprise: { id: string; name: string; uscc: string };
  included: boolean;
  exclusionReason: string | null;
  amount: number | null;
  formula: string | null;
  status: GrantStatus;
  confirmedAt: string | null;
  disbursedAt: string | null;
  disbursedAmount: number | null;
  reference: string | null;
}

export interface GrantListDetail extends GrantList {
  entries: GrantEntry[];
}

export interface PolicyStats {
  scope: 'district' | 'department';
  policies: { published: number; draft: number; withdrawn: number };
  clauses: { apply: number; auto: number; fast: number };
  matches: { active: number; enterprises: number; notified: number };
  grants: {
    lists: number;
    included: number;
    excluded: number;
    confirmed: number;
    disbursed: number;
    disbursedAmount: number;
  };
  byPolicy: { policyId: string; title: string; activeMatches: number; granted: number }[];
}
