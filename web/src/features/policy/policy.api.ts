import { withQuery } from '../../api/client.ts';
import type { Mode, Subject } from './policy.types.ts';

const enc = encodeURIComponent;

export interface PolicyQuery {
  q?: string;
  mode?: Mode | '';
  topic?: string;
  department?: string;
  subject?: Subject | '';
}

/** Every policy endpoint the pages call (docs/policy-api.md). */
export const policyPaths = {
  list: (query: PolicyQuery) => withQuery('/api/policies', { ...query }),
  policy: (id: string) => `/api/policies/${enc(id)}`,
  topics: '/api/policies/topics',
  facts: (subject?: Subject) => withQuery('/api/policies/facts', { subject }),
  calculate: '/api/policies/calculate',
  myMatches: '/api/policies/my/matches',
  myExplain: (clauseId: string) => `/api/policies/my/explain/${enc(clauseId)}`,
  myFacts: '/api/policies/my/facts',
  mySubscriptions: '/api/policies/my/subscriptions',
  myGrants: '/api/policies/my/grants',
  confirmGrant: (id: string) => `/api/policies/grants/${enc(id)}/confirm`,
  manage: (status?: string) => withQuery('/api/policies/manage', { status }),
  managed: (id: string) => `/api/policies/manage/${enc(id)}`,
  create: '/api/policies',
  update: (id: string) => `/api/policies/${enc(id)}`,
  addClause: (id: string) => `/api/policies/${enc(id)}/clauses`,
  clause: (clauseId: string) => `/api/policies/clauses/${enc(clauseId)}`,
  validateRule: '/api/policies/validate-rule',
  runClauseTests: (clauseId: string) => `/api/policies/clauses/${enc(clauseId)}/run-tests`,
  runPolicyTests: (id: string) => `/api/policies/${enc(id)}/run-tests`,
  publish: (id: string) => `/api/policies/${enc(id)}/publish`,
  withdraw: (id: string) => `/api/policies/${enc(id)}/withdraw`,
  buildGrantList: (clauseId: string) => `/api/policies/clauses/${enc(clauseId)}/grant-lists`,
  grantLists: '/api/policies/grant-lists',
  grantList: (id: string) => `/api/policies/grant-lists/${enc(id)}`,
  approveGrantList: (id: string) => `/api/policies/grant-lists/${enc(id)}/approve`,
  disburse: (id: string) => `/api/policies/grants/${enc(id)}/disburse`,
  stats: '/api/policies/stats',
} as const;
