/**
 * Publication windows of credit records (《信用修复管理办法》, effective 2026-04-01; DOMAIN.md §4). Pure.
 *
 * Dates are calendar days. Both bounds are exclusive ends, counted from the decision date in calendar months:
 * - `publishMinUntil`: the first day on which credit repair may be applied for (the minimum period has passed);
 * - `publishUntil`: the first day the record is no longer published (publication stops automatically).
 * A month-end decision keeps to the month's end (2024-01-31 + 1 month → 2024-02-29).
 */
import type { Publication, Severity } from './credit.tables.ts';

export type CategoryKind = 'license' | 'penalty' | 'other';

const SEVERITY_RANK: Record<Severity, number> = { minor: 0, ordinary: 1, serious: 2 };

/** Months of the minimum and maximum publication period of a penalty, by severity; null = not published. */
export const PENALTY_PERIOD_MONTHS: Record<Severity, { min: number; max: number } | null> = {
  // "轻微：一般不予公示" — the platform does not publish them at all.
  minor: null,
  ordinary: { min: 3, max: 12 },
  serious: { min: 12, max: 36 },
};

export interface PublicationInput {
  kind: CategoryKind;
  /** The severities of the penalties in one decision (penalties only); the longest period wins. */
  severities: readonly Severity[];
  categoryPublic: boolean;
  decisionDate: string;
}

export interface PublicationWindow {
  publication: Extract<Publication, 'published' | 'not_published'>;
  /** The most severe of `severities` (penalties only). */
  severity: Severity | null;
  publishFrom: string | null;
  publishMinUntil: string | null;
  publishUntil: string | null;
}

/** The most severe of several penalties; undefined when there are none. */
export function mostSevere(severities: readonly Severity[]): Severity | undefined {
  let best: Severity | undefined;
  for (const s of severities) if (best === undefined || SEVERITY_RANK[s] > SEVERITY_RANK[best]) best = s;
  return best;
}

/** `date` plus `months` calendar months, clamped to the end of the target month. */
export function addMonths(date: string, months: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`invalid date ${JSON.stringify(date)}`);
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(m[3]), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function publicationWindow(input: PublicationInput): PublicationWindow {
  const none = { publishFrom: null, publishMinUntil: null, publishUntil: null };
  if (input.kind === 'license') {
    return { publication: 'published', severity: null, ...none, publishFrom: input.decisionDate };
  }
  if (input.kind === 'other') {
    return input.categoryPublic
      ? { publication: 'published', severity: null, ...none, publishFrom: input.decisionDate }
      : { publication: 'not_published', severity: null, ...none };
  }
  const severity = mostSevere(input.severities);
  if (severity === undefined) throw new RangeError('a penalty needs at least one severity');
  const period = PENALTY_PERIOD_MONTHS[severity];
  if (!period) return { publication: 'not_published', severity, ...none };
  return {
    publication: 'published',
    severity,
    publishFrom: input.decisionDate,
    publishMinUntil: addMonths(input.decisionDate, period.min),
    publishUntil: addMonths(input.decisionDate, period.max),
  };
}
