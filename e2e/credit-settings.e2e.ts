/**
 * 信用规则配置, end to end: the office (`credit.manage`) adds an option to an enum field of a credit category, changes
 * the points of a classification rule and switches a sanction measure off — each saved, visible after a reload and
 * confirmed by the API; the switched-off measure leaves the public catalogue and returns when switched on again.
 * Everything changed is put back at the end so other journeys see the seeded settings. A department officer
 * (`samr`, no `credit.manage`) has no menu entry, gets the no-access page at the address, and the API refuses.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { openTab, pathOf, signedInTab, url } from './support.ts';

const run = Date.now().toString(36);
const CATEGORY = 'environment';
const ENUM_FIELD = 'rating';
const RULE = 'penalty-minor';
const MEASURE = 'black-no-honour';

interface CategoryField {
  key: string;
  label: string;
  type: string;
  required: boolean;
  options?: string[];
  maxLength?: number;
}
interface Category {
  code: string;
  name: string;
  kind: string;
  description: string;
  fields: CategoryField[];
  collection: string;
  departmentCodes: string[];
  public: boolean;
  active: boolean;
}
interface Rules {
  rules: { code: string; points: number }[];
  [extra: string]: unknown;
}
interface Measure {
  code: string;
  active: boolean;
  [member: string]: unknown;
}

/** The `<input>` a test id marks: antd puts some ids on the input itself, some on a wrapper. */
async function inputOf(marked: Locator): Promise<Locator> {
  const tag = await marked.evaluate((el) => el.tagName);
  return tag === 'INPUT' || tag === 'TEXTAREA' ? marked : marked.locator('input').first();
}

async function categories(page: Page): Promise<Category[]> {
  const res = await page.request.get(url('/api/credit/categories'));
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: Category[] }).items;
}

async function rules(page: Page): Promise<Rules> {
  const res = await page.request.get(url('/api/credit/classification/rules'));
  expect(res.status()).toBe(200);
  return (await res.json()) as Rules;
}

async function publicMeasureCodes(page: Page): Promise<string[]> {
  const res = await page.request.get(url('/api/credit/sanctions'));
  expect(res.status()).toBe(200);
  return ((await res.json()) as { measures: { code: string }[] }).measures.map((m) => m.code);
}

async function openTabOf(page: Page, key: 'categories' | 'rules' | 'measures'): Promise<void> {
  await page.getByTestId(`tab-${key}`).click();
}

async function openCategory(page: Page, code: string): Promise<Locator> {
  const search = await inputOf(page.getByTestId('category-search'));
  await search.fill(code);
  await search.press('Enter');
  const row = page.getByTestId('category-table').locator(`tbody tr[data-row-key="${code}"]`);
  await row.getByTestId('category-edit').click();
  await page.getByTestId('category-form').waitFor();
  return page.getByTestId('category-form');
}

async function setMeasureActive(page: Page, code: string, active: boolean): Promise<void> {
  const row = page.getByTestId('measures-table').locator(`tbody tr[data-row-key="${code}"]`);
  await row.getByTestId('measure-edit').click();
  const form = page.getByTestId('measure-form');
  await form.waitFor();
  const toggle = form.getByTestId('measure-active');
  expect(await toggle.getAttribute('aria-checked')).toBe(String(!active));
  await toggle.click();
  expect(await toggle.getAttribute('aria-checked')).toBe(String(active));
  await page.getByTestId('measure-save').click();
  await form.waitFor({ state: 'detached' });
  await expect
    .poll(() => row.getByTestId('measure-active-tag').getAttribute('data-active'))
    .toBe(String(active));
}

let browser: Browser;

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
});

describe('credit settings', () => {
  it('office edits a category, a classification rule and a sanction measure; all restored afterwards', async () => {
    const { context, page } = await signedInTab(browser, 'office');
    const originalCategory = (await categories(page)).find((c) => c.code === CATEGORY);
    const originalRules = await rules(page);
    expect(originalCategory).toBeDefined();
    const option = `E2E-${run}`;
    try {
      await page.getByTestId('nav-creditSettings').click();
      await page.getByTestId('credit-settings').waitFor();
      expect(pathOf(page)).toBe('/credit/settings');

      // --- 信用信息目录: one more option for an enum field ---
      let form = await openCategory(page, CATEGORY);
      const field = form.locator(`[data-testid="category-field"][data-key="${ENUM_FIELD}"]`);
      await field.getByTestId('field-options').click();
      await page.keyboard.type(option);
      await page.keyboard.press('Enter');
      await page.getByTestId('category-save').click();
      await form.waitFor({ state: 'detached' });

      const saved = (await categories(page)).find((c) => c.code === CATEGORY);
      const savedField = saved?.fields.find((f) => f.key === ENUM_FIELD);
      expect(savedField?.options).toEqual([
        ...(originalCategory?.fields.find((f) => f.key === ENUM_FIELD)?.options ?? []),
        option,
      ]);
      // Nothing else of the category changed.
      expect({ ...saved, fields: [] }).toEqual({ ...originalCategory, fields: [] });

      await page.reload();
      await page.getByTestId('credit-settings').waitFor();
      form = await openCategory(page, CATEGORY);
      const reloaded = form.locator(`[data-testid="category-field"][data-key="${ENUM_FIELD}"]`);
      expect(await reloaded.getByTestId('field-options').innerText()).toContain(option);
      await page.keyboard.press('Escape');
      await form.waitFor({ state: 'detached' });

      // --- 分类规则: the points of one rule ---
      await openTabOf(page, 'rules');
      const before = originalRules.rules.find((r) => r.code === RULE);
      expect(before).toBeDefined();
      const points = (before?.points ?? 0) - 1;
      const ruleRow = page.getByTestId('rules-table').locator(`[data-row-key="${RULE}"]`);
      const pointsInput = await inputOf(ruleRow.getByTestId('rule-points'));
      expect(await pointsInput.inputValue()).toBe(String(before?.points));
      await pointsInput.fill(String(points));
      await page.getByTestId('rules-save').click();
      await page.getByTestId('rules-saved').waitFor();
      // After saving, the page offers to classify again now, and the way to the classes page.
      await page.getByTestId('rules-run').waitFor();
      expect(await page.getByTestId('rules-classes-link').getAttribute('href')).toBe(
        '/credit/classification',
      );
      expect((await rules(page)).rules.find((r) => r.code === RULE)?.points).toBe(points);

      await page.reload();
      await page.getByTestId('credit-settings').waitFor();
      const reloadedPoints = await inputOf(
        page.getByTestId('rules-table').locator(`[data-row-key="${RULE}"]`).getByTestId('rule-points'),
      );
      expect(await reloadedPoints.inputValue()).toBe(String(points));

      // --- 惩戒措施: switched off, it leaves the public catalogue; switched on, it returns ---
      await openTabOf(page, 'measures');
      await page.getByTestId('measures-table').locator(`tbody tr[data-row-key="${MEASURE}"]`).waitFor();
      expect(await publicMeasureCodes(page)).toContain(MEASURE);
      await setMeasureActive(page, MEASURE, false);
      const all = (await (await page.request.get(url('/api/credit/sanctions/measures'))).json()) as {
        items: Measure[];
      };
      expect(all.items.find((m) => m.code === MEASURE)?.active).toBe(false);
      expect(await publicMeasureCodes(page)).not.toContain(MEASURE);

      await page.reload();
      await page.getByTestId('credit-settings').waitFor();
      const measureRow = page.getByTestId('measures-table').locator(`tbody tr[data-row-key="${MEASURE}"]`);
      expect(await measureRow.getByTestId('measure-active-tag').getAttribute('data-active')).toBe('false');

      await setMeasureActive(page, MEASURE, true);
      expect(await publicMeasureCodes(page)).toContain(MEASURE);
    } finally {
      // Put the category and the rules back exactly as they were, whatever happened above.
      if (originalCategory) {
        const { code: _code, kind: _kind, ...body } = originalCategory;
        const res = await page.request.put(url(`/api/credit/categories/${CATEGORY}`), { data: body });
        expect(res.status()).toBe(200);
      }
      const res = await page.request.put(url('/api/credit/classification/rules'), { data: originalRules });
      expect(res.status()).toBe(200);
      const measures = (await (await page.request.get(url('/api/credit/sanctions/measures'))).json()) as {
        items: Measure[];
      };
      const measure = measures.items.find((m) => m.code === MEASURE);
      if (measure && !measure.active) {
        const { code: _code, ...body } = measure;
        await page.request.put(url(`/api/credit/sanctions/measures/${MEASURE}`), {
          data: { ...body, active: true },
        });
      }
      await context.close();
    }
    // Restored for everyone else.
    const check = await openTab(browser);
    try {
      expect((await categories(check.page)).find((c) => c.code === CATEGORY)).toEqual(originalCategory);
      expect(await publicMeasureCodes(check.page)).toContain(MEASURE);
    } finally {
      await check.context.close();
    }
  });

  it('a user without credit.manage has no menu entry, the no-access page and a refusing API', async () => {
    const { context, page } = await signedInTab(browser, 'samr');
    try {
      await page.getByTestId('home-officer').waitFor();
      expect(await page.getByTestId('nav-creditSettings').count()).toBe(0);

      await page.goto(url('/credit/settings'));
      const denied = page.locator('.ant-result-403');
      await denied.waitFor();
      expect(await denied.innerText()).toMatch(/没有访问权限/);
      expect(pathOf(page)).toBe('/credit/settings');
      expect(await page.getByTestId('credit-settings').count()).toBe(0);

      expect((await page.request.get(url('/api/credit/sanctions/measures'))).status()).toBe(403);
      expect((await page.request.get(url('/api/credit/classification/rules'))).status()).toBe(403);
      const put = await page.request.put(url(`/api/credit/categories/${CATEGORY}`), {
        data: { active: false },
      });
      expect(put.status()).toBe(403);
    } finally {
      await context.close();
    }
  });

  it("a department officer sees the month's collection completeness, and a record it sends counts", async () => {
    const { context, page } = await signedInTab(browser, 'samr');
    try {
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const period = today.slice(0, 7);
      const annual = async () => {
        const res = await page.request.get(url(`/api/credit/stats/collection?period=${period}`));
        expect(res.status()).toBe(200);
        const body = (await res.json()) as {
          cells: { departmentCode: string; categoryCode: string; records: number; collected: boolean }[];
        };
        return body.cells.find((c) => c.departmentCode === 'SAMR' && c.categoryCode === 'annual_report');
      };
      const before = await annual();
      expect(before).toBeDefined();
      const firms = await page.request.get(url('/api/enterprises?page=1&pageSize=1'));
      expect(firms.status()).toBe(200);
      const firm = ((await firms.json()) as { items: { uscc: string; name: string }[] }).items[0]!;
      const sent = await page.request.post(url('/api/credit/records'), {
        data: {
          categoryCode: 'annual_report',
          uscc: firm.uscc,
          entityName: firm.name,
          decisionNo: `年报公示-${run}`,
          decisionDate: today,
          data: { year: String(Number(today.slice(0, 4)) - 1), on_time: true },
        },
      });
      expect(sent.status(), await sent.text()).toBe(201);
      const after = await annual();
      expect(after?.records).toBe((before?.records ?? 0) + 1);
      expect(after?.collected).toBe(true);

      await page.goto(url('/credit/records'));
      const card = page.getByTestId('collection-card');
      await card.waitFor();
      // Departments are listed least complete first, ten to a page.
      await card.getByTestId('collection-table').locator('tbody tr.ant-table-row').first().waitFor();
      expect(
        Number(
          await card.getByTestId('collection-collected').locator('.ant-statistic-content-value').innerText(),
        ),
      ).toBeGreaterThanOrEqual(1);
    } finally {
      await context.close();
    }
  });
});
