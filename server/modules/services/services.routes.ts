import { Type } from 'typebox';
import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { auditOrigin, requireActor } from '../../kernel/http/actor.ts';
import { readIdempotencyKey, withIdempotency } from '../../kernel/http/idempotency.ts';
import {
  AnswerSupplementBody,
  ApplicationPageSchema,
  ApplicationSchema,
  ApproveBody,
  IdParams,
  ListQuery,
  NoticePageSchema,
  NoticeQuery,
  ObjectionBody,
  ObjectionSchema,
  OverviewSchema,
  PrecheckBody,
  PrecheckSchema,
  PrefillSchema,
  QueuePageSchema,
  QueueQuery,
  QueueTaskSchema,
  RejectBody,
  SubmitBody,
  SupplementParams,
  SupplementRequestBody,
} from './applications.schemas.ts';
import { getApplication, listAllApplications, listOwnApplications } from './applications.service.ts';
import { precheck } from './precheck.service.ts';
import { prefill } from './prefill.service.ts';
import { submitApplication } from './submission.service.ts';
import { answerSupplement } from './supplements.service.ts';
import {
  BundleBody,
  BundleSchema,
  BundleSummarySchema,
  CodeParams,
  ServiceItemBody,
  ServiceItemSchema,
} from './catalogue.schemas.ts';
import { getBundle, getItem, listBundles, listItems, saveBundle, saveItem } from './catalogue.service.ts';
import { fileObjection, listNotices } from './notices.service.ts';
import { getOverview } from './services.metrics.ts';
import { actOnTask, getQueueTask, listQueue } from './tasks.service.ts';

const tags = ['services'];

export function servicesRoutes(app: HttpApp, ctx: AppContext): void {
  // ---- catalogue (public) ----
  app.get(
    '/api/services/items',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '政务服务事项目录', response: { 200: Type.Array(ServiceItemSchema) } },
    },
    async () => listItems(ctx),
  );
  app.get(
    '/api/services/items/:code',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '政务服务事项', params: CodeParams, response: { 200: ServiceItemSchema } },
    },
    async (req) => getItem(ctx, req.params.code),
  );
  app.get(
    '/api/services/bundles',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '“一件事”套餐（已上线）',
        querystring: Type.Object({ includeInactive: Type.Boolean({ default: false }) }),
        response: { 200: Type.Array(BundleSummarySchema) },
      },
    },
    async (req) => listBundles(ctx, { includeInactive: req.query.includeInactive }),
  );
  app.get(
    '/api/services/bundles/:code',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '“一件事”套餐：合并表单、材料、任务图',
        params: CodeParams,
        response: { 200: BundleSchema },
      },
    },
    async (req) => getBundle(ctx, req.params.code),
  );

  // ---- applicant ----
  app.get(
    '/api/services/bundles/:code/prefill',
    {
      config: { permission: 'services.apply' },
      schema: {
        tags,
        summary: '表单预填（企业档案与以往申报）',
        params: CodeParams,
        response: { 200: PrefillSchema },
      },
    },
    async (req) => prefill(ctx, requireActor(req), req.params.code),
  );
  app.post(
    '/api/services/precheck',
    {
      config: { permission: 'services.apply' },
      schema: {
        tags,
        summary: '申请前信用核查（失信惩戒、告知承诺适用）',
        body: PrecheckBody,
        response: { 200: PrecheckSchema },
      },
    },
    async (req) => precheck(ctx, requireActor(req), req.body),
  );
  app.post(
    '/api/services/applications',
    {
      config: { permission: 'services.apply' },
      schema: {
        tags,
        summary: '提交“一件事”申请（须带 Idempotency-Key）',
        body: SubmitBody,
        response: { 201: ApplicationSchema },
      },
    },
    async (req, reply) => {
      if (readIdempotencyKey(req) === undefined) {
        throw new AppError(
          'VALIDATION_FAILED',
          'Submitting an application needs an Idempotency-Key header.',
          {
            params: { reason: 'services-idempotency-key-required' },
            errors: [
              { field: '/headers/idempotency-key', rule: 'required', message: 'Idempotency-Key is required' },
            ],
          },
        );
      }
      return withIdempotency(ctx, req, reply, async () => ({
        status: 201,
        body: await submitApplication(ctx, requireActor(req), req.body, auditOrigin(req)),
      }));
    },
  );
  app.get(
    '/api/services/applications',
    {
      config: { permission: 'services.apply' },
      schema: { tags, summary: '我的办件', querystring: ListQuery, response: { 200: ApplicationPageSchema } },
    },
    async (req) => listOwnApplications(ctx, requireActor(req), req.query),
  );
  app.get(
    '/api/services/applications/all',
    {
      config: { permission: 'services.read' },
      schema: {
        tags,
        summary: '全区办件（领导小组办公室）',
        querystring: ListQuery,
        response: { 200: ApplicationPageSchema },
      },
    },
    async (req) => listAllApplications(ctx, req.query),
  );
  app.get(
    '/api/services/applications/:id',
    {
      // Applicant, the departments with a task in it, or the office: the service decides (others: 404).
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '办件详情（任务、时间线、结果、补正）',
        params: IdParams,
        response: { 200: ApplicationSchema },
      },
    },
    async (req) => getApplication(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/api/services/applications/:id/supplements/:supplementId',
    {
      config: { permission: 'services.apply' },
      schema: {
        tags,
        summary: '答复补正要求（恢复办理时限；支持 Idempotency-Key）',
        params: SupplementParams,
        body: AnswerSupplementBody,
        response: { 200: ApplicationSchema },
      },
    },
    async (req, reply) =>
      withIdempotency(ctx, req, reply, async () => ({
        status: 200,
        body: await answerSupplement(
          ctx,
          requireActor(req),
          req.params.id,
          req.params.supplementId,
          req.body,
          auditOrigin(req),
        ),
      })),
  );

  // ---- officer ----
  app.get(
    '/api/services/tasks',
    {
      config: { permission: 'services.process' },
      schema: {
        tags,
        summary: '本部门办件任务（按到期日）',
        querystring: QueueQuery,
        response: { 200: QueuePageSchema },
      },
    },
    async (req) => listQueue(ctx, requireActor(req), req.query),
  );
  app.get(
    '/api/services/tasks/:id',
    {
      config: { permission: 'services.process' },
      schema: { tags, summary: '本部门办件任务', params: IdParams, response: { 200: QueueTaskSchema } },
    },
    async (req) => getQueueTask(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/api/services/tasks/:id/claim',
    {
      config: { permission: 'services.process' },
      schema: { tags, summary: '认领任务', params: IdParams, response: { 200: QueueTaskSchema } },
    },
    async (req) => actOnTask(ctx, requireActor(req), req.params.id, { type: 'claim' }, auditOrigin(req)),
  );
  app.post(
    '/api/services/tasks/:id/approve',
    {
      config: { permission: 'services.process' },
      schema: {
        tags,
        summary: '办理通过',
        params: IdParams,
        body: ApproveBody,
        response: { 200: QueueTaskSchema },
      },
    },
    async (req) =>
      actOnTask(
        ctx,
        requireActor(req),
        req.params.id,
        { type: 'approve', comment: req.body.comment },
        auditOrigin(req),
      ),
  );
  app.post(
    '/api/services/tasks/:id/reject',
    {
      config: { permission: 'services.process' },
      schema: {
        tags,
        summary: '不予办理（须说明理由）',
        params: IdParams,
        body: RejectBody,
        response: { 200: QueueTaskSchema },
      },
    },
    async (req) =>
      actOnTask(
        ctx,
        requireActor(req),
        req.params.id,
        { type: 'reject', reason: req.body.reason },
        auditOrigin(req),
      ),
  );
  app.post(
    '/api/services/tasks/:id/supplement',
    {
      config: { permission: 'services.process' },
      schema: {
        tags,
        summary: '要求补正（暂停办理时限）',
        params: IdParams,
        body: SupplementRequestBody,
        response: { 200: QueueTaskSchema },
      },
    },
    async (req) =>
      actOnTask(
        ctx,
        requireActor(req),
        req.params.id,
        { type: 'request_supplement', reason: req.body.reason, materials: req.body.materials },
        auditOrigin(req),
      ),
  );

  // ---- office / administration ----
  app.get(
    '/api/services/overview',
    {
      config: { permission: 'services.read' },
      schema: {
        tags,
        summary: '办件总览：状态分布、开办用时、无纸化、超期',
        response: { 200: OverviewSchema },
      },
    },
    async () => getOverview(ctx),
  );
  app.post(
    '/api/services/items',
    {
      config: { permission: 'services.manage' },
      schema: {
        tags,
        summary: '新增政务服务事项',
        body: ServiceItemBody,
        response: { 201: ServiceItemSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await saveItem(ctx, auditOrigin(req), req.body, 'create')),
  );
  app.put(
    '/api/services/items/:code',
    {
      config: { permission: 'services.manage' },
      schema: {
        tags,
        summary: '修改政务服务事项',
        params: CodeParams,
        body: ServiceItemBody,
        response: { 200: ServiceItemSchema },
      },
    },
    async (req) => saveItem(ctx, auditOrigin(req), req.body, 'update', req.params.code),
  );
  app.post(
    '/api/services/bundles',
    {
      config: { permission: 'services.manage' },
      schema: { tags, summary: '新增“一件事”套餐', body: BundleBody, response: { 201: BundleSchema } },
    },
    async (req, reply) => reply.code(201).send(await saveBundle(ctx, auditOrigin(req), req.body, 'create')),
  );
  app.put(
    '/api/services/bundles/:code',
    {
      config: { permission: 'services.manage' },
      schema: {
        tags,
        summary: '修改“一件事”套餐',
        params: CodeParams,
        body: BundleBody,
        response: { 200: BundleSchema },
      },
    },
    async (req) => saveBundle(ctx, auditOrigin(req), req.body, 'update', req.params.code),
  );

  // ---- public simple-deregistration notices ----
  app.get(
    '/api/services/deregistration-notices',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '简易注销公示',
        querystring: NoticeQuery,
        response: { 200: NoticePageSchema },
      },
    },
    async (req) => listNotices(ctx, req.query),
  );
  app.post(
    '/api/services/deregistration-notices/:id/objections',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '对简易注销公示提出异议（支持 Idempotency-Key）',
        params: IdParams,
        body: ObjectionBody,
        response: { 201: ObjectionSchema },
      },
    },
    async (req, reply) =>
      withIdempotency(ctx, req, reply, async () => ({
        status: 201,
        body: await fileObjection(ctx, req.params.id, req.body, auditOrigin(req)),
      })),
  );
}
