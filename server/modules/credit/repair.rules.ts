/**
 * 信用修复 gating, pure. Publication windows come with each record (`publish_min_until`, `publish_until`, set by
 * the records half from the severity: ordinary 3 months–1 year, serious 1–3 years, minor not published). Repair may
 * be applied for per record once the minimum period is over, i.e. from `publish_min_until` on (publication.ts: the
 * first day repair may be applied for); publication ends by itself on `publish_until` (the first day not published).
 */
import type { Publication } from './credit.tables.ts';

export interface RepairableRecord {
  publication: Publication;
  publish_min_until: string | null;
  publish_until: string | null;
}

export type RepairEligibility =
  | { kind: 'eligible'; eligibleFrom: string }
  | { kind: 'too_early'; eligibleFrom: string }
  /** `why` names the situation (the error's `params.reason`); `reason` is the sentence shown on the page. */
  | { kind: 'not_applicable'; why: NotApplicableWhy; reason: string };

export type NotApplicableWhy =
  'not-published' | 'ended-repaired' | 'ended-expired' | 'revoked' | 'no-minimum-period';

const WHY: Record<Exclude<Publication, 'published'>, NotApplicableWhy> = {
  not_published: 'not-published',
  ended_repaired: 'ended-repaired',
  ended_expired: 'ended-expired',
  revoked: 'revoked',
};

/** Whether a repair application may be made on `today` (a China calendar date). */
export function repairEligibility(r: RepairableRecord, today: string): RepairEligibility {
  if (r.publication !== 'published') {
    const why: Record<Exclude<Publication, 'published'>, string> = {
      not_published: '该信息未公示，无需修复。',
      ended_repaired: '该信息已修复，公示已停止。',
      ended_expired: '该信息公示期已届满，公示已自动停止。',
      revoked: '该信息已撤销。',
    };
    return {
      kind: 'not_applicable',
      why: WHY[r.publication],
      reason: why[r.publication],
    };
  }
  if (!r.publish_min_until)
    return {
      kind: 'not_applicable',
      why: 'no-minimum-period',
      reason: '该信息没有最短公示期，不适用信用修复。',
    };
  return today >= r.publish_min_until
    ? { kind: 'eligible', eligibleFrom: r.publish_min_until }
    : { kind: 'too_early', eligibleFrom: r.publish_min_until };
}

/** True when publication is over by its maximum period on `today` (`publish_until` is the first day not published). */
export function publicationExpired(r: RepairableRecord, today: string): boolean {
  return r.publication === 'published' && r.publish_until !== null && today >= r.publish_until;
}
