import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { auditOrigin, requireActor } from '../../kernel/http/actor.ts';
import { withIdempotency } from '../../kernel/http/idempotency.ts';
import {
  CaseIdParams,
  CaseListQuery,
  CaseReviewListQuery,
  ReviewCaseBody,
  SubmitCaseBody,
  TypicalCaseListSchema,
  TypicalCaseSchema,
} from './cases.schemas.ts';
import {
  getTypicalCase,
  listMyTypicalCases,
  listPublishedTypicalCases,
  listTypicalCasesForReview,
  reviewTypicalCase,
  submitTypicalCase,
} from './cases.service.ts';

const tags = ['action-plan'];

export function casesRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/action-plan/cases',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '已发布的典型案例',
        querystring: CaseListQuery,
        response: { 200: TypicalCaseListSchema },
      },
    },
    async (req) => listPublishedTypicalCases(ctx, req.query),
  );

  app.get(
    '/api/action-plan/cases/mine',
    {
      config: { permission: 'plan.report' },
      schema: {
        tags,
        summary: '本部门报送的典型案例（全部状态）',
        querystring: CaseListQuery,
        response: { 200: TypicalCaseListSchema },
      },
    },
    async (req) => listMyTypicalCases(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/action-plan/cases/review',
    {
      config: { permission: 'plan.supervise' },
      schema: {
        tags,
        summary: '典型案例审核队列',
        description: 'status 缺省为 submitted（待审核，先报先审）；all 为全部。',
        querystring: CaseReviewListQuery,
        response: { 200: TypicalCaseListSchema },
      },
    },
    async (req) => listTypicalCasesForReview(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/action-plan/cases/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '典型案例',
        description: '公众只能看到已发布的案例；报送部门和领导小组办公室还能看到待审核和未采用的。',
        params: CaseIdParams,
        response: { 200: TypicalCaseSchema },
      },
    },
    async (req) => getTypicalCase(ctx, req.actor, req.params.id),
  );

  app.post(
    '/api/action-plan/cases',
    {
      config: { permission: 'plan.report' },
      schema: {
        tags,
        summary: '报送典型案例（本部门；支持 Idempotency-Key）',
        body: SubmitCaseBody,
        response: { 201: TypicalCaseSchema },
      },
    },
    async (req, reply) =>
      withIdempotency(ctx, req, reply, async () => ({
        status: 201,
        body: await submitTypicalCase(ctx, requireActor(req), req.body, auditOrigin(req)),
      })),
  );

  app.post(
    '/api/action-plan/cases/:id/review',
    {
      config: { permission: 'plan.supervise' },
      schema: {
        tags,
        summary: '审核典型案例（发布或不采用），并通知报送部门',
        params: CaseIdParams,
        body: ReviewCaseBody,
        response: { 200: TypicalCaseSchema },
      },
    },
    async (req) => reviewTypicalCase(ctx, requireActor(req), req.params.id, req.body, auditOrigin(req)),
  );
}
