/**
 * The pure engine: fact catalogue checks, rule validation (paths and reasons), compiled evaluation and its cache,
 * explanations condition by condition, benefit formulas.
 */
import { describe, expect, it } from 'vitest';
import { compileRule, evaluateRule } from './compile.ts';
import { evaluateBenefit, describeBenefit, validateBenefit, type BenefitFormula } from './benefit.ts';
import { explainRule, describeRule, summarizeExplanation } from './explain.ts';
import { factCatalogue, factsOf, parseFactCatalogue, validateFactValues } from './facts.ts';
import { validateRule } from './validate.ts';

describe('fact catalogue', () => {
  it('has the contract facts for every subject, typed, labelled and sourced', () => {
    const names = (s: 'enterprise' | 'individual' | 'connection') => factsOf(s).map((f) => f.name);
    expect(names('enterprise')).toEqual(
      expect.arrayContaining([
        'industry_section',
        'industry_code',
        'size_class',
        'revenue',
        'rd_spending',
        'rd_ratio',
        'employees',
        'tax_paid',
        'qualifications',
        'credit_class',
        'serious_dishonest',
        'town',
        'founded_on',
        'age_years',
        'tech_loan_interest',
        'equipment_investment',
        'listed',
      ]),
    );
    expect(names('individual')).toEqual(
      expect.arrayContaining(['age', 'education', 'talent_tier', 'employer_in_district', 'annual_salary']),
    );
    expect(names('connection')).toEqual(
      expect.arrayContaining(['voltage_kv', 'capacity_kva', 'customer_kind']),
    );
    for (const f of factCatalogue()) {
      expect(f.label.length).toBeGreaterThan(0);
      expect(['feed', 'declared', 'platform']).toContain(f.source);
      if (f.type === 'enum' || f.type === 'enum[]') expect(f.options?.length).toBeGreaterThan(0);
    }
    expect(factCatalogue().find((f) => f.name === 'credit_class')?.source).toBe('platform');
  });

  it('refuses a malformed catalogue naming the fact', () => {
    expect(() =>
      parseFactCatalogue({ facts: [{ name: 'x', subject: 'enterprise', type: 'money' }] }),
    ).toThrow(/facts\[0\]/);
    const ok = {
      name: 'a',
      subject: 'enterprise',
      label: 'A',
      labelEn: 'A',
      type: 'number',
      source: 'feed',
      sourceLabel: 's',
    };
    expect(() => parseFactCatalogue({ facts: [ok, ok] })).toThrow(/declared twice/);
    expect(() => parseFactCatalogue({ facts: [{ ...ok, type: 'enum' }] })).toThrow(/needs options/);
  });

  it('checks values: unknown names and wrong types', () => {
    const errors = validateFactValues('enterprise', {
      rd_ratio: '6',
      size_class: 'huge',
      qualifications: ['high_tech', 'nope'],
      founded_on: '2020-13-01',
      employees: 1.5,
      listed: 'yes',
      made_up: 1,
      revenue: null,
    });
    expect(errors.map((e) => `${e.fact}:${e.rule}`).sort()).toEqual([
      'employees:type',
      'founded_on:type',
      'listed:type',
      'made_up:unknown_fact',
      'qualifications:type',
      'rd_ratio:type',
      'size_class:type',
    ]);
    expect(errors.find((e) => e.fact === 'size_class')?.message).toContain('企业规模');
  });
});

describe('validateRule', () => {
  it('accepts rules over the subject facts', () => {
    expect(
      validateRule(
        {
          and: [
            { '>=': [{ var: 'rd_ratio' }, 5] },
            { in: ['high_tech', { var: 'qualifications' }] },
            { in: [{ var: 'size_class' }, ['small', 'micro']] },
            { '<=': [10, { var: 'employees' }, 300] },
            { '>=': [{ var: 'founded_on' }, '2019-01-01'] },
            { '!': { var: 'serious_dishonest' } },
            { '!=': [{ var: 'credit_class' }, 'D'] },
            { '>=': [{ '/': [{ var: 'rd_spending' }, { var: 'revenue' }] }, 0.05] },
          ],
        },
        'enterprise',
      ),
    ).toEqual({ ok: true });
    expect(validateRule(true, 'enterprise')).toEqual({ ok: true });
  });

  it('names unknown facts, wrong types and unsupported operators with their path, in Chinese', () => {
    const r = validateRule(
      {
        and: [
          { '>=': [{ var: 'rd_ratoi' }, 5] },
          { '>=': [{ var: 'rd_ratio' }, 'five'] },
          { '==': [{ var: 'size_class' }, 'huge'] },
          { in: ['nobel', { var: 'qualifications' }] },
          { '<': [{ var: 'founded_on' }, '2020/01/01'] },
          { map: [{ var: 'qualifications' }, 1] },
          { '>': [{ var: 'size_class' }, 'small'] },
          { '==': [{ var: 'age' }, 30] },
        ],
      },
      'enterprise',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e]));
    expect(byPath['/and/0/>=/0/var']).toMatchObject({ rule: 'unknown_fact' });
    expect(byPath['/and/0/>=/0/var']?.message).toContain('rd_ratoi');
    expect(byPath['/and/1/>=/1']).toMatchObject({ rule: 'type' });
    expect(byPath['/and/1/>=/1']?.message).toContain('研发费用占比');
    expect(byPath['/and/2/==/1']?.message).toContain('没有选项“huge”');
    expect(byPath['/and/3/in/0']?.message).toContain('企业资质');
    expect(byPath['/and/4/</1']?.message).toContain('YYYY-MM-DD');
    expect(byPath['/and/5/map']).toMatchObject({ rule: 'operator' });
    expect(byPath['/and/6/>/0']?.message).toContain('不能比较大小');
    expect(byPath['/and/7/==/0/var']?.message).toContain('不属于企业');
  });

  it('escapes operators in paths (JSON pointer) and checks arithmetic operands', () => {
    const r = validateRule({ '>=': [{ '/': [{ var: 'town' }, 2] }, 1] }, 'enterprise');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.path).toBe('/>=/0/~1/0');
  });
});

describe('compileRule', () => {
  it('evaluates with JsonLogic semantics, caches compiled rules, and treats evaluation errors as not eligible', () => {
    const rule = {
      and: [{ '>=': [{ var: 'rd_ratio' }, 5] }, { in: ['high_tech', { var: 'qualifications' }] }],
    };
    const f = compileRule(rule);
    expect(f({ rd_ratio: 6, qualifications: ['high_tech'] })).toBe(true);
    expect(f({ rd_ratio: 4, qualifications: ['high_tech'] })).toBe(false);
    expect(f({ rd_ratio: 6 })).toBe(false);
    expect(compileRule(JSON.parse(JSON.stringify(rule)))).toBe(f);
    // Missing values: JsonLogic counts null as 0 in numeric comparisons.
    expect(compileRule({ '<': [{ var: 'employees' }, 300] })({})).toBe(true);
    // Division by zero raises in JsonLogic: not eligible rather than a crash.
    expect(compileRule({ '>': [{ '/': [1, { var: 'revenue' }] }, 0] })({ revenue: 0 })).toBe(false);
    expect(() => evaluateRule({ '/': [1, { var: 'revenue' }] }, { revenue: 0 })).toThrow();
    expect(compileRule(true)({})).toBe(true);
  });
});

describe('explainRule', () => {
  const rule = {
    and: [
      { '>=': [{ var: 'rd_ratio' }, 5] },
      { in: ['high_tech', { var: 'qualifications' }] },
      { in: [{ var: 'size_class' }, ['micro', 'small', 'medium']] },
      { '<=': [10, { var: 'employees' }, 300] },
      { '<=': [{ var: 'founded_on' }, '2021-12-31'] },
      { '!': { var: 'serious_dishonest' } },
      { '!=': [{ var: 'credit_class' }, 'D'] },
      { '>=': [{ '/': [{ var: 'tax_paid' }, 10] }, 5] },
    ],
  };
  const facts = {
    rd_ratio: 3.1,
    qualifications: ['high_tech', 'tech_sme'],
    size_class: 'small',
    employees: 120,
    founded_on: '2018-05-01',
    serious_dishonest: false,
    credit_class: 'B',
    tax_paid: 80,
  };

  it('labels each condition in plain language with actual, required and outcome', () => {
    const e = explainRule(rule, facts);
    expect(e.eligible).toBe(false);
    expect(e.conditions.map((c) => [c.label, c.passed])).toEqual([
      ['研发费用占比 ≥ 5%', false],
      ['企业资质包含 高新技术企业', true],
      ['企业规模为 微型、小型、中型 之一', true],
      ['从业人数 ≥ 10 人 且 ≤ 300 人', true],
      ['成立日期不晚于 2021-12-31', true],
      ['列入严重失信主体名单：否', true],
      ['信用风险分类不为 D类（信用风险高）', true],
      ['上年度纳税额 ÷ 10 ≥ 5', true],
    ]);
    const rd = e.conditions[0]!;
    expect(rd).toMatchObject({ fact: 'rd_ratio', actual: 3.1, actualText: '3.1%', required: '≥ 5%' });
    expect(e.conditions[1]).toMatchObject({ fact: 'qualifications', actual: ['high_tech', 'tech_sme'] });
    expect(e.conditions[1]?.actualText).toBe('高新技术企业、科技型中小企业');
    expect(e.conditions[7]?.actual).toBe(8);
    expect(summarizeExplanation(e)).toBe('差 1 项：研发费用占比 ≥ 5%（实际：3.1%）');
  });

  it('agrees with the compiled rule for every outcome, including unknown facts', () => {
    const passing = { ...facts, rd_ratio: 7 };
    const e = explainRule(rule, passing);
    expect(e.eligible).toBe(true);
    expect(e.conditions.every((c) => c.passed)).toBe(true);
    const unknown = explainRule(rule, { ...facts, rd_ratio: undefined });
    expect(unknown.conditions[0]).toMatchObject({ actual: null, actualText: '未知', passed: false });
    const either = explainRule(
      { or: [{ var: 'listed' }, { '>=': [{ var: 'revenue' }, 1000] }] },
      { revenue: 2000 },
    );
    expect(either.eligible).toBe(true);
    expect(either.conditions.map((c) => [c.label, c.passed])).toEqual([
      ['上市企业：是', false],
      ['上年度营业收入 ≥ 1000 万元', true],
    ]);
  });

  it('describes reversed comparisons, between forms, nested logic and dates', () => {
    const d = describeRule({
      and: [
        { '<': [100, { var: 'revenue' }] },
        { '<': [0, { var: 'rd_ratio' }, 20] },
        {
          or: [
            { in: ['specialized', { var: 'qualifications' }] },
            { in: ['little_giant', { var: 'qualifications' }] },
          ],
        },
        { '>': [{ var: 'founded_on' }, '2015-01-01'] },
      ],
    });
    expect(d.map((c) => c.label)).toEqual([
      '上年度营业收入 > 100 万元',
      '研发费用占比 > 0% 且 < 20%',
      '（企业资质包含 专精特新中小企业，或企业资质包含 专精特新“小巨人”）',
      '成立日期晚于 2015-01-01',
    ]);
  });
});

describe('benefit formulas', () => {
  it('computes fixed, rate with cap, tiered and logic amounts with readable formulas', () => {
    expect(evaluateBenefit({ kind: 'fixed', amount: 20 }, {})).toEqual({
      amount: 20,
      formula: '定额 20 万元',
    });
    const rate: BenefitFormula = { kind: 'rate', fact: 'tech_loan_interest', rate: 0.5, cap: 50 };
    expect(describeBenefit(rate)).toBe('上年度科技贷款利息 × 50%，最高 50 万元');
    expect(evaluateBenefit(rate, { tech_loan_interest: 25 })).toEqual({
      amount: 12.5,
      formula: '上年度科技贷款利息 × 50%，最高 50 万元：25 万元 × 50% = 12.5 万元',
    });
    expect(evaluateBenefit(rate, { tech_loan_interest: 300 }).amount).toBe(50);
    expect(evaluateBenefit(rate, {}).amount).toBeNull();
    const tiered: BenefitFormula = {
      kind: 'tiered',
      fact: 'rd_spending',
      tiers: [
        { min: 500, amount: 20 },
        { min: 0, amount: 5 },
        { min: 2000, amount: 50 },
      ],
    };
    expect(evaluateBenefit(tiered, { rd_spending: 600 }).amount).toBe(20);
    expect(evaluateBenefit(tiered, { rd_spending: 2000 }).amount).toBe(50);
    expect(evaluateBenefit(tiered, { rd_spending: 10 }).amount).toBe(5);
    expect(evaluateBenefit(tiered, { rd_spending: -1 }).amount).toBe(0);
    const logic: BenefitFormula = {
      kind: 'logic',
      expr: { '*': [{ var: 'equipment_investment' }, 0.1] },
      cap: 100,
    };
    const r = evaluateBenefit(logic, { equipment_investment: 333 });
    expect(r.amount).toBe(33.3);
    expect(r.formula).toContain('上年度设备投资额 × 0.1');
    expect(evaluateBenefit(logic, { equipment_investment: 5000 }).amount).toBe(100);
  });

  it('validates formulas against the catalogue', () => {
    expect(validateBenefit({ kind: 'rate', fact: 'tech_loan_interest', rate: 0.5 }, 'enterprise')).toEqual({
      ok: true,
    });
    const bad = validateBenefit({ kind: 'rate', fact: 'size_class', rate: -1 }, 'enterprise');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.path).sort()).toEqual(['/fact', '/rate']);
    const unknown = validateBenefit({ kind: 'logic', expr: { '*': [{ var: 'nope' }, 2] } }, 'enterprise');
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.errors[0]?.path).toBe('/expr/*/0/var');
    expect(validateBenefit({ kind: 'bonus' }, 'enterprise').ok).toBe(false);
  });
});
