import { describe, expect, it } from 'vitest';
import { publicationExpired, repairEligibility } from './repair.rules.ts';

const ordinary = {
  publication: 'published' as const,
  publish_min_until: '2026-04-10',
  publish_until: '2027-01-10',
};

describe('repair eligibility', () => {
  it('opens on the day the minimum period is over', () => {
    expect(repairEligibility(ordinary, '2026-04-09')).toEqual({
      kind: 'too_early',
      eligibleFrom: '2026-04-10',
    });
    expect(repairEligibility(ordinary, '2026-04-10')).toEqual({
      kind: 'eligible',
      eligibleFrom: '2026-04-10',
    });
  });

  it('does not apply to records that are not published', () => {
    for (const publication of ['not_published', 'ended_repaired', 'ended_expired', 'revoked'] as const) {
      expect(repairEligibility({ ...ordinary, publication }, '2026-12-01').kind).toBe('not_applicable');
    }
    expect(repairEligibility({ ...ordinary, publish_min_until: null }, '2026-12-01').kind).toBe(
      'not_applicable',
    );
  });

  it('ends publication on publish_until, the first day not published', () => {
    expect(publicationExpired(ordinary, '2027-01-09')).toBe(false);
    expect(publicationExpired(ordinary, '2027-01-10')).toBe(true);
  });
});
