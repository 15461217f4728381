/**
 * Public credit, end to end: 区市场监管局 uploads a CSV of penalties with three bad rows (all-or-nothing, so nothing
 * is written), downloads the error report and finds exactly those rows in it, fixes them and imports again (all
 * written), and importing the same file once more changes nothing. A visitor's public query then shows the new
 * penalties with the ID number in the facts masked. The enterprise (`ent`) applies for repair of its penalty — decided
 * about 4 months ago, so the 3-month minimum publication period of an ordinary penalty is over — with a supporting
 * document; the department approves; the record stops being published, in the enterprise's view and publicly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { openTab, signedInTab, url } from './support.ts';

const run = Date.now().toString(36);
const no = (n: number) => `相市监罚〔E2E${run}〕${n}号`;
const ID_NUMBER = '320507199001011234';

/** A valid 1×1 PNG (the server sniffs content). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/q842iQAAAABJRU5ErkJggg==',
  'base64',
);

/** China's calendar date `days` from today, `YYYY-MM-DD` (the server decides dates in China time). */
function chinaDay(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}

/** The same code with a different (hence wrong) check character. */
function corrupt(uscc: string): string {
  return uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
}

interface Row {
  uscc: string;
  name: string;
  no: string;
  date: string;
  type: string;
  severity: string;
  facts: string;
}

function csv(rows: readonly Row[]): Buffer {
  const header = '统一社会信用代码,主体名称,决定文书号,决定日期,处罚类别,严重程度,违法事实,处罚依据';
  const lines = rows.map((r) =>
    [r.uscc, r.name, r.no, r.date, r.type, r.severity, r.facts, '《企业信息公示暂行条例》第十八条'].join(','),
  );
  return Buffer.from(`\uFEFF${[header, ...lines].join('\r\n')}\r\n`, 'utf8');
}

async function chooseOption(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
    .first()
    .click();
}

/** Uploads a file on 批量导入 and waits for the job's result; returns the import's counts. */
async function importFile(page: Page, name: string, content: Buffer): Promise<Record<string, number>> {
  const previous = await page
    .getByTestId('import-current')
    .getAttribute('data-id')
    .catch(() => null);
  await page
    .getByTestId('credit-imports')
    .locator('input[type="file"]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: content });
  await page.getByTestId('import-submit').click();
  const current = page.getByTestId('import-current');
  await expect
    .poll(async () => {
      const id = await current.getAttribute('data-id').catch(() => null);
      return id !== null && id !== previous;
    })
    .toBe(true);
  await current.getByTestId('import-result').waitFor({ timeout: 30_000 });
  const id = (await current.getAttribute('data-id')) ?? '';
  const counts: Record<string, number> = {};
  for (const key of ['rowsTotal', 'rowsOk', 'rowsFailed', 'rowsUnchanged']) {
    const text = await current.getByTestId(`import-${key}`).locator('.ant-statistic-content').innerText();
    counts[key] = Number(text.replace(/[^\d]/g, ''));
  }
  // What the page shows is what the server finished with, for this very import.
  const server = await (await page.request.get(url(`/api/credit/imports/${id}`))).json();
  expect(server.status).not.toBe('running');
  expect(counts).toEqual({
    rowsTotal: server.rowsTotal,
    rowsOk: server.rowsOk,
    rowsFailed: server.rowsFailed,
    rowsUnchanged: server.rowsUnchanged,
  });
  return counts;
}

let browser: Browser;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ys-credit-e2e-'));

beforeAll(async () => {
  browser = await launch();
  // The first page of a freshly started server on a busy machine can take longer than one action's timeout.
  const warm = await openTab(browser);
  await warm.page.goto(url('/login'), { timeout: 90_000 });
  await warm.page.getByTestId('login-form').waitFor({ timeout: 90_000 });
  await warm.context.close();
});

afterAll(async () => {
  await browser.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('public credit', () => {
  it('import with an error report → fix → public query → repair with a document → approval', async () => {
    // --- who is who: the enterprise's code, and another registered enterprise ---
    const ent = await signedInTab(browser, 'ent');
    const me = await (await ent.page.request.get(url('/api/auth/me'))).json();
    const entUscc: string = me.enterprise.uscc;
    const entName: string = me.enterprise.name;
    expect(entUscc).toMatch(/^[0-9A-Z]{18}$/);

    const samr = await signedInTab(browser, 'samr');
    const list = await (await samr.page.request.get(url('/api/enterprises?page=1&pageSize=5'))).json();
    const other = list.items.find((e: { uscc: string }) => e.uscc !== entUscc) as {
      uscc: string;
      name: string;
    };
    expect(other).toBeDefined();

    // Decided ~4 months ago: past the 3-month minimum of an ordinary penalty, within its 1-year publication.
    const decided = chinaDay(-125);
    const good: Row[] = [
      {
        uscc: entUscc,
        name: entName,
        no: no(1),
        date: decided,
        type: '罚款',
        severity: '一般',
        facts: `未按规定公示年度报告（当事人身份证号 ${ID_NUMBER}）`,
      },
      {
        uscc: other.uscc,
        name: other.name,
        no: no(2),
        date: decided,
        type: '警告',
        severity: '严重',
        facts: '虚假宣传',
      },
      {
        uscc: other.uscc,
        name: other.name,
        no: no(3),
        date: decided,
        type: '罚款',
        severity: '一般',
        facts: '无照经营',
      },
      {
        uscc: entUscc,
        name: entName,
        no: no(4),
        date: chinaDay(-10),
        type: '警告',
        severity: '一般',
        facts: '未亮照经营',
      },
      {
        uscc: other.uscc,
        name: other.name,
        no: no(5),
        date: decided,
        type: '警告',
        severity: '轻微',
        facts: '标价不规范',
      },
    ];
    // Lines 3, 5 and 6 of the file (header = line 1) are broken: a wrong check character, a future date, an unknown
    // severity.
    const bad = good.map((r) => ({ ...r }));
    bad[1]!.uscc = corrupt(other.uscc);
    bad[3]!.date = chinaDay(30);
    bad[4]!.severity = '很严重';
    const badLines = [3, 5, 6];

    // --- 区市场监管局 imports, all or nothing: three bad rows, nothing written ---
    try {
      const { page } = samr;
      await page.getByTestId('nav-creditImports').click();
      await page.getByTestId('credit-imports').waitFor();
      await chooseOption(page, 'import-category', '行政处罚');
      const first = await importFile(page, `penalties-${run}.csv`, csv(bad));
      expect(first).toMatchObject({ rowsTotal: 5, rowsFailed: 3, rowsOk: 2 });
      expect(await page.getByTestId('import-summary').innerText()).toContain('未写入');
      const sampleRows = await page
        .getByTestId('import-errors')
        .locator('tbody tr[data-row-key] td:first-child')
        .allInnerTexts();
      expect([...new Set(sampleRows.map(Number))].sort()).toEqual(badLines);

      // The error report names exactly the bad rows, with the reason.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('import-current').getByTestId('import-error-report').click(),
      ]);
      const file = path.join(tmp, 'errors.xlsx');
      await download.saveAs(file);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const sheet = book.worksheets[0]!;
      const header = new Map<string, number>();
      sheet.getRow(1).eachCell((cell, col) => header.set(cell.text, col));
      const lineCol = header.get('原行号') ?? 0;
      const errorCol = header.get('错误') ?? 0;
      const noCol = header.get('决定文书号') ?? 0;
      expect(lineCol * errorCol * noCol, [...header.keys()].join('|')).toBeGreaterThan(0);
      const reported: { line: number; no: string; error: string }[] = [];
      sheet.eachRow((row, i) => {
        if (i === 1) return;
        reported.push({
          line: Number(row.getCell(lineCol).text),
          no: row.getCell(noCol).text,
          error: row.getCell(errorCol).text,
        });
      });
      expect(reported.map((r) => r.line).sort()).toEqual(badLines);
      expect(reported.map((r) => r.no).sort()).toEqual([no(2), no(4), no(5)]);
      expect(reported.find((r) => r.line === 3)?.error).toContain('统一社会信用代码');

      // Nothing of the file was written.
      const none = await (
        await page.request.get(url(`/api/credit/records?page=1&pageSize=20&uscc=${entUscc}`))
      ).json();
      expect(none.items.filter((r: { decisionNo: string }) => r.decisionNo.includes(run))).toHaveLength(0);

      // --- fixed and imported again: all five written; the same file once more changes nothing ---
      const second = await importFile(page, `penalties-${run}-fixed.csv`, csv(good));
      expect(second).toMatchObject({ rowsTotal: 5, rowsFailed: 0, rowsOk: 5, rowsUnchanged: 0 });
      expect(await page.getByTestId('import-current').getByTestId('import-error-report').count()).toBe(0);
      const third = await importFile(page, `penalties-${run}-fixed.csv`, csv(good));
      expect(third).toMatchObject({ rowsTotal: 5, rowsFailed: 0, rowsUnchanged: 5 });
      await page
        .getByTestId('import-history')
        .locator('tbody tr[data-row-key]', { hasText: `penalties-${run}.csv` })
        .first()
        .waitFor();

      // The department's list marks timeliness per record (decided months ago → late).
      await page.getByTestId('nav-creditRecords').click();
      const records = page.getByTestId('records-table');
      const row = records.locator('tbody tr[data-row-key]', { hasText: no(1) });
      await row.waitFor();
      expect(await row.getByTestId('timely-tag').getAttribute('data-timely')).toBe('false');
    } finally {
      await samr.context.close();
    }

    // --- a visitor's public query shows the new penalties, the ID number masked; the minor one is not published ---
    const visitor = await openTab(browser);
    try {
      const { page } = visitor;
      await page.goto(url('/public/credit'));
      await page.getByTestId('public-credit').waitFor();
      await page.getByTestId('credit-search').locator('input').fill(entUscc);
      await page.getByTestId('credit-search').locator('input').press('Enter');
      const records = page.getByTestId('entity-records');
      const row = records.locator('tbody tr[data-row-key]', { hasText: no(1) });
      await row.waitFor();
      expect(await records.innerText()).toContain(no(4));
      await row.locator('.ant-table-row-expand-icon').click();
      const data = page.getByTestId('record-data');
      await data.waitFor();
      expect(await data.innerText()).toContain('未按规定公示年度报告');
      expect(await page.locator('body').innerText()).not.toContain(ID_NUMBER);

      // A wrong check character is explained in words.
      await page.getByTestId('credit-search').locator('input').fill(corrupt(entUscc));
      await page.getByTestId('credit-search').locator('input').press('Enter');
      await page.getByTestId('uscc-invalid').waitFor();

      const otherEntity = await (await page.request.get(url(`/api/credit/entities/${other.uscc}`))).json();
      const shown = otherEntity.records.map((r: { decisionNo: string }) => r.decisionNo);
      expect(shown).toContain(no(2));
      expect(shown).not.toContain(no(5)); // 轻微: not published
    } finally {
      await visitor.context.close();
    }

    // --- the enterprise applies for repair of no(1) with a document; no(4) is too recent and says from when ---
    const own = await (await ent.page.request.get(url('/api/credit/my'))).json();
    const recordId: string =
      own.records.find((r: { decisionNo: string }) => r.decisionNo === no(1))?.id ?? '';
    expect(recordId).not.toBe('');
    try {
      const { page } = ent;
      await page.getByTestId('nav-creditMine').click();
      const mine = page.getByTestId('my-records');
      const row = mine.locator(`tbody tr[data-row-key="${recordId}"]`);
      await row.waitFor();
      expect(await row.innerText()).toContain(no(1));
      expect(await row.getByTestId('repair-option').getAttribute('data-status')).toBe('eligible');
      const recent = mine.locator('tbody tr[data-row-key]', { hasText: no(4) });
      expect(await recent.getByTestId('repair-option').getAttribute('data-status')).toBe('too_early');
      expect(await recent.getByTestId('repair-option-text').innerText()).toMatch(/\d{4}-\d{2}-\d{2}/);

      await row.getByTestId('repair-apply').click();
      await page.getByTestId('repair-form').waitFor();
      await page.getByTestId('repair-statement').fill('已于决定书规定期限内缴纳罚款，并完成年度报告公示。');
      const modal = page.locator('.ant-modal', { has: page.getByTestId('repair-form') });
      await modal
        .locator('input[type="file"]')
        .setInputFiles({ name: `缴款凭证-${run}.png`, mimeType: 'image/png', buffer: PNG });
      await modal.locator('.ant-upload-list-item-done').waitFor();
      await page.getByTestId('repair-submit').click();
      await page.getByTestId('repair-form').waitFor({ state: 'detached' });
      const applied = page
        .getByTestId('my-repairs')
        .locator(`[data-testid="my-repair"][data-status="pending"]`);
      await applied.filter({ hasText: no(1) }).waitFor();
      expect(await row.getByTestId('repair-option').getAttribute('data-status')).toBe('pending');
    } finally {
      await ent.context.close();
    }

    // --- 区市场监管局 sees the application with its deadline and document, and approves ---
    const reviewer = await signedInTab(browser, 'samr');
    try {
      const { page } = reviewer;
      await page.getByTestId('nav-creditRepairs').click();
      const table = page.getByTestId('repair-table');
      const row = table.locator('tbody tr[data-row-key]', { hasText: no(1) });
      await row.waitFor();
      expect(await row.getByTestId('review-due').getAttribute('data-overdue')).toBe('false');
      await row.getByTestId('repair-review-open').click();
      const modal = page.getByTestId('repair-review-modal');
      await modal
        .getByTestId('repair-material')
        .filter({ hasText: `缴款凭证-${run}` })
        .waitFor();
      const href = await modal.getByTestId('repair-material').first().getAttribute('href');
      expect((await page.request.get(url(href ?? ''))).status()).toBe(200);

      // Rejecting needs a reason: the page says so before anything is sent.
      await page.getByTestId('repair-reject').click();
      await page.getByTestId('repair-reason-required').waitFor();
      await page.getByTestId('repair-approve').click();
      await page.getByTestId('repair-review-modal').waitFor({ state: 'detached' });
      await row.waitFor({ state: 'detached' });
    } finally {
      await reviewer.context.close();
    }

    // --- the record is repaired: no longer published, for the enterprise and for the public ---
    const after = await signedInTab(browser, 'ent');
    try {
      const { page } = after;
      await page.goto(url('/credit/mine'));
      const row = page.getByTestId('my-records').locator(`tbody tr[data-row-key="${recordId}"]`);
      await row.waitFor();
      expect(await row.getByTestId('publication-tag').getAttribute('data-publication')).toBe(
        'ended_repaired',
      );
      await page
        .getByTestId('my-repairs')
        .locator('[data-testid="my-repair"][data-status="approved"]', { hasText: no(1) })
        .waitFor();
      const publicView = await (await page.request.get(url(`/api/credit/entities/${entUscc}`))).json();
      const publicNos = publicView.records.map((r: { decisionNo: string }) => r.decisionNo);
      expect(publicNos).not.toContain(no(1));
      expect(publicNos).toContain(no(4));
    } finally {
      await after.context.close();
    }
  }, 240_000);
});
