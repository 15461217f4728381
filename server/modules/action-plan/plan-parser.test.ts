import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractListEntries } from '../../kernel/demo/departments.ts';
import { chineseNumeral, parsePlan, PlanParseError, type ParsedMeasure } from './plan-parser.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const seedText = readFileSync(path.join(ROOT, 'config', 'plan', 'xiangcheng-2022.txt'), 'utf8');
const registry = JSON.parse(readFileSync(path.join(ROOT, 'config', 'departments.json'), 'utf8')) as {
  name: string;
}[];

const plan = parsePlan(seedText);

function measure(no: number): ParsedMeasure {
  const m = plan.measures.find((x) => x.no === no);
  if (!m) throw new Error(`measure ${no} missing`);
  return m;
}

function unitsOf(no: number): string[] {
  return measure(no).units.map((u) => `${u.name}:${u.role}`);
}

/** The seed cut at its bold measure numbers (`**N.`), independently of the parser. */
function rawMeasureSegments(text: string): Map<number, string> {
  const out = new Map<number, string>();
  const pieces = text.split(/\*\*(?=\d+\.)/).slice(1);
  for (const piece of pieces) {
    const n = /^(\d+)\./.exec(piece)?.[1];
    // A segment ends where the next heading starts.
    if (n) out.set(Number(n), piece.split(/\n#|\n## 六/)[0] ?? piece);
  }
  return out;
}

describe('parsePlan on the seed (相委发〔2022〕16号)', () => {
  it('finds exactly 58 measures numbered 1..58', () => {
    expect(plan.measures).toHaveLength(58);
    expect(plan.measures.map((m) => m.no)).toEqual(Array.from({ length: 58 }, (_, i) => i + 1));
    // As many as the text has bold measure numbers.
    expect(plan.measures).toHaveLength(rawMeasureSegments(seedText).size);
  });

  it('finds the 19 sections in order, including （十三） and （十六） with brackets in its title', () => {
    expect(plan.sections).toHaveLength(19);
    expect(plan.sections.map((s) => s.no)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect(plan.sections.map((s) => s.label).slice(0, 3)).toEqual(['（一）', '（二）', '（三）']);
    expect(plan.sections.map((s) => chineseNumeral(s.label.slice(1, -1)))).toEqual(
      plan.sections.map((s) => s.no),
    );
    expect(plan.sections[12]).toEqual({
      no: 13,
      label: '（十三）',
      title: '健全完善产权保护制度',
      partNo: 4,
    });
    expect(plan.sections[15]?.title).toBe('完善（健全）市场主体退出机制');
    expect(plan.sections[18]).toMatchObject({ label: '（十九）', title: '营造暖心人才发展生态', partNo: 5 });
  });

  it('reads （十三） the same whether it is a heading, a bold line or a plain line', () => {
    const heading = '##### **（十三）健全完善产权保护制度**';
    expect(seedText).toContain(heading);
    for (const line of [
      '**（十三）健全完善产权保护制度**',
      '（十三）健全完善产权保护制度',
      '（十三） 健全完善产权保护制度',
    ]) {
      const variant = parsePlan(seedText.replace(heading, line));
      expect(variant.sections, line).toEqual(plan.sections);
      expect(variant.measures, line).toEqual(plan.measures);
    }
  });

  it('keeps the four parts with measures (二 … 五), not 总体要求 or 组织保障', () => {
    expect(plan.parts.map((p) => [p.no, p.label])).toEqual([
      [2, '二'],
      [3, '三'],
      [4, '四'],
      [5, '五'],
    ]);
    expect(plan.parts[2]?.title).toBe('优化提升法治环境，实现更高的公平透明水平');
    const sectionsPerPart = plan.parts.map((p) => plan.sections.filter((s) => s.partNo === p.no).length);
    expect(sectionsPerPart).toEqual([6, 6, 4, 3]);
    // Every measure sits in a section of its own part.
    for (const m of plan.measures) {
      const s = plan.sections.find((x) => x.no === m.sectionNo);
      expect(s?.partNo, `measure ${m.no}`).toBe(m.partNo);
    }
  });

  it('reads title, document number, issuer and date from the notice', () => {
    expect(plan.title).toBe('相城区优化营商环境创新行动2022');
    expect(plan.documentNo).toBe('相委发〔2022〕16号');
    expect(plan.issuedOn).toBe('2022-05-11');
    expect(plan.issuer).toBe('中共苏州市相城区委员会、苏州市相城区人民政府');
    expect(plan.warnings).toEqual([]);
  });

  it('measure 1: mixed 、 and ，, half-width 各镇(街道、区), two collective scopes', () => {
    expect(measure(1).title).toBe('全面落实市场准入负面清单');
    expect(measure(1).sectionNo).toBe(1);
    expect(unitsOf(1)).toEqual([
      '区发改委:responsible',
      '区商务局:responsible',
      '区行政审批局:responsible',
      '区市场监管局:responsible',
      '区各相关部门按职责分工负责:scope',
      '各镇（街道、区）:scope',
    ]);
  });

  it('measure 10 names 牵头单位, not 责任单位', () => {
    expect(measure(10).title).toBe('不断创新劳动力服务监管方式');
    expect(unitsOf(10)).toEqual(['区人社局:lead', '区法院:lead']);
    expect(unitsOf(13)).toEqual(['区发改委:lead', '区科技局:lead']);
  });

  it('measure 15 keeps the nested bracket of 区政府办（大数据管理局）', () => {
    expect(measure(15).title).toBe('推动企业协同创新产业融合');
    expect(unitsOf(15)).toEqual([
      '区科技局:responsible',
      '区政府办（大数据管理局）:responsible',
      '区卫健委:responsible',
      '区农业农村局:responsible',
    ]);
  });

  it('measure 24: a list in two brackets at once, [（责任单位：…）]', () => {
    expect(measure(24).title).toBe('推行水电气信视等在线并联办理');
    expect(unitsOf(24)).toHaveLength(9);
    expect(unitsOf(24)[1]).toBe('相城供电公司:responsible');
    expect(unitsOf(24).at(-1)).toBe('各镇（街道、区）:scope');
    expect(measure(24).body.endsWith('推出用电报装政策计算器。')).toBe(true);
  });

  it('measure 45: 〔责任 / 单位：…] torn by a page break, mixed brackets', () => {
    expect(measure(45).title).toBe('强化政务诚信建设');
    expect(unitsOf(45)).toEqual([
      '区发改委:responsible',
      '区法院:responsible',
      '区工信局:responsible',
      '区司法局:responsible',
      '区住建局:responsible',
      '区财政局:responsible',
      '区商务局:responsible',
      '区统计局:responsible',
      '区各相关部门按职责分工负责:scope',
      '各镇（街道、区）:scope',
    ]);
    expect(measure(45).body).not.toMatch(/〔|责任/);
  });

  it('measure 58: 区市场监 / 管局 rejoined across the page break', () => {
    expect(measure(58).title).toBe('探索科技成果产权制度改革');
    expect(measure(58).partNo).toBe(5);
    expect(measure(58).sectionNo).toBe(19);
    expect(unitsOf(58)).toEqual([
      '区科技局:responsible',
      '区市场监管局:responsible',
      '区金融监管局:responsible',
      '区各相关部门按职责分工负责:scope',
      '各镇（街道、区）:scope',
    ]);
  });

  it('other collective scopes: 区相关部门按职责分工负责, 区各部门, 各直属公司, 成员单位', () => {
    expect(unitsOf(46).slice(-2)).toEqual(['区相关部门按职责分工负责:scope', '各镇（街道、区）:scope']);
    expect(unitsOf(47)).toEqual(['区发改委:responsible', '区社会信用体系建设领导小组成员单位:scope']);
    expect(unitsOf(53)).toEqual([
      '区委组织部:responsible',
      '区各部门:scope',
      '各直属公司:scope',
      '各镇（街道、区）:scope',
    ]);
  });

  it('bodies are whole: page breaks repaired, no unit list, no markup', () => {
    for (const m of plan.measures) {
      expect(m.body, `measure ${m.no}`).not.toMatch(/\n|\*\*|(责任|牵头)单位[：:]/);
      expect(m.body, `measure ${m.no}`).not.toMatch(/\p{Script=Han}\s+\p{Script=Han}/u);
      expect(m.body.length, `measure ${m.no}`).toBeGreaterThan(20);
      expect(m.body, `measure ${m.no}`).toMatch(/[。”]$/u);
      expect(m.title, `measure ${m.no}`).not.toMatch(/[。*\s]/);
    }
    expect(measure(43).body).toContain('研究制定新产业新业态包容审慎监管实施细则。');
    expect(measure(13).body).toContain('积极落实省市碳达峰碳中和科技专项');
    expect(measure(19).body.endsWith('及时退出市场。')).toBe(true);
    expect(measure(3).body).toContain('苏州市 RCEP 企业服务平台');
  });

  it('agrees with the department extractor on every measure’s list, and every unit is in the registry', () => {
    const segments = rawMeasureSegments(seedText);
    const names = new Set(registry.map((d) => d.name));
    for (const m of plan.measures) {
      const expected = extractListEntries(segments.get(m.no) ?? '');
      expect(
        m.units.map((u) => u.name),
        `measure ${m.no}`,
      ).toEqual(expected);
      for (const u of m.units) {
        if (u.role !== 'scope') expect(names.has(u.name), `${u.name} (measure ${m.no})`).toBe(true);
      }
    }
  });
});

/** Another district's plan in the same shape, written the way a different converter would leave it. */
const otherDistrict = [
  '\uFEFF某某市临江区人民政府文件',
  '',
  '临政发〔2024〕7号',
  '',
  '关于印发《临江区营商环境提升行动方案（2024年）》的通知',
  '',
  '各街道办事处，区政府各部门：',
  '现将方案印发给你们，请认真贯彻执行。',
  '',
  '临江区人民政府',
  '2024年3月5日',
  '',
  '一、工作目标',
  '',
  '到年底，营商环境便利度显著提升。',
  '',
  '二、重点任务',
  '',
  '（一）提升开办效率',
  '',
  '1. 压缩开办时间。企业开办全流程压缩至 1 个工作日内。(牵头单位:区市场监管局；责任单位:区税务局、区人社局)',
  '',
  '2. 推进电子证照。推广电子营业执照在 5G',
  '',
  'APP 等场景应用，实现 ETC',
  '',
  '通行等事项免提交纸质材料。【责任单位：区大数据局，区市场监管局，各街道】',
  '',
  '（二）优化审批服务',
  '',
  '**3. 深化“一件事”改革。**推出 10 个“一件事”，配合单位负责数据共享。[责任单位：区行政审',
  '',
  '批局、区新设单位；配合单位：区司法局]',
  '',
  '三、保障措施',
  '',
  '（一）加强领导。各部门要高度重视，确保落实。',
].join('\r\n');

describe('parsePlan on another district’s plan in the same shape', () => {
  const other = parsePlan(otherDistrict);

  it('reads the front matter without a markdown heading', () => {
    expect(other.title).toBe('临江区营商环境提升行动方案（2024年）');
    expect(other.documentNo).toBe('临政发〔2024〕7号');
    expect(other.issuedOn).toBe('2024-03-05');
    expect(other.issuer).toBe('临江区人民政府');
  });

  it('finds its parts, sections and measures from plain lines', () => {
    expect(other.parts).toEqual([{ no: 2, label: '二', title: '重点任务' }]);
    expect(other.sections).toEqual([
      { no: 1, label: '（一）', title: '提升开办效率', partNo: 2 },
      { no: 2, label: '（二）', title: '优化审批服务', partNo: 2 },
    ]);
    expect(other.measures.map((m) => [m.no, m.sectionNo, m.title])).toEqual([
      [1, 1, '压缩开办时间'],
      [2, 1, '推进电子证照'],
      [3, 2, '深化“一件事”改革'],
    ]);
    expect(other.warnings).toEqual([]);
  });

  it('splits lead and responsible units in one list, with ASCII colons and brackets', () => {
    const units = other.measures.map((m) => m.units.map((u) => `${u.name}:${u.role}`));
    expect(units[0]).toEqual(['区市场监管局:lead', '区税务局:responsible', '区人社局:responsible']);
    expect(units[1]).toEqual(['区大数据局:responsible', '区市场监管局:responsible', '各街道:scope']);
    expect(units[2]).toEqual(['区行政审批局:responsible', '区新设单位:responsible', '区司法局:responsible']);
  });

  it('repairs the page breaks in bodies: Latin words keep their space, Chinese joins', () => {
    expect(other.measures[0]?.body).toBe('企业开办全流程压缩至 1 个工作日内。');
    expect(other.measures[1]?.body).toBe(
      '推广电子营业执照在 5G APP 等场景应用，实现 ETC通行等事项免提交纸质材料。',
    );
    // 配合单位 inside prose (no colon) is text, not a list.
    expect(other.measures[2]?.body).toBe('推出 10 个“一件事”，配合单位负责数据共享。');
  });
});

describe('parsePlan warnings and errors', () => {
  const minimal = (body: string) => `方案\n\n二、任务\n\n（一）小节\n\n${body}\n\n（二）空小节\n\n三、保障\n`;

  it('text without measures is refused with a reason', () => {
    for (const text of ['', '   \n\n', 'hello world', '一、总体要求\n\n（一）加强领导。各部门要落实。']) {
      expect(() => parsePlan(text)).toThrow(PlanParseError);
    }
    try {
      parsePlan('lorem ipsum');
    } catch (err) {
      expect(err).toBeInstanceOf(PlanParseError);
      expect((err as PlanParseError).problems[0]).toMatch(/没有找到编号措施/);
    }
  });

  it('a measure outside any section, or numbered twice, is an error', () => {
    expect(() => parsePlan('方案\n\n二、任务\n\n**1. 标题。**正文。（责任单位：区A）')).toThrow(
      /不在任何编号小节/,
    );
    expect(() =>
      parsePlan(minimal('**1. 甲。**正文。（责任单位：区A）\n\n**1. 乙。**正文。（责任单位：区B）')),
    ).toThrow(/第 1 条措施出现了两次/);
  });

  it('gaps, empty sections and missing unit lists are warnings', () => {
    const p = parsePlan(minimal('**1. 甲。**正文。（责任单位：区A、区A）\n\n**3. 丙。**正文没有单位清单。'));
    expect(p.measures.map((m) => m.no)).toEqual([1, 3]);
    expect(p.measures[0]?.units).toEqual([{ name: '区A', role: 'responsible' }]);
    expect(p.warnings).toHaveLength(4);
    expect(p.warnings.join('\n')).toMatch(/第 3 条措施之前的编号不连续/);
    expect(p.warnings.join('\n')).toMatch(/“区A”重复/);
    expect(p.warnings.join('\n')).toMatch(/第 3 条措施没有责任单位或牵头单位清单/);
    expect(p.warnings.join('\n')).toMatch(/（二）空小节.*下没有措施/);
  });

  it('an unmarked "N." inside a body is not a new measure (2.0, or a number out of turn)', () => {
    const p = parsePlan(minimal('1. 甲。升级营销\n\n2.0 系统。\n\n5. 项内容继续。（责任单位：区A）'));
    expect(p.measures).toHaveLength(1);
    expect(p.measures[0]?.body).toBe('升级营销2.0 系统。5. 项内容继续。');
  });
});

describe('chineseNumeral', () => {
  it('reads 一 … 九十九', () => {
    expect(['一', '九', '十', '十三', '十九', '二十', '二十一', '九十九'].map(chineseNumeral)).toEqual([
      1, 9, 10, 13, 19, 20, 21, 99,
    ]);
    expect(['', '百', '十十', '一二', '二十二十'].map(chineseNumeral)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
