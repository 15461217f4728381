/**
 * Who may open the audit log (三员分立): an enterprise user who types the address gets the no-access page and no
 * audit data, the audit administrator gets the table and can verify the hash chain.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { pathOf, signedInTab, url } from './support.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser.close();
});

describe('audit log access', () => {
  it('shows an enterprise user the no-access page instead of the audit table', async () => {
    const { context, page } = await signedInTab(browser, 'ent');
    try {
      await page.getByTestId('home-enterprise').waitFor();
      expect(await page.getByTestId('nav-adminAudit').count()).toBe(0);

      await page.goto(url('/admin/audit'));
      const denied = page.locator('.ant-result-403');
      await denied.waitFor();
      expect(await denied.innerText()).toMatch(/没有访问权限/);
      expect(pathOf(page)).toBe('/admin/audit');
      expect(await page.getByTestId('audit-table').count()).toBe(0);
      expect(await page.getByTestId('audit-chain-status').count()).toBe(0);

      // The API refuses as well; hiding the page is not the only guard.
      const api = await page.request.get(url('/api/admin/audit?page=1&pageSize=1'));
      expect(api.status()).toBe(403);
    } finally {
      await context.close();
    }
  });

  it('shows the audit administrator the table, with entries, and a verified chain', async () => {
    const { context, page } = await signedInTab(browser, 'auditor');
    try {
      await page.getByTestId('nav-adminAudit').click();
      const table = page.getByTestId('audit-table');
      await table.waitFor();
      await table.locator('tbody tr[data-row-key]').first().waitFor();
      expect(await table.locator('tbody tr[data-row-key]').count()).toBeGreaterThan(0);
      // This journey's own sign-in is recorded.
      expect(await table.locator('tbody').innerText()).toContain('auditor');

      expect(await page.getByTestId('chain-ok').count()).toBe(0);
      await page.getByTestId('audit-verify').click();
      await page.getByTestId('chain-ok').waitFor();
      expect(await page.getByTestId('chain-broken').count()).toBe(0);
      expect(await page.getByTestId('chain-ok').innerText()).toMatch(/\d+/);
      expect(await page.locator('.ant-result-403').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
