import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildDepartmentRegistry,
  departmentKind,
  extractListEntries,
  extractScopes,
  extractUnitNames,
  fallbackCode,
  XIANGCHENG_TOWNS,
} from './departments.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
// The district's plan as shipped in config/, the copy the platform itself reads.
const seedText = readFileSync(path.join(ROOT, 'config', 'plan', 'xiangcheng-2022.txt'), 'utf8');
/**
 * SHA-256 of the district's seed document (the plan text as published), taken when the shipped copy was compared
 * byte for byte with it. Pinned here so the test needs nothing beside the repository: an edit to the shipped plan
 * (which would silently change the department registry and the measures) fails below.
 */
const SEED_DOCUMENT_SHA256 = '46285d480f9787b42d565274f247401d3046aa7d6208122a6f3937ee2259681b';

/** The seed split into its numbered measures (`**N. title.**…`), keyed by number. */
function measures(text: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const part of text.split(/\*\*(?=\d+\.)/).slice(1)) {
    const n = /^(\d+)\./.exec(part)?.[1];
    if (n) out.set(Number(n), part);
  }
  return out;
}

describe('extractUnitNames on the real seed', () => {
  const units = extractUnitNames(seedText);
  const scopes = extractScopes(seedText);
  const byMeasure = measures(seedText);

  it('finds the units every module relies on', () => {
    for (const name of [
      '区市场监管局',
      '区行政审批局',
      '区税务局',
      '区发改委',
      '区政府办（大数据管理局）',
      '区法院',
      '区检察院',
    ]) {
      expect(units).toContain(name);
    }
  });

  it('every numbered measure carries a responsibility list', () => {
    expect(byMeasure.size).toBeGreaterThanOrEqual(58);
    for (const [n, text] of byMeasure)
      expect(extractListEntries(text).length, `measure ${n}`).toBeGreaterThan(0);
  });

  it('names are whole: no whitespace, separators or unbalanced brackets', () => {
    for (const u of units) {
      expect(u, u).not.toMatch(/[\s、，,；;()[\]〔〕【】]/);
      expect((u.match(/（/g) ?? []).length, u).toBe((u.match(/）/g) ?? []).length);
      expect(u.length, u).toBeLessThanOrEqual(20);
    }
    expect(new Set(units).size).toBe(units.length);
  });

  it('joins names broken by page breaks and handles mixed brackets', () => {
    // 58: `区市场监\n\n管局`; 45: `〔责任\n\n单位：…]`; 24: `[（责任单位：…，各镇（街道、区））]`; 35: `区各\n\n相关部门…`
    expect(extractListEntries(byMeasure.get(58) ?? '')).toContain('区市场监管局');
    expect(extractListEntries(byMeasure.get(45) ?? '')).toEqual(
      expect.arrayContaining(['区统计局', '区发改委']),
    );
    expect(extractListEntries(byMeasure.get(24) ?? '')).toEqual(
      expect.arrayContaining(['燃气公司', '各镇（街道、区）']),
    );
    expect(extractListEntries(byMeasure.get(35) ?? '')).toContain('区各相关部门按职责分工负责');
    expect(extractListEntries(byMeasure.get(13) ?? '')).toEqual(['区发改委', '区科技局']);
  });

  it('keeps collective scopes apart from units', () => {
    expect(scopes).toContain('各镇（街道、区）');
    expect(scopes).toContain('区各相关部门按职责分工负责');
    for (const s of scopes) expect(units).not.toContain(s);
    // Half-width `各镇(街道、区)` in measure 1 is the same scope as the full-width one.
    expect(scopes.filter((s) => s.startsWith('各镇'))).toEqual(['各镇（街道、区）']);
  });

  it('first-seen order follows the document', () => {
    expect(units.slice(0, 4)).toEqual(extractListEntries(byMeasure.get(1) ?? '').slice(0, 4));
  });
});

describe('extractUnitNames on synthetic text', () => {
  it('handles half-width brackets, nested brackets, line breaks and 牵头单位', () => {
    const text = [
      '**1. 甲。**正文。[责任单位：区甲局、区乙办（丙中心），各镇(街道、区)]',
      '**2. 乙。**正文（牵头单位：区丁\n\n局，区甲局）。',
      '**3. 丙。**正文〔责任单位：区戊委、区各相关部门按职责分工负责]',
    ].join('\n');
    expect(extractUnitNames(text)).toEqual(['区甲局', '区乙办（丙中心）', '区丁局', '区戊委']);
    expect(extractScopes(text)).toEqual(['各镇（街道、区）', '区各相关部门按职责分工负责']);
  });

  it('returns nothing for text without lists', () => {
    expect(extractUnitNames('没有责任单位的正文。')).toEqual([]);
  });
});

describe('buildDepartmentRegistry', () => {
  const registry = buildDepartmentRegistry(seedText);
  const byName = new Map(registry.map((d) => [d.name, d]));

  it('contains every unit found, the leading-group office and the towns', () => {
    for (const u of extractUnitNames(seedText)) expect(byName.has(u), u).toBe(true);
    expect(byName.get('区优化营商环境工作领导小组办公室')).toMatchObject({ code: 'LGO', kind: 'office' });
    for (const t of XIANGCHENG_TOWNS) expect(byName.get(t.name)?.kind, t.name).toBe('town');
    expect(registry.length).toBe(extractUnitNames(seedText).length + 1 + XIANGCHENG_TOWNS.length);
  });

  it('codes are unique ASCII slugs and names unique', () => {
    const codes = registry.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(registry.map((d) => d.name)).size).toBe(registry.length);
    for (const c of codes) expect(c).toMatch(/^[A-Z][A-Z0-9_]*$/);
    expect(byName.get('区市场监管局')?.code).toBe('SAMR');
    expect(byName.get('区税务局')?.code).toBe('TAX');
  });

  it('classifies kinds by rule', () => {
    expect(byName.get('区法院')?.kind).toBe('court_procuratorate');
    expect(byName.get('区检察院')?.kind).toBe('court_procuratorate');
    expect(byName.get('区税务局')?.kind).toBe('vertical');
    expect(byName.get('区公安分局')?.kind).toBe('vertical');
    expect(byName.get('海关相城办')?.kind).toBe('vertical');
    expect(byName.get('相城供电公司')?.kind).toBe('vertical');
    expect(byName.get('区金控集团')?.kind).toBe('state_owned');
    expect(byName.get('燃气公司')?.kind).toBe('state_owned');
    expect(byName.get('区集成指挥中心')?.kind).toBe('platform');
    expect(byName.get('区市场监管局')?.kind).toBe('district_department');
    expect(byName.get('区金融监管局')?.kind).toBe('district_department');
    expect(byName.get('高铁新城')?.kind).toBe('town');
    expect(departmentKind('中国人民银行相城支行')).toBe('vertical');
  });

  it('gives unknown units a stable fallback code and a short name', () => {
    const text = '（责任单位：区未来局、区委未来部）';
    const reg = buildDepartmentRegistry(text);
    const future = reg.find((d) => d.name === '区未来局');
    expect(future?.code).toBe(fallbackCode('区未来局'));
    expect(future?.code).toMatch(/^U_[0-9A-Z]+$/);
    expect(future?.shortName).toBe('未来局');
    expect(reg.find((d) => d.name === '区委未来部')?.shortName).toBe('区委未来部');
    expect(buildDepartmentRegistry(text)).toEqual(reg);
    expect(fallbackCode('区未来局')).not.toBe(fallbackCode('区委未来部'));
  });
});

describe('shipped configuration', () => {
  it('config/departments.json is exactly the registry built from the shipped plan', () => {
    const shipped: unknown = JSON.parse(readFileSync(path.join(ROOT, 'config', 'departments.json'), 'utf8'));
    expect(shipped).toEqual(buildDepartmentRegistry(seedText));
  });

  it('the shipped plan is the seed document unchanged', () => {
    const bytes = readFileSync(path.join(ROOT, 'config', 'plan', 'xiangcheng-2022.txt'));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(SEED_DOCUMENT_SHA256);
    expect(bytes.toString('utf8')).toBe(seedText);
  });
});
