/**
 * Deterministic demo people (names, valid ID numbers, mobile numbers) and the seeded PRNG the other demo
 * generators share. Everything is a pure function of the seed: no clock, no Math.random.
 */
import { idCardCheckChar } from '../identifiers/id-card.ts';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  /** Picks by relative weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  chance(p: number): boolean;
  /** Log-uniform in [lo, hi): for quantities that span orders of magnitude (employees, revenue). */
  logUniform(lo: number, hi: number): number;
}

/** mulberry32: tiny, fast and good enough for demo data; not for anything security-related. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const rng: Rng = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => {
      if (xs.length === 0) throw new RangeError('pick from an empty list');
      return xs[Math.floor(next() * xs.length)] as T;
    },
    weighted: <T>(entries: readonly (readonly [T, number])[]): T => {
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let x = next() * total;
      for (const [value, w] of entries) {
        x -= w;
        if (x < 0) return value;
      }
      const last = entries[entries.length - 1];
      if (!last) throw new RangeError('weighted pick from an empty list');
      return last[0];
    },
    chance: (p) => next() < p,
    logUniform: (lo, hi) => lo * Math.pow(hi / lo, next()),
  };
  return rng;
}

/** Common surnames, with those frequent around Suzhou (陆 顾 沈 钱 …) weighted up. */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 8],
  ['张', 8],
  ['陈', 8],
  ['李', 7],
  ['周', 6],
  ['徐', 6],
  ['朱', 6],
  ['沈', 6],
  ['陆', 6],
  ['顾', 5],
  ['吴', 6],
  ['钱', 4],
  ['杨', 4],
  ['刘', 4],
  ['黄', 4],
  ['孙', 4],
  ['金', 3],
  ['蒋', 3],
  ['姚', 3],
  ['许', 3],
  ['潘', 3],
  ['范', 2],
  ['汤', 2],
  ['施', 2],
  ['严', 2],
  ['唐', 2],
  ['赵', 3],
  ['马', 2],
  ['胡', 2],
  ['郭', 2],
  ['何', 2],
  ['高', 2],
  ['林', 2],
  ['邵', 2],
  ['宋', 2],
  ['谢', 2],
  ['韩', 1],
  ['曹', 2],
  ['俞', 2],
  ['倪', 2],
  ['殷', 1],
  ['杭', 1],
  ['浦', 1],
  ['蔡', 1],
  ['丁', 1],
  ['龚', 1],
  ['薛', 1],
  ['叶', 1],
  ['袁', 1],
  ['戴', 1],
];

const GIVEN_MALE = [...'伟强军杰勇涛明超磊斌浩鹏辉峰俊宇晨刚健亮波勤志建国平华东海新春晓云旭阳凯文彬嘉'];
const GIVEN_FEMALE = [...'芳丽娟敏静燕霞婷雪琳颖洁佳怡欣倩萍玲慧蕾红梅英琴雯晓云月华春秀兰萱悦嘉'];

export type Sex = 'male' | 'female';

export function generatePersonName(rng: Rng, sex: Sex = rng.chance(0.5) ? 'male' : 'female'): string {
  const pool = sex === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
  const given = rng.chance(0.65) ? rng.pick(pool) + rng.pick(pool) : rng.pick(pool);
  return rng.weighted(SURNAMES) + given;
}

/** Mobile prefixes in use by the three carriers (all 1[3-9]x). */
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '177',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
] as const;

export function generateMobile(rng: Rng): string {
  let rest = '';
  for (let i = 0; i < 8; i++) rest += String(rng.int(0, 9));
  return rng.pick(MOBILE_PREFIXES) + rest;
}

/** Suzhou divisions used as ID-card address codes, 相城区 dominant. */
const ID_DIVISIONS: readonly (readonly [string, number])[] = [
  ['320507', 10],
  ['320505', 2],
  ['320506', 2],
  ['320508', 2],
  ['320509', 1],
  ['320581', 1],
  ['320582', 1],
  ['320583', 1],
  ['320585', 1],
];

/** A YYYY-MM-DD date uniformly between two dates (inclusive), computed in UTC so it is zone-independent. */
export function randomDate(rng: Rng, from: string, to: string, skew = 1): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  const days = Math.round((b - a) / 86_400_000);
  const offset = Math.floor(Math.pow(rng.next(), skew) * (days + 1));
  return new Date(a + offset * 86_400_000).toISOString().slice(0, 10);
}

/** A valid 18-character ID number (correct check character) for the given division, birth date and sex. */
export function generateIdCard(rng: Rng, p: { division: string; birthDate: string; sex: Sex }): string {
  // Sequence 000 is not issued; position 17 odd for men, even for women.
  const seq = rng.int(1, 499) * 2 - (p.sex === 'male' ? 1 : 0);
  const first17 = p.division + p.birthDate.replaceAll('-', '') + String(seq).padStart(3, '0');
  return first17 + idCardCheckChar(first17);
}

export interface DemoPerson {
  name: string;
  sex: Sex;
  birthDate: string;
  idCard: string;
  phone: string;
}

/** One adult (born 1956–2004) for demo accounts; the same seed always yields the same person. */
export function generateDemoPerson(seed: number): DemoPerson {
  const rng = createRng(seed);
  const sex: Sex = rng.chance(0.5) ? 'male' : 'female';
  const name = generatePersonName(rng, sex);
  const birthDate = randomDate(rng, '1956-01-01', '2004-12-31');
  const idCard = generateIdCard(rng, { division: rng.weighted(ID_DIVISIONS), birthDate, sex });
  return { name, sex, birthDate, idCard, phone: generateMobile(rng) };
}

/** `count` distinct people (distinct ID numbers and phones) from one seed. */
export function generateDemoPeople(count: number, seed: number): DemoPerson[] {
  const out: DemoPerson[] = [];
  const ids = new Set<string>();
  const phones = new Set<string>();
  for (let i = 0; out.length < count; i++) {
    const p = generateDemoPerson((Math.imul(seed, 0x9e3779b1) + i) >>> 0);
    if (ids.has(p.idCard) || phones.has(p.phone)) continue;
    ids.add(p.idCard);
    phones.add(p.phone);
    out.push(p);
  }
  return out;
}
