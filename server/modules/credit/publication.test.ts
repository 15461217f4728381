import { describe, expect, it } from 'vitest';
import { addMonths, mostSevere, publicationWindow } from './publication.ts';

describe('publicationWindow', () => {
  it('publishes a licence from its decision date without end', () => {
    const w = publicationWindow({
      kind: 'license',
      severities: [],
      categoryPublic: true,
      decisionDate: '2026-05-06',
    });
    expect(w).toEqual({
      publication: 'published',
      severity: null,
      publishFrom: '2026-05-06',
      publishMinUntil: null,
      publishUntil: null,
    });
  });

  it('does not publish a minor penalty', () => {
    const w = publicationWindow({
      kind: 'penalty',
      severities: ['minor'],
      categoryPublic: true,
      decisionDate: '2026-05-06',
    });
    expect(w.publication).toBe('not_published');
    expect(w.severity).toBe('minor');
    expect(w.publishUntil).toBeNull();
  });

  it('publishes an ordinary penalty 3 months minimum, 1 year maximum', () => {
    const w = publicationWindow({
      kind: 'penalty',
      severities: ['ordinary'],
      categoryPublic: true,
      decisionDate: '2026-05-06',
    });
    expect(w).toMatchObject({
      publication: 'published',
      publishFrom: '2026-05-06',
      publishMinUntil: '2026-08-06',
      publishUntil: '2027-05-06',
    });
  });

  it('publishes a serious penalty 1 year minimum, 3 years maximum', () => {
    const w = publicationWindow({
      kind: 'penalty',
      severities: ['serious'],
      categoryPublic: true,
      decisionDate: '2026-04-01',
    });
    expect(w).toMatchObject({ publishMinUntil: '2027-04-01', publishUntil: '2029-04-01' });
  });

  it('takes the longest period when one decision has several penalties', () => {
    const w = publicationWindow({
      kind: 'penalty',
      severities: ['minor', 'serious', 'ordinary'],
      categoryPublic: true,
      decisionDate: '2026-06-30',
    });
    expect(w.severity).toBe('serious');
    expect(w.publishUntil).toBe('2029-06-30');
  });

  it('follows the category public flag for other categories', () => {
    const base = { kind: 'other' as const, severities: [], decisionDate: '2026-01-15' };
    expect(publicationWindow({ ...base, categoryPublic: true }).publication).toBe('published');
    expect(publicationWindow({ ...base, categoryPublic: false }).publication).toBe('not_published');
  });

  it('refuses a penalty without severity', () => {
    expect(() =>
      publicationWindow({
        kind: 'penalty',
        severities: [],
        categoryPublic: true,
        decisionDate: '2026-01-01',
      }),
    ).toThrow(RangeError);
  });
});

describe('addMonths and mostSevere', () => {
  it('clamps to the end of the month, across leap years', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
  });
  it('ranks severities', () => {
    expect(mostSevere(['ordinary', 'minor'])).toBe('ordinary');
    expect(mostSevere([])).toBeUndefined();
  });
});
