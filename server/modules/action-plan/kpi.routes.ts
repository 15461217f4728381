import { Type } from 'typebox';
import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { auditOrigin, requireActor } from '../../kernel/http/actor.ts';
import {
  CreateKpiBody,
  KpiCodeParams,
  KpiSchema,
  MetricProviderSchema,
  UpdateKpiBody,
} from './kpi.schemas.ts';
import {
  createKpi,
  deleteKpi,
  listCurrentKpis,
  listMetricProviders,
  refreshCurrentKpis,
  updateKpi,
} from './kpi.service.ts';

const tags = ['action-plan'];
const SUPERVISE = 'plan.supervise';

export function kpiRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/action-plan/kpis',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '行动方案指标（最新值与历史）',
        description: 'source 为 null 表示“暂无数据源”：数值为 null，状态 no_source，从不显示编造的数字。',
        response: { 200: Type.Array(KpiSchema) },
      },
    },
    async () => listCurrentKpis(ctx),
  );

  app.get(
    '/api/action-plan/metric-providers',
    {
      config: { permission: SUPERVISE },
      schema: {
        tags,
        summary: '各模块注册的指标数据源',
        response: { 200: Type.Array(MetricProviderSchema) },
      },
    },
    async () => listMetricProviders(ctx),
  );

  app.post(
    '/api/action-plan/kpis',
    {
      config: { permission: SUPERVISE },
      schema: {
        tags,
        summary: '新增指标',
        description:
          'provider 须为已注册的数据源或 null（暂无数据源）；代码在方案内唯一（409 KPI_CODE_TAKEN）。',
        body: CreateKpiBody,
        response: { 201: KpiSchema },
      },
    },
    async (req, reply) => {
      const kpi = await createKpi(ctx, requireActor(req), req.body, auditOrigin(req));
      return reply.code(201).send(kpi);
    },
  );

  app.post(
    '/api/action-plan/kpis/refresh',
    {
      config: { permission: SUPERVISE },
      schema: {
        tags,
        summary: '立即重新计算本期指标',
        description: '按中国时间的当前月份计算每个指标并保存（同一期内重算覆盖）。',
        response: { 200: Type.Array(KpiSchema) },
      },
    },
    async (req) => refreshCurrentKpis(ctx, auditOrigin(req)),
  );

  app.put(
    '/api/action-plan/kpis/:code',
    {
      config: { permission: SUPERVISE },
      schema: {
        tags,
        summary: '修改指标',
        description: '已保存的历史数值保留。',
        params: KpiCodeParams,
        body: UpdateKpiBody,
        response: { 200: KpiSchema },
      },
    },
    async (req) => updateKpi(ctx, req.params.code, req.body, auditOrigin(req)),
  );

  app.delete(
    '/api/action-plan/kpis/:code',
    {
      config: { permission: SUPERVISE },
      schema: { tags, summary: '删除指标（连同其历史数值）', params: KpiCodeParams },
    },
    async (req, reply) => {
      await deleteKpi(ctx, req.params.code, auditOrigin(req));
      return reply.code(204).send();
    },
  );
}
