import { Type } from 'typebox';
import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { appendAudit } from '../../kernel/audit.ts';
import { auditOrigin } from '../../kernel/http/actor.ts';
import {
  ClassSummaryQuery,
  ClassSummarySchema,
  EnterpriseClassSchema,
  EnterpriseIdParams,
  RulesSchema,
} from './classification.schemas.ts';
import {
  getClassificationRules,
  getClassSummary,
  getEnterpriseClass,
  saveClassificationRules,
} from './classification.service.ts';
import { classifyEnterprisesJob } from './credit.jobs.ts';

const tags = ['credit'];

export function classificationRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/credit/classes/summary',
    {
      config: { permission: 'credit.read' },
      schema: {
        tags,
        summary: '信用风险分类分布（A–D），缺省为最近一期',
        querystring: ClassSummaryQuery,
        response: { 200: ClassSummarySchema },
      },
    },
    async (req) => getClassSummary(ctx, req.query.period),
  );

  app.get(
    '/api/credit/enterprises/:id/class',
    {
      config: { permission: 'credit.read' },
      schema: {
        tags,
        summary: '某企业的信用风险分类（含得分构成）与历史',
        params: EnterpriseIdParams,
        response: { 200: EnterpriseClassSchema },
      },
    },
    async (req) => getEnterpriseClass(ctx, req.params.id),
  );

  app.get(
    '/api/credit/classification/rules',
    {
      config: { permission: 'credit.manage' },
      schema: { tags, summary: '信用风险分类规则', response: { 200: RulesSchema } },
    },
    async () => getClassificationRules(ctx.db),
  );

  app.post(
    '/api/credit/classification/run',
    {
      config: { permission: 'credit.manage' },
      schema: {
        tags,
        summary: '立即重新进行本月信用风险分类（后台任务 credit.classify-enterprises，结果替换本月分类）',
        response: {
          202: Type.Object({
            jobId: Type.Union([Type.String(), Type.Null()], {
              description: 'null：已有一次分类在排队，不再重复排队',
            }),
          }),
        },
      },
    },
    async (req, reply) => {
      // The job and its audit entry commit together.
      await ctx.jobs.ready();
      const jobId = await ctx.db.transaction().execute(async (trx) => {
        const id = await ctx.jobs.sendWith(trx, classifyEnterprisesJob(ctx), {});
        await appendAudit(trx, auditOrigin(req), {
          action: 'credit.classification_started',
          subjectType: 'job',
          subjectId: 'credit.classify-enterprises',
          detail: { jobId: id },
        });
        return id;
      });
      return reply.code(202).send({ jobId });
    },
  );

  app.put(
    '/api/credit/classification/rules',
    {
      config: { permission: 'credit.manage' },
      schema: {
        tags,
        summary: '修改信用风险分类规则（下次月度分类起生效）',
        body: Type.Unknown(),
        response: { 200: RulesSchema },
      },
    },
    async (req) => saveClassificationRules(ctx, req.body, auditOrigin(req)),
  );
}
