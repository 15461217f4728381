/**
 * The public credit query (by USCC, or search by name) and an enterprise's own full view. The public sees only
 * published records of public categories, with personal data inside `data` masked; an enterprise sees all of its
 * own records with the repair options of each; nobody sees another enterprise's unpublished records.
 */
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { maskIdCard, maskPhone } from '../../kernel/identifiers/id-card.ts';
import type { Actor } from '../../kernel/policy.ts';
import { classHistory } from './classification.repository.ts';
import { explainParts } from './classification.rules.ts';
import { getCreditClass } from './classification.service.ts';
import { listEntryRows } from './lists.repository.ts';
import type { PublicListEntryDto } from './lists.schemas.ts';
import {
  allRecordsOf,
  anyRecordName,
  publishedRecordsOf,
  searchEntities,
  type QueryRecordRow,
} from './query.repository.ts';
import type {
  EntitySearchDto,
  EntitySearchQueryInput,
  MyCreditDto,
  PublicEntityDto,
} from './query.schemas.ts';
import { repairsOfEnterprise } from './repair.repository.ts';
import { repairEligibility } from './repair.rules.ts';
import { repairToDto } from './repair.service.ts';
import { activeListEntriesOf, latestClassOf } from './sanctions.repository.ts';
import { resolveEntity } from './sanctions.service.ts';

const PERSON_KEY =
  /(姓名|法定代表人|负责人|当事人|经办人|联系人|身份证|证件|name_of|person|legal_?rep|id_?(card|no|number)|contact)/i;
const PHONE_KEY = /(电话|手机|phone|mobile|tel)/i;
// 18-character resident ID numbers (and the older 15-digit form) wherever they appear in free text.
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;

/** Masks personal data inside a record's `data` for anyone but the enterprise itself. */
export function maskRecordData(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (PHONE_KEY.test(key)) return maskPhone(value);
    if (PERSON_KEY.test(key)) return maskIdCard(value);
    return value.replace(ID_NUMBER, (m) => maskIdCard(m));
  }
  if (Array.isArray(value)) return value.map((v) => maskRecordData(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskRecordData(v, k)]));
  }
  return value;
}

function publicRecord(r: QueryRecordRow, mask: boolean) {
  return {
    id: r.id,
    kind: r.kind,
    category: r.category_name,
    categoryCode: r.category_code,
    decisionNo: r.decision_no,
    decisionDate: r.decision_date,
    severity: r.severity,
    publishedFrom: r.publish_from,
    publishedUntil: r.publish_until,
    data: (mask ? maskRecordData(r.data) : r.data) as Record<string, unknown>,
  };
}

async function publicListsOf(
  ctx: AppContext,
  who: { uscc: string; enterpriseId: string | null },
): Promise<PublicListEntryDto[]> {
  const today = chinaDate(ctx.clock.now());
  const active = new Set((await activeListEntriesOf(ctx.db, who, today)).map((e) => e.entryId));
  if (active.size === 0) return [];
  // Few entries per entity: read the current public entries and keep this entity's.
  const page = await listEntryRows(
    ctx.db,
    { state: 'current', today, publicOnly: true },
    { page: 1, pageSize: 100 },
  );
  return page.items
    .filter((e) => active.has(e.id))
    .map((e) => ({
      list: { code: e.list_code, name: e.list_name, type: e.list_type },
      uscc: e.uscc,
      entityName: e.entity_name,
      basis: e.basis,
      enteredOn: e.entered_on,
      exitOn: e.exit_on,
    }));
}

const PUBLIC_RECORD_LIMIT = 500;

export async function getPublicEntity(ctx: AppContext, usccInput: string): Promise<PublicEntityDto> {
  const entity = await resolveEntity(ctx.db, { uscc: usccInput });
  const records = await publishedRecordsOf(ctx.db, entity.uscc, PUBLIC_RECORD_LIMIT);
  const name = entity.name ?? (await anyRecordName(ctx.db, entity.uscc));
  if (!name)
    throw new AppError('NOT_FOUND', `No enterprise or credit information for USCC ${entity.uscc}.`, {
      params: { reason: 'credit-entity', uscc: entity.uscc },
    });
  const cls = entity.enterpriseId ? await latestClassOf(ctx.db, entity.enterpriseId) : undefined;
  return {
    uscc: entity.uscc,
    name,
    class: cls?.class ?? null,
    classPeriod: cls?.period ?? null,
    records: records.map((r) => publicRecord(r, true)),
    lists: await publicListsOf(ctx, entity),
  };
}

export async function searchPublicEntities(
  ctx: AppContext,
  q: EntitySearchQueryInput,
): Promise<EntitySearchDto> {
  return searchEntities(ctx.db, q.q.trim(), q);
}

export async function getMyCredit(ctx: AppContext, actor: Actor): Promise<MyCreditDto> {
  if (!actor.enterpriseId)
    throw new AppError('FORBIDDEN', 'Only enterprise accounts see their own credit information.', {
      params: { reason: 'enterprise-credit' },
    });
  const entity = await resolveEntity(ctx.db, { enterpriseId: actor.enterpriseId });
  const today = chinaDate(ctx.clock.now());
  const [records, repairs, cls, lists, history] = await Promise.all([
    allRecordsOf(ctx.db, { enterpriseId: actor.enterpriseId, uscc: entity.uscc }),
    repairsOfEnterprise(ctx.db, actor.enterpriseId),
    getCreditClass(ctx, actor.enterpriseId),
    publicListsOf(ctx, entity),
    classHistory(ctx.db, actor.enterpriseId, 24),
  ]);
  const pending = new Set(repairs.filter((r) => r.status === 'pending').map((r) => r.record_id));
  return {
    uscc: entity.uscc,
    name: entity.name ?? entity.uscc,
    class: {
      class: cls.class,
      score: cls.score,
      period: cls.period,
      parts: cls.parts,
      explanation: cls.explanation,
      history: history.map((h) => ({
        period: h.period,
        class: h.class,
        score: h.score,
        explanation: explainParts(h.parts),
      })),
    },
    records: records.map((r) => {
      const e = repairEligibility(r, today);
      const repair = pending.has(r.id)
        ? { status: 'pending' as const, eligibleFrom: r.publish_min_until, message: '修复申请审核中。' }
        : e.kind === 'eligible'
          ? {
              status: 'eligible' as const,
              eligibleFrom: e.eligibleFrom,
              message: '最短公示期已满，可申请信用修复。',
            }
          : e.kind === 'too_early'
            ? {
                status: 'too_early' as const,
                eligibleFrom: e.eligibleFrom,
                message: `最短公示期未满，自 ${e.eligibleFrom} 起可申请。`,
              }
            : { status: 'not_applicable' as const, eligibleFrom: null, message: e.reason };
      return {
        ...publicRecord(r, false),
        publication: r.publication,
        publishMinUntil: r.publish_min_until,
        publicationEndedAt: r.publication_ended_at ? new Date(r.publication_ended_at).toISOString() : null,
        repair,
      };
    }),
    lists,
    repairs: repairs.map((r) => repairToDto(r, today)),
  };
}
