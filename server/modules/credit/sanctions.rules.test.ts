import { describe, expect, it } from 'vitest';
import { decideSanctions, type EntityFacts } from './sanctions.rules.ts';
import { readSanctionsConfig } from './sanctions.service.ts';

const measures = readSanctionsConfig().measures;
const clean: EntityFacts = { lists: [], class: null, seriousPenalties: [], breaches: [] };
const black: EntityFacts = {
  ...clean,
  lists: [{ entryId: 'e1', listCode: 'serious-dishonesty', listName: '严重失信主体名单', type: 'black' }],
};

describe('sanctions decision (shipped catalogue)', () => {
  it('allows a clean entity for every purpose', () => {
    for (const p of ['commitment', 'application', 'policy', 'grant', 'procurement', 'honour'] as const) {
      expect(decideSanctions(measures, clean, p)).toEqual({ decision: 'allow', reasons: [] });
    }
  });

  it('blocks a black-listed entity from 告知承诺, policy funds, procurement and honours, and flags applications', () => {
    for (const p of ['commitment', 'policy', 'procurement', 'honour', 'grant'] as const) {
      const d = decideSanctions(measures, black, p);
      expect(d.decision, p).toBe('block');
      expect(d.reasons[0]?.list?.code).toBe('serious-dishonesty');
      expect(d.reasons[0]?.basis.length).toBeGreaterThan(0);
    }
    expect(decideSanctions(measures, black, 'application').decision).toBe('flag');
  });

  it('blocks 免申即享 for class D only', () => {
    expect(
      decideSanctions(measures, { ...clean, class: { class: 'D', period: '2026-11' } }, 'grant').decision,
    ).toBe('block');
    expect(
      decideSanctions(measures, { ...clean, class: { class: 'C', period: '2026-11' } }, 'grant').decision,
    ).toBe('allow');
  });

  it('excludes serious published penalties and unrepaired false commitments from 告知承诺 only', () => {
    const facts = {
      ...clean,
      seriousPenalties: [{ recordId: 'r1', decisionNo: '相市监罚〔2026〕1号', categoryName: '行政处罚' }],
    };
    const d = decideSanctions(measures, facts, 'commitment');
    expect(d.decision).toBe('block');
    expect(d.reasons[0]?.code).toBe('serious-penalty-published');
    expect(decideSanctions(measures, facts, 'application').decision).toBe('allow');
    const b = decideSanctions(
      measures,
      { ...clean, breaches: [{ recordId: 'r2', decisionNo: 'x' }] },
      'commitment',
    );
    expect(b.reasons.map((r) => r.code)).toEqual(['false-commitment-unrepaired']);
  });

  it('flags a red-listed entity as an incentive', () => {
    const red: EntityFacts = {
      ...clean,
      lists: [{ entryId: 'e2', listCode: 'tax-credit-a', listName: 'A级', type: 'red' }],
    };
    const d = decideSanctions(measures, red, 'application');
    expect(d.decision).toBe('flag');
    expect(d.reasons.every((r) => r.effect === 'incentive')).toBe(true);
  });
});
