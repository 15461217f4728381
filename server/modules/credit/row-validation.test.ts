import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkUscc,
  makeUscc,
  REGISTRATION_AUTHORITIES,
  USCC_CHARSET,
} from '../../kernel/identifiers/uscc.ts';
import { mapHeader, parseDateValue, validateRecord, type CategorySpec } from './row-validation.ts';

const penalty: CategorySpec = {
  code: 'penalty',
  kind: 'penalty',
  public: true,
  fields: [
    { key: 'penalty_type', label: '处罚类别', type: 'enum', required: true, options: ['警告', '罚款'] },
    {
      key: 'severity',
      label: '严重程度',
      type: 'enum',
      required: true,
      options: ['minor', 'ordinary', 'serious'],
    },
    { key: 'amount', label: '罚没金额（万元）', type: 'number', required: false },
    { key: 'paid', label: '是否缴纳', type: 'boolean', required: false },
  ],
};
const env = { today: '2026-11-27', loadedYears: new Set([2024, 2025, 2026]) };
const uscc = makeUscc({ authority: '9', type: '1', division: '320507', orgBody8: 'MA1XKQ7T' });
const good = {
  uscc,
  entityName: '苏州某某科技有限公司',
  decisionNo: '相市监罚〔2026〕12号',
  decisionDate: '2026/3/5',
  penalty_type: '罚款',
  severity: '一般、严重',
  amount: '1,200.5',
  paid: '是',
};

describe('validateRecord', () => {
  it('normalises a good record', () => {
    const r = validateRecord(penalty, good, env);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      uscc,
      entityName: '苏州某某科技有限公司',
      decisionNo: '相市监罚〔2026〕12号',
      decisionDate: '2026-03-05',
      severities: ['ordinary', 'serious'],
      data: { penalty_type: '罚款', severity: ['ordinary', 'serious'], amount: 1200.5, paid: true },
    });
  });

  it('names field and rule for each kind of bad value', () => {
    const badCheck = uscc.slice(0, 17) + (uscc.endsWith('0') ? '1' : '0');
    const r = validateRecord(
      penalty,
      {
        ...good,
        uscc: badCheck,
        decisionDate: '2026-02-30',
        penalty_type: '拘留',
        severity: '',
        amount: 'abc',
        paid: '也许',
      },
      env,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const rules = Object.fromEntries(r.errors.map((e) => [e.field, e.rule]));
    expect(rules).toEqual({
      uscc: 'uscc',
      decisionDate: 'date',
      penalty_type: 'enum',
      severity: 'required',
      amount: 'number',
      paid: 'boolean',
    });
    expect(r.errors.find((e) => e.field === 'uscc')?.message).toMatch(/校验/);
  });

  it('rejects future decisions and years without a calendar', () => {
    const future = validateRecord(penalty, { ...good, decisionDate: '2026-11-28' }, env);
    expect(future.ok ? [] : future.errors.map((e) => e.rule)).toEqual(['future']);
    const old = validateRecord(penalty, { ...good, decisionDate: '2019-05-01' }, env);
    expect(old.ok ? [] : old.errors.map((e) => e.rule)).toEqual(['calendar']);
  });

  it('accepts spreadsheet values (Date, number, boolean)', () => {
    const r = validateRecord(
      penalty,
      { ...good, decisionDate: new Date(Date.UTC(2025, 0, 31)), amount: 3, paid: false },
      env,
    );
    expect(r.ok && r.value.decisionDate).toBe('2025-01-31');
    expect(r.ok && r.value.data).toMatchObject({ amount: 3, paid: false });
  });

  it('requires core fields', () => {
    const r = validateRecord(penalty, { penalty_type: '警告', severity: 'minor' }, env);
    expect(r.ok ? [] : r.errors.map((e) => `${e.field}:${e.rule}`)).toEqual([
      'uscc:required',
      'entityName:required',
      'decisionNo:required',
      'decisionDate:required',
    ]);
  });
});

describe('mapHeader', () => {
  it('maps Chinese labels, keys and aliases; ignores unknown columns', () => {
    const m = mapHeader(penalty, [
      '序号',
      '统一社会信用代码*',
      '行政相对人名称',
      '处罚决定书文号',
      'decision_date',
      '处罚类别',
      'severity',
    ]);
    expect(m.keys).toEqual([
      null,
      'uscc',
      'entityName',
      'decisionNo',
      'decisionDate',
      'penalty_type',
      'severity',
    ]);
    expect(m.ignored).toEqual(['序号']);
    expect(m.errors).toEqual([]);
  });
  it('reports missing required and duplicate columns', () => {
    const m = mapHeader(penalty, ['uscc', '统一社会信用代码', '主体名称']);
    expect(m.errors.join('\n')).toMatch(/同一字段 uscc/);
    expect(m.errors.join('\n')).toMatch(/缺少必填列“决定日期”/);
    expect(m.errors.join('\n')).toMatch(/处罚类别/);
  });
});

describe('parseDateValue', () => {
  it('parses the usual spellings and rejects impossible dates', () => {
    expect(parseDateValue('2024年9月27日')).toBe('2024-09-27');
    expect(parseDateValue('2024.09.27')).toBe('2024-09-27');
    expect(parseDateValue('2023-02-29')).toBeNull();
    expect(parseDateValue('27/09/2024')).toBeNull();
  });
});

describe('USCC check in validateRecord', () => {
  const authorities = Object.entries(REGISTRATION_AUTHORITIES).flatMap(([a, spec]) =>
    Object.keys(spec.types).map((t) => [a, t] as const),
  );
  const valid = fc
    .record({
      at: fc.constantFrom(...authorities),
      division: fc.stringMatching(/^\d{6}$/),
      body: fc.array(fc.constantFrom(...USCC_CHARSET), { minLength: 8, maxLength: 8 }),
    })
    .map(({ at, division, body }) =>
      makeUscc({ authority: at[0], type: at[1], division, orgBody8: body.join('') }),
    );
  // Valid codes, and the same with one character replaced (often invalid), in lower case, padded or full-width.
  const code = fc.oneof(
    valid,
    fc
      .tuple(valid, fc.nat(17), fc.constantFrom(...USCC_CHARSET, 'I', 'O', 'Z', 'a', '-', '中'))
      .map(([c, i, ch]) => c.slice(0, i) + ch + c.slice(i + 1)),
    valid.map((c) => c.toLowerCase()),
    valid.map((c) => ` ${c} `),
    valid.map((c) => c.replace(/[0-9A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0))),
    fc.string({ maxLength: 20 }),
  );

  it('accepts, normalises and rejects exactly as checkUscc does, with its reason', () => {
    fc.assert(
      fc.property(code, (raw) => {
        const expected = checkUscc(raw.trim());
        const r = validateRecord(penalty, { ...good, uscc: raw }, env);
        const error = r.ok ? undefined : r.errors.find((e) => e.field === 'uscc');
        if (raw.trim() === '') {
          expect(error?.rule).toBe('required');
          return;
        }
        expect(error === undefined).toBe(expected.valid);
        if (r.ok) expect(r.value.uscc).toBe(expected.code);
        if (error) expect(error.message).toBe(expected.reason);
      }),
      { numRuns: 2000 },
    );
  });
});
