/**
 * Parses the text of a district's action plan (a PDF conversion with markdown-ish headings) into its structure:
 * parts (二、…), numbered sections (（一）…), numbered measures (`**N. title。**body…（责任单位：…）`) and the units
 * responsible for each. Pure: no database, no I/O.
 *
 * The text is messy by nature, and the rules below exist because of it:
 * - headings come at any markdown level, in bold or not, or as plain lines (（十三） in some copies);
 * - page breaks leave blank lines inside words and sentences (`区市场监\n\n管局`, `〔责任\n\n单位`), so a measure is
 *   everything from its number to the next heading or measure, with its lines joined back together;
 * - the unit list is wrapped in any of （）[]〔〕【】, sometimes two at once (`[（责任单位：…）]`), with 、 or ，
 *   between units and brackets inside names (`区政府办（大数据管理局）`, `各镇(街道、区)`).
 */
import { isCollectiveScope } from '../../kernel/demo/departments.ts';
import type { UnitRole } from './action-plan.tables.ts';

export interface ParsedUnit {
  name: string;
  role: UnitRole;
}

export interface ParsedPart {
  /** The part's number as written (二 → 2). */
  no: number;
  label: string;
  title: string;
}

export interface ParsedSection {
  /** Position among the plan's sections, 1-based (the plan numbers them continuously: （一）…（十九）). */
  no: number;
  label: string;
  title: string;
  partNo: number;
}

export interface ParsedMeasure {
  no: number;
  title: string;
  /** The measure's full text without its unit list. */
  body: string;
  partNo: number;
  sectionNo: number;
  units: ParsedUnit[];
}

export interface ParsedPlan {
  title: string;
  documentNo: string | null;
  /** YYYY-MM-DD */
  issuedOn: string | null;
  issuer: string | null;
  parts: ParsedPart[];
  sections: ParsedSection[];
  measures: ParsedMeasure[];
  /** Oddities that did not stop the parse (a numbering gap, a measure without units, …). */
  warnings: string[];
}

/** The text is not a plan in the expected shape; `problems` says why, one line each. */
export class PlanParseError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('; '));
    this.name = 'PlanParseError';
    this.problems = problems;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Text helpers

const CN_DIGITS: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 … 九十九; undefined for anything else. */
export function chineseNumeral(s: string): number | undefined {
  if (s.length === 1) return s === '十' ? 10 : CN_DIGITS[s];
  const ten = s.indexOf('十');
  if (ten < 0 || s.indexOf('十', ten + 1) >= 0) return undefined;
  const before = s.slice(0, ten);
  const after = s.slice(ten + 1);
  const tens = before === '' ? 1 : CN_DIGITS[before];
  const ones = after === '' ? 0 : CN_DIGITS[after];
  if (tens === undefined || ones === undefined || before.length > 1 || after.length > 1) return undefined;
  return tens * 10 + ones;
}

const ASCII_ALNUM = /[A-Za-z0-9]/;
/** Han characters and full-width punctuation: no space belongs between two of them. */
const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’—…·]/u;

/** Inside a line: runs of whitespace become one space, and a space between two wide characters goes. */
function cleanLine(line: string): string {
  return line
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/ (?=.)/gu, (space, offset: number, whole: string) => {
      const prev = whole.charAt(offset - 1);
      const next = whole.charAt(offset + 1);
      return WIDE.test(prev) && WIDE.test(next) ? '' : space;
    });
}

/**
 * Joins the lines of one paragraph that page breaks tore apart: Chinese needs no separator, two Latin words or
 * numbers keep a space between them.
 */
function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = cleanLine(raw);
    if (!line) continue;
    if (out && ASCII_ALNUM.test(out.charAt(out.length - 1)) && ASCII_ALNUM.test(line.charAt(0))) out += ' ';
    out += line;
  }
  return out;
}

/** `#### **四、…**` → `四、…` */
function stripHeadingMarks(line: string): { text: string; heading: boolean } {
  let text = line.trim();
  const heading = text.startsWith('#');
  text = text.replace(/^#+\s*/, '');
  const bold = /^\*\*(.*)\*\*$/.exec(text);
  if (bold?.[1] !== undefined && !bold[1].includes('**')) text = bold[1];
  return { text: cleanLine(text), heading };
}

// ---------------------------------------------------------------------------------------------------------------
// Line classification

const PART_LINE = /^([一二三四五六七八九十]{1,3})、\s*(\S.{0,59})$/u;
const SECTION_LINE = /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*(\S.{0,59})$/u;
/** `**12. ` (bold) or `12. ` / `12．` / `12、`; the character after the dot may not be a digit (`2.0 系统`). */
const MEASURE_LINE = /^(\*\*)?\s*(\d{1,3})\s*[.．、](?!\d)\s*\S/u;

type Line =
  | { kind: 'part'; no: number; label: string; title: string; heading: boolean }
  | { kind: 'section'; numeral: number; label: string; title: string; heading: boolean }
  | { kind: 'measure'; no: number; bold: boolean }
  | { kind: 'text' }
  | { kind: 'blank' };

/** A heading's title is a phrase, never a sentence: a 。 means it is prose that happens to start with 一、 or （一）. */
function isTitle(title: string): boolean {
  return !/[。；;！？]/.test(title);
}

function classify(raw: string): Line {
  if (!raw.trim()) return { kind: 'blank' };
  const m = MEASURE_LINE.exec(raw.trim());
  if (m?.[2]) return { kind: 'measure', no: Number(m[2]), bold: m[1] === '**' };
  const { text, heading } = stripHeadingMarks(raw);
  const p = PART_LINE.exec(text);
  if (p?.[1] && p[2] && isTitle(p[2])) {
    const no = chineseNumeral(p[1]);
    if (no !== undefined) return { kind: 'part', no, label: p[1], title: p[2].trim(), heading };
  }
  const s = SECTION_LINE.exec(text);
  if (s?.[1] && s[2] && isTitle(s[2])) {
    const numeral = chineseNumeral(s[1]);
    if (numeral !== undefined) {
      return { kind: 'section', numeral, label: `（${s[1]}）`, title: s[2].trim(), heading };
    }
  }
  return { kind: 'text' };
}

// ---------------------------------------------------------------------------------------------------------------
// Unit lists

const LIST_MARKER = /(牵头|责任|配合)(单位|部门)\s*[：:]/uy;
const LIST_MARKER_ANYWHERE = /(牵头|责任|配合)(单位|部门)\s*[：:]/gu;
const OPENERS = new Set(['（', '(', '[', '〔', '【', '［']);
const CLOSERS = new Set(['）', ')', ']', '〕', '】', '］']);
const SEPARATORS = new Set(['、', '，', ',']);
const ROLE_BREAKS = new Set(['；', ';']);

function roleOf(marker: string): UnitRole {
  // 配合单位 (supporting units) share the responsible role: the plan model has lead, responsible and scope only.
  return marker === '牵头' ? 'lead' : 'responsible';
}

/** `各镇(街道、区)。` → `各镇（街道、区）`: whitespace gone, brackets full-width, no trailing full stop. */
export function normaliseUnitName(raw: string): string {
  return raw
    .replace(/\s+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/^[。.，,、：:]+|[。.，,、：:]+$/g, '');
}

interface SplitList {
  /** Where the list (with its opening brackets) starts in the measure text. */
  start: number;
  units: ParsedUnit[];
  /** Text after the list's closing bracket other than punctuation (normally empty). */
  trailing: string;
}

/** Finds the measure's unit list (the bracketed group that starts with 牵头单位：/责任单位：) and splits it. */
function splitUnitList(text: string): SplitList | undefined {
  LIST_MARKER_ANYWHERE.lastIndex = 0;
  const first = LIST_MARKER_ANYWHERE.exec(text);
  if (!first) return undefined;
  let start = first.index;
  while (start > 0 && (OPENERS.has(text.charAt(start - 1)) || /\s/.test(text.charAt(start - 1)))) start--;
  while (start < first.index && /\s/.test(text.charAt(start))) start++;

  const units: ParsedUnit[] = [];
  let role: UnitRole = 'responsible';
  let depth = 0;
  let current = '';
  const flush = (): void => {
    const name = normaliseUnitName(current);
    current = '';
    if (!name) return;
    units.push({ name, role: isCollectiveScope(name) ? 'scope' : role });
  };
  let i = first.index;
  let end = text.length;
  while (i < text.length) {
    if (depth === 0) {
      LIST_MARKER.lastIndex = i;
      const marker = LIST_MARKER.exec(text);
      if (marker?.[1]) {
        flush();
        role = roleOf(marker[1]);
        i += marker[0].length;
        continue;
      }
    }
    const ch = text.charAt(i);
    if (OPENERS.has(ch)) {
      depth++;
    } else if (CLOSERS.has(ch)) {
      if (depth === 0) {
        end = i;
        break;
      }
      depth--;
    } else if (depth === 0 && (SEPARATORS.has(ch) || ROLE_BREAKS.has(ch))) {
      flush();
      i++;
      continue;
    }
    current += ch;
    i++;
  }
  flush();
  const trailing = text.slice(end).replace(/[\s）)\]〕】］。.；;，,]+/gu, '');
  return { start, units, trailing };
}

// ---------------------------------------------------------------------------------------------------------------
// Measures

const BOLD_MEASURE = /^\*\*\s*(\d{1,3})\s*[.．、]\s*(.*?)\*\*(.*)$/su;
const PLAIN_MEASURE = /^(\d{1,3})\s*[.．、]\s*([^。]{1,80}?)。(.*)$/su;

function parseMeasure(
  no: number,
  raw: string,
  warn: (msg: string) => void,
): { title: string; body: string; units: ParsedUnit[] } {
  let title: string;
  let rest: string;
  const bold = BOLD_MEASURE.exec(raw);
  const plain = bold ? undefined : PLAIN_MEASURE.exec(raw.replace(/^\*\*/, ''));
  if (bold) {
    title = bold[2] ?? '';
    rest = bold[3] ?? '';
  } else if (plain) {
    title = plain[2] ?? '';
    rest = plain[3] ?? '';
  } else {
    // No closing bold and no full stop within reach: the title runs to the end of the first clause.
    const body = raw.replace(/^\**\s*\d{1,3}\s*[.．、]\s*/u, '');
    const cut = body.search(/[，。；]/u);
    title = cut > 0 ? body.slice(0, cut) : body;
    rest = cut > 0 ? body.slice(cut + 1) : '';
    warn(`第 ${no} 条措施的标题没有以“。”或加粗结束，已取到第一个标点为止`);
  }
  title = title
    .replace(/\*\*/g, '')
    .trim()
    .replace(/[。.]+$/u, '')
    .trim();
  rest = rest.replace(/\*\*/g, '').replace(/^[\s。]+/u, '');

  const list = splitUnitList(rest);
  let body = rest;
  let units: ParsedUnit[] = [];
  if (list) {
    body = rest.slice(0, list.start);
    units = list.units;
    if (list.trailing) {
      body = `${body.trimEnd()}${list.trailing}`;
      warn(`第 ${no} 条措施在单位清单之后还有文字“${list.trailing.slice(0, 20)}”，已并入正文`);
    }
  } else {
    warn(`第 ${no} 条措施没有责任单位或牵头单位清单`);
  }
  const seen = new Set<string>();
  units = units.filter((u) => {
    if (seen.has(u.name)) {
      warn(`第 ${no} 条措施的单位“${u.name}”重复列出，只保留第一次`);
      return false;
    }
    seen.add(u.name);
    return true;
  });
  if (list && units.length === 0) warn(`第 ${no} 条措施的单位清单是空的`);
  if (!title) warn(`第 ${no} 条措施没有标题`);
  return { title, body: body.trim(), units };
}

// ---------------------------------------------------------------------------------------------------------------
// Front matter

const DOC_NO = /([\p{Script=Han}A-Za-z]{1,12})\s*[〔［[（(【]\s*(\d{4})\s*[〕］\]）)】]\s*(\d{1,4})\s*号/u;
const DATE_LINE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/u;

function isoDate(y: string, m: string, d: string): string | undefined {
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === iso ? iso : undefined;
}

interface FrontMatter {
  title: string | undefined;
  documentNo: string | null;
  issuedOn: string | null;
  issuer: string | null;
}

/** Title, document number, date and issuer from the lines before the first part heading. */
function readFrontMatter(lines: readonly string[]): FrontMatter {
  const texts = lines.map((l) => ({ ...stripHeadingMarks(l), blank: !l.trim() }));
  const all = texts.map((t) => t.text).join('\n');

  const doc = DOC_NO.exec(all);
  const documentNo = doc ? `${doc[1]}〔${doc[2]}〕${doc[3]}号` : null;

  let issuedOn: string | null = null;
  let issuer: string | null = null;
  const dateAt = texts.findIndex((t) => DATE_LINE.test(t.text));
  if (dateAt >= 0) {
    const d = DATE_LINE.exec(texts[dateAt]?.text ?? '');
    issuedOn = d?.[1] && d[2] && d[3] ? (isoDate(d[1], d[2], d[3]) ?? null) : null;
    // The signatories stand just above the date, one per line.
    const signers: string[] = [];
    for (let i = dateAt - 1; i >= 0; i--) {
      const t = texts[i];
      if (!t || t.blank) {
        if (signers.length > 0) break;
        continue;
      }
      if (t.heading || t.text.length > 30 || /[，。：；、]/.test(t.text)) break;
      signers.unshift(t.text);
    }
    if (signers.length > 0) issuer = signers.join('、');
  }
  if (!issuer) {
    const header = texts.find((t) => /文件$/.test(t.text) && t.text.length <= 30);
    if (header) issuer = header.text.replace(/文件$/, '');
  }

  // 关于印发《X》的通知 names the plan exactly; otherwise the last heading before the plan begins.
  const cited = /印发\s*《([^》]{2,80})》/u.exec(all);
  let title = cited?.[1]?.trim();
  if (!title) {
    const headings = texts.filter(
      (t) => t.heading && t.text && !/文件$/.test(t.text) && !/通知$/.test(t.text) && !DOC_NO.test(t.text),
    );
    title = headings.at(-1)?.text ?? texts.find((t) => t.text)?.text;
  }
  return { title, documentNo, issuedOn, issuer };
}

// ---------------------------------------------------------------------------------------------------------------
// The parse

interface OpenMeasure {
  no: number;
  partNo: number | undefined;
  sectionNo: number | undefined;
  lines: string[];
}

export function parsePlan(text: string): ParsedPlan {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const warnings: string[] = [];
  const problems: string[] = [];
  const warn = (msg: string): void => {
    warnings.push(msg);
  };

  const parts: ParsedPart[] = [];
  const sections: ParsedSection[] = [];
  const measures: ParsedMeasure[] = [];
  const open: OpenMeasure[] = [];
  let part: ParsedPart | undefined;
  let section: ParsedSection | undefined;
  let lastSectionNumeral = 0;
  let lastMeasureNo = 0;
  let current: OpenMeasure | undefined;
  let firstPartLine = -1;
  const partsSeen = new Set<number>();

  const close = (): void => {
    if (current) open.push(current);
    current = undefined;
  };

  lines.forEach((raw, index) => {
    const line = classify(raw);
    switch (line.kind) {
      case 'blank':
        return;
      case 'part': {
        // Plain lines need the next number (the first may be any); a marked heading is trusted, its gap reported.
        const expected = (part?.no ?? 0) + 1;
        if (!line.heading && part && line.no !== expected) break;
        if (line.no !== expected && part) warn(`第“${line.label}”部分之前的部分编号不连续`);
        if (partsSeen.has(line.no)) {
          problems.push(`部分编号“${line.label}、”出现了两次`);
          return;
        }
        close();
        if (firstPartLine < 0) firstPartLine = index;
        partsSeen.add(line.no);
        part = { no: line.no, label: line.label, title: line.title };
        parts.push(part);
        section = undefined;
        return;
      }
      case 'section': {
        if (!part) break;
        // Sections are numbered through the whole plan; a restart at （一） in a new part is accepted too.
        const continues = line.numeral === lastSectionNumeral + 1;
        const restarts = line.numeral === 1 && section === undefined;
        if (!line.heading && !continues && !restarts) break;
        if (!continues) {
          warn(
            `小节“${line.label}${line.title}”的编号与前一小节不连续，按出现顺序编为第 ${sections.length + 1} 节`,
          );
        }
        close();
        lastSectionNumeral = line.numeral;
        section = { no: sections.length + 1, label: line.label, title: line.title, partNo: part.no };
        sections.push(section);
        return;
      }
      case 'measure': {
        // An unmarked `N.` starts a measure only where one is due: inside a section, with the next number.
        if (!line.bold && (line.no !== lastMeasureNo + 1 || !section)) break;
        if (line.no !== lastMeasureNo + 1)
          warn(`第 ${line.no} 条措施之前的编号不连续（上一条是第 ${lastMeasureNo} 条）`);
        close();
        lastMeasureNo = line.no;
        current = { no: line.no, partNo: part?.no, sectionNo: section?.no, lines: [raw] };
        return;
      }
      case 'text':
        break;
    }
    // Prose: part of the open measure, or front matter / 总体要求 / 组织保障 text that carries no measure.
    current?.lines.push(raw);
  });
  close();

  const numbers = new Set<number>();
  for (const m of open) {
    if (numbers.has(m.no)) {
      problems.push(`第 ${m.no} 条措施出现了两次`);
      continue;
    }
    numbers.add(m.no);
    if (m.partNo === undefined || m.sectionNo === undefined) {
      problems.push(`第 ${m.no} 条措施不在任何编号小节（“（一）…”）之下`);
      continue;
    }
    const parsed = parseMeasure(m.no, joinLines(m.lines), warn);
    measures.push({ no: m.no, partNo: m.partNo, sectionNo: m.sectionNo, ...parsed });
  }

  if (open.length === 0) {
    problems.push(
      '没有找到编号措施（形如“**1. 标题。**正文……（责任单位：……）”的段落）。 No numbered measures found.',
    );
  }
  if (problems.length > 0) throw new PlanParseError(problems);

  const front = readFrontMatter(firstPartLine >= 0 ? lines.slice(0, firstPartLine) : []);
  const title = front.title ?? '';
  if (!title) throw new PlanParseError(['没有找到方案标题。 No plan title found.']);

  // Parts 一 (总体要求) and 六 (组织保障) carry no measures: only parts with sections belong to the structure.
  const partsWithSections = new Set(sections.map((s) => s.partNo));
  const sectionsWithMeasures = new Set(measures.map((m) => m.sectionNo));
  for (const s of sections) {
    if (!sectionsWithMeasures.has(s.no)) warn(`小节“${s.label}${s.title}”下没有措施`);
  }
  return {
    title,
    documentNo: front.documentNo,
    issuedOn: front.issuedOn,
    issuer: front.issuer,
    parts: parts.filter((p) => partsWithSections.has(p.no)),
    sections,
    measures: measures.sort((a, b) => a.no - b.no),
    warnings,
  };
}
