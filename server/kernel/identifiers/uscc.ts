/**
 * 统一社会信用代码 (GB 32100-2015) with the embedded organisation code (GB 11714-1997).
 *
 * Layout: 1 registration authority · 2 entity type · 3–8 administrative division (GB/T 2260) · 9–17 organisation
 * code (9–16 body, 17 its own GB 11714 check) · 18 check character (ISO 7064 MOD 31-3).
 *
 * Position 17 is enforced: the standard's worked example `91350100M000100Y43` passes GB 11714 (body `M000100Y`
 * gives Σ = 139, 139 mod 11 = 7, 11 − 7 = 4, and position 17 is `4`), so a code that fails it is reported invalid
 * (`ORG_CHECK`). Be aware that some codes issued in practice (e.g. Xiamen before 2016) are reported to fail the
 * final check; callers importing historical registers may want to show the reason rather than reject the row.
 */

/** The 31 characters of the USCC alphabet, in value order 0–30 (no I, O, Z, S, V). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export type UsccReasonCode =
  'EMPTY' | 'LENGTH' | 'CHARSET' | 'AUTHORITY' | 'ENTITY_TYPE' | 'DIVISION' | 'ORG_CHECK' | 'CHECK';

export interface UsccResult {
  code: string;
  valid: boolean;
  reason: string | null;
  reasonCode: string | null;
  registrationAuthority: { code: string; name: string } | null;
  entityType: { code: string; name: string } | null;
  division: { code: string; name: string | null } | null;
  organizationCode: string | null;
}

interface AuthoritySpec {
  name: string;
  types: Readonly<Record<string, string>>;
}

/**
 * 登记管理部门 and their 机构类别 as published with GB 32100-2015 (as amended). `Y` has a single category `1`.
 */
export const REGISTRATION_AUTHORITIES: Readonly<Record<string, AuthoritySpec>> = {
  '1': {
    name: '机构编制',
    types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    types: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    types: {
      '1': '外国旅游部门常驻代表机构',
      '2': '港澳台地区旅游部门常驻内地（大陆）代表机构',
      '9': '其他',
    },
  },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' },
  },
  Y: { name: '其他', types: { '1': '其他' } },
};

/** Province-level GB/T 2260 prefixes (first two digits). 10 is used by national-level registration authorities. */
export const PROVINCE_PREFIXES: Readonly<Record<string, string>> = {
  '10': '国家',
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
};

/** Divisions the district platform names exactly; everything else falls back to its province. */
export const SUZHOU_DIVISIONS: Readonly<Record<string, string>> = {
  '320000': '江苏省',
  '320500': '苏州市',
  '320505': '虎丘区',
  '320506': '吴中区',
  '320507': '相城区',
  '320508': '姑苏区',
  '320509': '吴江区',
  '320581': '常熟市',
  '320582': '张家港市',
  '320583': '昆山市',
  '320585': '太仓市',
};

/** Prefecture-level cities (GB/T 2260) the district meets most: Jiangsu's 13, provincial capitals, and the
 * cities with separate planning status. */
export const CITY_DIVISIONS: Readonly<Record<string, string>> = {
  '320100': '南京市',
  '320200': '无锡市',
  '320300': '徐州市',
  '320400': '常州市',
  '320500': '苏州市',
  '320600': '南通市',
  '320700': '连云港市',
  '320800': '淮安市',
  '320900': '盐城市',
  '321000': '扬州市',
  '321100': '镇江市',
  '321200': '泰州市',
  '321300': '宿迁市',
  '130100': '石家庄市',
  '140100': '太原市',
  '150100': '呼和浩特市',
  '210100': '沈阳市',
  '210200': '大连市',
  '220100': '长春市',
  '230100': '哈尔滨市',
  '330100': '杭州市',
  '330200': '宁波市',
  '340100': '合肥市',
  '350100': '福州市',
  '350200': '厦门市',
  '360100': '南昌市',
  '370100': '济南市',
  '370200': '青岛市',
  '410100': '郑州市',
  '420100': '武汉市',
  '430100': '长沙市',
  '440100': '广州市',
  '440300': '深圳市',
  '450100': '南宁市',
  '460100': '海口市',
  '510100': '成都市',
  '520100': '贵阳市',
  '530100': '昆明市',
  '540100': '拉萨市',
  '610100': '西安市',
  '620100': '兰州市',
  '630100': '西宁市',
  '640100': '银川市',
  '650100': '乌鲁木齐市',
};

/**
 * Best-known name of a 6-digit division code: the exact Suzhou entry; a known city, or a district/county of it
 * ("福州市辖区"); otherwise the province with a note that the code lies within it. Null when even the province
 * prefix is unknown.
 */
export function divisionName(code: string): string | null {
  if (!/^\d{6}$/.test(code)) return null;
  const exact = SUZHOU_DIVISIONS[code] ?? CITY_DIVISIONS[code];
  if (exact !== undefined) return exact;
  const province = PROVINCE_PREFIXES[code.slice(0, 2)];
  if (province === undefined) return null;
  if (code.endsWith('0000')) return province;
  const city = CITY_DIVISIONS[`${code.slice(0, 4)}00`];
  if (city !== undefined) return `${province}${city}辖区`;
  return `${province}辖区`;
}

function usccValue(ch: string): number {
  return USCC_CHARSET.indexOf(ch);
}

/** GB 11714 values: digits as themselves, every Latin letter A=10 … Z=35 (a wider alphabet than the USCC's). */
function orgValue(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  if (ch >= 'A' && ch <= 'Z') return ch.charCodeAt(0) - 55;
  return -1;
}

/**
 * The 18th character for the first 17. Throws RangeError on malformed input: this is a builder for code we
 * control, user input goes through `checkUscc`, which never throws.
 */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`usccCheckChar needs 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = usccValue(first17.charAt(i));
    if (v < 0)
      throw new RangeError(
        `usccCheckChar: '${first17.charAt(i)}' at position ${i + 1} is not a USCC character`,
      );
    sum += v * (USCC_WEIGHTS[i] ?? 0);
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** The 9th (check) character of a GB 11714 organisation code for its 8-character body. Throws RangeError. */
export function orgCodeCheckChar(first8: string): string {
  if (first8.length !== 8) throw new RangeError(`orgCodeCheckChar needs 8 characters, got ${first8.length}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = orgValue(first8.charAt(i));
    if (v < 0)
      throw new RangeError(`orgCodeCheckChar: '${first8.charAt(i)}' at position ${i + 1} is not 0-9 or A-Z`);
    sum += v * (ORG_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  if (c === 10) return 'X';
  if (c === 11) return '0';
  return String(c);
}

/** Builds a valid code from its parts, computing positions 17 and 18. Throws RangeError on impossible parts. */
export function makeUscc(parts: {
  authority: string;
  type: string;
  division: string;
  orgBody8: string;
}): string {
  const authority = REGISTRATION_AUTHORITIES[parts.authority];
  if (!authority) throw new RangeError(`makeUscc: unknown registration authority '${parts.authority}'`);
  if (authority.types[parts.type] === undefined) {
    throw new RangeError(
      `makeUscc: entity type '${parts.type}' is not defined for authority '${parts.authority}'`,
    );
  }
  if (!/^\d{6}$/.test(parts.division)) throw new RangeError(`makeUscc: division must be 6 digits`);
  if (parts.orgBody8.length !== 8 || [...parts.orgBody8].some((c) => usccValue(c) < 0)) {
    throw new RangeError(`makeUscc: orgBody8 must be 8 characters from ${USCC_CHARSET}`);
  }
  const first17 =
    parts.authority + parts.type + parts.division + parts.orgBody8 + orgCodeCheckChar(parts.orgBody8);
  return first17 + usccCheckChar(first17);
}

function normalise(input: string): string {
  // NFKC folds full-width letters and digits (common when codes are typed with a Chinese IME) to ASCII.
  return input.normalize('NFKC').trim().toUpperCase();
}

/** Validates a USCC. Never throws. Parts are decoded as far as they could be, even when the code is invalid. */
export function checkUscc(input: string): UsccResult {
  const code = typeof input === 'string' ? normalise(input) : '';
  const result: UsccResult = {
    code,
    valid: false,
    reason: null,
    reasonCode: null,
    registrationAuthority: null,
    entityType: null,
    division: null,
    organizationCode: null,
  };
  const fail = (reasonCode: UsccReasonCode, reason: string): UsccResult => {
    result.reasonCode = reasonCode;
    result.reason = reason;
    return result;
  };

  if (code.length === 0) return fail('EMPTY', '统一社会信用代码为空。');
  const chars = Array.from(code);
  if (chars.length !== 18) {
    return fail('LENGTH', `统一社会信用代码应为18位，实际为${chars.length}位。`);
  }
  for (let i = 0; i < 18; i++) {
    const ch = chars[i] ?? '';
    if (usccValue(ch) < 0) {
      const hint = 'IOZSV'.includes(ch)
        ? `统一社会信用代码不使用字母 I、O、Z、S、V。`
        : `只能使用数字0–9和大写字母（不含 I、O、Z、S、V）。`;
      // Positions 1–17 are known good here, so the expected check character is worth telling the user.
      const expected =
        i === 17 ? `按前17位计算，第18位校验码应为“${usccCheckChar(code.slice(0, 17))}”。` : '';
      return fail('CHARSET', `第${i + 1}位字符“${ch}”不合法：${hint}${expected}`);
    }
  }

  const authorityCode = code.charAt(0);
  const authority = REGISTRATION_AUTHORITIES[authorityCode];
  if (!authority) {
    return fail('AUTHORITY', `第1位登记管理部门代码“${authorityCode}”未定义（应为1–9、A、N或Y）。`);
  }
  result.registrationAuthority = { code: authorityCode, name: authority.name };

  const typeCode = code.charAt(1);
  const typeName = authority.types[typeCode];
  if (typeName === undefined) {
    const allowed = Object.entries(authority.types)
      .map(([k, v]) => `${k} ${v}`)
      .join('、');
    return fail(
      'ENTITY_TYPE',
      `第2位机构类别代码“${typeCode}”不属于登记管理部门“${authority.name}”（可用：${allowed}）。`,
    );
  }
  result.entityType = { code: typeCode, name: typeName };

  const divisionCode = code.slice(2, 8);
  if (!/^\d{6}$/.test(divisionCode)) {
    return fail('DIVISION', `第3–8位登记管理机关行政区划码“${divisionCode}”应为6位数字。`);
  }
  result.division = { code: divisionCode, name: divisionName(divisionCode) };
  result.organizationCode = code.slice(8, 17);

  const expectedOrg = orgCodeCheckChar(code.slice(8, 16));
  if (code.charAt(16) !== expectedOrg) {
    return fail(
      'ORG_CHECK',
      `第17位（组织机构代码校验码）应为“${expectedOrg}”，实际为“${code.charAt(16)}”。`,
    );
  }

  const expected = usccCheckChar(code.slice(0, 17));
  if (code.charAt(17) !== expected) {
    return fail('CHECK', `第18位校验码应为“${expected}”，实际为“${code.charAt(17)}”。`);
  }

  result.valid = true;
  return result;
}
