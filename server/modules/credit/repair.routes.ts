import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { auditOrigin, requireActor } from '../../kernel/http/actor.ts';
import { withIdempotency } from '../../kernel/http/idempotency.ts';
import { IdParams } from './lists.schemas.ts';
import {
  ApplyRepairBody,
  RepairListQuery,
  RepairListSchema,
  RepairSchema,
  ReviewRepairBody,
} from './repair.schemas.ts';
import { applyForRepair, listRepairsForReview, reviewRepair } from './repair.service.ts';

const tags = ['credit'];

export function repairRoutes(app: HttpApp, ctx: AppContext): void {
  app.post(
    '/api/credit/records/:id/repair',
    {
      config: { permission: 'credit.own' },
      schema: {
        tags,
        summary: '申请信用修复（本企业的信息；最短公示期满后；支持 Idempotency-Key）',
        params: IdParams,
        body: ApplyRepairBody,
        response: { 201: RepairSchema },
      },
    },
    async (req, reply) =>
      withIdempotency(ctx, req, reply, async () => ({
        status: 201,
        body: await applyForRepair(ctx, requireActor(req), req.params.id, req.body, auditOrigin(req)),
      })),
  );

  app.get(
    '/api/credit/repairs',
    {
      config: { permission: 'credit.review' },
      schema: {
        tags,
        summary: '本部门的信用修复申请（按审核时限排序）',
        querystring: RepairListQuery,
        response: { 200: RepairListSchema },
      },
    },
    async (req) => listRepairsForReview(ctx, requireActor(req), req.query),
  );

  app.post(
    '/api/credit/repairs/:id/review',
    {
      config: { permission: 'credit.review' },
      schema: {
        tags,
        summary: '审核信用修复申请：通过即停止公示；不予修复须说明理由',
        params: IdParams,
        body: ReviewRepairBody,
        response: { 200: RepairSchema },
      },
    },
    async (req) => reviewRepair(ctx, requireActor(req), req.params.id, req.body, auditOrigin(req)),
  );
}
