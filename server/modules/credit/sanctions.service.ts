/**
 * The sanctions catalogue (失信惩戒措施清单 and 守信激励) and `checkSanctions`, consulted by services, policies and
 * inspections through the module's index. Also owns the module settings of the lists half (seeded from
 * config/credit/, new entries only).
 */
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { appendAudit, systemOrigin, type AuditOrigin } from '../../kernel/audit.ts';
import { chinaDate } from '../../kernel/clock.ts';
import { readConfigFile } from '../../kernel/config-files.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import { checkUscc } from '../../kernel/identifiers/uscc.ts';
import { can, type Actor, type SystemActor } from '../../kernel/policy.ts';
import { findEnterpriseIdByCode, findEnterpriseSummary } from '../enterprise/index.ts';
import { checkClassificationRules, type ClassificationRules } from './classification.rules.ts';
import type { SanctionPurpose } from './lists.tables.ts';
import {
  activeListEntriesOf,
  findList,
  findSetting,
  insertListsIfMissing,
  insertMeasuresIfMissing,
  insertSettingIfMissing,
  latestClassOf,
  listActiveMeasures,
  listAllMeasures,
  listListCatalogue,
  saveMeasure,
  seriousPublishedPenaltiesOf,
  unrepairedBreachesOf,
} from './sanctions.repository.ts';
import { decideSanctions, type SanctionDecision, type SanctionMeasure } from './sanctions.rules.ts';
import type {
  MeasureDto,
  MeasureInput,
  SanctionCatalogueDto,
  SanctionCheckInput,
} from './sanctions.schemas.ts';

export const CREDIT_CONFIG_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'config', 'credit');

const Purpose = Type.Union([
  Type.Literal('commitment'),
  Type.Literal('application'),
  Type.Literal('policy'),
  Type.Literal('grant'),
  Type.Literal('procurement'),
  Type.Literal('honour'),
]);
const ListType = Type.Union([Type.Literal('red'), Type.Literal('black')]);

const SanctionsConfig = Type.Object({
  lists: Type.Array(
    Type.Object({
      code: Type.String({ pattern: '^[a-z][a-z0-9-]{0,63}$' }),
      name: Type.String({ minLength: 1 }),
      type: ListType,
      description: Type.String(),
    }),
  ),
  measures: Type.Array(
    Type.Object({
      code: Type.String({ pattern: '^[a-z][a-z0-9-]{0,63}$' }),
      name: Type.String({ minLength: 1 }),
      trigger: Type.Union([
        Type.Object({ type: Type.Literal('list'), list: Type.String() }),
        Type.Object({ type: Type.Literal('listType'), listType: ListType }),
        Type.Object({
          type: Type.Literal('class'),
          classes: Type.Array(
            Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Literal('D')]),
          ),
        }),
      ]),
      purposes: Type.Array(Purpose, { minItems: 1 }),
      decision: Type.Union([Type.Literal('flag'), Type.Literal('block')]),
      effect: Type.Union([Type.Literal('restriction'), Type.Literal('incentive')]),
      message: Type.String({ minLength: 1 }),
      basis: Type.String({ minLength: 1 }),
    }),
  ),
  settings: Type.Object({
    repair: Type.Object({ reviewWorkdays: Type.Integer({ minimum: 1, maximum: 60 }) }),
    commitmentBreach: Type.Object({
      categoryCode: Type.String({ minLength: 1 }),
      publishMinMonths: Type.Integer({ minimum: 0, maximum: 60 }),
      publishMaxMonths: Type.Integer({ minimum: 1, maximum: 120 }),
    }),
  }),
});
type SanctionsConfig = Static<typeof SanctionsConfig>;

export type RepairSettings = SanctionsConfig['settings']['repair'];
export type BreachSettings = SanctionsConfig['settings']['commitmentBreach'];

function readJson(file: string): unknown {
  return readConfigFile(path.join(CREDIT_CONFIG_DIR, file), Type.Unknown());
}

export function readSanctionsConfig(): SanctionsConfig {
  return readConfigFile(path.join(CREDIT_CONFIG_DIR, 'sanctions.json'), SanctionsConfig);
}

export function readClassificationConfig(): ClassificationRules {
  const raw = readJson('classification.json');
  const problems = checkClassificationRules(raw);
  if (problems.length > 0) throw new Error(`config/credit/classification.json: ${problems.join('; ')}`);
  return raw as ClassificationRules;
}

const DEFAULT_SETTINGS = {
  repair: { reviewWorkdays: 5 },
  commitmentBreach: { categoryCode: 'commitment_breach', publishMinMonths: 3, publishMaxMonths: 12 },
} as const;

/** Lists, measures, settings and classification rules from config/credit/: only what is not stored yet. */
export async function seedSanctionsAndRules(ctx: AppContext, actor: SystemActor): Promise<void> {
  const cfg = readSanctionsConfig();
  const rules = readClassificationConfig();
  await ctx.db.transaction().execute(async (trx) => {
    const lists = await insertListsIfMissing(trx, cfg.lists);
    const measures = await insertMeasuresIfMissing(trx, cfg.measures);
    let settings = 0;
    for (const [key, value] of Object.entries(cfg.settings)) {
      if (await insertSettingIfMissing(trx, key, value)) settings++;
    }
    if (await insertSettingIfMissing(trx, 'classification', rules)) settings++;
    if (lists + measures + settings > 0) {
      await appendAudit(trx, systemOrigin(actor), {
        action: 'credit.rules_seeded',
        subjectType: 'credit_sanction',
        detail: { lists, measures, settings },
      });
    }
  });
}

export async function getRepairSettings(db: Db): Promise<RepairSettings> {
  const v = await findSetting(db, 'repair');
  return Value.Check(SanctionsConfig.properties.settings.properties.repair, v) ? v : DEFAULT_SETTINGS.repair;
}

export async function getBreachSettings(db: Db): Promise<BreachSettings> {
  const v = await findSetting(db, 'commitmentBreach');
  return Value.Check(SanctionsConfig.properties.settings.properties.commitmentBreach, v)
    ? v
    : DEFAULT_SETTINGS.commitmentBreach;
}

// ---------------------------------------------------------------------------------------------------------------

export interface EntityRef {
  uscc: string;
  enterpriseId: string | null;
  name: string | null;
}

/** Who is meant: a USCC (validated; 400 with the reason) or a registered enterprise id (404 when unknown). */
export async function resolveEntity(
  db: Db,
  who: { uscc?: string | undefined; enterpriseId?: string | undefined },
): Promise<EntityRef> {
  if (who.enterpriseId) {
    const e = await findEnterpriseSummary(db, who.enterpriseId);
    if (!e)
      throw new AppError('NOT_FOUND', `No such enterprise: ${who.enterpriseId}`, {
        params: { reason: 'enterprise', enterpriseId: who.enterpriseId },
      });
    return { uscc: e.uscc, enterpriseId: e.id, name: e.name };
  }
  const check = checkUscc(who.uscc ?? '');
  if (!check.valid) {
    // The checker's reason code (LENGTH, CHECK …) names the situation; its sentence is the web's.
    const reason = (check.reasonCode ?? 'invalid').toLowerCase().replaceAll('_', '-');
    const uscc = who.uscc ?? '';
    throw new AppError('CREDIT_USCC_INVALID', `Invalid unified social credit code ${uscc} (${reason}).`, {
      params: { reason, uscc, length: [...uscc].length },
      errors: [
        {
          field: '/uscc',
          rule: check.reasonCode ?? 'uscc',
          message: `invalid (${reason})`,
          params: { reason },
        },
      ],
    });
  }
  const enterpriseId = (await findEnterpriseIdByCode(db, check.code)) ?? null;
  const name = enterpriseId ? ((await findEnterpriseSummary(db, enterpriseId))?.name ?? null) : null;
  return { uscc: check.code, enterpriseId, name };
}

/** The decision for one entity and purpose, with every reason and its legal basis. */
export async function checkSanctions(
  ctx: AppContext,
  who: { uscc?: string | undefined; enterpriseId?: string | undefined },
  purpose: SanctionPurpose,
): Promise<SanctionDecision & { uscc: string; purpose: SanctionPurpose; checkedOn: string }> {
  const entity = await resolveEntity(ctx.db, who);
  const today = chinaDate(ctx.clock.now());
  const breach = await getBreachSettings(ctx.db);
  const [measures, lists, cls, serious, breaches] = await Promise.all([
    listActiveMeasures(ctx.db),
    activeListEntriesOf(ctx.db, entity, today),
    entity.enterpriseId ? latestClassOf(ctx.db, entity.enterpriseId) : Promise.resolve(undefined),
    purpose === 'commitment' ? seriousPublishedPenaltiesOf(ctx.db, entity) : Promise.resolve([]),
    purpose === 'commitment'
      ? unrepairedBreachesOf(ctx.db, entity.uscc, breach.categoryCode)
      : Promise.resolve([]),
  ]);
  const decision = decideSanctions(
    measures,
    { lists, class: cls ?? null, seriousPenalties: serious, breaches },
    purpose,
  );
  return { uscc: entity.uscc, purpose, checkedOn: today, ...decision };
}

/** Officials may check anyone; an enterprise only itself ("not yours" is not found). */
export async function checkSanctionsForActor(
  ctx: AppContext,
  actor: Actor,
  input: SanctionCheckInput,
): Promise<Awaited<ReturnType<typeof checkSanctions>>> {
  if (!input.uscc && !input.enterpriseId) {
    throw new AppError('VALIDATION_FAILED', 'Give uscc or enterpriseId.', {
      params: { reason: 'sanction-check-subject' },
      errors: [{ field: '/body', rule: 'anyOf', message: 'uscc or enterpriseId is required' }],
    });
  }
  if (can(actor, 'credit.read')) return checkSanctions(ctx, input, input.purpose);
  if (can(actor, 'credit.own') && actor.enterpriseId) {
    const entity = await resolveEntity(ctx.db, input);
    if (entity.enterpriseId !== actor.enterpriseId) {
      throw new AppError('NOT_FOUND', 'An enterprise may only check its own sanctions.', {
        params: { reason: 'own-sanctions' },
      });
    }
    return checkSanctions(ctx, { enterpriseId: actor.enterpriseId }, input.purpose);
  }
  throw new AppError('FORBIDDEN', 'Permission credit.read or credit.own required.', {
    params: { reason: 'sanction-check-scope', permissions: ['credit.read', 'credit.own'] },
  });
}

/** Every measure with its state, for whoever maintains the catalogue (`credit.manage`). */
export async function listMeasuresForEditing(ctx: AppContext): Promise<{ items: MeasureDto[] }> {
  const rows = await listAllMeasures(ctx.db);
  return { items: rows.map((m) => ({ ...m, purposes: [...m.purposes] })) };
}

/**
 * Creates or replaces a measure of the catalogue. A list trigger must name a list of the catalogue; the change
 * applies to every later `checkSanctions` (decisions already taken keep their reasons) and is audited.
 */
export async function saveMeasureForEditing(
  ctx: AppContext,
  code: string,
  input: MeasureInput,
  origin: AuditOrigin,
): Promise<MeasureDto> {
  if (input.trigger.type === 'list' && !(await findList(ctx.db, input.trigger.list))) {
    throw new AppError('VALIDATION_FAILED', `List ${input.trigger.list} is not in the list catalogue.`, {
      params: { reason: 'measure-list', listCode: input.trigger.list },
      errors: [
        {
          field: '/trigger/list',
          rule: 'exists',
          message: 'must be a list code of the catalogue',
          params: { value: input.trigger.list },
        },
      ],
    });
  }
  if (input.trigger.type === 'class' && input.trigger.classes.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'A measure triggered by credit class needs at least one class.', {
      params: { reason: 'measure-classes' },
      errors: [
        {
          field: '/trigger/classes',
          rule: 'minItems',
          message: 'choose at least one class',
          params: { limit: 1 },
        },
      ],
    });
  }
  const measure = { code, ...input, purposes: [...new Set(input.purposes)] };
  await ctx.db.transaction().execute(async (trx) => {
    const created = await saveMeasure(trx, measure);
    await appendAudit(trx, origin, {
      action: created ? 'credit.sanction_created' : 'credit.sanction_changed',
      subjectType: 'credit_sanction',
      subjectId: code,
      detail: {
        decision: measure.decision,
        purposes: measure.purposes,
        trigger: measure.trigger,
        active: measure.active,
      },
    });
  });
  return measure;
}

export async function getSanctionCatalogue(ctx: AppContext): Promise<SanctionCatalogueDto> {
  const [lists, measures] = await Promise.all([listListCatalogue(ctx.db), listActiveMeasures(ctx.db)]);
  return {
    lists,
    measures: measures.map((m: SanctionMeasure) => ({ ...m, purposes: [...m.purposes] })),
  };
}
