import { Type } from 'typebox';
import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { auditOrigin, requireActor } from '../../kernel/http/actor.ts';
import { withIdempotency } from '../../kernel/http/idempotency.ts';
import {
  addClause,
  createPolicy,
  deleteClause,
  getManagedPolicy,
  getPublishedPolicy,
  listManagedPolicies,
  listPublishedPolicies,
  publishPolicy,
  runTestsOfClause,
  runTestsOfPolicy,
  updateClause,
  updatePolicy,
  validateRuleForEditor,
  withdrawPolicy,
} from './catalogue.service.ts';
import { factCatalogue, factsOf } from './engine/index.ts';
import { calculate } from './enterprise.service.ts';
import {
  CalculateBody,
  CalculationSchema,
  ClauseInputBody,
  ClauseParams,
  FactSchema,
  IdParams,
  ManagedPolicySchema,
  ManageListQuery,
  PolicyDetailSchema,
  PolicyInputBody,
  PolicyListQuery,
  PolicySummarySchema,
  SubjectQuery,
  TestResultSchema,
  TopicSchema,
  ValidateRuleBody,
  ValidateRuleResult,
} from './policy.schemas.ts';
import { policyTopics } from './topics.ts';

const tags = ['policy'];
const AUTHOR = 'policy.author';

export function catalogueRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/policies',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '已发布的政策（含条款、依据、兑现方式）；q 为中文全文检索（结巴分词，按相关度排序）',
        querystring: PolicyListQuery,
        response: { 200: Type.Array(PolicySummarySchema) },
      },
    },
    async (req) => listPublishedPolicies(ctx, req.query),
  );

  app.get(
    '/api/policies/topics',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '政策主题（订阅直达推送的单位）', response: { 200: Type.Array(TopicSchema) } },
    },
    async () => policyTopics().map((t) => ({ ...t })),
  );

  app.get(
    '/api/policies/facts',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '事实目录：规则与计算器可用的事实（名称、类型、单位、来源）',
        querystring: SubjectQuery,
        response: { 200: Type.Array(FactSchema) },
      },
    },
    async (req) =>
      (req.query.subject ? factsOf(req.query.subject, factCatalogue()) : [...factCatalogue()]).map((f) => ({
        ...f,
      })),
  );

  app.post(
    '/api/policies/calculate',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '政策计算器：输入事实，逐条给出是否符合、逐项条件与预计金额（企业 / 人才 / 用电报装）',
        body: CalculateBody,
        response: { 200: Type.Array(CalculationSchema) },
      },
    },
    async (req) => calculate(ctx, req.body),
  );

  app.get(
    '/api/policies/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '一项已发布的政策（条款含规则与条件）',
        params: IdParams,
        response: { 200: PolicyDetailSchema },
      },
    },
    async (req) => getPublishedPolicy(ctx, req.params.id),
  );

  // Officers: their department's policies.
  app.get(
    '/api/policies/manage',
    {
      config: { permission: AUTHOR },
      schema: {
        tags,
        summary: '本部门的政策（含草稿、测试用例）',
        querystring: ManageListQuery,
        response: { 200: Type.Array(ManagedPolicySchema) },
      },
    },
    async (req) => listManagedPolicies(ctx, requireActor(req), req.query.status),
  );

  app.get(
    '/api/policies/manage/:id',
    {
      config: { permission: AUTHOR },
      schema: { tags, summary: '本部门的一项政策', params: IdParams, response: { 200: ManagedPolicySchema } },
    },
    async (req) => getManagedPolicy(ctx, requireActor(req), req.params.id),
  );

  app.post(
    '/api/policies',
    {
      config: { permission: AUTHOR },
      schema: {
        tags,
        summary: '起草政策（草稿）',
        body: PolicyInputBody,
        response: { 201: ManagedPolicySchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return withIdempotency(ctx, req, reply, async () => ({
        status: 201,
        body: await createPolicy(ctx, actor, req.body, auditOrigin(req)),
      }));
    },
  );

  app.put(
    '/api/policies/:id',
    {
      config: { permission: AUTHOR },
      schema: {
        tags,
        summary: '修改政策（已发布的政策修改后重新匹配全部企业）',
        params: IdParams,
        body: PolicyInputBody,
        response: { 200: ManagedPolicySchema },
      },
    },
    async (req) => updatePolicy(ctx, requireActor(req), req.params.id, req.body, auditOrigin(req)),
  );

  app.post(
    '/api/policies/:id/clauses',
    {
      config: { permission: AUTHOR },
      schema: {
        tags,
        summary: '增加条款（规则由引擎校验：未知事实、类型不符 → 400）',
        params: IdParams,
        body: ClauseInputBody,
        response: { 201: ManagedPolicySchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return withIdempotency(ctx, req, reply, async () => ({
        status: 201,
        body: await addClause(ctx, actor, req.params.id, req.body, auditOrigin(req)),
      }));
    },
  );

  app.put(
    '/api/policies/clauses/:clauseId',
    {
      config: { permission: AUTHOR },
      schema: {
        tags,
        summary: '修改条款（规则、公式、生效日期、测试用例）',
        params: ClauseParams,
        body: ClauseInputBody,
        response: { 200: ManagedPolicySchema },
      },
    },
    async (req) => updateClause(ctx, requireActor(req), req.params.clauseId, req.body, auditOrigin(req)),
  );

  app.delete(
    '/api/policies/clauses/:clauseId',
    {
      config: { permission: AUTHOR },
      schema: {
        tags,
        summary: '删除条款（仅草稿）',
        params: ClauseParams,
        response: { 200: ManagedPolicySchema },
      },
    },
    async (req) => deleteClause(ctx, requireActor(req), req.params.clauseId, auditOrigin(req)),
  );

  app.post(
    '/api/policies/validate-rule',
    {
      config: { permission: AUTHOR },
      schema: {
        tags,
        summary: '校验规则（编辑器实时检查）',
        body: ValidateRuleBody,
        response: { 200: ValidateRuleResult },
      },
    },
    async (req) => validateRuleForEditor(req.body.subject, req.body.rule),
  );

  app.post(
    '/api/policies/clauses/:clauseId/run-tests',
    {
      config: { permission: AUTHOR },
      schema: {
        tags,
        summary: '运行条款的测试用例',
        params: ClauseParams,
        response: { 200: Type.Array(TestResultSchema) },
      },
    },
    async (req) => runTestsOfClause(ctx, requireActor(req), req.params.clauseId),
  );

  app.post(
    '/api/policies/:id/run-tests',
    {
      config: { permission: AUTHOR },
      schema: {
        tags,
        summary: '运行政策全部条款的测试用例',
        params: IdParams,
        response: { 200: Type.Array(TestResultSchema) },
      },
    },
    async (req) => runTestsOfPolicy(ctx, requireActor(req), req.params.id),
  );

  app.post(
    '/api/policies/:id/publish',
    {
      config: { permission: AUTHOR },
      schema: {
        tags,
        summary:
          '发布政策（测试用例全部通过方可发布，否则 422 POLICY_TESTS_FAILING）；发布后重新匹配全部企业',
        params: IdParams,
        response: { 200: ManagedPolicySchema },
      },
    },
    async (req) => publishPolicy(ctx, requireActor(req), req.params.id, auditOrigin(req)),
  );

  app.post(
    '/api/policies/:id/withdraw',
    {
      config: { permission: AUTHOR },
      schema: { tags, summary: '废止政策', params: IdParams, response: { 200: ManagedPolicySchema } },
    },
    async (req) => withdrawPolicy(ctx, requireActor(req), req.params.id, auditOrigin(req)),
  );
}
