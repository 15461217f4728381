/**
 * The policy engine, end to end: an officer of 区市场监管局 (`samr`) writes a new 免申即享 policy, builds its rule in
 * the visual editor (the JsonLogic beside it follows), adds two test cases, runs them (both pass) and publishes. The
 * enterprise (`ent`) declares the fact the rule reads, is re-matched at once and sees the policy under 我的政策 with
 * the condition-by-condition explanation and the source of the value (企业申报（待核验）). The officer builds the
 * grant list from the clause's matches (credit-checked) and approves it; the enterprise confirms with one click; the
 * officer records the payment and the enterprise sees it paid. A visitor finds the policy in the public library and
 * gets the same answer from the anonymous calculator.
 *
 * The rule reads 上年度设备投资额 (equipment_investment, a declared fact) with a threshold no demo data reaches, so
 * only this journey's declaration can make the enterprise match.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { openTab, signedInTab, url } from './support.ts';

/** Unique per run, so the assertions cannot be satisfied by anything but this journey's own writing. */
const run = Date.now().toString(36).toUpperCase();
const CODE = `E2E-${run}`;
const TITLE = `设备更新免申奖励（${run}）`;
const CLAUSE = `设备投资奖励 ${run}`;
const THRESHOLD = 8888;
const DECLARED = 9000;
const AMOUNT = 12;

/** Picks an option of an antd Select by its label; typing first, because long option lists are virtualised. */
async function chooseOption(page: Page, testId: string, label: string, search = false): Promise<void> {
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(label);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
    .first()
    .click();
}

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  // The journey server builds the web app in development mode (unminified) and runs its start-up jobs (demo
  // facts, matching) meanwhile: on a busy machine its first page has taken over a minute. Load it once, patiently,
  // so the journey's own steps keep the usual timeouts.
  const warm = await openTab(browser);
  await warm.page.goto(url('/login'), { timeout: 170_000 });
  await warm.page.getByTestId('login-form').waitFor({ timeout: 60_000 });
  await warm.context.close();
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

describe('惠企政策: rule editor → tests → publish → match with explanation → 免申即享 grant', () => {
  it('runs from the officer’s editor to the enterprise’s confirmed and paid grant', async () => {
    // —— The officer writes the policy and its clause. ——
    const officer = await signedInTab(browser, 'samr');
    const op = officer.page;
    await op.goto(url('/policies/manage'));
    await op.getByTestId('policy-manage').waitFor();
    await op.getByTestId('policy-new').click();
    await op.getByTestId('policy-form').waitFor();
    await op.getByTestId('policy-title-input').fill(TITLE);
    await op.getByTestId('policy-code-input').fill(CODE);
    await op.getByTestId('policy-docno-input').fill(`相市监〔2026〕${run}号（演示）`);
    await op.getByTestId('policy-create-ok').click();
    await op.waitForURL((u) => u.pathname.startsWith('/policies/manage/') && u.search.includes('clause=new'));
    const editor = op.getByTestId('clause-editor');
    await editor.waitFor();
    await op.getByTestId('clause-title').fill(CLAUSE);
    await op.getByTestId('clause-citation-input').fill(`相市监〔2026〕${run}号（演示）第二条`);
    await chooseOption(op, 'clause-mode', '免申即享');

    // The rule, built in the visual editor: 上年度设备投资额 ≥ THRESHOLD.
    const builder = op.getByTestId('rule-builder');
    await builder.waitFor();
    await builder
      .locator('.group--actions button', { hasText: /添加条件$/ })
      .first()
      .click();
    const rule = builder.locator('.rule').first();
    await rule.locator('.rule--field .ant-select').click();
    await op.keyboard.type('设备投资');
    await op
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '上年度设备投资额' })
      .click();
    await rule.locator('.rule--value input').fill(String(THRESHOLD));
    await expect
      .poll(async () => JSON.parse((await op.getByTestId('rule-json').inputValue()) || 'null'))
      .toEqual({ and: [{ '>=': [{ var: 'equipment_investment' }, THRESHOLD] }] });

    // A fixed benefit.
    await chooseOption(op, 'benefit-kind', '固定金额');
    await op.getByTestId('benefit-amount-input').fill(String(AMOUNT));

    // Two test cases: one just over the threshold (eligible, AMOUNT), one under (not eligible).
    await op.getByTestId('test-add').click();
    let form = op.getByTestId('test-form');
    await form.waitFor();
    await op.getByTestId('test-name').fill('投资达标');
    await op.getByTestId('test-amount').fill(String(AMOUNT));
    await form.getByTestId('fact-equipment_investment').fill(String(THRESHOLD + 1));
    await op.getByTestId('test-save').click();
    await form.waitFor({ state: 'detached' });
    await op.getByTestId('test-add').click();
    form = op.getByTestId('test-form');
    await form.waitFor();
    await op.getByTestId('test-name').fill('投资不足');
    await op.getByTestId('test-expect').getByText('不符合').click();
    await form.getByTestId('fact-equipment_investment').fill(String(THRESHOLD - 1));
    await op.getByTestId('test-save').click();
    await form.waitFor({ state: 'detached' });

    await op.getByTestId('clause-run-tests').click();
    const summary = op.getByTestId('tests-summary');
    await summary.waitFor();
    expect(await summary.getAttribute('data-total')).toBe('2');
    expect(await summary.getAttribute('data-passed')).toBe('2');
    expect(await op.locator('[data-testid="test-result"][data-passed="true"]').count()).toBe(2);

    await op.getByTestId('policy-publish').click();
    await op.locator('[data-testid="policy-editor"][data-status="published"]').waitFor();

    // —— The enterprise declares the fact and is matched at once, with the explanation. ——
    const enterprise = await signedInTab(browser, 'ent');
    const ep = enterprise.page;
    await ep.goto(url('/policies/mine?tab=facts'));
    await ep.getByTestId('my-policies').waitFor();
    const enterpriseName = ((await ep.getByTestId('my-enterprise').textContent()) ?? '').replace(
      /^企业：/,
      '',
    );
    expect(enterpriseName).not.toBe('');
    await ep.getByTestId('my-facts-form').getByTestId('fact-equipment_investment').fill(String(DECLARED));
    await ep.getByTestId('my-facts-save').click();
    await ep.getByTestId('tab-matches').click();
    const match = ep.locator(`[data-testid="explanation"][data-policy-code="${CODE}"]`);
    await expect
      .poll(
        async () => {
          if ((await match.count()) === 0) await ep.getByRole('button', { name: '刷新' }).click();
          return match.count();
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toBe(1);
    expect(await match.getAttribute('data-eligible')).toBe('true');
    const condition = match.locator('[data-testid="condition"][data-fact="equipment_investment"]');
    expect(await condition.getAttribute('data-passed')).toBe('true');
    expect(await condition.textContent()).toContain(String(DECLARED));
    expect(await condition.getByTestId('fact-source').getAttribute('data-kind')).toBe('declared');
    expect(await match.getByTestId('benefit-amount').getAttribute('data-amount')).toBe(String(AMOUNT));

    // —— The officer builds the grant list from the clause's matches and approves it. ——
    await op.goto(url('/policies/grants'));
    await op.getByTestId('grant-lists').waitFor();
    await chooseOption(op, 'grant-clause', CLAUSE, true);
    await op.getByTestId('grant-build-submit').click();
    await op.waitForURL((u) => /^\/policies\/grants\/[0-9a-f-]{36}$/.test(u.pathname));
    const list = op.getByTestId('grant-list');
    await list.waitFor();
    const entRow = op.getByTestId('grant-entries').locator('tbody tr', { hasText: enterpriseName });
    await entRow.getByTestId('grant-included').waitFor();
    await op.getByTestId('grant-approve').click();
    await op.locator('.ant-popconfirm:visible').getByRole('button', { name: '审核通过' }).click();
    await op.locator('[data-testid="grant-list"][data-status="approved"]').waitFor();

    // —— The enterprise confirms with one click. ——
    await ep.goto(url('/policies/mine?tab=grants'));
    const grant = ep.getByTestId('my-grants').locator('tbody tr', { hasText: CLAUSE });
    await grant.getByTestId('grant-confirm').click();
    await ep
      .getByTestId('my-grants')
      .locator('tbody tr', { hasText: CLAUSE })
      .locator('[data-testid="grant-status"][data-status="confirmed"]')
      .waitFor();

    // —— The officer records the payment; the enterprise sees it paid. ——
    await op.reload();
    await entRow.getByTestId('grant-disburse').click();
    await op.getByTestId('disburse-reference').fill(`PAY-${run}`);
    await op.getByTestId('disburse-ok').click();
    await entRow.locator('[data-testid="grant-status"][data-status="disbursed"]').waitFor();
    await ep.reload();
    await ep
      .getByTestId('my-grants')
      .locator('tbody tr', { hasText: CLAUSE })
      .locator('[data-testid="grant-status"][data-status="disbursed"]')
      .waitFor();
    expect(await ep.getByTestId('my-grants').textContent()).toContain(`PAY-${run}`);

    // —— A visitor finds the policy and gets the same answer from the anonymous calculator. ——
    const visitor = await openTab(browser);
    const vp = visitor.page;
    await vp.goto(url(`/public/policies?q=${encodeURIComponent('设备更新免申奖励')}`));
    await vp.getByTestId('public-policies').waitFor();
    await vp.locator(`[data-testid="policy-card"][data-code="${CODE}"]`).waitFor();
    await vp.goto(url('/public/policies/calculator?subject=enterprise'));
    await vp.getByTestId('public-policy-calculator').waitFor();
    await vp
      .getByTestId('calc-form')
      .getByTestId('fact-equipment_investment')
      .fill(String(THRESHOLD - 100));
    await vp.getByTestId('calc-submit').click();
    const result = vp.locator(`[data-testid="calc-result"][data-policy-code="${CODE}"]`);
    await result.waitFor();
    expect(await result.getAttribute('data-eligible')).toBe('false');
    expect(await result.getByTestId('calc-result-summary').textContent()).toMatch(/差 1 项/);

    await Promise.all([officer.context.close(), enterprise.context.close(), visitor.context.close()]);
  }, 240_000);
});
