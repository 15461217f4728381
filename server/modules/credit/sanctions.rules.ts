/**
 * 失信惩戒 / 守信激励 decision, pure: the catalogue's measures whose trigger matches the entity's facts, for one
 * purpose, plus the statutory 告知承诺 exclusions (国办发〔2020〕42号: not for applicants with serious 失信 records
 * or a past false commitment until repaired). `block` beats `flag` beats `allow`.
 */
import type { CreditClass, ListType, SanctionPurpose, SanctionTrigger } from './lists.tables.ts';

export const SANCTION_PURPOSES = [
  'commitment',
  'application',
  'policy',
  'grant',
  'procurement',
  'honour',
] as const satisfies readonly SanctionPurpose[];

export interface SanctionMeasure {
  code: string;
  name: string;
  trigger: SanctionTrigger;
  purposes: readonly SanctionPurpose[];
  decision: 'flag' | 'block';
  effect: 'restriction' | 'incentive';
  message: string;
  basis: string;
}

export interface EntityFacts {
  lists: { entryId: string; listCode: string; listName: string; type: ListType }[];
  class: { class: CreditClass; period: string } | null;
  /** Serious penalties still published. */
  seriousPenalties: { recordId: string; decisionNo: string; categoryName: string }[];
  /** Broken (false) commitments whose record has not been repaired or revoked. */
  breaches: { recordId: string; decisionNo: string }[];
}

export type Decision = 'allow' | 'flag' | 'block';

export interface SanctionReason {
  code: string;
  decision: 'flag' | 'block';
  effect: 'restriction' | 'incentive';
  message: string;
  basis: string;
  list: { code: string; name: string; entryId: string } | null;
  record: { id: string; decisionNo: string } | null;
  class: CreditClass | null;
}

export interface SanctionDecision {
  decision: Decision;
  reasons: SanctionReason[];
}

const COMMITMENT_BASIS =
  '《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）';

export function decideSanctions(
  measures: readonly SanctionMeasure[],
  facts: EntityFacts,
  purpose: SanctionPurpose,
): SanctionDecision {
  const reasons: SanctionReason[] = [];
  for (const m of measures) {
    if (!m.purposes.includes(purpose)) continue;
    const base = { code: m.code, decision: m.decision, effect: m.effect, basis: m.basis, record: null };
    const t = m.trigger;
    switch (t.type) {
      case 'list':
      case 'listType':
        for (const l of facts.lists) {
          if (t.type === 'list' ? l.listCode !== t.list : l.type !== t.listType) continue;
          reasons.push({
            ...base,
            message: `${m.message}（${l.listName}）`,
            list: { code: l.listCode, name: l.listName, entryId: l.entryId },
            class: null,
          });
        }
        break;
      case 'class':
        if (facts.class && t.classes.includes(facts.class.class)) {
          reasons.push({
            ...base,
            message: `${m.message}（${facts.class.period} 分类结果：${facts.class.class} 类）`,
            list: null,
            class: facts.class.class,
          });
        }
        break;
    }
  }
  if (purpose === 'commitment') {
    for (const p of facts.seriousPenalties) {
      reasons.push({
        code: 'serious-penalty-published',
        decision: 'block',
        effect: 'restriction',
        message: `存在公示中的严重失信行政处罚信息（${p.categoryName}，${p.decisionNo}），信用修复前不适用告知承诺制。`,
        basis: COMMITMENT_BASIS,
        list: null,
        record: { id: p.recordId, decisionNo: p.decisionNo },
        class: null,
      });
    }
    for (const b of facts.breaches) {
      reasons.push({
        code: 'false-commitment-unrepaired',
        decision: 'block',
        effect: 'restriction',
        message: `曾作出虚假承诺（${b.decisionNo}）且尚未完成信用修复，不适用告知承诺制。`,
        basis: COMMITMENT_BASIS,
        list: null,
        record: { id: b.recordId, decisionNo: b.decisionNo },
        class: null,
      });
    }
  }
  const decision: Decision = reasons.some((r) => r.decision === 'block')
    ? 'block'
    : reasons.length > 0
      ? 'flag'
      : 'allow';
  return { decision, reasons };
}
