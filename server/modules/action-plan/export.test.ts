import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFPage,
} from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.ts';
import {
  buildTestApp,
  createDepartment,
  createTestUser,
  loginCookie,
  type TestApp,
} from '../../test/harness.ts';
import { chooseSubsets, woff2ToTrueType } from './pdf-font.ts';

const clock = new FixedClock('2026-11-27T02:00:00Z');
let t: TestApp;
let office = '';
let officer = '';
let enterprise = '';

interface PlanMeasure {
  no: number;
  title: string;
  partHeading: string;
  units: string[];
}
let planTitle = '';
let measures: PlanMeasure[] = [];
let xlsx: Buffer;
let pdf: Buffer;

const REPORT_BODY = '已梳理企业开办全流程，压缩至半个工作日内办结的比例明显提高。';

/** The plan as stored, read straight from the tables (not through the export code). */
async function readPlan(): Promise<void> {
  const plan = await sql<{ id: string; title: string }>`
    select id, title from plan order by created_at desc, id desc limit 1`.execute(t.ctx.db);
  planTitle = plan.rows[0]!.title;
  const rows = await sql<{
    no: number;
    title: string;
    label: string;
    part_title: string;
    units: string[] | null;
  }>`
    select m.no, m.title, p.label, p.title as part_title,
           (select array_agg(u.name order by u.position) from measure_unit u where u.measure_id = m.id) as units
    from measure m join plan_section s on s.id = m.section_id join plan_part p on p.id = s.part_id
    where m.plan_id = ${plan.rows[0]!.id} order by m.no`.execute(t.ctx.db);
  measures = rows.rows.map((r) => ({
    no: r.no,
    title: r.title,
    partHeading: `${r.label}、${r.part_title}`,
    units: r.units ?? [],
  }));
}

/** Gives measure 19's first unit a department with a report and an overdue milestone, so one row is not blank. */
async function addProgress(): Promise<void> {
  const dept = await createDepartment(t, 'EXPORTD', '导出测试局');
  const m = await sql<{ id: string; unit_id: string }>`
    select m.id, u.id as unit_id from measure m join measure_unit u on u.measure_id = m.id
    where m.no = 19 order by m.created_at desc, u.position limit 1`.execute(t.ctx.db);
  const { id, unit_id } = m.rows[0]!;
  await sql`update measure_unit set department_id = ${dept} where id = ${unit_id}`.execute(t.ctx.db);
  await sql`insert into progress_report (measure_id, department_id, period, percent, body, submitted_at)
    values (${id}, ${dept}, '2026-10', 60, ${REPORT_BODY}, '2026-11-03T02:00:00Z')`.execute(t.ctx.db);
  await sql`insert into milestone (measure_id, title, due_on, owner_department_id)
    values (${id}, '半个工作日办结全覆盖', '2026-11-10', ${dept})`.execute(t.ctx.db);
}

async function download(url: string, cookie?: string) {
  return t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
}

beforeAll(async () => {
  t = await buildTestApp({ clock });
  office = await loginCookie(t, await createTestUser(t, 'office'));
  officer = await loginCookie(t, await createTestUser(t, 'officer'));
  enterprise = await loginCookie(t, await createTestUser(t, 'enterprise'));
  await readPlan();
  await addProgress();
});
afterAll(async () => {
  await t?.close();
});

describe('export permissions', () => {
  it('401 anonymous, 403 for an enterprise user, 200 for officials (plan.read)', async () => {
    for (const url of ['/api/action-plan/export.xlsx', '/api/action-plan/export.pdf']) {
      expect((await download(url)).statusCode, url).toBe(401);
      const denied = await download(url, enterprise);
      expect(denied.statusCode, url).toBe(403);
      expect(denied.headers['content-type']).toContain('application/problem+json');
      expect((await download(url, officer)).statusCode, url).toBe(200);
    }
  });
});

describe('Excel workbook', () => {
  beforeAll(async () => {
    const res = await download('/api/action-plan/export.xlsx', office);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const disposition = String(res.headers['content-disposition']);
    const star = /filename\*=UTF-8''(\S+)$/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(star)).toBe(`${planTitle}-推进情况-2026-11-27.xlsx`);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; /);
    xlsx = res.rawPayload;
    if (process.env.EXPORT_DIR) writeFileSync(path.join(process.env.EXPORT_DIR, 'plan.xlsx'), xlsx);
  });

  it('opens, with the summary first and one sheet per part named after it (at most 31 characters)', async () => {
    expect(measures).toHaveLength(58);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('汇总');
    const headings = [...new Set(measures.map((m) => m.partHeading))];
    expect(names.slice(1)).toHaveLength(headings.length);
    headings.forEach((h, i) => {
      const name = names[i + 1]!;
      expect(name.length).toBeLessThanOrEqual(31);
      expect(h.startsWith(name), `${h} / ${name}`).toBe(true);
    });
    expect(names[1]).toMatch(/^二、优化提升市场环境/);
  });

  it('every measure 1–58 is on its part’s sheet, one row per unit, units in plan order', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const rowsBySheet = new Map<string, { no: number; unit: string; row: ExcelJS.Row }[]>();
    for (const ws of wb.worksheets.slice(1)) {
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual([
        '序号',
        '措施',
        '所属章节',
        '单位',
        '角色',
        '状态',
        '进度%',
        '下一节点',
        '最近报告期',
        '最近报告摘要',
      ]);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(ws.getColumn(2).width).toBeGreaterThan(20);
      const rows: { no: number; unit: string; row: ExcelJS.Row }[] = [];
      ws.eachRow((row, i) => {
        if (i > 1) rows.push({ no: Number(row.getCell(1).value), unit: row.getCell(4).text, row });
      });
      rowsBySheet.set(ws.name, rows);
    }
    const seen = new Set<number>();
    for (const m of measures) {
      const sheet = [...rowsBySheet.keys()].find((n) => m.partHeading.startsWith(n))!;
      const rows = rowsBySheet.get(sheet)!.filter((r) => r.no === m.no);
      expect(
        rows.map((r) => r.unit),
        `measure ${m.no}`,
      ).toEqual(m.units.length > 0 ? m.units : ['']);
      expect(rows[0]?.row.getCell(2).text).toBe(m.title);
      seen.add(m.no);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 58 }, (_, i) => i + 1));
    // No measure appears on another part's sheet.
    const total = [...rowsBySheet.values()].reduce((n, rows) => n + rows.length, 0);
    expect(total).toBe(measures.reduce((n, m) => n + Math.max(1, m.units.length), 0));

    const m19 = [...rowsBySheet.values()].flat().filter((r) => r.no === 19);
    const reported = m19.find((r) => r.row.getCell(9).value === '2026-10');
    expect(reported, 'measure 19 row with the report').toBeDefined();
    expect(reported?.row.getCell(10).text).toBe(`[本单位 60%] ${REPORT_BODY}`);
    expect(m19.every((r) => r.row.getCell(6).value === '滞后')).toBe(true);
    expect(m19[0]?.row.getCell(8).text).toBe('2026-11-10 半个工作日办结全覆盖（已逾期）');
  });

  it('the summary counts measures by status and lists the KPIs, with 暂无数据源 where no module provides one', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const summary = wb.worksheets[0]!;
    const cells = new Map<string, unknown[]>();
    summary.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      if (typeof values[0] === 'string') cells.set(values[0], values.slice(1));
    });
    const counts = ['未启动', '推进中', '已完成', '滞后'].map((s) => Number(cells.get(s)?.[0]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(58);
    expect(counts[3]).toBe(1);
    expect(cells.get('合计')?.[0]).toBe(58);
    const kpis = (await download('/api/action-plan/kpis')).json<{ name: string; source: unknown }[]>();
    expect(kpis.length).toBeGreaterThan(5);
    for (const k of kpis) {
      expect(cells.has(k.name), k.name).toBe(true);
      if (k.source === null) expect(cells.get(k.name)?.[1], k.name).toBe('暂无数据源');
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// PDF: text is extracted by mapping each shown glyph id back through its font's ToUnicode CMap.

function utf16(hex: string): string {
  let s = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return s;
}

function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      map.set(parseInt(m[1]!, 16), utf16(m[2]!));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      const base = utf16(m[3]!);
      for (let g = lo; g <= hi; g++) map.set(g, String.fromCharCode(base.charCodeAt(0) + g - lo));
    }
  }
  return map;
}

function streamText(doc: PDFDocument, obj: unknown): string {
  const stream = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  if (!(stream instanceof PDFRawStream)) return '';
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
}

function pageText(doc: PDFDocument, page: PDFPage): string {
  const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
  const maps = new Map<string, Map<number, string>>();
  for (const [name, ref] of fonts?.entries() ?? []) {
    const font = doc.context.lookup(ref, PDFDict);
    maps.set(name.asString(), parseToUnicode(streamText(doc, font.get(PDFName.of('ToUnicode')))));
  }
  const contents = page.node.Contents();
  const parts = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  let out = '';
  for (const part of parts) {
    const ops = streamText(doc, part instanceof PDFStream ? part : part);
    let map = new Map<number, string>();
    for (const m of ops.matchAll(/(\/[^\s/[\]<>()]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (m[1]) map = maps.get(m[1]) ?? new Map();
      else
        for (let i = 0; i + 4 <= (m[2] ?? '').length; i += 4)
          out += map.get(parseInt(m[2]!.slice(i, i + 4), 16)) ?? '\uFFFD';
    }
  }
  return out;
}

describe('PDF report', () => {
  let doc: PDFDocument;
  let text: string[];

  beforeAll(async () => {
    const res = await download('/api/action-plan/export.pdf', office);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const star = /filename\*=UTF-8''(\S+)$/.exec(String(res.headers['content-disposition']))?.[1] ?? '';
    expect(decodeURIComponent(star)).toBe(`${planTitle}-推进情况-2026-11-27.pdf`);
    pdf = res.rawPayload;
    if (process.env.EXPORT_DIR) writeFileSync(path.join(process.env.EXPORT_DIR, 'plan.pdf'), pdf);
    doc = await PDFDocument.load(pdf);
    text = doc.getPages().map((p) => pageText(doc, p));
  });

  it('opens as A4 pages, numbered', () => {
    const pages = doc.getPages();
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(p.getSize()).toEqual({ width: 595.28, height: 841.89 });
    text.forEach((s, i) => expect(s).toContain(`第 ${i + 1} 页 / 共 ${pages.length} 页`));
  });

  it('embeds its Chinese fonts (Type0 / CIDFontType2 with a FontFile2 program)', () => {
    let type0 = 0;
    let fontFiles = 0;
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      const dict = obj instanceof PDFDict ? obj : obj instanceof PDFStream ? obj.dict : undefined;
      if (!dict) continue;
      if (dict.get(PDFName.of('Subtype'))?.toString() === '/Type0') type0++;
      const file = dict.get(PDFName.of('FontFile2'));
      if (file) {
        fontFiles++;
        const program = doc.context.lookup(file);
        expect(program).toBeInstanceOf(PDFRawStream);
        expect((program as PDFRawStream).getContentsSize()).toBeGreaterThan(100);
      }
    }
    expect(type0).toBeGreaterThan(1);
    expect(fontFiles).toBe(type0);
  });

  it('contains the title, the summary, the KPIs and every measure’s title, in order, with no undrawable character', () => {
    const all = text.join('').replace(/\s+/g, '');
    expect(all).toContain(`${planTitle}推进情况报告`.replace(/\s+/g, ''));
    expect(all).toContain('生成时间：2026-11-2710:00（北京时间）');
    expect(all).toContain('暂无数据源');
    expect(all).not.toContain('\uFFFD');
    let from = 0;
    for (const m of measures) {
      const at = all.indexOf(`${m.no}.${m.title}`.replace(/\s+/g, ''), from);
      expect(at, `measure ${m.no} ${m.title}`).toBeGreaterThan(-1);
      from = at;
    }
    expect(all).toContain('状态：滞后');
    expect(all).toContain('下一节点：2026-11-10半个工作日办结全覆盖（已逾期）');
  });
});

describe('pdf-font', () => {
  it('chooses few subsets: every character of the text is covered, by as few files as it takes', () => {
    const text = measures.map((m) => m.title).join('');
    const chosen = chooseSubsets(text);
    for (const ch of new Set(text)) expect(chosen.has(ch.codePointAt(0)!), ch).toBe(true);
    // Each character on its own would still need these files: the choice adds none beyond necessity + reuse.
    expect(new Set(chosen.values()).size).toBeLessThan(new Set(text).size);
  });

  it('rebuilds a WOFF2 subset as a TrueType file whose glyphs keep their outlines', async () => {
    const { readFileSync } = await import('node:fs');
    const { createRequire } = await import('node:module');
    const fontkit = (await import('@pdf-lib/fontkit')).default;
    const dir = path.join(
      path.dirname(createRequire(import.meta.url).resolve('noto-sans-sc/package.json')),
      'noto_sans_sc_regular',
    );
    const file = chooseSubsets('营').get('营'.codePointAt(0)!)!;
    const woff2 = readFileSync(path.join(dir, file));
    const ttf = await woff2ToTrueType(woff2);
    expect(ttf.subarray(0, 4)).toEqual(Buffer.from([0, 1, 0, 0]));
    const before = fontkit.create(woff2);
    const after = fontkit.create(ttf);
    expect(after.numGlyphs).toBe(before.numGlyphs);
    const a = before.glyphForCodePoint('营'.codePointAt(0)!);
    const b = after.glyphForCodePoint('营'.codePointAt(0)!);
    expect(b.id).toBe(a.id);
    expect(b.advanceWidth).toBe(a.advanceWidth);
    expect(b.path.toSVG()).toBe(a.path.toSVG());
    expect(b.path.toSVG().length).toBeGreaterThan(100);
  });
});
