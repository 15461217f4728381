import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { auditOrigin, requireActor } from '../../kernel/http/actor.ts';
import { withIdempotency } from '../../kernel/http/idempotency.ts';
import { PLAN_READ, PLAN_REPORT, PLAN_SUPERVISE } from './action-plan.policy.ts';
import {
  DashboardSchema,
  MeasureDetailSchema,
  MeasureListQuery,
  MeasureNoParams,
  MeasureSummarySchema,
  MilestoneCreateSchema,
  MilestoneIdParams,
  MilestoneSchema,
  MilestoneUpdateSchema,
  MyWorkSchema,
  NoticeListQuery,
  NoticeListSchema,
  ReportInputSchema,
  ReportSchema,
} from './measures.schemas.ts';
import { getMeasure, getMyWork, listMeasures } from './measures.service.ts';
import { createMilestone, deleteMilestone, updateMilestone } from './milestones.service.ts';
import { listNotices } from './notices.service.ts';
import { submitReport } from './progress-reports.service.ts';
import { getDashboard } from './supervision.service.ts';

const tags = ['action-plan'];

export function measuresRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/action-plan/measures',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '措施列表（状态与进度由节点和进展报告推算）',
        querystring: MeasureListQuery,
        response: { 200: { type: 'array', items: MeasureSummarySchema } },
      },
    },
    async (req) => listMeasures(ctx, req.query),
  );

  app.get(
    '/api/action-plan/measures/:no',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '措施详情（进展报告和督办记录仅对有 plan.read 的工作人员可见）',
        params: MeasureNoParams,
        response: { 200: MeasureDetailSchema },
      },
    },
    async (req) => getMeasure(ctx, req.actor, req.params.no),
  );

  app.get(
    '/api/action-plan/my',
    {
      config: { permission: PLAN_REPORT },
      schema: {
        tags,
        summary: '本部门的措施、节点、应报进展与督办',
        response: { 200: MyWorkSchema },
      },
    },
    async (req) => getMyWork(ctx, requireActor(req)),
  );

  app.post(
    '/api/action-plan/measures/:no/reports',
    {
      config: { permission: PLAN_REPORT },
      schema: {
        tags,
        summary: '报送措施进展（支持 Idempotency-Key）',
        description:
          'period: the current or the previous reporting period. evidenceFileIds: files uploaded through ' +
          'POST /api/files by the caller. completedMilestoneIds: open milestones of this measure owned by the ' +
          "caller's department, completed by this report.",
        params: MeasureNoParams,
        body: ReportInputSchema,
        response: { 201: ReportSchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return withIdempotency(ctx, req, reply, async () => ({
        status: 201,
        body: await submitReport(ctx, actor, req.params.no, req.body, auditOrigin(req)),
      }));
    },
  );

  app.post(
    '/api/action-plan/measures/:no/milestones',
    {
      config: { permission: PLAN_SUPERVISE },
      schema: {
        tags,
        summary: '设置措施节点（责任部门须为该措施的牵头或责任单位）',
        params: MeasureNoParams,
        body: MilestoneCreateSchema,
        response: { 201: MilestoneSchema },
      },
    },
    async (req, reply) => {
      const milestone = await createMilestone(
        ctx,
        requireActor(req),
        req.params.no,
        req.body,
        auditOrigin(req),
      );
      return reply.code(201).send(milestone);
    },
  );

  app.put(
    '/api/action-plan/milestones/:id',
    {
      config: { permission: PLAN_SUPERVISE },
      schema: {
        tags,
        summary: '修改节点',
        params: MilestoneIdParams,
        body: MilestoneUpdateSchema,
        response: { 200: MilestoneSchema },
      },
    },
    async (req) => updateMilestone(ctx, requireActor(req), req.params.id, req.body, auditOrigin(req)),
  );

  app.delete(
    '/api/action-plan/milestones/:id',
    {
      config: { permission: PLAN_SUPERVISE },
      schema: { tags, summary: '删除节点', params: MilestoneIdParams },
    },
    async (req, reply) => {
      await deleteMilestone(ctx, requireActor(req), req.params.id, auditOrigin(req));
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/action-plan/dashboard',
    {
      config: { permission: PLAN_READ },
      schema: {
        tags,
        summary: '领导小组看板：按部分、小节、部门的进展，逾期清单，指标',
        response: { 200: DashboardSchema },
      },
    },
    async () => getDashboard(ctx),
  );

  app.get(
    '/api/action-plan/notices',
    {
      config: { permission: PLAN_READ },
      schema: {
        tags,
        summary: '提醒与督办单（领导小组办公室看全部，部门只看本部门）',
        querystring: NoticeListQuery,
        response: { 200: NoticeListSchema },
      },
    },
    async (req) => listNotices(ctx, requireActor(req), req.query),
  );
}
