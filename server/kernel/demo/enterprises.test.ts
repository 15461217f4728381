import { describe, it, expect } from 'vitest';
import { checkUscc } from '../identifiers/uscc.ts';
import {
  classifyEnterpriseSize,
  classifySize,
  generateDemoEnterprises,
  INDUSTRY_DIVISIONS,
  INDUSTRY_SECTIONS,
} from './enterprises.ts';
import { XIANGCHENG_TOWNS } from './departments.ts';

const N = 2000;
const enterprises = generateDemoEnterprises(N, 20220511);
const towns = new Set(XIANGCHENG_TOWNS.map((t) => t.name));

function share(pred: (e: (typeof enterprises)[number]) => boolean): number {
  return enterprises.filter(pred).length / enterprises.length;
}

describe('generateDemoEnterprises — identifiers', () => {
  it('generates the requested number', () => {
    expect(enterprises).toHaveLength(N);
    expect(generateDemoEnterprises(0, 1)).toEqual([]);
    expect(() => generateDemoEnterprises(-1, 1)).toThrow(RangeError);
  });

  it('every USCC is valid, distinct, registered by 市场监管 in 相城区 with the matching entity type', () => {
    const typeOf = { company: '1', individual_business: '2', cooperative: '3' } as const;
    for (const e of enterprises) {
      const r = checkUscc(e.uscc);
      expect(r.valid, `${e.uscc}: ${r.reason}`).toBe(true);
      expect(r.registrationAuthority?.code).toBe('9');
      expect(r.entityType?.code).toBe(typeOf[e.entityType]);
      expect(r.division).toEqual({ code: '320507', name: '相城区' });
    }
    expect(new Set(enterprises.map((e) => e.uscc)).size).toBe(N);
  });

  it('names are distinct and shaped by entity type', () => {
    expect(new Set(enterprises.map((e) => e.name)).size).toBe(N);
    for (const e of enterprises) {
      if (e.entityType === 'company') expect(e.name).toMatch(/^苏州.{2,3}.+有限公司$/);
      if (e.entityType === 'individual_business')
        expect(e.name.startsWith(`相城区${e.town}`) && e.name.endsWith('店')).toBe(true);
      if (e.entityType === 'cooperative') expect(e.name).toMatch(/^苏州市相城区.+专业合作社$/);
    }
  });
});

describe('generateDemoEnterprises — determinism', () => {
  it('same seed, same data; different seed, different data', () => {
    expect(generateDemoEnterprises(N, 20220511)).toEqual(enterprises);
    const other = generateDemoEnterprises(N, 20220512);
    expect(other).not.toEqual(enterprises);
    expect(other.filter((e, i) => e.uscc === enterprises[i]?.uscc).length).toBeLessThan(5);
  });

  it('a shorter run is a prefix of a longer one', () => {
    expect(generateDemoEnterprises(100, 20220511)).toEqual(enterprises.slice(0, 100));
  });
});

describe('generateDemoEnterprises — plausibility', () => {
  it('小微 dominate and every size occurs', () => {
    expect(share((e) => e.size === 'micro' || e.size === 'small')).toBeGreaterThan(0.7);
    expect(share((e) => e.size === 'micro')).toBeGreaterThan(share((e) => e.size === 'small'));
    for (const s of ['micro', 'small', 'medium', 'large'] as const)
      expect(share((e) => e.size === s)).toBeGreaterThan(0);
    expect(share((e) => e.size === 'large')).toBeLessThan(0.06);
  });

  it('mostly companies, then 个体工商户, a few cooperatives', () => {
    const c = share((e) => e.entityType === 'company');
    const i = share((e) => e.entityType === 'individual_business');
    const k = share((e) => e.entityType === 'cooperative');
    expect(c).toBeGreaterThan(0.6);
    expect(i).toBeGreaterThan(k);
    expect(k).toBeGreaterThan(0);
  });

  it('manufacturing and trade lead, with software/IT present', () => {
    const counts = new Map<string, number>();
    for (const e of enterprises) counts.set(e.industrySection, (counts.get(e.industrySection) ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([s]) => s);
    expect(ranked.slice(0, 2).sort()).toEqual(['C', 'F']);
    expect(counts.get('I') ?? 0).toBeGreaterThan(N * 0.04);
  });

  it('industry codes are consistent GB/T 4754-2017 section/division pairs', () => {
    for (const e of enterprises) {
      expect(INDUSTRY_SECTIONS[e.industrySection]).toBeDefined();
      expect(e.industryDivision).toMatch(/^\d{2}$/);
      expect(INDUSTRY_DIVISIONS[e.industryDivision]?.section).toBe(e.industrySection);
      expect(INDUSTRY_DIVISIONS[e.industryDivision]?.name).toBe(e.industryName);
    }
    expect(INDUSTRY_DIVISIONS['39']?.name).toBe('计算机、通信和其他电子设备制造业');
    expect(INDUSTRY_DIVISIONS['65']?.name).toBe('软件和信息技术服务业');
    expect(Object.keys(INDUSTRY_SECTIONS).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
  });

  it('size agrees with employees and revenue under the 2017 rules', () => {
    for (const e of enterprises) {
      expect(classifyEnterpriseSize(e.industryDivision, e.employees, e.annualRevenue), e.name).toBe(e.size);
      expect(e.employees).toBeGreaterThanOrEqual(1);
      expect(e.annualRevenue).toBeGreaterThan(0);
      expect(e.registeredCapital).toBeGreaterThan(0);
    }
    for (const e of enterprises.filter((x) => x.entityType === 'individual_business'))
      expect(e.size).toBe('micro');
  });

  it('recognitions are plausible: 专精特新 never large, both only for companies', () => {
    for (const e of enterprises) {
      if (e.specialisedSme) expect(e.size).not.toBe('large');
      if (e.highTech || e.specialisedSme) expect(e.entityType).toBe('company');
    }
    expect(share((e) => e.highTech)).toBeGreaterThan(0.01);
    expect(share((e) => e.highTech)).toBeLessThan(0.2);
  });

  it('dates, places and phones', () => {
    for (const e of enterprises) {
      expect(e.foundedOn >= '1995-01-01' && e.foundedOn <= '2026-10-31', e.foundedOn).toBe(true);
      expect(Number.isNaN(Date.parse(e.foundedOn))).toBe(false);
      if (e.entityType === 'cooperative') expect(e.foundedOn >= '2007-07-01').toBe(true);
      expect(towns.has(e.town)).toBe(true);
      expect(e.address).toMatch(new RegExp(`^苏州市相城区${e.town}.+\\d+号$`));
      expect(e.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(e.legalRepresentative).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(e.status).toBe('active');
    }
  });
});

describe('classifySize — thresholds of 国统字〔2017〕213号', () => {
  it('industry: 1000 people and 40000 万元 for large, 300/2000 medium, 20/300 small', () => {
    expect(classifySize('industrial', 1000, 40000)).toBe('large');
    expect(classifySize('industrial', 999, 40000)).toBe('medium');
    expect(classifySize('industrial', 1000, 39999)).toBe('medium');
    expect(classifySize('industrial', 300, 2000)).toBe('medium');
    expect(classifySize('industrial', 20, 300)).toBe('small');
    expect(classifySize('industrial', 19, 5000)).toBe('micro');
  });

  it('retail, software and the employees-only rule', () => {
    expect(classifySize('retail', 10, 100)).toBe('small');
    expect(classifySize('retail', 9, 100)).toBe('micro');
    expect(classifySize('software', 10, 50)).toBe('small');
    expect(classifySize('other', 300, 1)).toBe('large');
    expect(classifySize('other', 9, 100000)).toBe('micro');
    expect(classifySize('construction', 1, 80000)).toBe('large');
  });
});
