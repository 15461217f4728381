import { describe, it, expect } from 'vitest';
import {
  checkUscc,
  divisionName,
  makeUscc,
  orgCodeCheckChar,
  REGISTRATION_AUTHORITIES,
  USCC_CHARSET,
  usccCheckChar,
} from './uscc.ts';

/** Small deterministic PRNG so the property tests are reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  const x = xs[Math.floor(r() * xs.length)];
  if (x === undefined) throw new Error('empty');
  return x;
}

function randomCodes(n: number, seed: number): string[] {
  const r = rng(seed);
  const combos = Object.entries(REGISTRATION_AUTHORITIES).flatMap(([a, spec]) =>
    Object.keys(spec.types).map((t) => [a, t] as const),
  );
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const [authority, type] = pick(r, combos);
    const division = String(100000 + Math.floor(r() * 900000));
    let body = '';
    for (let k = 0; k < 8; k++) body += pick(r, [...USCC_CHARSET]);
    out.push(makeUscc({ authority, type, division, orgBody8: body }));
  }
  return out;
}

describe('checkUscc — the worked example of GB 32100-2015', () => {
  it('accepts 91350100M000100Y43 and decodes its parts', () => {
    const r = checkUscc('91350100M000100Y43');
    expect(r).toEqual({
      code: '91350100M000100Y43',
      valid: true,
      reason: null,
      reasonCode: null,
      registrationAuthority: { code: '9', name: '工商' },
      entityType: { code: '1', name: '企业' },
      division: { code: '350100', name: '福州市' },
      organizationCode: 'M000100Y4',
    });
  });

  it('position 17 of the example satisfies GB 11714 (so the org-code check is safe to enforce)', () => {
    // M=22: 22·3 + 0·7 + 0·9 + 0·10 + 1·5 + 0·8 + 0·4 + 34·2 = 139; 139 mod 11 = 7; 11 − 7 = 4.
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('rejects 91350100M000100Y4Z (Z is outside the alphabet) and says what position 18 should be', () => {
    const r = checkUscc('91350100M000100Y4Z');
    expect(r.valid).toBe(false);
    expect(r.reasonCode).toBe('CHARSET');
    expect(r.reason).toContain('第18位');
    expect(r.reason).toContain('“Z”');
    expect(r.reason).toContain('应为“3”');
  });

  it('rejects a wrong check character from inside the alphabet with CHECK', () => {
    const r = checkUscc('91350100M000100Y44');
    expect(r.valid).toBe(false);
    expect(r.reasonCode).toBe('CHECK');
    expect(r.reason).toContain('第18位');
    expect(r.reason).toContain('“3”');
    expect(r.reason).toContain('“4”');
  });

  it('accepts published codes of real enterprises', () => {
    for (const c of [
      '9144030071526726XG',
      '91330100716105852F',
      '92141127MA0KD1Y64A',
      '12440600MB2C07549J',
    ]) {
      expect(checkUscc(c).valid, c).toBe(true);
    }
  });
});

describe('checkUscc — normalisation and reasons', () => {
  it('trims, uppercases and folds full-width characters', () => {
    expect(checkUscc('  91350100m000100y43\n').valid).toBe(true);
    expect(checkUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toMatchObject({
      valid: true,
      code: '91350100M000100Y43',
    });
  });

  it('EMPTY and LENGTH', () => {
    expect(checkUscc('   ').reasonCode).toBe('EMPTY');
    const r = checkUscc('91350100M000100Y4');
    expect(r.reasonCode).toBe('LENGTH');
    expect(r.reason).toContain('18位');
    expect(r.reason).toContain('17位');
    expect(checkUscc('91350100M000100Y433').reasonCode).toBe('LENGTH');
  });

  it('CHARSET names the position, the character and the excluded letters', () => {
    for (const bad of ['I', 'O', 'Z', 'S', 'V']) {
      const r = checkUscc(`91350100M0${bad}0100Y43`);
      expect(r.reasonCode).toBe('CHARSET');
      expect(r.reason).toContain('第11位');
      expect(r.reason).toContain(`“${bad}”`);
      expect(r.reason).toContain('I、O、Z、S、V');
    }
    const r = checkUscc('91350100M000100Y4#');
    expect(r.reasonCode).toBe('CHARSET');
    expect(r.reason).toContain('第18位');
  });

  it('AUTHORITY for an undefined first character', () => {
    const r = checkUscc('B1350100M000100Y43');
    expect(r.reasonCode).toBe('AUTHORITY');
    expect(r.reason).toContain('“B”');
    expect(r.registrationAuthority).toBeNull();
  });

  it('ENTITY_TYPE for a type the authority does not define, listing the allowed ones', () => {
    const r = checkUscc('94350100M000100Y43');
    expect(r.reasonCode).toBe('ENTITY_TYPE');
    expect(r.reason).toContain('“4”');
    expect(r.reason).toContain('2 个体工商户');
    expect(r.registrationAuthority).toEqual({ code: '9', name: '工商' });
    expect(checkUscc('Y2350100M000100Y43').reasonCode).toBe('ENTITY_TYPE');
  });

  it('every published authority/type combination decodes', () => {
    for (const [a, spec] of Object.entries(REGISTRATION_AUTHORITIES)) {
      for (const [t, name] of Object.entries(spec.types)) {
        const code = makeUscc({ authority: a, type: t, division: '320507', orgBody8: '12345678' });
        const r = checkUscc(code);
        expect(r.valid, code).toBe(true);
        expect(r.registrationAuthority?.name).toBe(spec.name);
        expect(r.entityType).toEqual({ code: t, name });
        expect(r.division).toEqual({ code: '320507', name: '相城区' });
      }
    }
  });

  it('DIVISION when positions 3–8 are not all digits', () => {
    const r = checkUscc('9135A100M000100Y43');
    expect(r.reasonCode).toBe('DIVISION');
    expect(r.reason).toContain('35A100');
  });

  it('ORG_CHECK when position 17 is wrong even if position 18 matches the wrong value', () => {
    const first17 = '91350100M000100Y5';
    const code = first17 + usccCheckChar(first17);
    const r = checkUscc(code);
    expect(r.valid).toBe(false);
    expect(r.reasonCode).toBe('ORG_CHECK');
    expect(r.reason).toContain('第17位');
    expect(r.reason).toContain('“4”');
    expect(r.organizationCode).toBe('M000100Y5');
  });

  it('never throws on odd input', () => {
    const odd: unknown[] = [
      '',
      '\u0000'.repeat(18),
      '😀'.repeat(18),
      'a'.repeat(10_000),
      null,
      undefined,
      42,
    ];
    for (const x of odd) expect(() => checkUscc(x as string)).not.toThrow();
    expect(checkUscc('😀'.repeat(18)).reasonCode).toBe('CHARSET');
    expect(checkUscc(null as unknown as string).valid).toBe(false);
  });
});

describe('divisionName', () => {
  it('names Suzhou divisions exactly and others by province', () => {
    expect(divisionName('320507')).toBe('相城区');
    expect(divisionName('320583')).toBe('昆山市');
    expect(divisionName('320102')).toBe('江苏省南京市辖区');
    expect(divisionName('320000')).toBe('江苏省');
    expect(divisionName('350100')).toBe('福州市');
    expect(divisionName('110105')).toBe('北京市辖区');
    expect(divisionName('990000')).toBeNull();
    expect(divisionName('32050')).toBeNull();
  });
});

describe('orgCodeCheckChar (GB 11714)', () => {
  it('maps remainder 10 to X and 11 to 0', () => {
    // Published organisation codes: 71526726-X and 71610585-2.
    expect(orgCodeCheckChar('71526726')).toBe('X');
    expect(orgCodeCheckChar('71610585')).toBe('2');
    // Σ = 0 → 11 − 0 = 11 → '0'.
    expect(orgCodeCheckChar('00000000')).toBe('0');
  });

  it('values letters the GB 11714 way (A=10 … Z=35, including letters the USCC does not use)', () => {
    // Z·3 = 105 = 9·11 + 6 → 11 − 6 = 5
    expect(orgCodeCheckChar('Z0000000')).toBe('5');
    // I·3 = 54 = 4·11 + 10 → 1
    expect(orgCodeCheckChar('I0000000')).toBe('1');
  });

  it('throws on malformed bodies', () => {
    expect(() => orgCodeCheckChar('1234567')).toThrow(RangeError);
    expect(() => orgCodeCheckChar('1234567#')).toThrow(RangeError);
  });
});

describe('makeUscc', () => {
  it('builds codes that pass both checks and round-trip their parts', () => {
    const code = makeUscc({ authority: '9', type: '1', division: '320507', orgBody8: 'MA1XKT0R' });
    const r = checkUscc(code);
    expect(r.valid).toBe(true);
    expect(code.slice(0, 16)).toBe('91320507MA1XKT0R');
    expect(r.organizationCode).toBe(`MA1XKT0R${orgCodeCheckChar('MA1XKT0R')}`);
  });

  it('refuses impossible parts', () => {
    expect(() => makeUscc({ authority: 'B', type: '1', division: '320507', orgBody8: '12345678' })).toThrow(
      RangeError,
    );
    expect(() => makeUscc({ authority: '9', type: '9', division: '320507', orgBody8: '12345678' })).toThrow(
      RangeError,
    );
    expect(() => makeUscc({ authority: '9', type: '1', division: '32050', orgBody8: '12345678' })).toThrow(
      RangeError,
    );
    expect(() => makeUscc({ authority: '9', type: '1', division: '320507', orgBody8: '1234567I' })).toThrow(
      RangeError,
    );
  });
});

describe('property: single-character errors are always caught', () => {
  const codes = randomCodes(300, 20261127);
  const alphabet = [...USCC_CHARSET, 'I', 'O', 'Z', 'S', 'V'];

  it('generated codes are valid', () => {
    for (const c of codes) expect(checkUscc(c).valid, c).toBe(true);
  });

  it('every substitution at every position is rejected', () => {
    let mutations = 0;
    for (const c of codes) {
      for (let i = 0; i < 18; i++) {
        for (const ch of alphabet) {
          if (ch === c[i]) continue;
          const m = c.slice(0, i) + ch + c.slice(i + 1);
          const r = checkUscc(m);
          if (r.valid) throw new Error(`mutation ${m} of ${c} accepted`);
          mutations++;
        }
      }
    }
    expect(mutations).toBe(codes.length * 18 * (alphabet.length - 1));
  });

  it('substitutions in the body are reported against a check character', () => {
    const seen = new Set<string | null>();
    for (const c of codes.slice(0, 50)) {
      for (let i = 8; i < 16; i++) {
        for (const ch of USCC_CHARSET) {
          if (ch === c[i]) continue;
          seen.add(checkUscc(c.slice(0, i) + ch + c.slice(i + 1)).reasonCode);
        }
      }
    }
    // A change by a multiple of 11 (e.g. 0 → B) slips past GB 11714 and is caught only by position 18.
    expect([...seen].sort()).toEqual(['CHECK', 'ORG_CHECK']);
  });

  it('every adjacent transposition of distinct characters within positions 1–17 is rejected', () => {
    for (const c of codes) {
      for (let i = 0; i < 16; i++) {
        if (c[i] === c[i + 1]) continue;
        const m = c.slice(0, i) + c.charAt(i + 1) + c.charAt(i) + c.slice(i + 2);
        expect(checkUscc(m).valid, `${c} → ${m}`).toBe(false);
      }
    }
  });
});
