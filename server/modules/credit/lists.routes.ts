import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { auditOrigin, requireActor } from '../../kernel/http/actor.ts';
import { commitmentsRoutes } from './commitments.routes.ts';
import {
  AddListEntryBody,
  EntryListQuery,
  ExitListEntryBody,
  IdParams,
  ListCodeParams,
  ListEntryListSchema,
  ListEntrySchema,
  PublicEntryListQuery,
  PublicListEntryListSchema,
} from './lists.schemas.ts';
import {
  addListEntry,
  exitListEntryByDecision,
  getListEntry,
  listDepartmentEntries,
  listPublicEntries,
} from './lists.service.ts';
import { sanctionsRoutes } from './sanctions.routes.ts';

const tags = ['credit'];

export function listsRoutes(app: HttpApp, ctx: AppContext): void {
  // The lists engineer's further route groups hang off this registration (index.ts wires four groups only).
  sanctionsRoutes(app, ctx);
  commitmentsRoutes(app, ctx);

  app.get(
    '/api/credit/lists/:code/entries',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '名单公示：某一名单当前在列的主体（名称、代码、依据；不含个人信息）',
        params: ListCodeParams,
        querystring: PublicEntryListQuery,
        response: { 200: PublicListEntryListSchema },
      },
    },
    async (req) => listPublicEntries(ctx, req.params.code, req.query),
  );

  app.get(
    '/api/credit/list-entries',
    {
      config: { permission: 'credit.review' },
      schema: {
        tags,
        summary: '本部门认定的名单条目',
        querystring: EntryListQuery,
        response: { 200: ListEntryListSchema },
      },
    },
    async (req) => listDepartmentEntries(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/credit/list-entries/:id',
    {
      config: { permission: 'credit.review' },
      schema: { tags, summary: '名单条目（本部门）', params: IdParams, response: { 200: ListEntrySchema } },
    },
    async (req) => getListEntry(ctx, requireActor(req), req.params.id),
  );

  app.post(
    '/api/credit/list-entries',
    {
      config: { permission: 'credit.review' },
      schema: {
        tags,
        summary: '列入名单（本部门认定；须给出依据和移出规则）',
        body: AddListEntryBody,
        response: { 201: ListEntrySchema },
      },
    },
    async (req, reply) => {
      const dto = await addListEntry(ctx, requireActor(req), req.body, auditOrigin(req));
      return reply.code(201).send(dto);
    },
  );

  app.post(
    '/api/credit/list-entries/:id/exit',
    {
      config: { permission: 'credit.review' },
      schema: {
        tags,
        summary: '移出名单（记录移出原因）',
        params: IdParams,
        body: ExitListEntryBody,
        response: { 200: ListEntrySchema },
      },
    },
    async (req) => exitListEntryByDecision(ctx, requireActor(req), req.params.id, req.body, auditOrigin(req)),
  );
}
