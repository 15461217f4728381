import { describe, expect, it } from 'vitest';
import {
  checkClassificationRules,
  explainParts,
  scoreFromCounts,
  type ClassificationRules,
} from './classification.rules.ts';
import { readClassificationConfig } from './sanctions.service.ts';

const rules: ClassificationRules = {
  baseScore: 100,
  thresholds: { A: 90, B: 75, C: 60 },
  rules: [
    {
      code: 'p',
      label: '行政处罚（一般）',
      source: 'record',
      categoryKind: 'penalty',
      severity: 'ordinary',
      points: -15,
      cap: -45,
      lookbackMonths: 12,
    },
    { code: 'b', label: '列入失信名单', source: 'list', listType: 'black', points: -60, cap: -60 },
    { code: 'r', label: '列入守信激励名单', source: 'list', listType: 'red', points: 10, cap: 10 },
  ],
};

describe('classification scoring', () => {
  it('explains each part and derives the class from the thresholds', () => {
    const r = scoreFromCounts(rules, new Map([['p', 2]]));
    expect(r.parts).toEqual([{ code: 'p', label: '行政处罚（一般）2 条', points: -30 }]);
    expect(r.score).toBe(70);
    expect(r.class).toBe('C');
    expect(explainParts(r.parts)).toBe('行政处罚（一般）2 条，-30');
  });

  it('caps a rule and says so', () => {
    const r = scoreFromCounts(rules, new Map([['p', 5]]));
    expect(r.parts[0]).toEqual({ code: 'p', label: '行政处罚（一般）5 条（已达上限）', points: -45 });
    expect(r.class).toBe('D');
  });

  it('gives a clean enterprise the base score with the part 无不良记录', () => {
    const r = scoreFromCounts(rules, new Map());
    expect(r).toEqual({ class: 'A', score: 100, parts: [{ code: 'clean', label: '无不良记录', points: 0 }] });
  });

  it('lets a red-list bonus offset deductions but never exceed the base', () => {
    expect(
      scoreFromCounts(
        rules,
        new Map([
          ['p', 1],
          ['r', 1],
        ]),
      ).score,
    ).toBe(95);
    expect(scoreFromCounts(rules, new Map([['r', 1]])).score).toBe(100);
    expect(
      scoreFromCounts(
        rules,
        new Map([
          ['b', 1],
          ['p', 3],
        ]),
      ).score,
    ).toBe(0);
  });

  it('rejects inconsistent rule sets and accepts the shipped one', () => {
    expect(checkClassificationRules({ ...rules, thresholds: { A: 60, B: 75, C: 90 } })).toContain(
      'thresholds must satisfy A > B > C',
    );
    expect(checkClassificationRules({ ...rules, rules: [rules.rules[0], rules.rules[0]] })).toHaveLength(1);
    expect(checkClassificationRules(readClassificationConfig())).toEqual([]);
  });
});
