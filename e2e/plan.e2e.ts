/**
 * The action plan, end to end: the leading-group office sets a milestone for 区市场监管局 on a measure; the
 * department sees it under 本部门任务, files a 60 % report with a PNG as evidence and ticks the milestone off; the
 * office then sees the measure at 60 % and 推进中 on the dashboard, and the report with its evidence on the measure's
 * timeline. A visitor without an account sees all 58 measures but never a report's text.
 *
 * Measure 42 (深化“双随机、一公开”监管) is used because 区市场监管局 is its only responsible unit: the measure's progress
 * is the mean over its reporting units, so one 60 % report makes it exactly 60 %.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { openTab, signedInTab, tableRows, url } from './support.ts';

const MEASURE = 42;
const DEPARTMENT = '区市场监管局';

/** Unique per run, so the assertions cannot be satisfied by anything but this journey's own writing. */
const run = Date.now().toString(36);
const milestoneTitle = `双随机抽查系统上线 ${run}`;
const reportText = `完成跨部门联合抽查事项清单梳理（${run}）`;
const evidenceName = `evidence-${run}.png`;

/** A valid 1×1 PNG: the server sniffs content, so the bytes must really be an image. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/q842iQAAAABJRU5ErkJggg==',
  'base64',
);

/** `YYYY-MM-DD` some days from today (local time, as the date picker reads it). */
function daysFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Picks an option of an antd Select by its label; typing first, because long option lists are virtualised. */
async function chooseOption(page: Page, testId: string, label: string, search = false): Promise<void> {
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(label);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
    .first()
    .click();
}

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser.close();
});

describe('action plan', () => {
  it('milestone → department report with evidence → dashboard and timeline', async () => {
    const dueOn = daysFromToday(60);

    // --- the office sets a milestone owned by 区市场监管局 ---
    const office = await signedInTab(browser, 'office');
    try {
      const { page } = office;
      const measure = await (await page.request.get(url(`/api/action-plan/measures/${MEASURE}`))).json();
      expect(measure.units, `measure ${MEASURE} must list ${DEPARTMENT} linked to SAMR`).toContainEqual(
        expect.objectContaining({ name: DEPARTMENT, departmentCode: 'SAMR' }),
      );

      await page.getByTestId('nav-planMeasures').click();
      const list = page.getByTestId('measure-table');
      await list.waitFor();
      await chooseOption(page, 'filter-department', DEPARTMENT, true);
      await list.locator(`tr[data-row-key="${MEASURE}"] [data-testid="measure-link"]`).click();
      await page.waitForURL((u) => u.pathname === `/plan/measures/${MEASURE}`);
      await page.getByTestId('measure-detail').waitFor();

      await page.getByTestId('milestone-add').click();
      await page.getByTestId('milestone-form').waitFor();
      await page.getByTestId('milestone-title').fill(milestoneTitle);
      await chooseOption(page, 'milestone-owner', DEPARTMENT);
      const due = page.getByTestId('milestone-due');
      await due.click();
      await due.fill(dueOn);
      await due.press('Enter');
      await page.getByTestId('milestone-save').click();

      const milestones = page.getByTestId('milestone-table');
      await milestones.locator('tbody tr', { hasText: milestoneTitle }).waitFor();
      const row = (await tableRows(milestones)).find((r) => r.cells.some((c) => c.includes(milestoneTitle)));
      expect(row?.cells.join(' ')).toContain(DEPARTMENT);
      expect(row?.cells.join(' ')).toContain(dueOn);
      expect(await page.getByTestId('milestone-form').count()).toBe(0);
    } finally {
      await office.context.close();
    }

    // --- 区市场监管局 sees it under 本部门任务 and reports 60 % with evidence ---
    const samr = await signedInTab(browser, 'samr');
    try {
      const { page } = samr;
      await page.getByTestId('nav-planMy').click();
      await page.getByTestId('my-measures').waitFor();
      await page.getByTestId('my-milestones').locator('tbody tr', { hasText: milestoneTitle }).waitFor();
      const measureRow = page.getByTestId('my-measures').locator(`tr[data-row-key="${MEASURE}"]`);
      expect(await measureRow.getByTestId('next-milestone').innerText()).toContain(milestoneTitle);

      await page.getByTestId(`report-open-${MEASURE}`).click();
      const drawer = page.getByTestId('report-drawer');
      await page.getByTestId('report-form').waitFor();
      await page.getByTestId('report-percent').fill('60');
      await page.getByTestId('report-body').fill(reportText);
      await drawer
        .locator('input[type="file"]')
        .setInputFiles({ name: evidenceName, mimeType: 'image/png', buffer: PNG });
      await drawer.locator('.ant-upload-list-item-done', { hasText: evidenceName }).waitFor();
      await drawer.getByTestId('report-milestones').getByText(milestoneTitle).click();
      expect(await drawer.getByRole('checkbox', { name: milestoneTitle }).isChecked()).toBe(true);

      // Two quick clicks: the Idempotency-Key and the busy guard must still file one report.
      const submit = page.getByTestId('report-submit');
      await submit.click();
      await submit.click({ force: true }).catch(() => undefined);
      await drawer.waitFor({ state: 'detached' });

      await expect
        .poll(async () => (await measureRow.innerText()).includes('60%'), { timeout: 10_000 })
        .toBe(true);
      const mine = await (await page.request.get(url('/api/action-plan/my'))).json();
      const reported = mine.measures.find((m: { no: number }) => m.no === MEASURE);
      expect(reported.myLatestReport.percent).toBe(60);
      expect(reported.myLatestReport.evidence.map((e: { name: string }) => e.name)).toEqual([evidenceName]);
    } finally {
      await samr.context.close();
    }

    // --- the office sees the new progress on the dashboard, and the report on the timeline ---
    const back = await signedInTab(browser, 'office');
    try {
      const { page } = back;
      await page.getByTestId('nav-planDashboard').click();
      await page.getByTestId('plan-summary').waitFor();
      const measures = page.getByTestId('dashboard-measures');
      await measures.locator(`tr[data-row-key="${MEASURE}"]`).waitFor();
      const row = measures.locator(`tr[data-row-key="${MEASURE}"]`);
      expect(await row.getByTestId('status-tag').getAttribute('data-status')).toBe('in_progress');
      expect(await row.getByTestId('status-tag').innerText()).toBe('推进中');
      expect(await row.getByTestId('progress').getAttribute('data-percent')).toBe('60');
      expect(await row.innerText()).toContain('60%');
      expect(
        Number(
          await page
            .getByTestId('summary-in_progress')
            .innerText()
            .then((s) => s.match(/\d+/)?.[0]),
        ),
      ).toBeGreaterThanOrEqual(1);

      await row.locator('a').first().click();
      await page.waitForURL((u) => u.pathname === `/plan/measures/${MEASURE}`);
      const report = page
        .getByTestId('measure-timeline')
        .getByTestId('timeline-report')
        .filter({ hasText: reportText });
      await report.waitFor();
      expect(await report.innerText()).toContain('60%');
      expect(await report.innerText()).toContain(milestoneTitle); // ticked off by the report
      const evidence = report.getByTestId('evidence-link');
      expect(await evidence.innerText()).toContain(evidenceName);
      const download = await page.request.get(url((await evidence.getAttribute('href')) ?? ''));
      expect(download.status()).toBe(200);
      expect(download.headers()['content-type']).toBe('image/png');
      expect(Buffer.from(await download.body()).equals(PNG)).toBe(true);

      // One report, however many times the button was clicked.
      const detail = await (await page.request.get(url(`/api/action-plan/measures/${MEASURE}`))).json();
      expect(detail.reports.filter((r: { body: string }) => r.body === reportText)).toHaveLength(1);

      const milestone = page.getByTestId('milestone-table').locator('tbody tr', { hasText: milestoneTitle });
      expect(await milestone.getByTestId('status-tag').getAttribute('data-status')).toBe('completed');
    } finally {
      await back.context.close();
    }
  });

  it('shows an anonymous visitor all 58 measures and no report texts', async () => {
    const { context, page } = await openTab(browser);
    try {
      await page.goto(url('/public'));
      await page.getByTestId('public-plan-link').click();
      await page.waitForURL((u) => u.pathname === '/public/plan');
      await page.getByTestId('measure-table').waitFor();
      await expect.poll(() => page.getByTestId('measure-total').getAttribute('data-total')).toBe('58');
      expect(await page.getByTestId('side-menu').count()).toBe(0);

      await chooseOption(page, 'filter-department', DEPARTMENT, true);
      await page.getByTestId('measure-table').locator(`tr[data-row-key="${MEASURE}"] a`).first().click();
      await page.waitForURL((u) => u.pathname === `/public/plan/${MEASURE}`);
      await page.getByTestId('measure-detail').waitFor();
      await page.getByTestId('timeline-card').waitFor();
      expect(await page.getByTestId('timeline-report').count()).toBe(0);
      expect(await page.getByTestId('report-text').count()).toBe(0);
      expect(await page.getByTestId('evidence-link').count()).toBe(0);
      expect(await page.content()).not.toContain(reportText);

      // The server leaves internal material out, not just the page.
      const api = await (await page.request.get(url(`/api/action-plan/measures/${MEASURE}`))).json();
      expect(api.reports).toEqual([]);
      expect(api.notices).toEqual([]);
      expect(await page.request.get(url('/api/action-plan/dashboard')).then((r) => r.status())).toBe(401);
    } finally {
      await context.close();
    }
  });
});
