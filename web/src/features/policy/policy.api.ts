/**
 * Shapes the policy pages read, named from the generated schema (never re-declared by hand), and the few value
 * lists the forms offer. The server's contract is docs/policy-api.md.
 */
import type { ApiData } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';

export const SUBJECTS = ['enterprise', 'individual', 'connection'] as const;
export const MODES = ['apply', 'auto', 'fast'] as const;
export const POLICY_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export const FACT_TYPES = ['number', 'integer', 'boolean', 'string', 'enum', 'enum[]', 'date'] as const;
export const SOURCE_KINDS = ['feed', 'declared', 'platform'] as const;
export const GRANT_STATUSES = [
  'excluded',
  'pending',
  'awaiting_confirmation',
  'confirmed',
  'disbursed',
] as const;

export type PolicySummary = ApiData<'get', '/api/policies'>[number];
export type ClauseSummary = PolicySummary['clauses'][number];
export type Subject = ClauseSummary['subject'];
export type Mode = ClauseSummary['mode'];
export type PolicyStatus = PolicySummary['status'];
export type GrantStatus = (typeof GRANT_STATUSES)[number];
export type PolicyQuery = NonNullable<paths['/api/policies']['get']['parameters']['query']>;

/** `GET /api/policies/{id}`: the published policy with each clause's rule and requirements. */
export type PolicyPublic = ApiData<'get', '/api/policies/{id}'>;
export type PublicClause = PolicyPublic['clauses'][number];
export type Requirement = PublicClause['conditions'][number];
export type Topic = ApiData<'get', '/api/policies/topics'>[number];
/** One named, typed fact of the catalogue; `type` is one of FACT_TYPES (an unknown one is edited as text). */
export type Fact = ApiData<'get', '/api/policies/facts'>[number];

export type CalculateResult = ApiData<'post', '/api/policies/calculate'>[number];
export type Condition = CalculateResult['conditions'][number];
export type FactSource = NonNullable<Condition['source']>;
export type Benefit = NonNullable<CalculateResult['benefit']>;

/** An enterprise's outcome for one clause (`/my/matches`, `/my/explain/{clauseId}`). */
export type Explanation = ApiData<'get', '/api/policies/my/explain/{clauseId}'>;
export type MyMatches = ApiData<'get', '/api/policies/my/matches'>;
export type MyFacts = ApiData<'get', '/api/policies/my/facts'>;
export type GrantEntry = ApiData<'get', '/api/policies/my/grants'>[number];

/** `GET /api/policies/manage/{id}`. */
export type PolicyDetail = ApiData<'get', '/api/policies/manage/{id}'>;
export type ManagedClause = PolicyDetail['clauses'][number];
export type PolicyTest = ManagedClause['tests'][number];
export type PolicyInput = paths['/api/policies']['post']['requestBody']['content']['application/json'];
export type ClauseInput =
  paths['/api/policies/{id}/clauses']['post']['requestBody']['content']['application/json'];
export type RuleCheck = ApiData<'post', '/api/policies/validate-rule'>;
export type TestResult = ApiData<'post', '/api/policies/clauses/{clauseId}/run-tests'>[number];

export type GrantList = ApiData<'get', '/api/policies/grant-lists'>[number];
export type GrantListDetail = ApiData<'get', '/api/policies/grant-lists/{id}'>;
export type PolicyStats = ApiData<'get', '/api/policies/stats'>;

/** A JsonLogic rule or value: plain JSON. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A clause's benefit formula as the pages read it: the schema documents `benefit` as any JSON (the server checks
 * it), so `readFormula` in policy-ui.tsx narrows the value to this shape before anything uses it.
 */
export type BenefitFormula =
  | { kind: 'fixed'; amount: number }
  | { kind: 'rate'; fact: string; rate: number; cap?: number | null }
  | { kind: 'tiered'; fact: string; tiers: { min: number; amount: number }[] }
  | { kind: 'logic'; expr: JsonValue; cap?: number | null };
