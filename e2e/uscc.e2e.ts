/**
 * The public unified-social-credit-code check: anyone, without signing in, can validate a code and read what its
 * parts mean. Codes come from GB 32100-2015's own example and from the demo register (as an officer sees it).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { openTab, pathOf, signedInTab, tableRows, url } from './support.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser.close();
});

/** Types a code into the public page's search box and presses Enter, as a visitor would. */
async function check(page: Page, code: string): Promise<void> {
  await page.goto(url('/public/uscc'));
  const input = page.getByTestId('uscc-input').locator('input');
  await input.fill(code);
  await input.press('Enter');
  await page.getByTestId('uscc-result').waitFor();
  expect(pathOf(page)).toBe('/public/uscc');
  expect(new URL(page.url()).searchParams.get('code')).toBe(code);
}

async function partsText(page: Page): Promise<string> {
  return page.getByTestId('uscc-parts').innerText();
}

describe('USCC check on the public page', () => {
  it('accepts the standard example and decodes authority, entity type and division', async () => {
    const { context, page } = await openTab(browser);
    try {
      await check(page, '91350100M000100Y43');
      await page.getByTestId('uscc-valid').waitFor();
      expect(await page.getByTestId('uscc-invalid').count()).toBe(0);
      expect(await page.getByTestId('uscc-valid').innerText()).toContain('91350100M000100Y43');

      const parts = await partsText(page);
      expect(parts).toMatch(/登记管理部门\s*9\s*·\s*工商/);
      expect(parts).toMatch(/机构类别\s*1\s*·\s*企业/);
      expect(parts).toContain('350100');
      expect(parts).toContain('M000100Y4');
      // Still a public page: nobody had to sign in.
      expect(await page.getByTestId('side-menu').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('rejects a wrong check character and says why', async () => {
    const { context, page } = await openTab(browser);
    try {
      await check(page, '91350100M000100Y44');
      const invalid = page.getByTestId('uscc-invalid');
      await invalid.waitFor();
      expect(await page.getByTestId('uscc-valid').count()).toBe(0);
      const text = await invalid.innerText();
      expect(text).toContain('91350100M000100Y44');
      // The reason names the check character (position 18) and the one it should have been.
      expect(text).toMatch(/校验码/);
      expect(text).toMatch(/18/);
      expect(text).toMatch(/[“"]3[”"]/);
    } finally {
      await context.close();
    }
  });

  it('decodes a 相城区 code taken from the demo enterprise register', async () => {
    const office = await signedInTab(browser, 'office');
    let code: string;
    try {
      await office.page.getByTestId('nav-enterprises').click();
      const table = office.page.getByTestId('enterprise-table');
      await table.locator('tbody tr[data-row-key]').first().waitFor();
      const codes = (await tableRows(table))
        .flatMap((r) => r.cells)
        .filter((c) => /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(c));
      expect(codes.length).toBeGreaterThan(0);
      code = codes[0] ?? '';
    } finally {
      await office.context.close();
    }
    // Demo enterprises are registered in 相城区, GB/T 2260 code 320507 (positions 3–8).
    expect(code.slice(2, 8)).toBe('320507');

    const { context, page } = await openTab(browser);
    try {
      await check(page, code);
      await page.getByTestId('uscc-valid').waitFor();
      const parts = await partsText(page);
      expect(parts).toMatch(/320507\s*·\s*相城区/);
    } finally {
      await context.close();
    }
  });
});
