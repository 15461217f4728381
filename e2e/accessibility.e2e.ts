/**
 * Accessibility (GB/T 37668-2019, WCAG 2 AA) and 适老化: the skip link, the 长辈版 large-text switch in the header
 * (bigger text and controls, remembered, in both languages), and axe-core still finding nothing serious with it on.
 * Every journey runs axe on the pages it visits (e2e/support.ts); this one covers what only this slice adds.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { checkA11y, openTab, signedInTab, url } from './support.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser.close();
});

/** Computed font size in px of the first element matching the selector. */
async function fontSize(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

async function height(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((el) => el.getBoundingClientRect().height);
}

describe('accessibility aids', () => {
  it('a keyboard user skips the header straight to the page', async () => {
    const { context, page } = await openTab(browser);
    try {
      await page.goto(url('/public'));
      await page.getByTestId('landing').waitFor();
      await page.keyboard.press('Tab');
      const skip = page.getByTestId('skip-link');
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      // Visible once focused (it sits off-screen otherwise).
      expect(await skip.isVisible()).toBe(true);
      expect((await skip.boundingBox())?.x ?? -1).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
    } finally {
      await context.close();
    }
  });

  it('长辈版 enlarges text and controls, is remembered and still passes axe', async () => {
    const { context, page } = await signedInTab(browser, 'ent');
    try {
      await page.getByTestId('home-enterprise').waitFor();
      const toggle = page.getByTestId('large-text-switch');
      expect(await toggle.innerText()).toContain('长辈版');
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      const menuBefore = await fontSize(page, '[data-testid="side-menu"] .ant-menu-item');
      const appBefore = await fontSize(page, '.ant-app');
      const buttonBefore = await height(page, 'language-switch');

      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
      expect(await page.evaluate(() => document.documentElement.dataset.largeText)).toBe('on');
      const menuAfter = await fontSize(page, '[data-testid="side-menu"] .ant-menu-item');
      const appAfter = await fontSize(page, '.ant-app');
      expect(appAfter / appBefore).toBeGreaterThanOrEqual(1.2);
      expect(menuAfter / menuBefore).toBeGreaterThanOrEqual(1.2);
      expect(await height(page, 'language-switch')).toBeGreaterThan(buttonBefore);
      await checkA11y(page, { again: true });

      // Remembered: a reload and another page keep it on.
      await page.reload();
      await page.getByTestId('home-enterprise').waitFor();
      expect(await page.getByTestId('large-text-switch').getAttribute('aria-pressed')).toBe('true');
      expect(await fontSize(page, '.ant-app')).toBe(appAfter);
      await page.goto(url('/services'));
      await page.getByTestId('bundle-catalogue').waitFor();
      expect(await fontSize(page, '.ant-app')).toBe(appAfter);

      // Off again: back to the standard size.
      await page.getByTestId('large-text-switch').click();
      await expect.poll(() => fontSize(page, '.ant-app')).toBe(appBefore);
    } finally {
      await context.close();
    }
  });

  it('the switch speaks English too and works on the public pages', async () => {
    const { context, page } = await openTab(browser);
    try {
      await context.addInitScript(() => window.localStorage.setItem('yingshang.locale', 'en-US'));
      await page.goto(url('/public/plan'));
      await page.getByTestId('measure-table').waitFor();
      const toggle = page.getByTestId('large-text-switch');
      expect(await toggle.innerText()).toContain('Large text');
      const before = await fontSize(page, '.ant-table-cell');
      await toggle.click();
      await expect.poll(() => fontSize(page, '.ant-table-cell')).toBeGreaterThanOrEqual(before * 1.2);
      await checkA11y(page, { again: true });
    } finally {
      await context.close();
    }
  });

  // The watch itself must be able to fail a journey: an input without a label is a critical finding.
  it.fails('a page with a serious finding fails the journey', async () => {
    const { context, page } = await openTab(browser);
    try {
      await page.goto(url('/public'));
      await page.getByTestId('landing').waitFor();
      await page.evaluate(() =>
        document.getElementById('main-content')?.append(document.createElement('input')),
      );
      await checkA11y(page, { again: true });
    } finally {
      await context.close();
    }
  });
});
