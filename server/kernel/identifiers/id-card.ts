/**
 * 居民身份证号 (GB 11643-1999): 6-digit address code (GB/T 2260) · 8-digit birth date · 3-digit sequence (odd = male)
 * · check character (ISO 7064 MOD 11-2).
 */
import { chinaDate } from '../china-time.ts';
import { PROVINCE_PREFIXES } from './uscc.ts';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/**
 * Address prefixes accepted besides the provinces: 83 is used by 台湾居民居住证 (81/82 for 港澳 are provinces in
 * the table already); 10 is a national registration prefix and never an address, so it is excluded.
 */
const EXTRA_ID_PREFIXES: Readonly<Record<string, string>> = { '83': '台湾居民居住证' };

/** People born before this year are treated as a typing error rather than a living holder. */
const EARLIEST_BIRTH_YEAR = 1900;

export type IdCardReasonCode = 'EMPTY' | 'LENGTH' | 'CHARSET' | 'DIVISION' | 'BIRTH_DATE' | 'CHECK';

export interface IdCardResult {
  code: string;
  valid: boolean;
  reason: string | null;
  reasonCode: string | null;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  division: string | null;
}

/** The 18th character for the first 17 digits. Throws RangeError on malformed input (a builder, not a validator). */
export function idCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCardCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK.charAt(sum % 11);
}

/** Today's calendar date in China, so that "not in the future" does not depend on the server's time zone. */
function todayInShanghai(): string {
  return chinaDate(new Date());
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * Validates an 18-character ID number. Never throws. `options.today` (YYYY-MM-DD) pins the clock for tests and
 * batch jobs; by default it is today in Asia/Shanghai.
 */
export function checkIdCard(input: string, options: { today?: string } = {}): IdCardResult {
  const code = typeof input === 'string' ? input.normalize('NFKC').trim().toUpperCase() : '';
  const result: IdCardResult = {
    code,
    valid: false,
    reason: null,
    reasonCode: null,
    birthDate: null,
    sex: null,
    division: null,
  };
  const fail = (reasonCode: IdCardReasonCode, reason: string): IdCardResult => {
    result.reasonCode = reasonCode;
    result.reason = reason;
    return result;
  };

  if (code.length === 0) return fail('EMPTY', '身份证号码为空。');
  const chars = Array.from(code);
  if (chars.length !== 18) {
    const old = chars.length === 15 ? '15位一代身份证号码已停止使用，' : '';
    return fail('LENGTH', `${old}身份证号码应为18位，实际为${chars.length}位。`);
  }
  for (let i = 0; i < 18; i++) {
    const ch = chars[i] ?? '';
    const ok = i < 17 ? ch >= '0' && ch <= '9' : (ch >= '0' && ch <= '9') || ch === 'X';
    if (!ok) {
      const rule = i < 17 ? '前17位只能是数字' : '第18位只能是数字或X';
      return fail('CHARSET', `第${i + 1}位字符“${ch}”不合法：${rule}。`);
    }
  }

  const division = code.slice(0, 6);
  const prefix = division.slice(0, 2);
  if (
    prefix === '10' ||
    (PROVINCE_PREFIXES[prefix] === undefined && EXTRA_ID_PREFIXES[prefix] === undefined)
  ) {
    return fail('DIVISION', `前6位地址码“${division}”不是有效的省级行政区划（前两位“${prefix}”未定义）。`);
  }
  result.division = division;

  const y = Number(code.slice(6, 10));
  const m = Number(code.slice(10, 12));
  const d = Number(code.slice(12, 14));
  const birth = `${code.slice(6, 10)}-${code.slice(10, 12)}-${code.slice(12, 14)}`;
  if (!isRealDate(y, m, d)) return fail('BIRTH_DATE', `第7–14位出生日期“${code.slice(6, 14)}”不是有效日期。`);
  if (y < EARLIEST_BIRTH_YEAR) return fail('BIRTH_DATE', `出生日期${birth}早于${EARLIEST_BIRTH_YEAR}年。`);
  const today = options.today ?? todayInShanghai();
  if (birth > today) return fail('BIRTH_DATE', `出生日期${birth}晚于今天（${today}）。`);
  result.birthDate = birth;
  result.sex = (code.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female';

  const expected = idCardCheckChar(code.slice(0, 17));
  if (code.charAt(17) !== expected) {
    return fail('CHECK', `第18位校验码应为“${expected}”，实际为“${code.charAt(17)}”。`);
  }
  result.valid = true;
  return result;
}

/** First 6 and last 4 characters visible, the rest `*`; anything of 10 characters or fewer is masked entirely. */
export function maskIdCard(s: string): string {
  const chars = Array.from(s.trim());
  if (chars.length <= 10) return '*'.repeat(chars.length);
  return chars.slice(0, 6).join('') + '*'.repeat(chars.length - 10) + chars.slice(-4).join('');
}

/**
 * Mobile numbers as `138****5678` (a `+86`/`86` prefix is kept); other numbers keep their first 3 and last 4
 * characters when long enough, otherwise they are masked entirely.
 */
export function maskPhone(s: string): string {
  const compact = s.trim().replace(/[\s-]/g, '');
  const mobile = /^(\+?86)?(1\d{10})$/.exec(compact);
  if (mobile) {
    const n = mobile[2] ?? '';
    return (mobile[1] ?? '') + n.slice(0, 3) + '****' + n.slice(7);
  }
  const chars = Array.from(compact);
  if (chars.length < 8) return '*'.repeat(chars.length);
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('');
}
