import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { requireActor } from '../../kernel/http/actor.ts';
import { SanctionCatalogueSchema, SanctionCheckBody, SanctionDecisionSchema } from './sanctions.schemas.ts';
import { checkSanctionsForActor, getSanctionCatalogue } from './sanctions.service.ts';

const tags = ['credit'];

export function sanctionsRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/credit/sanctions',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '失信惩戒与守信激励措施清单（名单目录与措施，含依据）',
        response: { 200: SanctionCatalogueSchema },
      },
    },
    async () => getSanctionCatalogue(ctx),
  );

  app.post(
    '/api/credit/sanctions/check',
    {
      // Officials (credit.read) check anyone; an enterprise (credit.own) only itself — decided in the service.
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '联合惩戒/激励核查：对某一主体和用途给出 allow / flag / block 及理由',
        body: SanctionCheckBody,
        response: { 200: SanctionDecisionSchema },
      },
    },
    async (req) => checkSanctionsForActor(ctx, requireActor(req), req.body),
  );
}
