import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { requireActor } from '../../kernel/http/actor.ts';
import {
  EnterpriseListQuery,
  EnterpriseListSchema,
  EnterpriseSchema,
  EnterpriseStatsSchema,
  IdParams,
} from './enterprise.schemas.ts';
import { getEnterprise, getEnterpriseStats, listEnterprises } from './enterprise.service.ts';

export function enterpriseRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/enterprises',
    {
      config: { permission: 'enterprise.read' },
      schema: {
        tags: ['enterprise'],
        summary: '市场主体列表（企业用户只看到自己）',
        querystring: EnterpriseListQuery,
        response: { 200: EnterpriseListSchema },
      },
    },
    async (req) => listEnterprises(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/enterprises/stats',
    {
      config: { permission: 'enterprise.stats' },
      schema: { tags: ['enterprise'], summary: '市场主体统计', response: { 200: EnterpriseStatsSchema } },
    },
    async () => getEnterpriseStats(ctx),
  );

  app.get(
    '/api/enterprises/:id',
    {
      config: { permission: 'enterprise.read' },
      schema: {
        tags: ['enterprise'],
        summary: '市场主体详情',
        params: IdParams,
        response: { 200: EnterpriseSchema },
      },
    },
    async (req) => getEnterprise(ctx, requireActor(req), req.params.id),
  );
}
