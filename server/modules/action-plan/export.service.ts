/**
 * Exports of the whole plan's progress: an Excel workbook (a summary sheet, then one sheet per part with one row
 * per measure and unit) and a printable A4 PDF report with Noto Sans SC embedded. Statuses come from
 * `computeMeasureStates`, so both agree with the dashboard.
 */
import ExcelJS from 'exceljs';
import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import { appendAudit, type AuditOrigin } from '../../kernel/audit.ts';
import { chinaDate, chinaDateTime } from '../../kernel/china-time.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { listDepartments } from '../identity/index.ts';
import type { MeasureStatus, PlanRow, UnitRole } from './action-plan.tables.ts';
import type { KpiDto } from './kpi.schemas.ts';
import { listKpis } from './kpi.service.ts';
import { computeMeasureStates } from './measure-status.service.ts';
import { headingOf } from './measure-views.service.ts';
import { listMeasureRows, listUnitRows } from './measures.repository.ts';
import { listMilestoneRows } from './milestones.repository.ts';
import { findCurrentPlan, listParts } from './plan.repository.ts';
import { listLatestReportRows } from './reports.repository.ts';
import { embedCjkFont, type CjkFont } from './pdf-font.ts';

export const STATUS_LABELS: Record<MeasureStatus, string> = {
  not_started: '未启动',
  in_progress: '推进中',
  completed: '已完成',
  lagging: '滞后',
};
const STATUS_ORDER: MeasureStatus[] = ['not_started', 'in_progress', 'completed', 'lagging'];
export const ROLE_LABELS: Record<UnitRole, string> = { lead: '牵头', responsible: '责任', scope: '范围' };

// ---------------------------------------------------------------------------------------------------------------
// The data both exports show

export interface UnitProgress {
  name: string;
  role: UnitRole;
  departmentName: string | null;
  latestReport: { period: string; percent: number; body: string } | null;
}

export interface MeasureProgress {
  no: number;
  title: string;
  section: string;
  status: MeasureStatus;
  progress: number;
  nextDueOn: string | null;
  overdue: boolean;
  nextMilestone: { title: string; dueOn: string } | null;
  units: UnitProgress[];
}

export interface PartProgress {
  no: number;
  heading: string;
  measures: MeasureProgress[];
}

export interface PlanProgress {
  plan: PlanRow;
  generatedAt: Date;
  byStatus: Record<MeasureStatus, number>;
  measureCount: number;
  averageProgress: number;
  parts: PartProgress[];
  kpis: KpiDto[];
}

export async function collectPlanProgress(ctx: AppContext): Promise<PlanProgress> {
  const plan = await findCurrentPlan(ctx.db);
  if (!plan) throw new AppError('PLAN_NOT_LOADED', 'No action plan has been imported yet.');
  const generatedAt = ctx.clock.now();
  const [states, parts, measures, units, latest, milestones, departments, kpis] = await Promise.all([
    computeMeasureStates(ctx, plan.id),
    listParts(ctx.db, plan.id),
    listMeasureRows(ctx.db, plan.id),
    listUnitRows(ctx.db, plan.id),
    listLatestReportRows(ctx.db, plan.id),
    listMilestoneRows(ctx.db, plan.id),
    listDepartments(ctx.db),
    listKpis(ctx, plan.id),
  ]);
  const departmentName = new Map(departments.map((d) => [d.id, d.name]));
  const reportOf = new Map(latest.map((r) => [`${r.measure_id}|${r.department_id}`, r]));
  const nextMilestone = new Map<string, { title: string; dueOn: string }>();
  // Listed by due date: the first open one of each measure is its next.
  for (const m of milestones) {
    if (m.completed_at === null && !nextMilestone.has(m.measure_id)) {
      nextMilestone.set(m.measure_id, { title: m.title, dueOn: m.due_on });
    }
  }
  const unitsOf = new Map<string, UnitProgress[]>();
  for (const u of [...units].sort((a, b) => a.position - b.position)) {
    const report = u.department_id ? reportOf.get(`${u.measure_id}|${u.department_id}`) : undefined;
    const list = unitsOf.get(u.measure_id) ?? [];
    list.push({
      name: u.name,
      role: u.role,
      departmentName: u.department_id ? (departmentName.get(u.department_id) ?? null) : null,
      latestReport: report ? { period: report.period, percent: report.percent, body: report.body } : null,
    });
    unitsOf.set(u.measure_id, list);
  }
  const byStatus: Record<MeasureStatus, number> = {
    not_started: 0,
    in_progress: 0,
    completed: 0,
    lagging: 0,
  };
  let progressSum = 0;
  const byPart = new Map<number, MeasureProgress[]>();
  for (const m of measures) {
    const s = states.get(m.id) ?? { status: 'not_started', progress: 0, nextDueOn: null, overdue: false };
    byStatus[s.status]++;
    progressSum += s.progress;
    const list = byPart.get(m.part_no) ?? [];
    list.push({
      no: m.no,
      title: m.title,
      section: headingOf(m.section_label, m.section_title),
      status: s.status,
      progress: s.progress,
      nextDueOn: s.nextDueOn,
      overdue: s.overdue,
      nextMilestone: nextMilestone.get(m.id) ?? null,
      units: unitsOf.get(m.id) ?? [],
    });
    byPart.set(m.part_no, list);
  }
  return {
    plan,
    generatedAt,
    byStatus,
    measureCount: measures.length,
    averageProgress: measures.length === 0 ? 0 : Math.round(progressSum / measures.length),
    parts: parts
      .filter((p) => byPart.has(p.ordinal))
      .map((p) => ({
        no: p.ordinal,
        heading: headingOf(p.label, p.title),
        measures: byPart.get(p.ordinal) ?? [],
      })),
    kpis,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Shared wording

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
}

export function kpiTarget(k: KpiDto): string {
  return `${k.direction === 'at_least' ? '≥' : '≤'} ${formatNumber(k.target)} ${k.unit}`;
}

/** What the KPI shows now — never a number without a source. */
export function kpiValueText(k: KpiDto): string {
  if (!k.source) return '暂无数据源';
  const latest = k.latest;
  if (!latest) return '尚未计算';
  if (latest.status === 'no_source') return '暂无数据源';
  if (latest.status === 'error') return '计算出错';
  if (latest.value === null) return '暂无可计量数据';
  return `${formatNumber(latest.value)} ${k.unit}`;
}

function kpiMetText(k: KpiDto): string {
  if (!k.source || !k.latest || k.latest.met === null) return '—';
  return k.latest.met ? '达标' : '未达标';
}

function milestoneText(m: MeasureProgress, today: string): string {
  if (!m.nextMilestone) return '';
  const late = m.nextMilestone.dueOn < today ? '（已逾期）' : '';
  return `${m.nextMilestone.dueOn} ${m.nextMilestone.title}${late}`;
}

function unitsText(m: MeasureProgress): string {
  return m.units.map((u) => `${u.name}（${ROLE_LABELS[u.role]}）`).join('、');
}

const REPORT_SUMMARY_CHARS = 200;

function reportSummary(u: UnitProgress): string {
  if (!u.latestReport) return '';
  const body = u.latestReport.body.replace(/\s+/g, ' ').trim();
  const cut = body.length > REPORT_SUMMARY_CHARS ? `${body.slice(0, REPORT_SUMMARY_CHARS)}…` : body;
  return `[本单位 ${u.latestReport.percent}%] ${cut}`;
}

export function exportFileName(p: PlanProgress, ext: 'xlsx' | 'pdf'): string {
  return `${p.plan.title}-推进情况-${chinaDate(p.generatedAt)}.${ext}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Excel

const SHEET_NAME_MAX = 31;

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique. */
export function sheetName(heading: string, taken: Set<string>): string {
  const base =
    heading
      .replace(/[:\\/?*[\]]/g, ' ')
      .trim()
      .slice(0, SHEET_NAME_MAX) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base.slice(0, SHEET_NAME_MAX - String(i).length - 1)}~${i}`;
  taken.add(name);
  return name;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } };
const LAGGING_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FFC00000' }, bold: true };

function styleHeader(row: ExcelJS.Row): void {
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.font = HEADER_FONT;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  row.height = 22;
}

export const MEASURE_COLUMNS = [
  { header: '序号', key: 'no', width: 7 },
  { header: '措施', key: 'title', width: 32 },
  { header: '所属章节', key: 'section', width: 24 },
  { header: '单位', key: 'unit', width: 26 },
  { header: '角色', key: 'role', width: 8 },
  { header: '状态', key: 'status', width: 9 },
  { header: '进度%', key: 'progress', width: 8 },
  { header: '下一节点', key: 'next', width: 30 },
  { header: '最近报告期', key: 'period', width: 12 },
  { header: '最近报告摘要', key: 'summary', width: 60 },
] as const;

export async function buildWorkbook(p: PlanProgress): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yingshang 营商';
  wb.created = p.generatedAt;
  const today = chinaDate(p.generatedAt);
  const taken = new Set<string>();

  const summary = wb.addWorksheet(sheetName('汇总', taken), { views: [{ showGridLines: false }] });
  summary.columns = [
    { width: 30 },
    { width: 16 },
    { width: 16 },
    { width: 16 },
    { width: 12 },
    { width: 10 },
    { width: 34 },
  ];
  summary.addRow([p.plan.title]).font = { bold: true, size: 16 };
  const issued = [p.plan.issuer, p.plan.document_no, p.plan.issued_on].filter(Boolean).join('  ');
  if (issued) summary.addRow([issued]);
  summary.addRow([`生成时间：${chinaDateTime(p.generatedAt)}（北京时间）`]);
  summary.addRow([]);
  styleHeader(summary.addRow(['状态', '措施数', '占比%']));
  for (const s of STATUS_ORDER) {
    const row = summary.addRow([
      STATUS_LABELS[s],
      p.byStatus[s],
      p.measureCount === 0 ? 0 : Math.round((1000 * p.byStatus[s]) / p.measureCount) / 10,
    ]);
    if (s === 'lagging' && p.byStatus[s] > 0) row.getCell(1).font = LAGGING_FONT;
  }
  summary.addRow(['合计', p.measureCount, 100]).font = { bold: true };
  summary.addRow(['平均进度%', p.averageProgress]);
  summary.addRow([]);
  styleHeader(summary.addRow(['指标', '目标', '最新值', '统计期', '是否达标', '相关措施', '数据源']));
  for (const k of p.kpis) {
    const row = summary.addRow([
      k.name,
      kpiTarget(k),
      kpiValueText(k),
      k.latest?.period ?? '',
      kpiMetText(k),
      k.measureNos.join('、'),
      k.source ? `${k.source.name}（${k.source.id}）` : `暂无数据源（${k.provider ?? '未指定'}）`,
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  }

  for (const part of p.parts) {
    const ws = wb.addWorksheet(sheetName(part.heading, taken), {
      views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    ws.columns = MEASURE_COLUMNS.map((c) => ({ ...c }));
    styleHeader(ws.getRow(1));
    for (const m of part.measures) {
      const units = m.units.length > 0 ? m.units : [null];
      for (const u of units) {
        const row = ws.addRow({
          no: m.no,
          title: m.title,
          section: m.section,
          unit: u ? u.name : '',
          role: u ? ROLE_LABELS[u.role] : '',
          status: STATUS_LABELS[m.status],
          progress: m.progress,
          next: milestoneText(m, today),
          period: u?.latestReport?.period ?? '',
          summary: u ? reportSummary(u) : '',
        });
        row.alignment = { vertical: 'top', wrapText: true };
        if (m.status === 'lagging') row.getCell('status').font = LAGGING_FONT;
      }
    }
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: MEASURE_COLUMNS.length } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------------------
// PDF

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const FOOTER_Y = 28;
const TEXT = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.4, 0.4, 0.4);
const ACCENT = rgb(0.12, 0.3, 0.47);
const RED = rgb(0.75, 0, 0);
const RULE = rgb(0.75, 0.75, 0.75);

/** Lays text out top to bottom, starting a new page when the next block does not fit. */
class Layout {
  readonly doc: PDFDocument;
  readonly font: CjkFont;
  page: PDFPage;
  y: number;

  constructor(doc: PDFDocument, font: CjkFont) {
    this.doc = doc;
    this.font = font;
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  get width(): number {
    return A4[0] - 2 * MARGIN;
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN + 10) this.newPage();
  }

  /**
   * A wrapped paragraph; `indent` shifts every line; `keepNext` points of what follows must fit on the same page
   * (a heading is never left alone at the bottom of a page).
   */
  paragraph(
    text: string,
    o: { size: number; color?: ReturnType<typeof rgb>; indent?: number; gap?: number; keepNext?: number },
  ): void {
    const indent = o.indent ?? 0;
    const lineHeight = o.size * 1.45;
    const lines = this.font.wrap(text, o.size, this.width - indent);
    this.ensure(lines.length * lineHeight + (o.keepNext ?? 0));
    for (const line of lines) {
      this.ensure(lineHeight);
      this.y -= o.size;
      this.font.drawText(this.page, line, {
        x: MARGIN + indent,
        y: this.y,
        size: o.size,
        color: o.color ?? TEXT,
      });
      this.y -= lineHeight - o.size;
    }
    this.y -= o.gap ?? 0;
  }

  /** The height `paragraph` would take for this text. */
  height(text: string, size: number, indent = 0): number {
    return this.font.wrap(text, size, this.width - indent).length * size * 1.45;
  }

  rule(): void {
    this.ensure(8);
    this.y -= 4;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: A4[0] - MARGIN, y: this.y },
      thickness: 0.5,
      color: RULE,
    });
    this.y -= 6;
  }

  /** A table row: each cell wraps inside its column; the row is as tall as its tallest cell. */
  tableRow(cells: string[], widths: number[], o: { size: number; color?: ReturnType<typeof rgb> }): void {
    const lineHeight = o.size * 1.4;
    const wrapped = cells.map((c, i) => this.font.wrap(c, o.size, (widths[i] ?? 60) - 6));
    const height = Math.max(...wrapped.map((l) => l.length)) * lineHeight + 4;
    this.ensure(height);
    let x = MARGIN;
    wrapped.forEach((lines, i) => {
      let y = this.y - o.size - 2;
      for (const line of lines) {
        this.font.drawText(this.page, line, { x: x + 3, y, size: o.size, color: o.color ?? TEXT });
        y -= lineHeight;
      }
      x += widths[i] ?? 60;
    });
    this.y -= height;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: MARGIN + widths.reduce((a, b) => a + b, 0), y: this.y },
      thickness: 0.3,
      color: RULE,
    });
  }
}

const KPI_WIDTHS = [150, 75, 95, 50, 125];
const STATUS_WIDTHS = [120, 80, 80];

export async function buildPdf(p: PlanProgress): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${p.plan.title} 推进情况报告`);
  doc.setAuthor('Yingshang 营商');
  doc.setCreator('Yingshang 营商');
  doc.setProducer('pdf-lib');
  doc.setCreationDate(p.generatedAt);
  doc.setLanguage('zh-CN');
  const today = chinaDate(p.generatedAt);

  const title = `${p.plan.title} 推进情况报告`;
  const issued = [p.plan.issuer, p.plan.document_no, p.plan.issued_on].filter(Boolean).join('  ');
  const generated = `生成时间：${chinaDateTime(p.generatedAt)}（北京时间）  措施 ${p.measureCount} 条  平均进度 ${p.averageProgress}%`;
  const kpiRows = p.kpis.map((k) => [
    k.name,
    kpiTarget(k),
    kpiValueText(k),
    kpiMetText(k),
    k.source ? k.source.name : '暂无数据源',
  ]);
  const measureBlocks = p.parts.map((part) => ({
    heading: part.heading,
    measures: part.measures.map((m) => ({
      m,
      head: `${m.no}. ${m.title}`,
      section: m.section,
      units: `单位：${unitsText(m) || '—'}`,
      status: `状态：${STATUS_LABELS[m.status]}    进度：${m.progress}%    下一节点：${milestoneText(m, today) || (m.nextDueOn ? `${m.nextDueOn}（进展报告）` : '—')}`,
    })),
  }));
  // Every character the document will draw, so the font subsets can be chosen before drawing.
  const allText = [
    title,
    issued,
    generated,
    '一、总体情况 二、指标 三、各项措施 状态 措施数 占比 合计 指标 目标 最新值 是否达标 数据源 第 页 共 0123456789 / %',
    ...STATUS_ORDER.map((s) => STATUS_LABELS[s]),
    ...kpiRows.flat(),
    ...measureBlocks.flatMap((b) => [
      b.heading,
      ...b.measures.flatMap((x) => [x.head, x.section, x.units, x.status]),
    ]),
  ].join('\n');
  const font = await embedCjkFont(doc, allText);
  const L = new Layout(doc, font);

  L.paragraph(title, { size: 18, color: ACCENT, gap: 4 });
  if (issued) L.paragraph(issued, { size: 10, color: MUTED });
  L.paragraph(generated, { size: 10, color: MUTED, gap: 6 });
  L.rule();

  L.paragraph('一、总体情况', { size: 14, color: ACCENT, gap: 4, keepNext: 100 });
  L.tableRow(['状态', '措施数', '占比'], STATUS_WIDTHS, { size: 10, color: ACCENT });
  for (const s of STATUS_ORDER) {
    const share = p.measureCount === 0 ? 0 : Math.round((1000 * p.byStatus[s]) / p.measureCount) / 10;
    L.tableRow([STATUS_LABELS[s], String(p.byStatus[s]), `${share}%`], STATUS_WIDTHS, {
      size: 10,
      ...(s === 'lagging' && p.byStatus[s] > 0 ? { color: RED } : {}),
    });
  }
  L.tableRow(['合计', String(p.measureCount), '100%'], STATUS_WIDTHS, { size: 10 });
  L.y -= 12;

  L.paragraph('二、指标', { size: 14, color: ACCENT, gap: 4, keepNext: 60 });
  L.tableRow(['指标', '目标', '最新值', '是否达标', '数据源'], KPI_WIDTHS, { size: 9, color: ACCENT });
  for (const row of kpiRows) L.tableRow(row, KPI_WIDTHS, { size: 9 });
  L.y -= 12;

  // The measures start on their own page: the summary stays one printable sheet.
  L.newPage();
  L.paragraph('三、各项措施', { size: 14, color: ACCENT, gap: 6 });
  for (const block of measureBlocks) {
    L.paragraph(block.heading, { size: 12, color: ACCENT, gap: 4, keepNext: 70 });
    let section = '';
    for (const x of block.measures) {
      if (x.section !== section) {
        section = x.section;
        L.paragraph(section, { size: 10.5, color: MUTED, gap: 2, keepNext: 50, indent: 4 });
      }
      // A measure's three lines stay on one page.
      L.ensure(L.height(x.head, 10.5, 8) + L.height(x.units, 9, 20) + L.height(x.status, 9, 20) + 1);
      L.paragraph(x.head, { size: 10.5, gap: 1, indent: 8 });
      L.paragraph(x.units, { size: 9, color: MUTED, indent: 20 });
      L.paragraph(x.status, { size: 9, color: x.m.status === 'lagging' ? RED : TEXT, indent: 20, gap: 6 });
    }
  }

  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const label = `第 ${i + 1} 页 / 共 ${pages.length} 页`;
    const w = font.widthOf(label, 8);
    font.drawText(page, label, { x: (A4[0] - w) / 2, y: FOOTER_Y, size: 8, color: MUTED });
  });
  return doc.save();
}

// ---------------------------------------------------------------------------------------------------------------

export interface ExportFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

async function auditExport(
  ctx: AppContext,
  origin: AuditOrigin,
  p: PlanProgress,
  format: string,
  size: number,
) {
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, origin, {
      action: 'action_plan.exported',
      subjectType: 'plan',
      subjectId: p.plan.id,
      detail: { format, bytes: size, measures: p.measureCount },
    }),
  );
}

export async function exportPlanWorkbook(ctx: AppContext, origin: AuditOrigin): Promise<ExportFile> {
  const p = await collectPlanProgress(ctx);
  const bytes = await buildWorkbook(p);
  await auditExport(ctx, origin, p, 'xlsx', bytes.length);
  return {
    fileName: exportFileName(p, 'xlsx'),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes,
  };
}

export async function exportPlanReport(ctx: AppContext, origin: AuditOrigin): Promise<ExportFile> {
  const p = await collectPlanProgress(ctx);
  const bytes = await buildPdf(p);
  await auditExport(ctx, origin, p, 'pdf', bytes.length);
  return { fileName: exportFileName(p, 'pdf'), contentType: 'application/pdf', bytes };
}
