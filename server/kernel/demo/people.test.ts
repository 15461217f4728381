import { describe, it, expect } from 'vitest';
import { checkIdCard, maskIdCard } from '../identifiers/id-card.ts';
import { createRng, generateDemoPeople, generateDemoPerson, mulberry32 } from './people.ts';

describe('generateDemoPerson', () => {
  it('is deterministic per seed', () => {
    expect(generateDemoPerson(7)).toEqual(generateDemoPerson(7));
    expect(generateDemoPerson(7)).not.toEqual(generateDemoPerson(8));
  });

  it('ID numbers are valid and agree with the person', () => {
    for (let seed = 0; seed < 500; seed++) {
      const p = generateDemoPerson(seed);
      const r = checkIdCard(p.idCard, { today: '2026-11-27' });
      expect(r.valid, `${p.idCard}: ${r.reason}`).toBe(true);
      expect(r.birthDate).toBe(p.birthDate);
      expect(r.sex).toBe(p.sex);
      expect(r.division?.startsWith('3205')).toBe(true);
      expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(p.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(maskIdCard(p.idCard)).toBe(`${p.idCard.slice(0, 6)}********${p.idCard.slice(-4)}`);
    }
  });

  it('generateDemoPeople yields distinct ID numbers and phones', () => {
    const people = generateDemoPeople(300, 3);
    expect(people).toHaveLength(300);
    expect(new Set(people.map((p) => p.idCard)).size).toBe(300);
    expect(new Set(people.map((p) => p.phone)).size).toBe(300);
    expect(generateDemoPeople(300, 3)).toEqual(people);
  });
});

describe('createRng', () => {
  it('stays within its ranges and is reproducible', () => {
    const a = createRng(1);
    const b = mulberry32(1);
    expect(a.next()).toBe(b());
    for (let i = 0; i < 1000; i++) {
      const n = a.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
      const x = a.logUniform(10, 1000);
      expect(x >= 10 && x < 1000).toBe(true);
    }
    const picks = new Set(
      Array.from({ length: 200 }, () =>
        a.weighted([
          ['x', 1],
          ['y', 0],
          ['z', 1],
        ] as const),
      ),
    );
    expect([...picks].sort()).toEqual(['x', 'z']);
  });
});
