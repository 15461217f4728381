/**
 * Demo department registry derived from the seed action plan: every unit named in the responsibility lists after
 * the measures (`（责任单位：…）`, `[责任单位：…]`, `（牵头单位：…）`), plus the leading-group office and the towns and
 * streets of 相城区. Pure functions over the seed text; nothing here touches a database.
 */

export type DepartmentKind =
  'district_department' | 'vertical' | 'court_procuratorate' | 'state_owned' | 'platform' | 'town' | 'office';

export interface DemoDepartment {
  code: string;
  name: string;
  shortName: string;
  kind: DepartmentKind;
}

/** The leading group's office: named in the plan's 组织保障 section, never as a list entry. */
export const LEADING_GROUP_OFFICE: DemoDepartment = {
  code: 'LGO',
  name: '区优化营商环境工作领导小组办公室',
  shortName: '营商办',
  kind: 'office',
};

/** Towns and streets (镇、街道) of 相城区; the plan addresses them collectively as 各镇（街道、区）. */
export const XIANGCHENG_TOWNS: readonly { code: string; name: string }[] = [
  { code: 'TOWN_YUANHE', name: '元和街道' },
  { code: 'TOWN_TAIPING', name: '太平街道' },
  { code: 'TOWN_HUANGQIAO', name: '黄桥街道' },
  { code: 'TOWN_BEIHEJING', name: '北河泾街道' },
  { code: 'TOWN_CAOHU', name: '漕湖街道' },
  { code: 'TOWN_CHENGYANG', name: '澄阳街道' },
  { code: 'TOWN_WANGTING', name: '望亭镇' },
  { code: 'TOWN_HUANGDAI', name: '黄埭镇' },
  { code: 'TOWN_WEITANG', name: '渭塘镇' },
  { code: 'TOWN_BEIQIAO', name: '北桥街道' },
  { code: 'TOWN_YANGCHENGHU', name: '阳澄湖镇' },
];

/**
 * Stable codes and short names for the units the 2022 seed names. Keyed by the name as written in the seed (after
 * bracket normalisation); a unit missing here still gets a stable fallback code from `fallbackCode`.
 */
const KNOWN_UNITS: Readonly<Record<string, { code: string; shortName: string }>> = {
  区发改委: { code: 'DRC', shortName: '发改委' },
  区商务局: { code: 'COMMERCE', shortName: '商务局' },
  区行政审批局: { code: 'APPROVAL', shortName: '行政审批局' },
  区市场监管局: { code: 'SAMR', shortName: '市场监管局' },
  区科技局: { code: 'SCITECH', shortName: '科技局' },
  区外事办: { code: 'FOREIGN', shortName: '外事办' },
  区金融监管局: { code: 'FINREG', shortName: '金融监管局' },
  区公积金中心: { code: 'HOUSING_FUND', shortName: '公积金中心' },
  区财政局: { code: 'FINANCE', shortName: '财政局' },
  区金控集团: { code: 'FIN_HOLDING', shortName: '金控集团' },
  苏州市长三角数字金融产业研究中心: { code: 'DIGIFIN_INST', shortName: '数字金融研究中心' },
  区资规分局: { code: 'NATRES', shortName: '资规分局' },
  区住建局: { code: 'HOUSING', shortName: '住建局' },
  区人社局: { code: 'HRSS', shortName: '人社局' },
  区法院: { code: 'COURT', shortName: '法院' },
  区工信局: { code: 'INDUSTRY', shortName: '工信局' },
  '区政府办（大数据管理局）': { code: 'BIGDATA', shortName: '大数据管理局' },
  区卫健委: { code: 'HEALTH', shortName: '卫健委' },
  区农业农村局: { code: 'AGRI', shortName: '农业农村局' },
  区集成指挥中心: { code: 'COMMAND', shortName: '集成指挥中心' },
  '区委宣传部（网信办）': { code: 'CAC', shortName: '网信办' },
  区税务局: { code: 'TAX', shortName: '税务局' },
  区公安分局: { code: 'POLICE', shortName: '公安分局' },
  区司法局: { code: 'JUSTICE', shortName: '司法局' },
  区水务局: { code: 'WATER', shortName: '水务局' },
  区气象局: { code: 'WEATHER', shortName: '气象局' },
  区交运局: { code: 'TRANSPORT', shortName: '交运局' },
  相城供电公司: { code: 'POWER', shortName: '供电公司' },
  区城管局: { code: 'URBAN', shortName: '城管局' },
  水务集团: { code: 'WATER_GROUP', shortName: '水务集团' },
  燃气公司: { code: 'GAS', shortName: '燃气公司' },
  海关相城办: { code: 'CUSTOMS', shortName: '海关相城办' },
  区检察院: { code: 'PROCURATORATE', shortName: '检察院' },
  区统计局: { code: 'STATS', shortName: '统计局' },
  '区统战部（工商联）': { code: 'UNITED_FRONT', shortName: '统战部' },
  区政府办: { code: 'GOV_OFFICE', shortName: '政府办' },
  区委宣传部: { code: 'PUBLICITY', shortName: '宣传部' },
  区文体和旅游局: { code: 'CULTURE_SPORTS', shortName: '文体旅局' },
  区委组织部: { code: 'ORGANIZATION', shortName: '组织部' },
  '区委组织部（人才办）': { code: 'TALENT', shortName: '人才办' },
  团区委: { code: 'YOUTH_LEAGUE', shortName: '团区委' },
  区教育局: { code: 'EDUCATION', shortName: '教育局' },
  区委党校: { code: 'PARTY_SCHOOL', shortName: '区委党校' },
  区文化和旅游局: { code: 'CULTURE_TOURISM', shortName: '文旅局' },
  高铁新城: { code: 'HSR_CITY', shortName: '高铁新城' },
};

/** Kinds decided by name rather than by keyword, each with the reason the keyword rule would be wrong. */
const KIND_OVERRIDES: Readonly<Record<string, DepartmentKind>> = {
  // In 2022 this is the district's own 地方金融监督管理局, not a branch of the national regulator.
  区金融监管局: 'district_department',
};

/**
 * Kind by keyword, first match wins:
 * 1. 法院/检察院 → court_procuratorate;
 * 2. vertically managed bodies (税务, 公安, 海关, 人民银行, national financial regulator branches, 供电, 气象, 烟草,
 *    公积金 which is run by the city centre, and any 分局 — a city bureau's branch) → vertical;
 * 3. 集团/公司 → state_owned;  4. 平台/中心 → platform;
 * 5. 镇/街道 and functional areas (新城, 开发区, 高新区, 度假区, 合作区) → town;
 * 6. 办公室 of a 领导小组 → office;  7. otherwise district_department.
 */
export function departmentKind(name: string): DepartmentKind {
  const override = KIND_OVERRIDES[name];
  if (override) return override;
  if (/法院|检察院/.test(name)) return 'court_procuratorate';
  if (/税务|公安|海关|人民银行|金融监管总局|金融监管分局|监管支局|供电|气象|烟草|公积金|分局/.test(name))
    return 'vertical';
  if (/集团|公司/.test(name)) return 'state_owned';
  if (/平台|中心/.test(name)) return 'platform';
  if (/(镇|街道|新城|开发区|高新区|度假区|合作区)$/.test(name)) return 'town';
  if (/领导小组办公室$/.test(name)) return 'office';
  return 'district_department';
}

/** Stable ASCII code for a name not in the table: `U_` + FNV-1a of its UTF-8 bytes in base 36. */
export function fallbackCode(name: string): string {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(name)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `U_${h.toString(36).toUpperCase()}`;
}

function fallbackShortName(name: string): string {
  // 区委/区政府 keep their prefix (区委组织部 → 组织部 would need a table); plain 区X局 drops the 区.
  const base = name.replace(/（[^（）]*）/g, '');
  return /^区[^委]/.test(base) ? base.slice(1) : base;
}

const LIST_MARKER = /(责任单位|牵头单位|配合单位)[：:]/g;
const CLOSERS = new Set(['）', ']', '〕', '】']);
const OPENERS = new Set(['（', '[', '〔', '【']);
const SEPARATORS = new Set(['、', '，', ',', '；', ';']);
const MAX_LIST_LENGTH = 600;

/**
 * Seed-text normalisation: the document is a PDF conversion, so page breaks leave line breaks (and blank lines)
 * inside words (`区市场监\n\n管局`, `责任\n\n单位`); Chinese needs no spaces, so all whitespace is dropped. Half-width
 * parentheses become full-width so that `各镇(街道、区)` and `各镇（街道、区）` are the same string.
 */
function normaliseSeed(text: string): string {
  return text.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

/** Raw entries of every responsibility list, in document order (units and collective scopes mixed). */
export function extractListEntries(seedText: string): string[] {
  const text = normaliseSeed(seedText);
  const entries: string[] = [];
  for (const match of text.matchAll(LIST_MARKER)) {
    let depth = 0;
    let current = '';
    const flush = (): void => {
      const entry = current.replace(/^[。.]+|[。.]+$/g, '');
      if (entry) entries.push(entry);
      current = '';
    };
    const start = (match.index ?? 0) + match[0].length;
    for (let i = start; i < text.length && i - start < MAX_LIST_LENGTH; i++) {
      const ch = text.charAt(i);
      if (OPENERS.has(ch)) {
        depth++;
      } else if (CLOSERS.has(ch)) {
        // The list's own closing bracket; the seed mixes 〔…] and （…）] so any closer ends it.
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && SEPARATORS.has(ch)) {
        flush();
        continue;
      }
      current += ch;
    }
    flush();
  }
  return entries;
}

/**
 * Collective scopes rather than units: `各镇（街道、区）`, `区各相关部门按职责分工负责`, `区各部门`, `各直属公司`,
 * `…领导小组成员单位`.
 */
export function isCollectiveScope(entry: string): boolean {
  return /^区?各/.test(entry) || /按职责分工负责$/.test(entry) || /成员单位$/.test(entry);
}

function distinct(xs: Iterable<string>): string[] {
  return [...new Set(xs)];
}

/** Every unit named in the seed's responsibility lists, distinct, in first-seen order. */
export function extractUnitNames(seedText: string): string[] {
  return distinct(extractListEntries(seedText).filter((e) => !isCollectiveScope(e)));
}

/** The collective scopes named in the lists (各镇（街道、区） etc.), distinct, in first-seen order. */
export function extractScopes(seedText: string): string[] {
  return distinct(extractListEntries(seedText).filter(isCollectiveScope));
}

/**
 * One department per unit in the seed, then the leading-group office, then the towns and streets. Codes are
 * unique: a fallback code that collides gets a numeric suffix.
 */
export function buildDepartmentRegistry(seedText: string): DemoDepartment[] {
  const out: DemoDepartment[] = [];
  const names = new Set<string>();
  const codes = new Set<string>();
  const add = (d: DemoDepartment): void => {
    if (names.has(d.name)) return;
    let code = d.code;
    for (let n = 2; codes.has(code); n++) code = `${d.code}_${n}`;
    names.add(d.name);
    codes.add(code);
    out.push({ ...d, code });
  };
  for (const name of extractUnitNames(seedText)) {
    const known = KNOWN_UNITS[name];
    add({
      code: known?.code ?? fallbackCode(name),
      name,
      shortName: known?.shortName ?? fallbackShortName(name),
      kind: departmentKind(name),
    });
  }
  add(LEADING_GROUP_OFFICE);
  for (const t of XIANGCHENG_TOWNS) add({ code: t.code, name: t.name, shortName: t.name, kind: 'town' });
  return out;
}
