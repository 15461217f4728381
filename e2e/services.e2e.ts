/**
 * One-stop services, end to end through the browser: the enterprise `ent` reads the 企业开办 guide, fills the one
 * combined form (prefilled fields are marked by source), uploads a material and replaces the others by e-licence or
 * an earlier submission, sees the credit precheck in words, and submits with a double click — one application. The
 * task graph runs: 区市场监管局 (`samr`) issues the licence first; then 区公安分局 (`police`), 区税务局 (`tax`, after a
 * 补正 round-trip the enterprise answers with an upload and a note), 区人社局 (`hrss`), 区公积金中心 (`fund`) and
 * 区市场监管局 again (bank account booking) process their parallel tasks. A department never sees a task before its
 * turn. Finally the enterprise sees every lane approved on the timeline, and the results.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { openTab, signedInTab, url, type Tab } from './support.ts';

const BUNDLE = 'enterprise-opening';
/** Unique per run, so nothing but this journey's own application can satisfy the assertions. */
const run = Date.now().toString(36);
const companyName = `相城区营商测试${run}科技有限公司`;
const supplementNote = `已补交办税人员身份证明 ${run}`;

/** The smallest file the server sniffs as a PDF. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** `YYYY-MM-DD` some days from today. */
function daysFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The rjsf field of a form property (`idPrefix="f"`). */
function field(page: Page, name: string): Locator {
  return page.locator(`#f_${name}`);
}

/** Opens an antd select of the combined form and picks the option with this title. */
async function pick(page: Page, name: string, title: string): Promise<void> {
  await field(page, name).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`).click();
  await page.keyboard.press('Escape');
}

/** A multi-select: pick the option only when nothing is chosen yet (clicking a chosen option would untick it). */
async function pickIfEmpty(page: Page, name: string, title: string): Promise<void> {
  const chosen = page.locator(`[data-testid="form-field"][data-field="${name}"] .ant-select-selection-item`);
  if ((await chosen.count()) === 0) await pick(page, name, title);
}

interface Totals {
  total: number;
}

async function myApplicationCount(page: Page): Promise<number> {
  const res = await page.request.get(url('/api/services/applications?pageSize=1'));
  expect(res.status()).toBe(200);
  return ((await res.json()) as Totals).total;
}

/** The row of this application in the department's queue (page size 100 keeps it on the first page). */
function queueRow(page: Page, number: string): Locator {
  return page.getByTestId('queue-table').locator('tbody tr', { hasText: number });
}

async function openQueue(page: Page): Promise<void> {
  await page.goto(url('/services/queue?pageSize=100'));
  await page.getByTestId('work-queue').waitFor();
  await page.getByTestId('queue-table').locator('.ant-spin-spinning').waitFor({ state: 'detached' });
}

/** An officer opens the task of this application from the queue and claims it. */
async function claimFromQueue(page: Page, number: string): Promise<void> {
  await openQueue(page);
  await queueRow(page, number).getByTestId('task-link').click();
  await page.getByTestId('task-detail').waitFor();
  expect(await page.getByTestId('task-detail').getAttribute('data-status')).toBe('pending');
  // The applicant's form and materials are there to check.
  expect(await page.getByTestId('application-form').innerText()).toContain(companyName);
  expect(await page.getByTestId('material-link').count()).toBeGreaterThanOrEqual(1);
  await page.getByTestId('task-claim').click();
  await page.locator('[data-testid="task-detail"][data-status="claimed"]').waitFor();
}

async function approve(page: Page, comment: string): Promise<void> {
  await page.getByTestId('task-approve').click();
  await page.getByTestId('action-comment').fill(comment);
  await page.getByTestId('action-confirm').click();
  await page.locator('[data-testid="task-detail"][data-status="approved"]').waitFor();
}

/** Signs in as the department's officer, claims and approves this application's task. */
async function processAs(username: string, number: string): Promise<void> {
  const tab = await signedInTab(browser, username);
  try {
    await claimFromQueue(tab.page, number);
    await approve(tab.page, `${username} 审核通过`);
  } finally {
    await tab.context.close();
  }
}

let browser: Browser;

/**
 * Right after "ready" the server is still seeding demo applications in a background job; on a busy machine the
 * first pages can take longer than an action's timeout. Wait until it answers promptly before the journey starts.
 */
async function serverSettled(): Promise<void> {
  const deadline = Date.now() + 150_000;
  for (;;) {
    const started = Date.now();
    try {
      const res = await fetch(url('/api/services/bundles'), { signal: AbortSignal.timeout(20_000) });
      if (res.ok && Date.now() - started < 2_000) return;
    } catch {
      // not answering yet
    }
    if (Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

beforeAll(async () => {
  browser = await launch();
  await serverSettled();
}, 180_000);

afterAll(async () => {
  await browser.close();
});

describe('one-stop services', () => {
  it('企业开办: combined form → parallel departments → finished timeline', async () => {
    let number: string;
    let applicationId: string;

    // --- the enterprise applies ---
    const ent = await signedInTab(browser, 'ent');
    try {
      const { page } = ent;
      await page.getByTestId('nav-servicesCatalogue').click();
      await page.getByTestId('bundle-catalogue').waitFor();
      await page
        .locator(`[data-testid="bundle-card"][data-code="${BUNDLE}"] [data-testid="bundle-link"]`)
        .click();
      await page.locator(`[data-testid="bundle-detail"][data-code="${BUNDLE}"]`).waitFor();
      // The task graph: the licence first, five tasks in parallel after it.
      const graph = page.getByTestId('task-graph');
      expect(await graph.getAttribute('data-stages')).toBe('2');
      expect(await graph.locator('[data-testid="graph-node"][data-stage="1"]').count()).toBe(5);
      expect(await graph.getByTestId('graph-edge').count()).toBe(5);

      const before = await myApplicationCount(page);
      await page.getByTestId('apply-start').click();
      await page.getByTestId('schema-form').waitFor();
      // Fields from the enterprise profile are prefilled and say so.
      expect(
        await page
          .locator('[data-testid="prefill-source"][data-field="companyName"]')
          .getAttribute('data-source'),
      ).toBe('profile');

      // A wrong phone number is caught next to its field before anything is sent.
      await field(page, 'phone').fill('12345');
      await page.getByTestId('apply-next').click();
      await page
        .locator('[data-testid="form-field"][data-field="phone"] .ant-form-item-explain-error')
        .waitFor();
      expect(await page.getByTestId('apply-wizard').getAttribute('data-step')).toBe('form');

      await field(page, 'companyName').fill(companyName);
      await field(page, 'legalRepresentative').fill('王测试');
      await field(page, 'phone').fill('13912345678');
      await field(page, 'address').fill('苏州市相城区元和街道测试路1号');
      await pick(page, 'companyType', '有限责任公司');
      await field(page, 'businessScope').fill('软件开发；信息技术咨询服务');
      await field(page, 'legalRepIdCard').fill('11010519491231002X');
      await field(page, 'registeredCapital').fill('100');
      await pickIfEmpty(page, 'sealTypes', '公章');
      await pickIfEmpty(page, 'invoiceTypes', '数电发票（普通发票）');
      await pick(page, 'taxpayerType', '小规模纳税人');
      await field(page, 'taxOfficerName').fill('李办税');
      await field(page, 'employees').fill('8');
      await field(page, 'fundRate').fill('5');
      await field(page, 'bankName').fill('相城农商行元和支行');
      const date = field(page, 'appointmentDate');
      await date.click();
      await date.fill(daysFromToday(7));
      await date.press('Enter');
      await page.getByTestId('apply-next').click();

      // 告知承诺 and the credit precheck, in words, before submitting.
      const precheck = page.getByTestId('precheck-result');
      await precheck.waitFor();
      expect(await precheck.getAttribute('data-decision')).not.toBe('block');
      expect((await precheck.innerText()).length).toBeGreaterThan(4);
      await page.getByTestId('apply-next').click();

      // Materials: one uploaded file; the rest replaced by e-licence / an earlier submission.
      await page.getByTestId('apply-materials-card').waitFor();
      const rows = page.getByTestId('material-row');
      const count = await rows.count();
      expect(count).toBeGreaterThanOrEqual(2);
      for (let i = 0; i < count; i += 1) {
        const row = rows.nth(i);
        const modes = row.getByTestId('material-mode');
        const replace = modes.locator('input[value="replaced"]');
        if (i > 0 && (await replace.count()) > 0) {
          await replace.check();
        } else {
          await row
            .locator('input[type="file"]')
            .setInputFiles({ name: `material-${i}-${run}.pdf`, mimeType: 'application/pdf', buffer: PDF });
          await row.getByTestId('material-file').waitFor();
        }
        await row.getByTestId('material-done').waitFor();
      }
      await page.getByTestId('apply-next').click();
      await page.getByTestId('apply-confirm-card').waitFor();
      expect(await page.getByTestId('apply-confirm-card').innerText()).toContain(companyName);

      // A double click submits once (busy guard + the same Idempotency-Key).
      await page.getByTestId('apply-submit').dblclick();
      const done = page.getByTestId('apply-done');
      await done.waitFor();
      number = (await done.getAttribute('data-number')) ?? '';
      applicationId = (await done.getAttribute('data-id')) ?? '';
      expect(number).toMatch(/^YS\d{14}$/);
      expect(await myApplicationCount(page)).toBe(before + 1);

      await page.getByTestId('apply-open-application').click();
      await page.locator(`[data-testid="application-detail"][data-id="${applicationId}"]`).waitFor();
      expect(await page.getByTestId('application-number').innerText()).toBe(number);
      const lanes = page.getByTestId('timeline-lane');
      expect(await lanes.count()).toBe(6);
      expect(
        await page.locator('[data-testid="timeline-lane"][data-key="licence"]').getAttribute('data-status'),
      ).toBe('pending');
      expect(await page.locator('[data-testid="timeline-lane"][data-status="waiting"]').count()).toBe(5);
    } finally {
      await ent.context.close();
    }

    // --- 区税务局 sees nothing of it before the licence is issued ---
    const early = await signedInTab(browser, 'tax');
    try {
      await openQueue(early.page);
      expect(await queueRow(early.page, number).count()).toBe(0);
    } finally {
      await early.context.close();
    }

    // --- 区市场监管局 issues the business licence ---
    await processAs('samr', number);

    // --- 区税务局 asks for a supplement (补正) ---
    const tax: Tab = await signedInTab(browser, 'tax');
    const taxPage = tax.page;
    try {
      await claimFromQueue(taxPage, number);
      await taxPage.getByTestId('task-supplement').click();
      await taxPage.getByTestId('action-reason').fill('办税人员身份证明不清晰，请重新上传。');
      await taxPage.getByTestId('action-materials').locator('input[type="checkbox"]').first().check();
      await taxPage.getByTestId('action-confirm').click();
      await taxPage.locator('[data-testid="task-detail"][data-status="supplement"]').waitFor();
    } catch (error) {
      await tax.context.close();
      throw error;
    }

    // --- the enterprise answers it with an upload and a note ---
    const answer = await signedInTab(browser, 'ent');
    try {
      const { page } = answer;
      await page.getByTestId('nav-servicesMine').click();
      await page.getByTestId('my-applications').waitFor();
      await page
        .getByTestId('application-table')
        .locator('tbody tr', { hasText: number })
        .getByTestId('application-link')
        .click();
      await page.locator('[data-testid="application-detail"][data-status="supplement"]').waitFor();
      const request = page.getByTestId('supplement-request');
      await request.waitFor();
      await request
        .locator('input[type="file"]')
        .first()
        .setInputFiles({ name: `supplement-${run}.pdf`, mimeType: 'application/pdf', buffer: PDF });
      await request.getByTestId('supplement-upload-file').first().waitFor();
      await page.getByTestId('supplement-note').fill(supplementNote);
      await page.getByTestId('supplement-submit').click();
      await page.getByTestId('supplement-request').waitFor({ state: 'detached' });
      await page.locator('[data-testid="supplement-item"][data-answered="true"]').waitFor();
    } finally {
      await answer.context.close();
    }

    // --- 区税务局 approves once the supplement is in ---
    try {
      await taxPage.reload();
      await taxPage.locator('[data-testid="task-detail"][data-status="claimed"]').waitFor();
      expect(await taxPage.getByTestId('supplement-history').innerText()).toContain(supplementNote);
      await approve(taxPage, '税务登记完成，发票已核定');
    } finally {
      await tax.context.close();
    }

    // --- the other departments process their parallel tasks ---
    await processAs('police', number);
    await processAs('hrss', number);
    await processAs('fund', number);
    await processAs('samr', number); // 银行开户预约 is booked through 区市场监管局

    // --- the enterprise sees the finished timeline and the results ---
    const end = await signedInTab(browser, 'ent');
    try {
      const { page } = end;
      await page.goto(url(`/services/applications/${applicationId}`));
      await page.locator('[data-testid="application-detail"][data-status="completed"]').waitFor();
      expect(await page.getByTestId('application-status').getAttribute('data-status')).toBe('completed');
      const lanes = page.getByTestId('timeline-lane');
      expect(await lanes.count()).toBe(6);
      expect(await page.locator('[data-testid="timeline-lane"][data-status="approved"]').count()).toBe(6);
      // Who handled each task is on its lane; the history lists every step.
      expect(await page.locator('[data-testid="timeline-lane"][data-key="tax"]').innerText()).toContain(
        '税务局经办人',
      );
      expect(await page.getByTestId('timeline-event').count()).toBeGreaterThanOrEqual(7);
      expect(await page.getByTestId('application-result').count()).toBeGreaterThanOrEqual(1);
      expect(await page.getByTestId('application-results').innerText()).toContain('营业执照');
    } finally {
      await end.context.close();
    }
  }, 300_000);

  it('lets the office add a bundle in the UI, without code', async () => {
    const office = await signedInTab(browser, 'office');
    try {
      const { page } = office;
      const items = (await (await page.request.get(url('/api/services/items'))).json()) as {
        code: string;
        name: string;
        department: string;
      }[];
      const [first, second, third] = items;
      if (!first || !second || !third) throw new Error('the catalogue needs at least three service items');
      const code = `e2e-${run}`;
      const name = `联办测试${run}`;

      await page.getByTestId('nav-servicesAdmin').click();
      await page.getByTestId('bundle-admin').waitFor();
      await page.getByTestId('bundle-add').click();
      await page.getByTestId('bundle-form').waitFor();
      await page.getByTestId('bundle-code').fill(code);
      await page.getByTestId('bundle-name').fill(name);
      for (const item of [first, second, third]) {
        const search = page.getByTestId('bundle-items-select').locator('input');
        await search.click();
        await search.fill(item.name);
        await page
          .locator(
            `.ant-select-dropdown:visible .ant-select-item-option-active[title="${item.name}（${item.department}）"]`,
          )
          .waitFor();
        await page.keyboard.press('Enter');
        await page.keyboard.press('Escape');
      }
      await expect.poll(() => page.getByTestId('dependency-row').count()).toBe(3);
      // The second and third wait for the first.
      for (const row of [1, 2]) {
        const search = page.getByTestId('dependency-select').nth(row).locator('input');
        await search.click();
        await search.fill(first.name);
        await page
          .locator(`.ant-select-dropdown:visible .ant-select-item-option-active[title="${first.name}"]`)
          .last()
          .waitFor();
        await page.keyboard.press('Enter');
        await page.keyboard.press('Escape');
      }
      // The preview draws the graph before saving.
      expect(await page.getByTestId('task-graph').getAttribute('data-stages')).toBe('2');
      await page.getByTestId('bundle-save').click();

      await page.waitForURL((u) => u.pathname === `/services/bundles/${code}`);
      await page.locator(`[data-testid="bundle-detail"][data-code="${code}"]`).waitFor();
      expect(await page.getByTestId('task-graph').getAttribute('data-stages')).toBe('2');
      expect(await page.getByTestId('graph-edge').count()).toBe(2);

      // Live at once in the public catalogue.
      const { context: anon, page: p } = await openTab(browser);
      try {
        await p.goto(url('/public/services'));
        await p.locator(`[data-testid="bundle-card"][data-code="${code}"]`).waitFor();
        expect(await p.locator(`[data-testid="bundle-card"][data-code="${code}"]`).innerText()).toContain(
          name,
        );
      } finally {
        await anon.close();
      }
    } finally {
      await office.context.close();
    }
  }, 120_000);

  it('简易注销: the notice is public and an objection stops it', async () => {
    const ent = await signedInTab(browser, 'ent');
    let applicationId: string;
    let enterpriseName: string;
    try {
      const { page } = ent;
      await page.goto(url('/services/bundles/simple-deregistration/apply'));
      await page.getByTestId('schema-form').waitFor();
      enterpriseName = await field(page, 'companyName').inputValue();
      expect(enterpriseName.length).toBeGreaterThan(1);
      await field(page, 'noDebtsCommitment').check();
      await pick(page, 'deregistrationReason', '股东会决议解散');
      await page.getByTestId('apply-next').click();
      await page.getByTestId('precheck-result').waitFor();
      await page.getByTestId('apply-next').click();
      const rows = page.getByTestId('material-row');
      await rows.first().waitFor();
      for (let i = 0; i < (await rows.count()); i += 1) {
        const row = rows.nth(i);
        const replace = row.getByTestId('material-mode').locator('input[value="replaced"]');
        if ((await replace.count()) > 0) await replace.check();
        else {
          await row
            .locator('input[type="file"]')
            .setInputFiles({ name: `commitment-${run}.pdf`, mimeType: 'application/pdf', buffer: PDF });
          await row.getByTestId('material-file').waitFor();
        }
      }
      await page.getByTestId('apply-next').click();
      await page.getByTestId('apply-submit').click();
      await page.getByTestId('apply-done').waitFor();
      applicationId = (await page.getByTestId('apply-done').getAttribute('data-id')) ?? '';
    } finally {
      await ent.context.close();
    }

    // A creditor objects on the public page, without an account.
    const { context: anon, page } = await openTab(browser);
    try {
      await page.goto(url('/public/deregistration'));
      const row = page.getByTestId('notice-table').locator('tbody tr', { hasText: enterpriseName });
      await row.first().waitFor();
      await row.first().getByTestId('objection-open').click();
      await page.getByTestId('objection-name').fill(`债权人${run}`);
      await page.getByTestId('objection-contact').fill('13800001111');
      await page.getByTestId('objection-reason').fill('尚有货款未结清');
      await page.getByTestId('objection-submit').click();
      await page.getByTestId('objection-done').waitFor();
    } finally {
      await anon.close();
    }

    const back = await signedInTab(browser, 'ent');
    try {
      await back.page.goto(url(`/services/applications/${applicationId}`));
      await back.page.locator('[data-testid="application-detail"][data-status="objected"]').waitFor();
      expect(
        await back.page
          .getByTestId('application-notice')
          .getByTestId('notice-status')
          .getAttribute('data-status'),
      ).toBe('objected');
    } finally {
      await back.context.close();
    }
  }, 120_000);

  it('shows a visitor the bundles and the deregistration notices without signing in', async () => {
    const { context, page } = await openTab(browser, { viewport: { width: 375, height: 800 } });
    try {
      await page.goto(url('/public/services'));
      await page.getByTestId('public-services').waitFor();
      const cards = page.getByTestId('bundle-card');
      await cards.first().waitFor();
      expect(await cards.count()).toBeGreaterThanOrEqual(15);
      await page.getByTestId('bundle-search').fill('餐饮');
      await expect.poll(() => cards.count()).toBeLessThan(15);
      expect(await cards.count()).toBeGreaterThanOrEqual(1);
      await cards.first().getByTestId('bundle-link').click();
      await page.getByTestId('bundle-detail').waitFor();
      await page.getByTestId('task-graph').waitFor();
      await page.getByTestId('apply-login').waitFor();
      // Nothing on the page is wider than the phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);

      await page.goto(url('/public/deregistration'));
      await page.getByTestId('public-deregistration').waitFor();
      await page.getByTestId('notice-table').waitFor();
    } finally {
      await context.close();
    }
  });
});
