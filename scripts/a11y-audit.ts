/**
 * Accessibility audit (无障碍检测) of a running platform: signs in as the demo roles, opens each role's main pages in
 * Chromium and counts axe-core's serious and critical WCAG 2 A/AA findings per page.
 *
 *   npm run a11y:audit -- http://127.0.0.1:3000 [--password Yingshang@2026] [--large] [--verbose]
 *
 * `--large` audits with the 长辈版 (large text) switched on; `--verbose` prints every finding's selectors. Exits 1
 * when any page has a finding, so it can gate a release. The journeys run the same checks (e2e/a11y.ts).
 */
import { chromium, type Browser } from 'playwright-core';
import { countNodes, formatFindings, runAxe, settle, type Finding } from '../e2e/a11y.ts';

/** What each kind of user opens first; anonymous pages need no account. */
const PAGES: Record<string, string[]> = {
  '': [
    '/login',
    '/public',
    '/public/plan',
    '/public/policies',
    '/public/services',
    '/public/credit',
    '/public/calendar',
    '/public/uscc',
  ],
  ent: ['/', '/services', '/services/applications', '/policies/mine', '/credit/mine', '/calendar'],
  samr: ['/', '/services/queue', '/credit/records', '/policies/manage', '/plan/my'],
  office: [
    '/',
    '/plan/dashboard',
    '/plan/measures',
    '/enterprises',
    '/services/overview',
    '/credit/settings',
  ],
  sysadmin: ['/', '/admin/users', '/admin/jobs', '/admin/calendar'],
};

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const base = (args.find((a) => /^https?:\/\//.test(a)) ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  const password = option(args, '--password') ?? process.env.DEMO_PASSWORD ?? 'Yingshang@2026';
  const large = args.includes('--large');
  const verbose = args.includes('--verbose');

  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  let total = 0;
  const rows: { role: string; path: string; count: number; rules: string }[] = [];
  try {
    for (const [role, paths] of Object.entries(PAGES)) {
      // Reduced motion: an element caught mid fade-in would be measured at a fraction of its contrast.
      const context = await browser.newContext({
        viewport: { width: 1366, height: 900 },
        reducedMotion: 'reduce',
      });
      context.setDefaultTimeout(30_000);
      if (large) await context.addInitScript(() => window.localStorage.setItem('yingshang.largeText', '1'));
      const page = await context.newPage();
      if (role) {
        const res = await page.request.post(`${base}/api/auth/login`, { data: { username: role, password } });
        if (!res.ok()) throw new Error(`sign-in as ${role} failed: ${res.status()} ${await res.text()}`);
      }
      for (const p of paths) {
        await page.goto(base + p);
        await settle(page);
        let findings: Finding[];
        try {
          findings = await runAxe(page);
        } catch (e) {
          console.error(`${role || 'anonymous'} ${p}: axe failed: ${(e as Error).message}`);
          continue;
        }
        const count = countNodes(findings);
        total += count;
        rows.push({
          role: role || 'anonymous',
          path: p,
          count,
          rules: findings.map((f) => f.rule).join(', '),
        });
        if (verbose && count > 0) console.log(formatFindings(`${role || 'anonymous'} ${p}`, findings));
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`\nserious/critical WCAG 2 A/AA findings${large ? ' (长辈版)' : ''}:`);
  for (const r of rows)
    console.log(`${r.role.padEnd(10)} ${r.path.padEnd(24)} ${String(r.count).padStart(4)}  ${r.rules}`);
  console.log(`${'total'.padEnd(35)} ${String(total).padStart(4)} on ${rows.length} pages`);
  process.exitCode = total > 0 ? 1 : 0;
}

await main();
