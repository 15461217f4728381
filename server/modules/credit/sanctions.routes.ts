import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { auditOrigin, requireActor } from '../../kernel/http/actor.ts';
import {
  MeasureBody,
  MeasureCodeParams,
  MeasureListSchema,
  MeasureSchema,
  SanctionCatalogueSchema,
  SanctionCheckBody,
  SanctionDecisionSchema,
} from './sanctions.schemas.ts';
import {
  checkSanctionsForActor,
  getSanctionCatalogue,
  listMeasuresForEditing,
  saveMeasureForEditing,
} from './sanctions.service.ts';

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

  app.get(
    '/api/credit/sanctions/measures',
    {
      config: { permission: 'credit.manage' },
      schema: {
        tags,
        summary: '惩戒与激励措施（含已停用的），供维护措施清单',
        response: { 200: MeasureListSchema },
      },
    },
    async () => listMeasuresForEditing(ctx),
  );

  app.put(
    '/api/credit/sanctions/measures/:code',
    {
      config: { permission: 'credit.manage' },
      schema: {
        tags,
        summary: '新增或修改一项惩戒/激励措施（触发条件、适用场景、拦截或提示、依据、启停）',
        params: MeasureCodeParams,
        body: MeasureBody,
        response: { 200: MeasureSchema },
      },
    },
    async (req) => saveMeasureForEditing(ctx, req.params.code, req.body, auditOrigin(req)),
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
