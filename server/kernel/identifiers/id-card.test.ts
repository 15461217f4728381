import { describe, it, expect } from 'vitest';
import { checkIdCard, idCardCheckChar, maskIdCard, maskPhone } from './id-card.ts';

const TODAY = { today: '2026-11-27' };

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

function randomIds(n: number, seed: number): string[] {
  const r = rng(seed);
  const divisions = ['110105', '320507', '320583', '440305', '510104', '650102'];
  const out: string[] = [];
  const start = Date.UTC(1930, 0, 1);
  const end = Date.UTC(2020, 11, 31);
  for (let i = 0; i < n; i++) {
    const birth = new Date(start + Math.floor(r() * (end - start)))
      .toISOString()
      .slice(0, 10)
      .replaceAll('-', '');
    const seq = String(Math.floor(r() * 1000)).padStart(3, '0');
    const first17 = (divisions[i % divisions.length] ?? '') + birth + seq;
    out.push(first17 + idCardCheckChar(first17));
  }
  return out;
}

describe('checkIdCard', () => {
  it('accepts the GB 11643 example 11010519491231002X and decodes it', () => {
    expect(checkIdCard('11010519491231002X', TODAY)).toEqual({
      code: '11010519491231002X',
      valid: true,
      reason: null,
      reasonCode: null,
      birthDate: '1949-12-31',
      sex: 'female',
      division: '110105',
    });
  });

  it('accepts a lower-case x and surrounding spaces', () => {
    expect(checkIdCard(' 11010519491231002x ', TODAY).valid).toBe(true);
  });

  it('decodes sex from the parity of position 17', () => {
    const male = '32050719900101001';
    expect(checkIdCard(male + idCardCheckChar(male), TODAY).sex).toBe('male');
    const female = '32050719900101002';
    expect(checkIdCard(female + idCardCheckChar(female), TODAY).sex).toBe('female');
  });

  it('CHECK says what the check character should be', () => {
    const r = checkIdCard('110105194912310021', TODAY);
    expect(r.reasonCode).toBe('CHECK');
    expect(r.reason).toContain('“X”');
    expect(r.reason).toContain('“1”');
  });

  it('LENGTH, with a note for old 15-digit numbers', () => {
    expect(checkIdCard('', TODAY).reasonCode).toBe('EMPTY');
    const r = checkIdCard('110105491231002', TODAY);
    expect(r.reasonCode).toBe('LENGTH');
    expect(r.reason).toContain('15位');
  });

  it('CHARSET: digits only, X only last', () => {
    const r = checkIdCard('1101051949123100X2', TODAY);
    expect(r.reasonCode).toBe('CHARSET');
    expect(r.reason).toContain('第17位');
    expect(checkIdCard('11010519491231002Y', TODAY).reasonCode).toBe('CHARSET');
  });

  it('DIVISION for an unknown province prefix', () => {
    const first17 = '99010519491231002';
    const r = checkIdCard(first17 + idCardCheckChar(first17), TODAY);
    expect(r.reasonCode).toBe('DIVISION');
    expect(r.reason).toContain('99');
  });

  it('BIRTH_DATE for impossible, too early and future dates', () => {
    const mk = (first17: string) => first17 + idCardCheckChar(first17);
    expect(checkIdCard(mk('11010519490230002'), TODAY).reasonCode).toBe('BIRTH_DATE');
    expect(checkIdCard(mk('11010519491301002'), TODAY).reasonCode).toBe('BIRTH_DATE');
    expect(checkIdCard(mk('11010520230229002'), TODAY).reasonCode).toBe('BIRTH_DATE');
    expect(checkIdCard(mk('11010520240229002'), TODAY).valid).toBe(true);
    expect(checkIdCard(mk('11010518991231002'), TODAY).reasonCode).toBe('BIRTH_DATE');
    const future = checkIdCard(mk('11010520261128002'), TODAY);
    expect(future.reasonCode).toBe('BIRTH_DATE');
    expect(future.reason).toContain('2026-11-28');
    expect(checkIdCard(mk('11010520261127002'), TODAY).valid).toBe(true);
  });

  it('uses the real clock when no date is pinned', () => {
    const first17 = '11010520991231002';
    expect(checkIdCard(first17 + idCardCheckChar(first17)).reasonCode).toBe('BIRTH_DATE');
    expect(checkIdCard('11010519491231002X').valid).toBe(true);
  });

  it('never throws on odd input', () => {
    for (const x of [null, undefined, 7, '😀'.repeat(18), 'x'.repeat(100_000)] as unknown[]) {
      expect(() => checkIdCard(x as string, TODAY)).not.toThrow();
    }
  });
});

describe('property: every single-character error is caught', () => {
  const ids = randomIds(400, 11643);

  it('generated numbers are valid', () => {
    for (const id of ids) expect(checkIdCard(id, TODAY).valid, id).toBe(true);
  });

  it('every substitution at every position is rejected', () => {
    const alphabet = [...'0123456789X'];
    let n = 0;
    for (const id of ids) {
      for (let i = 0; i < 18; i++) {
        for (const ch of alphabet) {
          if (ch === id[i]) continue;
          const m = id.slice(0, i) + ch + id.slice(i + 1);
          if (checkIdCard(m, TODAY).valid) throw new Error(`mutation ${m} of ${id} accepted`);
          n++;
        }
      }
    }
    expect(n).toBe(ids.length * 18 * 10);
  });
});

describe('idCardCheckChar', () => {
  it('refuses malformed input', () => {
    expect(() => idCardCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => idCardCheckChar('1101051949123100A')).toThrow(RangeError);
  });
});

describe('masking', () => {
  it('maskIdCard keeps the first 6 and last 4', () => {
    expect(maskIdCard('11010519491231002X')).toBe('110105********002X');
    expect(maskIdCard(' 11010519491231002X ')).toBe('110105********002X');
    expect(maskIdCard('1234567890')).toBe('**********');
    expect(maskIdCard('')).toBe('');
  });

  it('maskPhone hides the middle four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskPhone('+8613812345678')).toBe('+86138****5678');
    expect(maskPhone('0512-65281234')).toBe('051*****1234');
    expect(maskPhone('12345')).toBe('*****');
  });
});
