import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { enterpriseColumnOf } from '../facts.repository.ts';
import { compileRule } from './compile.ts';
import { explainRule } from './explain.ts';
import { requireKnownFacts } from './known.ts';
import { ruleToSql } from './sql.ts';
import type { Rule } from './validate.ts';

describe('unknown facts fail their condition (requireKnownFacts)', () => {
  const upperBound: Rule = { '<': [{ var: 'employees' }, 300] };

  it('differs from plain JsonLogic exactly where a fact is unknown', () => {
    // Plain JsonLogic: null < 300 is true.
    expect(compileRule(upperBound)({})).toBe(true);
    expect(compileRule(requireKnownFacts(upperBound))({})).toBe(false);
    expect(compileRule(requireKnownFacts(upperBound))({ employees: 0 })).toBe(true);
    expect(compileRule(requireKnownFacts(upperBound))({ employees: 300 })).toBe(false);
  });

  it('guards each comparison on its own, so the explanation names the unknown one', () => {
    const rule: Rule = {
      and: [{ in: ['high_tech', { var: 'qualifications' }] }, { '<': [{ var: 'employees' }, 300] }],
    };
    const e = explainRule(rule, { qualifications: ['high_tech'] });
    expect(e.eligible).toBe(false);
    expect(e.conditions.map((c) => c.passed)).toEqual([true, false]);
    expect(explainRule(rule, { qualifications: [], employees: 10 }).conditions.map((c) => c.passed)).toEqual([
      false,
      true,
    ]);
    const either: Rule = { or: [{ '<': [{ var: 'employees' }, 300] }, { '==': [{ var: 'listed' }, true] }] };
    expect(compileRule(requireKnownFacts(either))({ listed: true })).toBe(true);
    expect(compileRule(requireKnownFacts(either))({})).toBe(false);
    // A negated comparison holds for an unknown fact; platform facts (credit) are never held against anyone.
    const notHighTech: Rule = { '!': { in: ['high_tech', { var: 'qualifications' }] } };
    expect(compileRule(requireKnownFacts(notHighTech))({})).toBe(true);
    const notDishonest: Rule = { '!=': [{ var: 'serious_dishonest' }, true] };
    expect(requireKnownFacts(notDishonest)).toEqual(notDishonest);
    expect(compileRule(requireKnownFacts(notDishonest))({})).toBe(true);
  });

  it('keeps every shipped demo rule translatable to SQL', () => {
    const file = path.resolve(
      import.meta.dirname,
      '../../../../config/policy/policies/xiangcheng-2022-demo.json',
    );
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      policies: { clauses: { subject: string; rule: Rule }[] }[];
    };
    const columnOf = enterpriseColumnOf('2026-11-27');
    const rules = doc.policies.flatMap((p) => p.clauses).filter((c) => c.subject === 'enterprise');
    expect(rules.length).toBeGreaterThan(10);
    for (const c of rules) {
      expect(ruleToSql(c.rule, columnOf) === null, JSON.stringify(c.rule)).toBe(
        ruleToSql(requireKnownFacts(c.rule), columnOf) === null,
      );
    }
  });
});
