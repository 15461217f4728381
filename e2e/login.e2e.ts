/**
 * Signing in and out. Every demo account lands on its own home page and sees exactly its own menu, and each menu
 * entry really opens its page (a menu entry that leads to "no access" would be a broken promise).
 *
 * The expected menus are written out per account on purpose rather than derived from `visibleNavigation()`:
 * `web/src/app/navigation.ts` imports React icons, and a test that recomputed the same table could not notice the
 * table itself being wrong.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import {
  checkA11y,
  hasHan,
  navTestIds,
  openTab,
  pathOf,
  signIn,
  signedInTab,
  submitLogin,
  url,
} from './support.ts';

type NavKey =
  | 'home'
  | 'enterprises'
  | 'planDashboard'
  | 'planMy'
  | 'planMeasures'
  | 'planCases'
  | 'planKpis'
  | 'planImport'
  | 'servicesCatalogue'
  | 'servicesMine'
  | 'servicesQueue'
  | 'servicesOverview'
  | 'servicesAdmin'
  | 'policyCatalogue'
  | 'policyCalculator'
  | 'policyMine'
  | 'policyManage'
  | 'policyGrants'
  | 'creditQuery'
  | 'creditMine'
  | 'creditRecords'
  | 'creditImports'
  | 'creditLists'
  | 'creditRepairs'
  | 'creditClasses'
  | 'creditSettings'
  | 'calendar'
  | 'uscc'
  | 'adminUsers'
  | 'adminCalendar'
  | 'adminJobs'
  | 'adminAudit';

interface Account {
  username: string;
  /** `me.kind`, which names the home page wrapper `home-<kind>`. */
  kind: string;
  nav: readonly NavKey[];
}

const everyone = ['servicesCatalogue', 'policyCatalogue', 'policyCalculator', 'creditQuery'] as const;
const [services, policies, calculator, creditQuery] = everyone;

const accounts: readonly Account[] = [
  {
    username: 'ent',
    kind: 'enterprise',
    nav: [
      'home',
      services,
      'servicesMine',
      policies,
      calculator,
      'policyMine',
      creditQuery,
      'creditMine',
      'planMeasures',
      'calendar',
      'uscc',
    ],
  },
  {
    username: 'person',
    kind: 'individual',
    nav: [
      'home',
      services,
      'servicesMine',
      policies,
      calculator,
      creditQuery,
      'planMeasures',
      'calendar',
      'uscc',
    ],
  },
  {
    username: 'samr',
    kind: 'officer',
    nav: [
      'home',
      'enterprises',
      services,
      'servicesQueue',
      policies,
      calculator,
      'policyManage',
      'policyGrants',
      creditQuery,
      'creditRecords',
      'creditImports',
      'creditLists',
      'creditRepairs',
      'creditClasses',
      'planDashboard',
      'planMy',
      'planMeasures',
      'planCases',
      'calendar',
      'uscc',
    ],
  },
  {
    username: 'office',
    kind: 'office',
    nav: [
      'home',
      'enterprises',
      services,
      'servicesOverview',
      'servicesAdmin',
      policies,
      calculator,
      creditQuery,
      'creditLists',
      'creditClasses',
      'creditSettings',
      'planDashboard',
      'planMeasures',
      'planCases',
      'planKpis',
      'planImport',
      'calendar',
      'uscc',
    ],
  },
  {
    username: 'sysadmin',
    kind: 'sysadmin',
    nav: [
      'home',
      services,
      policies,
      calculator,
      creditQuery,
      'planMeasures',
      'calendar',
      'uscc',
      'adminUsers',
      'adminCalendar',
      'adminJobs',
    ],
  },
  {
    username: 'secadmin',
    kind: 'secadmin',
    nav: [
      'home',
      services,
      policies,
      calculator,
      creditQuery,
      'planMeasures',
      'calendar',
      'uscc',
      'adminUsers',
    ],
  },
  {
    username: 'auditor',
    kind: 'auditor',
    nav: [
      'home',
      services,
      policies,
      calculator,
      creditQuery,
      'planMeasures',
      'calendar',
      'uscc',
      'adminAudit',
    ],
  },
];

/** A test id that only the page behind each menu entry renders. */
function pageMarker(key: NavKey, kind: string): string {
  switch (key) {
    case 'home':
      return `home-${kind}`;
    case 'enterprises':
      return 'enterprise-table';
    case 'planDashboard':
      return 'plan-summary';
    case 'planMy':
      return 'my-measures';
    case 'planMeasures':
      return 'measure-table';
    case 'planCases':
      // The office lands on the review queue, a department on its own cases.
      return kind === 'office' ? 'cases-review' : 'cases-mine';
    case 'planKpis':
      return 'kpi-table';
    case 'planImport':
      return 'import-history';
    case 'servicesCatalogue':
      return 'bundle-catalogue';
    case 'servicesMine':
      return 'my-applications';
    case 'servicesQueue':
      return 'work-queue';
    case 'servicesOverview':
      return 'services-overview';
    case 'servicesAdmin':
      return 'bundle-admin';
    case 'policyCatalogue':
      return 'policy-search';
    case 'policyCalculator':
      return 'policy-calculator';
    case 'policyMine':
      return 'my-policies';
    case 'policyManage':
      return 'policy-manage';
    case 'policyGrants':
      return 'grant-lists';
    case 'creditQuery':
      return 'credit-query';
    case 'creditMine':
      return 'my-credit';
    case 'creditRecords':
      return 'credit-records';
    case 'creditImports':
      return 'credit-imports';
    case 'creditLists':
      return 'credit-lists';
    case 'creditRepairs':
      return 'repair-review';
    case 'creditClasses':
      return 'credit-classes';
    case 'creditSettings':
      return 'credit-settings';
    case 'calendar':
      return 'month-grid';
    case 'uscc':
      return 'uscc-input';
    case 'adminUsers':
      return 'users-table';
    case 'adminCalendar':
      return 'load-new-year';
    case 'adminJobs':
      return 'jobs-table';
    case 'adminAudit':
      return 'audit-table';
  }
}

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser.close();
});

describe('signing in as each kind of user', () => {
  for (const account of accounts) {
    it(`${account.username} lands on home-${account.kind} and sees exactly its menu`, async () => {
      const { context, page } = await openTab(browser);
      try {
        await signIn(page, account.username);
        await page.getByTestId(`home-${account.kind}`).waitFor();
        expect(pathOf(page)).toBe('/');

        expect(await navTestIds(page)).toEqual(account.nav.map((k) => `nav-${k}`));

        for (const key of [...account.nav].reverse()) {
          await page.getByTestId(`nav-${key}`).click();
          await page.getByTestId(pageMarker(key, account.kind)).waitFor();
          // The no-access page is an antd 403 result; no menu entry may lead there.
          expect(await page.locator('.ant-result-403').count()).toBe(0);
          // Every page of the menu, for every kind of user, meets WCAG 2 AA (GB/T 37668-2019).
          await checkA11y(page);
        }
      } finally {
        await context.close();
      }
    });
  }
});

describe('a wrong password', () => {
  it('is reported in words and keeps the user on /login', async () => {
    const { context, page } = await openTab(browser);
    try {
      await submitLogin(page, 'tax', 'definitely-not-the-password');
      const error = page.getByTestId('login-error');
      await error.waitFor();
      const text = (await error.innerText()).trim();
      expect(hasHan(text)).toBe(true);
      expect(text).toMatch(/密码/);
      // Words, not the problem's machine code or a bare status.
      expect(text).not.toMatch(/INVALID_CREDENTIALS|\b401\b|problem\+json/);

      expect(pathOf(page)).toBe('/login');
      expect(await page.getByTestId('side-menu').count()).toBe(0);
      expect(await page.locator('input#username').inputValue()).toBe('tax');
    } finally {
      await context.close();
    }
  });
});

describe('signing out', () => {
  it('returns to /login, and protected pages then redirect there until the user signs in again', async () => {
    const { context, page } = await signedInTab(browser, 'person');
    try {
      await page.getByTestId('home-individual').waitFor();

      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: /退出登录/ }).click();
      await page.waitForURL((u) => u.pathname === '/login');
      await page.getByTestId('login-form').waitFor();

      // The server forgot the session too, not just the page.
      const me = await page.request.get(url('/api/auth/me'));
      expect(me.status()).toBe(401);

      await page.goto(url('/calendar'));
      await page.waitForURL((u) => u.pathname === '/login');
      await page.getByTestId('login-form').waitFor();
      expect(await page.getByTestId('month-grid').count()).toBe(0);

      // Signing in from there goes back to the page that was asked for.
      await submitLogin(page, 'person');
      await page.waitForURL((u) => u.pathname === '/calendar');
      await page.getByTestId('month-grid').waitFor();
    } finally {
      await context.close();
    }
  });
});
