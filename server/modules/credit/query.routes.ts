import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { requireActor } from '../../kernel/http/actor.ts';
import {
  EntitySearchQuery,
  EntitySearchSchema,
  MyCreditSchema,
  PublicEntitySchema,
  UsccParams,
} from './query.schemas.ts';
import { getMyCredit, getPublicEntity, searchPublicEntities } from './query.service.ts';

const tags = ['credit'];

export function queryRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/credit/entities',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '信用查询：按名称（包含）或统一社会信用代码（前缀）查找主体',
        querystring: EntitySearchQuery,
        response: { 200: EntitySearchSchema },
      },
    },
    async (req) => searchPublicEntities(ctx, req.query),
  );

  app.get(
    '/api/credit/entities/:uscc',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '信用查询：某主体公示中的信用信息（个人信息已脱敏）、名单与风险分类',
        description:
          '代码不合法 → 400（CREDIT_USCC_INVALID，说明原因）；合法但既不在主体库也无信用信息 → 404。',
        params: UsccParams,
        response: { 200: PublicEntitySchema },
      },
    },
    async (req) => getPublicEntity(ctx, req.params.uscc),
  );

  app.get(
    '/api/credit/my',
    {
      config: { permission: 'credit.own' },
      schema: {
        tags,
        summary: '本企业全部信用信息（含未公示）、风险分类与每条信息的修复选项',
        response: { 200: MyCreditSchema },
      },
    },
    async (req) => getMyCredit(ctx, requireActor(req)),
  );
}
