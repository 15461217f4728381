/**
 * Switching the interface language on the login page: the choice applies at once, survives a reload and a
 * sign-in, and can be switched back. Words are checked by script (Han vs Latin) rather than by copying the
 * dictionary, so rewording a label does not break the journey but a missed translation does.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { hasHan, openTab, signIn, url } from './support.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser.close();
});

async function switchTo(page: Page, language: 'English' | '简体中文'): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: language }).click();
}

/** The login card's visible words: title, field labels and the button. */
async function loginWords(page: Page): Promise<string> {
  const form = page.getByTestId('login-form');
  const labels = await form.locator('label').allInnerTexts();
  const button = await page.getByTestId('login-submit').innerText();
  return [...labels, button].join(' | ');
}

function storedLocale(page: Page): Promise<string | null> {
  return page.evaluate(() => window.localStorage.getItem('yingshang.locale'));
}

describe('interface language', () => {
  it('switches the login page to English and back to Chinese', async () => {
    const { context, page } = await openTab(browser);
    try {
      await page.goto(url('/login'));
      await page.getByTestId('login-form').waitFor();
      const chinese = await loginWords(page);
      expect(hasHan(chinese)).toBe(true);
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');

      await switchTo(page, 'English');
      await page.waitForFunction(() => document.documentElement.lang === 'en-US');
      const english = await loginWords(page);
      expect(english).not.toBe(chinese);
      expect(hasHan(english)).toBe(false);
      expect(english).toMatch(/[A-Za-z]{4,}/);
      expect(await page.getByTestId('language-switch').innerText()).toContain('English');
      expect(await storedLocale(page)).toBe('en-US');

      // The choice is remembered across a reload…
      await page.reload();
      await page.getByTestId('login-form').waitFor();
      expect(await loginWords(page)).toBe(english);

      // …and carries into the signed-in app.
      await signIn(page, 'person');
      await page.getByTestId('home-individual').waitFor();
      const menu = await page.getByTestId('side-menu').innerText();
      expect(hasHan(menu)).toBe(false);
      expect(menu).toMatch(/[A-Za-z]{4,}/);

      await switchTo(page, '简体中文');
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      expect(hasHan(await page.getByTestId('side-menu').innerText())).toBe(true);
      expect(await storedLocale(page)).toBe('zh-CN');

      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: /退出登录/ }).click();
      await page.getByTestId('login-form').waitFor();
      expect(await loginWords(page)).toBe(chinese);
    } finally {
      await context.close();
    }
  });
});
