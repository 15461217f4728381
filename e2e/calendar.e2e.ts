/**
 * The working-day calendar: an individual browses to the 2024 National Day week, sees the holiday and the make-up
 * working day, computes a deadline across the holiday, and is told plainly when a year is not loaded. The system
 * administrator sees which years are loaded and on which State Council notice each rests.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { signedInTab, tableRows, url } from './support.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser.close();
});

function monthInUrl(page: Page): string {
  return new URL(page.url()).searchParams.get('month') ?? '';
}

/** Picks an option of an antd Select by the start of its visible label. */
async function choose(page: Page, select: Locator, labelStart: string): Promise<void> {
  await select.click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', {
    hasText: labelStart,
  });
  await option.first().click();
}

/** Types a date into an antd DatePicker input and confirms it with Enter. */
async function typeDate(input: Locator, day: string): Promise<void> {
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.pressSequentially(day);
  await input.press('Enter');
}

function dayCell(page: Page, date: string): Locator {
  return page.locator(`[data-testid="day-cell"][data-date="${date}"]`);
}

describe('working-day calendar', () => {
  it('shows the 2024 National Day holiday and its make-up working day', async () => {
    const { context, page } = await signedInTab(browser, 'person');
    try {
      await page.getByTestId('nav-calendar').click();
      await page.getByTestId('month-grid').waitFor();

      // Pick the year in the year list, then step month by month to October, as a user would.
      await choose(page, page.getByTestId('year-select'), '2024');
      await page.waitForURL((u) => u.searchParams.get('month')?.startsWith('2024-') ?? false);
      const steps = 10 - Number(monthInUrl(page).slice(5));
      const button = page.getByRole('button', { name: steps > 0 ? '下个月' : '上个月' });
      for (let i = 0; i < Math.abs(steps); i++) await button.click();
      await page.waitForURL((u) => u.searchParams.get('month') === '2024-10');

      const national = dayCell(page, '2024-10-01');
      await national.waitFor();
      expect(await national.getAttribute('data-kind')).toBe('holiday');
      expect(await national.innerText()).toContain('国庆节');
      for (const d of ['2024-10-02', '2024-10-07']) {
        expect(await dayCell(page, d).getAttribute('data-kind')).toBe('holiday');
      }

      const makeup = dayCell(page, '2024-10-12'); // a Saturday worked to bridge the holiday
      expect(await makeup.getAttribute('data-kind')).toBe('makeup_workday');
      expect(await dayCell(page, '2024-10-08').getAttribute('data-kind')).toBe('workday');
      expect(await dayCell(page, '2024-10-13').getAttribute('data-kind')).toBe('weekend');
      expect(await page.getByTestId('day-cell').count()).toBe(31);

      expect(await page.getByTestId('year-notice').innerText()).toContain('国办发明电〔2023〕7号');
    } finally {
      await context.close();
    }
  });

  it('counts working days across the holiday: 2024-09-27 + 5 is 2024-10-10', async () => {
    const { context, page } = await signedInTab(browser, 'person');
    try {
      await page.goto(url('/calendar'));
      const add = page.getByTestId('calc-add');
      await typeDate(add.locator('input#from'), '2024-09-27');
      await add.getByRole('spinbutton').fill('5');
      await add.locator('button[type="submit"]').click();
      const result = add.getByTestId('calc-add-result');
      await result.waitFor();
      const text = await result.innerText();
      expect(text).toContain('2024-09-27');
      expect(text).toContain('2024-10-10');
    } finally {
      await context.close();
    }
  });

  it('says plainly that 2027 is not loaded, in the month view and in the calculator', async () => {
    const { context, page } = await signedInTab(browser, 'person');
    try {
      await page.goto(url('/calendar?month=2027-01'));
      const notLoaded = page.getByTestId('year-not-loaded');
      await notLoaded.waitFor();
      expect(await notLoaded.innerText()).toContain('2027');
      expect(await page.getByTestId('month-grid').count()).toBe(0);
      expect(await page.getByTestId('error-alert').count()).toBe(0);

      const add = page.getByTestId('calc-add');
      await typeDate(add.locator('input#from'), '2026-12-24');
      await add.getByRole('spinbutton').fill('10');
      await add.locator('button[type="submit"]').click();
      const calcNotLoaded = add.getByTestId('year-not-loaded');
      await calcNotLoaded.waitFor();
      expect(await calcNotLoaded.innerText()).toContain('2027');
      expect(await add.getByTestId('calc-add-result').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('lists the loaded years 2022–2026 with their notices for the system administrator', async () => {
    const { context, page } = await signedInTab(browser, 'sysadmin');
    try {
      await page.getByTestId('nav-adminCalendar').click();
      const table = page.locator('.ant-table', { has: page.locator('tr[data-row-key="2024"]') });
      await table.locator('tr[data-row-key="2024"]').waitFor();
      const rows = await tableRows(table);
      expect(rows.map((r) => r.key)).toEqual(['2026', '2025', '2024', '2023', '2022']);

      const notice = new Map(rows.map((r) => [r.key, r.cells[1] ?? '']));
      // The State Council General Office notices (国办发明电) each year's schedule was taken from.
      expect(notice.get('2022')).toBe('国办发明电〔2021〕11号');
      expect(notice.get('2023')).toBe('国办发明电〔2022〕16号');
      expect(notice.get('2024')).toBe('国办发明电〔2023〕7号');
      expect(notice.get('2025')).toBe('国办发明电〔2024〕12号');
      expect(notice.get('2026')).toMatch(/\S/);

      // The next year to load is the one after the last loaded.
      const next = page.getByTestId('load-new-year');
      expect(await next.getByRole('spinbutton').inputValue()).toBe('2027');
    } finally {
      await context.close();
    }
  });
});
