import { Type } from 'typebox';
import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { auditOrigin, requireActor } from '../../kernel/http/actor.ts';
import { withIdempotency } from '../../kernel/http/idempotency.ts';
import {
  declareFacts,
  explainForEnterprise,
  getSubscription,
  myFacts,
  myMatches,
  putSubscription,
} from './enterprise.service.ts';
import {
  approveGrantList,
  buildGrantList,
  confirmGrant,
  disburseGrant,
  getGrantList,
  listGrantLists,
  myGrants,
} from './grants.service.ts';
import {
  ClauseParams,
  DisburseBody,
  ExplanationSchema,
  GrantEntrySchema,
  GrantListDetailSchema,
  GrantListSchema,
  IdParams,
  MyFactsSchema,
  MyMatchesSchema,
  PutFactsBody,
  StatsSchema,
  SubscriptionSchema,
} from './policy.schemas.ts';
import { policyStats } from './stats.service.ts';

const tags = ['policy'];
const OWN = 'policy.own';
const GRANT = 'policy.grant';

export function deliveryRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/policies/my/matches',
    {
      config: { permission: OWN },
      schema: {
        tags,
        summary: '本企业匹配的政策（逐项条件、事实来源、预计金额）及差一两项即可享受的政策',
        response: { 200: MyMatchesSchema },
      },
    },
    async (req) => myMatches(ctx, requireActor(req)),
  );

  app.get(
    '/api/policies/my/explain/:clauseId',
    {
      config: { permission: OWN },
      schema: {
        tags,
        summary: '本企业对某一条款的逐项解释',
        params: ClauseParams,
        response: { 200: ExplanationSchema },
      },
    },
    async (req) => explainForEnterprise(ctx, requireActor(req), req.params.clauseId),
  );

  app.get(
    '/api/policies/my/facts',
    {
      config: { permission: OWN },
      schema: { tags, summary: '本企业的事实及来源', response: { 200: MyFactsSchema } },
    },
    async (req) => myFacts(ctx, requireActor(req)),
  );

  app.put(
    '/api/policies/my/facts',
    {
      config: { permission: OWN },
      schema: {
        tags,
        summary: '自行申报事实（标记为“自行申报、未核验”），随即重新匹配本企业',
        body: PutFactsBody,
        response: { 200: MyFactsSchema },
      },
    },
    async (req) => declareFacts(ctx, requireActor(req), req.body.facts, auditOrigin(req)),
  );

  app.get(
    '/api/policies/my/subscriptions',
    {
      config: { permission: OWN },
      schema: { tags, summary: '直达推送订阅的主题（空 = 全部）', response: { 200: SubscriptionSchema } },
    },
    async (req) => getSubscription(ctx, requireActor(req)),
  );

  app.put(
    '/api/policies/my/subscriptions',
    {
      config: { permission: OWN },
      schema: {
        tags,
        summary: '设置直达推送订阅的主题',
        body: SubscriptionSchema,
        response: { 200: SubscriptionSchema },
      },
    },
    async (req) => putSubscription(ctx, requireActor(req), req.body.topics, auditOrigin(req)),
  );

  app.get(
    '/api/policies/my/grants',
    {
      config: { permission: OWN },
      schema: { tags, summary: '本企业的免申即享', response: { 200: Type.Array(GrantEntrySchema) } },
    },
    async (req) => myGrants(ctx, requireActor(req)),
  );

  app.post(
    '/api/policies/grants/:id/confirm',
    {
      config: { permission: OWN },
      schema: {
        tags,
        summary: '一键确认免申即享（Idempotency-Key）',
        params: IdParams,
        response: { 200: GrantEntrySchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return withIdempotency(ctx, req, reply, async () => ({
        status: 200,
        body: await confirmGrant(ctx, actor, req.params.id, auditOrigin(req)),
      }));
    },
  );

  app.post(
    '/api/policies/clauses/:clauseId/grant-lists',
    {
      config: { permission: GRANT },
      schema: {
        tags,
        summary: '由“免申即享”条款的匹配结果生成兑现名单（信用核查：D 类、严重失信排除并说明原因）',
        params: ClauseParams,
        response: { 201: GrantListDetailSchema, 202: GrantListDetailSchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return withIdempotency(ctx, req, reply, async () => {
        const built = await buildGrantList(ctx, actor, req.params.clauseId, auditOrigin(req));
        return { status: built.building ? 202 : 201, body: built.list };
      });
    },
  );

  app.get(
    '/api/policies/grant-lists',
    {
      config: { permission: GRANT },
      schema: { tags, summary: '本部门的兑现名单', response: { 200: Type.Array(GrantListSchema) } },
    },
    async (req) => listGrantLists(ctx, requireActor(req)),
  );

  app.get(
    '/api/policies/grant-lists/:id',
    {
      config: { permission: GRANT },
      schema: {
        tags,
        summary: '兑现名单明细（纳入 / 排除及原因、企业确认、兑付）',
        params: IdParams,
        response: { 200: GrantListDetailSchema },
      },
    },
    async (req) => getGrantList(ctx, requireActor(req), req.params.id),
  );

  app.post(
    '/api/policies/grant-lists/:id/approve',
    {
      config: { permission: GRANT },
      schema: {
        tags,
        summary: '审核通过兑现名单（通知纳入的企业确认）',
        params: IdParams,
        response: { 200: GrantListDetailSchema },
      },
    },
    async (req) => approveGrantList(ctx, requireActor(req), req.params.id, auditOrigin(req)),
  );

  app.post(
    '/api/policies/grants/:id/disburse',
    {
      config: { permission: GRANT },
      schema: {
        tags,
        summary: '登记兑付（企业确认后）',
        params: IdParams,
        body: DisburseBody,
        response: { 200: GrantEntrySchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return withIdempotency(ctx, req, reply, async () => ({
        status: 200,
        body: await disburseGrant(ctx, actor, req.params.id, req.body, auditOrigin(req)),
      }));
    },
  );

  app.get(
    '/api/policies/stats',
    {
      config: { permission: 'policy.read' },
      schema: { tags, summary: '政策统计（部门：本部门；营商办：全区）', response: { 200: StatsSchema } },
    },
    async (req) => policyStats(ctx, requireActor(req)),
  );
}
