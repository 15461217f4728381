/**
 * Deterministic demo market entities for 相城区 (division 320507): companies, 个体工商户 and 农民专业合作社 with valid
 * USCCs, GB/T 4754-2017 industries and sizes classified by the 2017 statistical rules. Pure: same (count, seed),
 * same output.
 */
import { makeUscc, USCC_CHARSET } from '../identifiers/uscc.ts';
import { createRng, generateMobile, generatePersonName, randomDate, type Rng } from './people.ts';
import { XIANGCHENG_TOWNS } from './departments.ts';

export type EnterpriseSize = 'micro' | 'small' | 'medium' | 'large';
export type DemoEntityType = 'company' | 'individual_business' | 'cooperative';

export interface DemoEnterprise {
  uscc: string;
  name: string;
  legalRepresentative: string;
  industrySection: string;
  industryDivision: string;
  industryName: string;
  size: EnterpriseSize;
  entityType: DemoEntityType;
  /** 万元 */
  registeredCapital: number;
  employees: number;
  foundedOn: string;
  town: string;
  address: string;
  phone: string;
  highTech: boolean;
  /** 专精特新 */
  specialisedSme: boolean;
  /** 万元 */
  annualRevenue: number;
  status: 'active';
}

export const DEMO_DIVISION = '320507';

export { INDUSTRY_SECTIONS } from '../identifiers/industry.ts';

/**
 * Size thresholds of 《统计上大中小微型企业划分办法（2017）》 (国统字〔2017〕213号) as lower limits for
 * [small, medium, large]: employees (人) and operating revenue (万元); 0 means "not a criterion". A tier needs every
 * listed lower limit, otherwise the entity falls one tier. Simplifications, because the demo has no balance sheet:
 * construction and real estate ignore total assets; finance, leasing/business services and the rest use the
 * "其他未列明行业" rule (employees only).
 */
export const SIZE_RULES = {
  industrial: { employees: [20, 300, 1000], revenue: [300, 2000, 40000] },
  construction: { employees: [0, 0, 0], revenue: [300, 6000, 80000] },
  wholesale: { employees: [5, 20, 200], revenue: [1000, 5000, 40000] },
  retail: { employees: [10, 50, 300], revenue: [100, 500, 20000] },
  transport: { employees: [20, 300, 1000], revenue: [200, 3000, 30000] },
  warehousing: { employees: [20, 100, 200], revenue: [100, 1000, 30000] },
  hospitality: { employees: [10, 100, 300], revenue: [100, 2000, 10000] },
  information: { employees: [10, 100, 2000], revenue: [100, 1000, 100000] },
  software: { employees: [10, 100, 300], revenue: [50, 1000, 10000] },
  agriculture: { employees: [0, 0, 0], revenue: [50, 500, 20000] },
  other: { employees: [10, 100, 300], revenue: [0, 0, 0] },
} as const satisfies Record<string, { employees: readonly number[]; revenue: readonly number[] }>;

export type SizeRule = keyof typeof SIZE_RULES;

interface DivisionSpec {
  section: string;
  name: string;
  rule: SizeRule;
  /** Words that follow the brand in a company name (苏州<brand><word>有限公司). */
  words: readonly string[];
  /** Candidate for 高新技术企业 / 专精特新 recognition. */
  tech: boolean;
}

/** GB/T 4754-2017 divisions (大类) used by the demo: a manufacturing/services mix with the district's three clusters. */
export const INDUSTRY_DIVISIONS: Readonly<Record<string, DivisionSpec>> = {
  '01': { section: 'A', name: '农业', rule: 'agriculture', words: ['农业发展', '生态农业'], tech: false },
  '04': { section: 'A', name: '渔业', rule: 'agriculture', words: ['水产', '生态养殖'], tech: false },
  '05': {
    section: 'A',
    name: '农、林、牧、渔专业及辅助性活动',
    rule: 'agriculture',
    words: ['农业服务'],
    tech: false,
  },
  '14': { section: 'C', name: '食品制造业', rule: 'industrial', words: ['食品'], tech: false },
  '17': { section: 'C', name: '纺织业', rule: 'industrial', words: ['纺织', '织造'], tech: false },
  '18': { section: 'C', name: '纺织服装、服饰业', rule: 'industrial', words: ['服饰'], tech: false },
  '24': {
    section: 'C',
    name: '文教、工美、体育和娱乐用品制造业',
    rule: 'industrial',
    words: ['珠宝', '工艺品'],
    tech: false,
  },
  '26': {
    section: 'C',
    name: '化学原料和化学制品制造业',
    rule: 'industrial',
    words: ['新材料', '化工材料', '涂料'],
    tech: true,
  },
  '29': {
    section: 'C',
    name: '橡胶和塑料制品业',
    rule: 'industrial',
    words: ['塑胶', '塑业', '包装材料'],
    tech: false,
  },
  '30': {
    section: 'C',
    name: '非金属矿物制品业',
    rule: 'industrial',
    words: ['建材', '新型材料'],
    tech: true,
  },
  '33': {
    section: 'C',
    name: '金属制品业',
    rule: 'industrial',
    words: ['金属制品', '精密五金', '钣金'],
    tech: false,
  },
  '34': {
    section: 'C',
    name: '通用设备制造业',
    rule: 'industrial',
    words: ['机械', '精密机械', '自动化设备'],
    tech: true,
  },
  '35': {
    section: 'C',
    name: '专用设备制造业',
    rule: 'industrial',
    words: ['智能装备', '机电设备'],
    tech: true,
  },
  '36': {
    section: 'C',
    name: '汽车制造业',
    rule: 'industrial',
    words: ['汽车零部件', '汽车电子', '智能驾驶科技'],
    tech: true,
  },
  '38': {
    section: 'C',
    name: '电气机械和器材制造业',
    rule: 'industrial',
    words: ['电气', '电器', '新能源科技'],
    tech: true,
  },
  '39': {
    section: 'C',
    name: '计算机、通信和其他电子设备制造业',
    rule: 'industrial',
    words: ['电子科技', '光电科技', '半导体'],
    tech: true,
  },
  '40': { section: 'C', name: '仪器仪表制造业', rule: 'industrial', words: ['仪器', '测控技术'], tech: true },
  '44': {
    section: 'D',
    name: '电力、热力生产和供应业',
    rule: 'industrial',
    words: ['新能源发电', '综合能源'],
    tech: false,
  },
  '48': {
    section: 'E',
    name: '土木工程建筑业',
    rule: 'construction',
    words: ['市政工程', '建设工程'],
    tech: false,
  },
  '49': { section: 'E', name: '建筑安装业', rule: 'construction', words: ['机电安装'], tech: false },
  '50': {
    section: 'E',
    name: '建筑装饰、装修和其他建筑业',
    rule: 'construction',
    words: ['装饰工程', '建筑装饰'],
    tech: false,
  },
  '51': {
    section: 'F',
    name: '批发业',
    rule: 'wholesale',
    words: ['贸易', '商贸', '供应链管理', '进出口'],
    tech: false,
  },
  '52': { section: 'F', name: '零售业', rule: 'retail', words: ['商贸', '超市', '百货'], tech: false },
  '54': { section: 'G', name: '道路运输业', rule: 'transport', words: ['物流', '运输'], tech: false },
  '58': {
    section: 'G',
    name: '多式联运和运输代理业',
    rule: 'transport',
    words: ['国际货运代理', '货运代理'],
    tech: false,
  },
  '59': {
    section: 'G',
    name: '装卸搬运和仓储业',
    rule: 'warehousing',
    words: ['仓储', '仓储物流'],
    tech: false,
  },
  '61': { section: 'H', name: '住宿业', rule: 'hospitality', words: ['酒店管理'], tech: false },
  '62': { section: 'H', name: '餐饮业', rule: 'hospitality', words: ['餐饮管理', '餐饮'], tech: false },
  '64': {
    section: 'I',
    name: '互联网和相关服务',
    rule: 'information',
    words: ['网络科技', '互联网科技'],
    tech: true,
  },
  '65': {
    section: 'I',
    name: '软件和信息技术服务业',
    rule: 'software',
    words: ['信息科技', '软件科技', '数据科技', '区块链科技', '数字科技'],
    tech: true,
  },
  '67': { section: 'J', name: '资本市场服务', rule: 'other', words: ['股权投资管理'], tech: false },
  '69': { section: 'J', name: '其他金融业', rule: 'other', words: ['金融信息服务'], tech: false },
  '70': {
    section: 'K',
    name: '房地产业',
    rule: 'other',
    words: ['置业', '物业管理', '房地产经纪'],
    tech: false,
  },
  '71': { section: 'L', name: '租赁业', rule: 'other', words: ['设备租赁', '汽车租赁'], tech: false },
  '72': {
    section: 'L',
    name: '商务服务业',
    rule: 'other',
    words: ['企业管理咨询', '人力资源', '会展服务', '广告'],
    tech: false,
  },
  '73': {
    section: 'M',
    name: '研究和试验发展',
    rule: 'other',
    words: ['新材料研究院', '生物技术'],
    tech: true,
  },
  '74': {
    section: 'M',
    name: '专业技术服务业',
    rule: 'other',
    words: ['工程设计', '检测技术', '规划设计'],
    tech: true,
  },
  '75': {
    section: 'M',
    name: '科技推广和应用服务业',
    rule: 'other',
    words: ['科技', '技术服务', '节能科技'],
    tech: true,
  },
  '77': {
    section: 'N',
    name: '生态保护和环境治理业',
    rule: 'other',
    words: ['环保科技', '环境工程'],
    tech: true,
  },
  '80': { section: 'O', name: '居民服务业', rule: 'other', words: ['家政服务'], tech: false },
  '81': {
    section: 'O',
    name: '机动车、电子产品和日用产品修理业',
    rule: 'other',
    words: ['汽车服务'],
    tech: false,
  },
  '83': { section: 'P', name: '教育', rule: 'other', words: ['职业技能培训'], tech: false },
  '88': { section: 'R', name: '文化艺术业', rule: 'other', words: ['文化发展'], tech: false },
  '89': { section: 'R', name: '体育', rule: 'other', words: ['体育发展'], tech: false },
};

/** Company industries by weight: manufacturing and trade dominate, with software/data, materials and vehicles. */
const COMPANY_DIVISIONS: readonly (readonly [string, number])[] = [
  ['38', 6],
  ['39', 6],
  ['36', 4],
  ['34', 5],
  ['35', 4],
  ['33', 4],
  ['29', 3],
  ['26', 2],
  ['30', 1],
  ['17', 2],
  ['18', 1],
  ['24', 1],
  ['40', 2],
  ['14', 1],
  ['44', 1],
  ['48', 1],
  ['49', 1],
  ['50', 3],
  ['51', 10],
  ['52', 4],
  ['54', 2],
  ['58', 1],
  ['59', 2],
  ['61', 1],
  ['62', 3],
  ['64', 3],
  ['65', 8],
  ['67', 1],
  ['69', 1],
  ['70', 2],
  ['71', 1],
  ['72', 6],
  ['73', 2],
  ['74', 3],
  ['75', 4],
  ['77', 1],
  ['80', 1],
  ['81', 1],
  ['83', 1],
  ['88', 1],
  ['89', 0.5],
  ['01', 0.5],
  ['04', 0.5],
];

/** 个体工商户: shops, food, personal services and repairs; each with the shop words that end its name. */
const SHOP_DIVISIONS: readonly (readonly [string, number, readonly string[]])[] = [
  [
    '52',
    45,
    ['便利店', '水果店', '五金店', '服装店', '烟酒店', '日用品店', '副食品店', '花店', '茶叶店', '手机店'],
  ],
  ['62', 32, ['小吃店', '面食店', '快餐店', '饮品店', '熟食店', '烧烤店']],
  ['80', 13, ['理发店', '美容店', '洗衣店', '家政服务店']],
  ['81', 10, ['汽车修理店', '家电维修店', '手机维修店', '自行车修理店']],
];

const COOP_PRODUCTS: readonly (readonly [string, number, readonly string[]])[] = [
  ['04', 45, ['大闸蟹养殖', '水产养殖', '特种水产养殖']],
  ['01', 40, ['蔬菜种植', '葡萄种植', '水稻种植', '果品种植']],
  ['05', 15, ['农机服务', '植保服务']],
];

const BRAND_CHARS = [
  ...'华瑞恒鑫盛泰达博创晟润宏嘉誉锦鼎凯澄阳科新源汇丰利诚德信航智远联众卓越宇辰浩蓝天星海融通灵',
];
const ROADS = [
  '相城大道',
  '澄阳路',
  '春申湖路',
  '华元路',
  '嘉元路',
  '御窑路',
  '太阳路',
  '富元路',
  '人民路',
  '阳澄湖大道',
  '聚茂街',
  '朝阳路',
  '兴业路',
  '康元路',
  '富民路',
  '华阳路',
  '胡桥路',
  '渭中路',
  '潘阳路',
  '漕湖大道',
];

/** Companies spread over the district; cooperatives sit in the agricultural towns. */
const TOWN_WEIGHTS: Readonly<Record<string, number>> = {
  元和街道: 12,
  太平街道: 6,
  黄桥街道: 10,
  北河泾街道: 6,
  漕湖街道: 8,
  澄阳街道: 8,
  望亭镇: 8,
  黄埭镇: 12,
  渭塘镇: 8,
  北桥街道: 8,
  阳澄湖镇: 6,
};
const COOP_TOWNS = ['阳澄湖镇', '望亭镇', '黄埭镇', '渭塘镇', '北桥街道'] as const;

const SIZES: readonly EnterpriseSize[] = ['micro', 'small', 'medium', 'large'];

/** Classifies by the 2017 rules: the highest tier whose every non-zero lower limit is met. */
export function classifySize(rule: SizeRule, employees: number, annualRevenue: number): EnterpriseSize {
  const r = SIZE_RULES[rule];
  for (let tier = 2; tier >= 0; tier--) {
    const e = r.employees[tier] ?? 0;
    const v = r.revenue[tier] ?? 0;
    if (employees >= e && annualRevenue >= v) return SIZES[tier + 1] ?? 'micro';
  }
  return 'micro';
}

export function classifyEnterpriseSize(
  industryDivision: string,
  employees: number,
  annualRevenue: number,
): EnterpriseSize {
  const spec = INDUSTRY_DIVISIONS[industryDivision];
  if (!spec) throw new RangeError(`unknown industry division ${industryDivision}`);
  return classifySize(spec.rule, employees, annualRevenue);
}

/** Upper bound of the open-ended large tier, as a multiple of its lower limit. */
const LARGE_SPAN = 4;
/** 万元 per employee when revenue is not a size criterion, and the floor of any generated revenue. */
const REVENUE_PER_EMPLOYEE: readonly [number, number] = [15, 80];
const MIN_REVENUE = 5;

/** Employees and revenue that land in `tier` under `rule` (tier 0 = micro … 3 = large). */
function sampleScale(rng: Rng, rule: SizeRule, tier: number): { employees: number; annualRevenue: number } {
  const r = SIZE_RULES[rule];
  const bounds = (limits: readonly number[]): [number, number] | null => {
    if ((limits[0] ?? 0) === 0) return null;
    const lo = tier === 0 ? 1 : (limits[tier - 1] ?? 1);
    const hi = tier === 3 ? (limits[2] ?? 1) * LARGE_SPAN : (limits[tier] ?? 1);
    return [lo, hi];
  };
  const empRange = bounds(r.employees);
  const revRange = bounds(r.revenue);
  let employees: number;
  let annualRevenue: number;
  if (empRange) {
    employees = Math.floor(rng.logUniform(empRange[0], empRange[1]));
  } else {
    employees = 0; // derived from revenue below
  }
  if (revRange) {
    const lo = tier === 0 ? Math.min(MIN_REVENUE, revRange[1] / 2) : revRange[0];
    annualRevenue = Math.floor(rng.logUniform(lo, revRange[1]));
  } else {
    annualRevenue = Math.max(MIN_REVENUE, Math.round(employees * rng.logUniform(...REVENUE_PER_EMPLOYEE)));
  }
  if (!empRange) {
    employees = Math.max(1, Math.round(annualRevenue / rng.logUniform(...REVENUE_PER_EMPLOYEE)));
  }
  return { employees: Math.max(1, employees), annualRevenue: Math.max(1, annualRevenue) };
}

/** Rounds to a "registered" looking amount: 1, 2, 3, 5 or 8 times a power of ten. */
function niceAmount(x: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(Math.max(1, x))));
  const m = x / p;
  const step = [1, 2, 3, 5, 8, 10].reduce((best, s) => (Math.abs(s - m) < Math.abs(best - m) ? s : best), 1);
  return step * p;
}

function orgBody(rng: Rng, legacy: boolean): string {
  // Entities registered before the 2016 switch kept their old (numeric) organisation code; newer ones got an
  // `MA`-prefixed body from the new issuing system.
  if (legacy) {
    let s = rng.pick(['0', '5', '6', '7']);
    for (let i = 0; i < 7; i++) s += String(rng.int(0, 9));
    return s;
  }
  let s = 'MA';
  for (let i = 0; i < 6; i++) s += rng.pick([...USCC_CHARSET]);
  return s;
}

function pickTown(rng: Rng): string {
  return rng.weighted(XIANGCHENG_TOWNS.map((t) => [t.name, TOWN_WEIGHTS[t.name] ?? 1] as const));
}

function brand(rng: Rng, length: number): string {
  let s = '';
  while (s.length < length) {
    const c = rng.pick(BRAND_CHARS);
    if (!s.includes(c)) s += c;
  }
  return s;
}

const TIER_WEIGHTS: Readonly<Record<DemoEntityType, readonly (readonly [number, number])[]>> = {
  company: [
    [0, 55],
    [1, 30],
    [2, 11],
    [3, 4],
  ],
  individual_business: [[0, 1]],
  cooperative: [
    [0, 60],
    [1, 35],
    [2, 5],
  ],
};

const CAPITAL_RANGE: Readonly<Record<EnterpriseSize, readonly [number, number]>> = {
  micro: [10, 500],
  small: [50, 2000],
  medium: [500, 10000],
  large: [3000, 100000],
};

/**
 * `count` entities, all USCCs valid and distinct, all names distinct; deterministic for a given seed. Roughly 72 %
 * companies, 25 % 个体工商户, 3 % cooperatives; 小微 dominant.
 */
export function generateDemoEnterprises(count: number, seed: number): DemoEnterprise[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  const rng = createRng(seed);
  const usccs = new Set<string>();
  const names = new Set<string>();
  const out: DemoEnterprise[] = [];

  const uniqueName = (make: (attempt: number) => string): string => {
    for (let attempt = 0; ; attempt++) {
      const n = make(attempt);
      if (!names.has(n)) {
        names.add(n);
        return n;
      }
    }
  };

  while (out.length < count) {
    const entityType = rng.weighted<DemoEntityType>([
      ['company', 72],
      ['individual_business', 25],
      ['cooperative', 3],
    ]);
    const town = entityType === 'cooperative' ? rng.pick(COOP_TOWNS) : pickTown(rng);
    const legalRepresentative = generatePersonName(rng);

    let division: string;
    let name: string;
    if (entityType === 'company') {
      division = rng.weighted(COMPANY_DIVISIONS);
      const words = INDUSTRY_DIVISIONS[division]?.words ?? ['科技'];
      // Longer brands only once the two-character space around a word is crowded.
      name = uniqueName((a) => `苏州${brand(rng, a < 20 ? 2 : 3)}${rng.pick(words)}有限公司`);
    } else if (entityType === 'individual_business') {
      const [d, , shops] = rng.weighted(SHOP_DIVISIONS.map((s) => [s, s[1]] as const));
      division = d;
      name = uniqueName((a) => {
        const surname = legalRepresentative.charAt(0);
        const prefix = a === 0 && rng.chance(0.5) ? `${surname}记` : brand(rng, a < 20 ? 2 : 3);
        return `相城区${town}${prefix}${rng.pick(shops)}`;
      });
    } else {
      const [d, , products] = rng.weighted(COOP_PRODUCTS.map((s) => [s, s[1]] as const));
      division = d;
      name = uniqueName(
        (a) => `苏州市相城区${town}${brand(rng, a < 20 ? 2 : 3)}${rng.pick(products)}专业合作社`,
      );
    }
    const spec = INDUSTRY_DIVISIONS[division];
    if (!spec) throw new Error(`industry table lacks division ${division}`);

    const tier = rng.weighted(TIER_WEIGHTS[entityType]);
    const scale =
      entityType === 'individual_business'
        ? { employees: rng.int(1, 8), annualRevenue: Math.floor(rng.logUniform(MIN_REVENUE, 100)) }
        : sampleScale(rng, spec.rule, tier);
    const size = classifySize(spec.rule, scale.employees, scale.annualRevenue);

    const foundedOn =
      entityType === 'cooperative'
        ? // 《农民专业合作社法》 took effect on 2007-07-01.
          randomDate(rng, '2007-07-01', '2026-10-31', 0.8)
        : randomDate(rng, '1995-01-01', '2026-10-31', size === 'large' || size === 'medium' ? 1.4 : 0.6);

    const type = entityType === 'company' ? '1' : entityType === 'individual_business' ? '2' : '3';
    const legacy = entityType !== 'individual_business' && foundedOn < '2016-01-01';
    let uscc: string;
    do {
      uscc = makeUscc({ authority: '9', type, division: DEMO_DIVISION, orgBody8: orgBody(rng, legacy) });
    } while (usccs.has(uscc));
    usccs.add(uscc);

    const [capLo, capHi] =
      entityType === 'individual_business'
        ? ([1, 50] as const)
        : entityType === 'cooperative'
          ? ([10, 500] as const)
          : CAPITAL_RANGE[size];
    const registeredCapital = niceAmount(rng.logUniform(capLo, capHi));

    const techCandidate = entityType === 'company' && spec.tech;
    const highTech =
      techCandidate && rng.chance({ micro: 0.05, small: 0.25, medium: 0.45, large: 0.6 }[size]);
    // 专精特新 is an SME programme: never for large enterprises.
    const specialisedSme =
      techCandidate &&
      size !== 'large' &&
      rng.chance({ micro: 0.01, small: 0.06, medium: 0.2, large: 0 }[size]);

    out.push({
      uscc,
      name,
      legalRepresentative,
      industrySection: spec.section,
      industryDivision: division,
      industryName: spec.name,
      size,
      entityType,
      registeredCapital,
      employees: scale.employees,
      foundedOn,
      town,
      address: `苏州市相城区${town}${rng.pick(ROADS)}${rng.int(1, 999)}号`,
      phone: generateMobile(rng),
      highTech,
      specialisedSme,
      annualRevenue: scale.annualRevenue,
      status: 'active',
    });
  }
  return out;
}
