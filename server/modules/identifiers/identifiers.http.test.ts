import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCardCheckChar } from '../../kernel/identifiers/id-card.ts';
import { makeUscc } from '../../kernel/identifiers/uscc.ts';
import { buildTestApp, createTestUser, loginCookie, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await buildTestApp();
  cookie = await loginCookie(t, await createTestUser(t, 'individual'));
});
afterAll(async () => {
  await t?.close();
});

async function uscc(code: string) {
  return t.app.inject({ method: 'GET', url: `/api/identifiers/uscc/${encodeURIComponent(code)}` });
}

describe('GET /api/identifiers/uscc/{code} (public)', () => {
  it('accepts the worked example of GB 32100-2015 and decodes it', async () => {
    const res = await uscc('91350100M000100Y43');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
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

  it('answers an invalid code with 200, valid: false and the reason', async () => {
    const res = await uscc('91350100M000100Y4Z');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.valid).toBe(false);
    expect(body.reasonCode).toBe('CHARSET');
    expect(body.reason).toContain('第18位');
    // The reason tells the user what the check character should have been.
    expect(body.reason).toContain('“3”');

    const wrongCheck = (await uscc('91350100M000100Y44')).json();
    expect(wrongCheck).toMatchObject({ valid: false, reasonCode: 'CHECK' });
    expect(wrongCheck.reason).toEqual(expect.any(String));

    for (const input of ['', 'abc', '中文', 'x'.repeat(64)]) {
      const r = await uscc(input);
      expect(r.statusCode, input).toBe(200);
      expect(r.json().valid, input).toBe(false);
      expect(r.json().reason, input).toEqual(expect.any(String));
    }
  });

  it('decodes a generated 相城区 code, also typed in lower case', async () => {
    const code = makeUscc({ authority: '9', type: '2', division: '320507', orgBody8: 'MA1X2Y3K' });
    const res = await uscc(code.toLowerCase());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      code,
      valid: true,
      entityType: { code: '2', name: '个体工商户' },
      division: { code: '320507', name: '相城区' },
      organizationCode: code.slice(8, 17),
    });
  });

  it('400 only for a path longer than 64 characters', async () => {
    const res = await uscc('9'.repeat(65));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('POST /api/identifiers/id-card/check', () => {
  const valid = '11010519491231002X';
  const first17 = '32050719900307123';
  const generated = first17 + idCardCheckChar(first17);
  const wrongCheck = first17 + (idCardCheckChar(first17) === '0' ? '1' : '0');

  async function check(number: unknown, withCookie = true) {
    return t.app.inject({
      method: 'POST',
      url: '/api/identifiers/id-card/check',
      payload: { number } as object,
      headers: withCookie ? { cookie } : {},
    });
  }

  it('401 without login (ID numbers are personal data)', async () => {
    const res = await check(valid, false);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('400 for a missing number', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/identifiers/id-card/check',
      payload: {},
      headers: { cookie },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(
      expect.objectContaining({ field: '/body/number', rule: 'required' }),
    );
  });

  it('valid numbers: birth date, sex and a masked number, never the full number', async () => {
    const res = await check(valid);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      valid: true,
      reason: null,
      reasonCode: null,
      birthMonth: '1949-12',
      sex: 'female',
      masked: '110105********002X',
    });
    expect(res.body).not.toContain(valid);
    expect(res.body).not.toContain('19491231');

    const mine = await check(generated.toLowerCase());
    expect(mine.json()).toMatchObject({ valid: true, birthMonth: '1990-03', sex: 'male' });
    expect(mine.body).not.toContain(generated.slice(6, 14));
    expect(mine.json().masked).toBe(`${generated.slice(0, 6)}********${generated.slice(14)}`);
    expect(mine.body).not.toContain(generated);
  });

  it('invalid numbers: valid false with a reason, and still no full number', async () => {
    const res = await check(wrongCheck);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ valid: false, reasonCode: 'CHECK' });
    expect(res.json().reason).toContain('第18位');
    expect(res.body).not.toContain(wrongCheck);

    const short = await check('1101051949123100');
    expect(short.json()).toMatchObject({ valid: false, reasonCode: 'LENGTH' });
    expect(short.body).not.toContain('1101051949123100');

    const future = await check('110105' + '20991231' + '002' + idCardCheckChar('11010520991231002'));
    expect(future.json()).toMatchObject({ valid: false, reasonCode: 'BIRTH_DATE' });
  });
});
