/**
 * Compile-time drift check for the policy pages (see web/src/api/contract-check.ts): every policy response the
 * server documents in schema.d.ts must fit the type the pages read (policy.types.ts). Nothing in this file runs.
 */
import type { Json, Created, Holds, Fits } from '../../api/contract-types.ts';
import type {
  CalculateResult,
  Explanation,
  Fact,
  GrantEntry,
  GrantList,
  GrantListDetail,
  MyFacts,
  MyMatches,
  PolicyDetail,
  PolicyPublic,
  PolicyStats,
  PolicySummary,
  RuleCheck,
  Subscriptions,
  TestResult,
  Topic,
} from './policy.types.ts';

export type PolicyContractChecks = [
  // public
  Holds<Fits<Json<'/api/policies', 'get'>, PolicySummary[]>>,
  Holds<Fits<Json<'/api/policies/{id}', 'get'>, PolicyPublic>>,
  Holds<Fits<Json<'/api/policies/topics', 'get'>, Topic[]>>,
  Holds<Fits<Json<'/api/policies/facts', 'get'>, Fact[]>>,
  Holds<Fits<Json<'/api/policies/calculate', 'post'>, CalculateResult[]>>,
  // enterprise
  Holds<Fits<Json<'/api/policies/my/matches', 'get'>, MyMatches>>,
  Holds<Fits<Json<'/api/policies/my/explain/{clauseId}', 'get'>, Explanation>>,
  Holds<Fits<Json<'/api/policies/my/facts', 'get'>, MyFacts>>,
  Holds<Fits<Json<'/api/policies/my/facts', 'put'>, MyFacts>>,
  Holds<Fits<Json<'/api/policies/my/subscriptions', 'get'>, Subscriptions>>,
  Holds<Fits<Json<'/api/policies/my/subscriptions', 'put'>, Subscriptions>>,
  Holds<Fits<Json<'/api/policies/my/grants', 'get'>, GrantEntry[]>>,
  Holds<Fits<Json<'/api/policies/grants/{id}/confirm', 'post'>, GrantEntry>>,
  // officer: authoring
  Holds<Fits<Json<'/api/policies/manage', 'get'>, PolicyDetail[]>>,
  Holds<Fits<Json<'/api/policies/manage/{id}', 'get'>, PolicyDetail>>,
  Holds<Fits<Created<'/api/policies', 'post'>, PolicyDetail>>,
  Holds<Fits<Json<'/api/policies/{id}', 'put'>, PolicyDetail>>,
  Holds<Fits<Created<'/api/policies/{id}/clauses', 'post'>, PolicyDetail>>,
  Holds<Fits<Json<'/api/policies/clauses/{clauseId}', 'put'>, PolicyDetail>>,
  Holds<Fits<Json<'/api/policies/validate-rule', 'post'>, RuleCheck>>,
  Holds<Fits<Json<'/api/policies/clauses/{clauseId}/run-tests', 'post'>, TestResult[]>>,
  Holds<Fits<Json<'/api/policies/{id}/publish', 'post'>, PolicyDetail>>,
  Holds<Fits<Json<'/api/policies/{id}/withdraw', 'post'>, PolicyDetail>>,
  // officer: 免申即享
  Holds<Fits<Created<'/api/policies/clauses/{clauseId}/grant-lists', 'post'>, GrantListDetail>>,
  Holds<Fits<Json<'/api/policies/grant-lists', 'get'>, GrantList[]>>,
  Holds<Fits<Json<'/api/policies/grant-lists/{id}', 'get'>, GrantListDetail>>,
  Holds<Fits<Json<'/api/policies/grant-lists/{id}/approve', 'post'>, GrantList>>,
  Holds<Fits<Json<'/api/policies/grants/{id}/disburse', 'post'>, GrantEntry>>,
  Holds<Fits<Json<'/api/policies/stats', 'get'>, PolicyStats>>,
];
