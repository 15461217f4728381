/**
 * Small helpers the journeys share: a fresh signed-in (or anonymous) tab, signed in through the real form. Every tab
 * checks accessibility as it goes (see `A11yWatch`): a journey fails on any serious or critical WCAG 2 A/AA finding
 * on a page it visits.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { formatFindings, runAxe, settle, type Finding } from './a11y.ts';
import { baseUrl } from './browser.ts';

/** Long enough for a cold page chunk on a slow CI machine, short enough that a broken page fails fast. */
const ACTION_TIMEOUT = 15_000;

export interface Tab {
  context: BrowserContext;
  page: Page;
}

/** Where a page is, for "once per distinct page": path and query (`?tab=` shows another page), not the hash. */
function pageKey(href: string): string {
  const u = new URL(href);
  return `${u.pathname}${u.search}`;
}

/**
 * Runs axe once per distinct URL a tab shows. `page.goto` and sign-in wait for the check (the page is settled then,
 * so the result does not depend on timing); in-app navigations (clicks) are checked in the background once the page
 * has settled, and skipped if the journey has already moved on. Findings are reported when the tab closes, as a
 * soft failure, so an error of the journey itself is not hidden behind them.
 */
class A11yWatch {
  private readonly seen = new Set<string>();
  private readonly findings: string[] = [];
  private queue: Promise<void> = Promise.resolve();
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
    // A feature's words load with its pages; a word shown before its dictionary arrived is logged by the app.
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' && text.startsWith('i18n: no words')) {
        this.findings.push(`${pageKey(page.url())}: ${text}`);
      }
    });
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame() || !frame.url().startsWith('http')) return;
      const key = pageKey(frame.url());
      if (this.seen.has(key)) return;
      void this.enqueue(key, true);
    });
  }

  /** Checks the page as it is now unless this URL was checked already; `force` re-checks (after a state change). */
  async check(force = false): Promise<void> {
    const key = pageKey(this.page.url());
    if (!force && this.seen.has(key)) return this.queue;
    return this.enqueue(key, false, force ? `${key} (after a change)` : key);
  }

  private enqueue(key: string, background: boolean, label = key): Promise<void> {
    this.seen.add(key);
    this.queue = this.queue.then(() => this.run(key, background, label));
    return this.queue;
  }

  private async run(key: string, background: boolean, label: string): Promise<void> {
    if (this.page.isClosed()) return;
    try {
      await settle(this.page);
      // A background check of a page the journey has already left would measure the next one under its name.
      if (background && pageKey(this.page.url()) !== key) {
        this.seen.delete(key);
        return;
      }
      const findings: Finding[] = await runAxe(this.page);
      if (findings.length > 0) this.findings.push(formatFindings(label, findings));
    } catch (e) {
      // A navigation or closing tab interrupted the check: not an accessibility finding; a later visit re-checks.
      // Anything else is reported with the findings (never an unhandled rejection from a background check).
      const message = (e as Error).message;
      if (!/context was destroyed|closed|navigat/i.test(message))
        this.findings.push(`${label}: axe failed: ${message}`);
      this.seen.delete(key);
    }
  }

  async report(): Promise<void> {
    await this.queue;
    if (this.findings.length === 0) return;
    const text = this.findings.join('\n');
    this.findings.length = 0;
    // Soft: the journey's own assertions still run and report; outside a test (a warm-up tab) fail outright.
    if (expect.getState().currentTestName === undefined) throw new Error(text);
    expect
      .soft(text, 'serious/critical accessibility findings (WCAG 2 A/AA, axe-core) or missing words')
      .toBe('');
  }
}

const watches = new WeakMap<Page, A11yWatch>();

/**
 * Waits for the accessibility check of the page's current URL (runs it if it has not run yet). `again`: check once
 * more although this URL was checked, after a state change worth it (an opened drawer, the 长辈版 switched on).
 */
export async function checkA11y(page: Page, options: { again?: boolean } = {}): Promise<void> {
  await watches.get(page)?.check(options.again === true);
}

/**
 * A new browser context (own cookies and storage) with one page; close it with `tab.context.close()`, which also
 * reports the page's accessibility findings and any word shown without its dictionary (`i18n: no words …`). Reduced motion: antd then skips its fades, so axe never measures a
 * half-faded text's contrast.
 */
export async function openTab(
  browser: Browser,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<Tab> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1366, height: 900 },
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(ACTION_TIMEOUT);
  const page = await context.newPage();
  const watch = new A11yWatch(page);
  watches.set(page, watch);
  const goto = page.goto.bind(page);
  page.goto = async (target, opts) => {
    const response = await goto(target, opts);
    await watch.check();
    return response;
  };
  const close = context.close.bind(context);
  context.close = async (opts) => {
    try {
      await watch.report();
    } finally {
      await close(opts);
    }
  };
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
  await watches.get(page)?.check();
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
