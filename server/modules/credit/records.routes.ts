import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { auditOrigin, requireActor } from '../../kernel/http/actor.ts';
import { withIdempotency } from '../../kernel/http/idempotency.ts';
import { computeCollection, computeTimeliness } from './credit.metrics.ts';
import {
  CategoryCodeParams,
  CategoryListSchema,
  CategorySchema,
  CollectionStatsSchema,
  EnterRecordBody,
  EnterRecordResultSchema,
  PeriodQuery,
  RecordIdParams,
  RecordListQuery,
  RecordListSchema,
  RecordSchema,
  TimelinessStatsSchema,
  UpdateCategoryBody,
} from './records.schemas.ts';
import { enterRecord, getRecord, listCategories, listRecords, updateCategory } from './records.service.ts';

const tags = ['credit'];

export function recordsRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/credit/categories',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '信用信息目录（双公示及其他类别，含字段定义）',
        response: { 200: CategoryListSchema },
      },
    },
    async () => listCategories(ctx),
  );

  app.put(
    '/api/credit/categories/:code',
    {
      config: { permission: 'credit.manage' },
      schema: {
        tags,
        summary: '修改信用信息类别（名称、字段、归集频次、职责部门、是否公示、启停）',
        params: CategoryCodeParams,
        body: UpdateCategoryBody,
        response: { 200: CategorySchema },
      },
    },
    async (req) => updateCategory(ctx, req.params.code, req.body, auditOrigin(req)),
  );

  app.post(
    '/api/credit/records',
    {
      config: { permission: 'credit.enter' },
      schema: {
        tags,
        summary: '录入信用信息（表单或接口；同一决定文书号内容相同不重复入库；支持 Idempotency-Key）',
        description:
          '逾期录入照常入库并标记 timely=false。201：新录入；200：更正（updated）或内容相同（unchanged）。',
        body: EnterRecordBody,
        response: { 200: EnterRecordResultSchema, 201: EnterRecordResultSchema },
      },
    },
    async (req, reply) =>
      withIdempotency(ctx, req, reply, async () => {
        const result = await enterRecord(ctx, requireActor(req), req.body, auditOrigin(req));
        return { status: result.outcome === 'created' ? 201 : 200, body: result };
      }),
  );

  app.get(
    '/api/credit/records',
    {
      config: { permission: 'credit.read' },
      schema: {
        tags,
        summary: '信用信息列表（部门只看本部门，领导小组办公室看全部）',
        querystring: RecordListQuery,
        response: { 200: RecordListSchema },
      },
    },
    async (req) => listRecords(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/credit/records/:id',
    {
      config: { permission: 'credit.read' },
      schema: { tags, summary: '一条信用信息', params: RecordIdParams, response: { 200: RecordSchema } },
    },
    async (req) => getRecord(ctx, requireActor(req), req.params.id),
  );

  app.get(
    '/api/credit/stats/timeliness',
    {
      config: { permission: 'credit.read' },
      schema: {
        tags,
        summary: '“双公示”入库率、时效率（按部门）',
        querystring: PeriodQuery,
        response: { 200: TimelinessStatsSchema },
      },
    },
    async (req) => computeTimeliness(ctx, req.query.period, ctx.clock.now()),
  );

  app.get(
    '/api/credit/stats/collection',
    {
      config: { permission: 'credit.read' },
      schema: {
        tags,
        summary: '按月归集类别的归集情况（部门 × 类别）',
        querystring: PeriodQuery,
        response: { 200: CollectionStatsSchema },
      },
    },
    async (req) => computeCollection(ctx, req.query.period, ctx.clock.now()),
  );
}
