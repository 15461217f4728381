/**
 * Credit status of many enterprises at once (latest class, and whether a 失信 list restricts them for a purpose):
 * what the policy module's nightly facts refresh reads for the whole registry. Set-based — a handful of queries per
 * batch instead of `getCreditClass` + `checkSanctions` per enterprise — with the same decision rules.
 */
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { findEnterpriseSummaries } from '../enterprise/index.ts';
import { getClassificationRules, scoreBatch } from './classification.service.ts';
import { activeListEntriesOf, latestClassesOf } from './credit-status.repository.ts';
import type { CreditClass, SanctionPurpose } from './lists.tables.ts';
import { listActiveMeasures } from './sanctions.repository.ts';
import {
  decideSanctions,
  type EntityFacts,
  type SanctionDecision,
  type SanctionReason,
} from './sanctions.rules.ts';

export interface CreditStatus {
  class: CreditClass;
  /** A list (black list, 失信 list) restricts the enterprise for the purpose asked about. */
  listRestricted: boolean;
  /** The sanctions decision for the purpose (lists and class measures), as `checkSanctions` gives it. */
  decision: SanctionDecision['decision'];
  reasons: SanctionReason[];
}

export async function creditStatusOfMany(
  ctx: AppContext,
  enterpriseIds: readonly string[],
  purpose: SanctionPurpose,
): Promise<Map<string, CreditStatus>> {
  const out = new Map<string, CreditStatus>();
  if (enterpriseIds.length === 0) return out;
  const today = chinaDate(ctx.clock.now());
  const ids = [...enterpriseIds];
  const [stored, summaries, measures] = await Promise.all([
    latestClassesOf(ctx.db, ids),
    findEnterpriseSummaries(ctx.db, ids),
    listActiveMeasures(ctx.db),
  ]);
  const classOf = new Map(stored.map((r) => [r.enterprise_id, { class: r.class, period: r.period }]));
  const missing = ids.filter((id) => !classOf.has(id));
  if (missing.length) {
    const rules = await getClassificationRules(ctx.db);
    for (const [id, r] of await scoreBatch(ctx.db, rules, missing, today)) {
      classOf.set(id, { class: r.class, period: today.slice(0, 7) });
    }
  }
  const usccOf = new Map(summaries.map((s) => [s.id, s.uscc]));
  const idOfUscc = new Map(summaries.map((s) => [s.uscc, s.id]));
  const usccs = [...idOfUscc.keys()];
  const entries = await activeListEntriesOf(ctx.db, ids, usccs, today);
  const listsOf = new Map<string, EntityFacts['lists']>();
  for (const e of entries) {
    const id = e.enterprise_id ?? idOfUscc.get(e.uscc);
    if (!id) continue;
    const list = listsOf.get(id) ?? [];
    if (!list.some((l) => l.entryId === e.entryId)) {
      list.push({ entryId: e.entryId, listCode: e.listCode, listName: e.listName, type: e.type });
    }
    listsOf.set(id, list);
  }
  for (const id of ids) {
    const cls = classOf.get(id);
    if (!cls || !usccOf.has(id)) continue;
    const decision = decideSanctions(
      measures,
      { lists: listsOf.get(id) ?? [], class: cls, seriousPenalties: [], breaches: [] },
      purpose,
    );
    out.set(id, {
      class: cls.class,
      listRestricted: decision.reasons.some((r) => r.effect === 'restriction' && r.list !== null),
      decision: decision.decision,
      reasons: decision.reasons,
    });
  }
  return out;
}
