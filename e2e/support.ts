/** Small helpers the journeys share: a fresh signed-in (or anonymous) tab, signed in through the real form. */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { inject } from 'vitest';
import { baseUrl } from './browser.ts';

/** Long enough for a cold page chunk on a slow CI machine, short enough that a broken page fails fast. */
const ACTION_TIMEOUT = 15_000;

export interface Tab {
  context: BrowserContext;
  page: Page;
}

/** A new browser context (own cookies and storage) with one page; close it with `tab.context.close()`. */
export async function openTab(browser: Browser): Promise<Tab> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  context.setDefaultTimeout(ACTION_TIMEOUT);
  const page = await context.newPage();
  return { context, page };
}

export function url(path: string): string {
  return `${baseUrl()}${path}`;
}

/** Opens /login and submits the form as a user would; does not wait for where the app goes next. */
export async function submitLogin(
  page: Page,
  username: string,
  password = inject('demoPassword'),
): Promise<void> {
  if (new URL(page.url(), baseUrl()).pathname !== '/login') await page.goto(url('/login'));
  await page.getByTestId('login-form').waitFor();
  await page.locator('input#username').fill(username);
  await page.locator('input#password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in through the form and waits until the app has left /login. */
export async function signIn(page: Page, username: string): Promise<void> {
  await submitLogin(page, username);
  await page.waitForURL((u) => u.pathname !== '/login');
}

export async function signedInTab(browser: Browser, username: string): Promise<Tab> {
  const tab = await openTab(browser);
  await signIn(tab.page, username);
  return tab;
}

export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** The `data-testid`s of the side menu's entries, in the order the user sees them. */
export async function navTestIds(page: Page): Promise<string[]> {
  return page
    .getByTestId('side-menu')
    .locator('[data-testid^="nav-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
}

/** Text of every row of an antd table, keyed by its `data-row-key`. */
export async function tableRows(table: Locator): Promise<{ key: string; cells: string[] }[]> {
  return table.locator('tbody tr[data-row-key]').evaluateAll((rows) =>
    rows.map((r) => ({
      key: r.getAttribute('data-row-key') ?? '',
      cells: Array.from(r.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim()),
    })),
  );
}

/** True when the text has at least one Han character (i.e. it is shown in Chinese). */
export function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}
