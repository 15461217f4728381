import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { auditOrigin, requireActor } from '../../kernel/http/actor.ts';
import { withIdempotency } from '../../kernel/http/idempotency.ts';
import {
  CommitmentListQuery,
  CommitmentListSchema,
  CommitmentSchema,
  RecordCommitmentBody,
  VerifyCommitmentBody,
} from './commitments.schemas.ts';
import { getCommitment, listCommitments, recordCommitment, verifyCommitment } from './commitments.service.ts';
import { IdParams } from './lists.schemas.ts';

const tags = ['credit'];

export function commitmentsRoutes(app: HttpApp, ctx: AppContext): void {
  app.post(
    '/api/credit/commitments',
    {
      // Enterprise (credit.own, itself) or department officer (credit.review, for an application): the service decides.
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '作出/录入信用承诺或告知承诺（告知承诺先经失信惩戒核查；支持 Idempotency-Key）',
        body: RecordCommitmentBody,
        response: { 201: CommitmentSchema },
      },
    },
    async (req, reply) =>
      withIdempotency(ctx, req, reply, async () => ({
        status: 201,
        body: await recordCommitment(ctx, requireActor(req), req.body, auditOrigin(req)),
      })),
  );

  app.get(
    '/api/credit/commitments',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '承诺列表：企业看本企业的，部门看本部门核查的',
        querystring: CommitmentListQuery,
        response: { 200: CommitmentListSchema },
      },
    },
    async (req) => listCommitments(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/credit/commitments/:id',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '承诺', params: IdParams, response: { 200: CommitmentSchema } },
    },
    async (req) => getCommitment(ctx, requireActor(req), req.params.id),
  );

  app.post(
    '/api/credit/commitments/:id/verify',
    {
      config: { permission: 'credit.review' },
      schema: {
        tags,
        summary: '核查承诺履行情况（违背承诺形成失信信息）',
        params: IdParams,
        body: VerifyCommitmentBody,
        response: { 200: CommitmentSchema },
      },
    },
    async (req) => verifyCommitment(ctx, requireActor(req), req.params.id, req.body, auditOrigin(req)),
  );
}
