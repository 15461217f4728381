/**
 * axe-core in the real browser: GB/T 37668-2019 asks government web services for WCAG 2 AA, so the journeys and
 * `npm run a11y:audit` run axe's WCAG 2.0/2.1 A and AA rules on what a user sees and count serious or critical
 * findings. No vitest import here: the audit script runs this file under plain Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

const AXE_PATH = path.resolve(import.meta.dirname, '../node_modules/axe-core/axe.min.js');
let axeSource: string | undefined;

/** The WCAG 2 A/AA rule sets; best-practice and AAA rules are advice, not the bar GB/T 37668 sets. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

export interface Finding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
  /** axe's own words for the first node (e.g. the measured contrast ratio). */
  summary: string;
}

interface AxeResultNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: AxeResultNode[];
}

/**
 * Waits until the page has stopped changing: no DOM mutation for `quietMs`, no antd spinner or skeleton, fonts
 * loaded. A half-rendered page (loading placeholder, list not there yet) is not what a user reads.
 */
export async function settle(page: Page, quietMs = 400, maxMs = 8_000): Promise<void> {
  await page.evaluate(
    ({ quietMs, maxMs }) =>
      new Promise<void>((resolve) => {
        const started = performance.now();
        let last = performance.now();
        const observer = new MutationObserver(() => (last = performance.now()));
        observer.observe(document.documentElement, {
          subtree: true,
          childList: true,
          attributes: true,
          characterData: true,
        });
        const busy = () =>
          document.readyState !== 'complete' ||
          document.querySelector('.ant-spin-spinning, .ant-skeleton-active') !== null;
        const tick = () => {
          const now = performance.now();
          if (now - started > maxMs || (now - last >= quietMs && !busy())) {
            observer.disconnect();
            void document.fonts.ready.then(() => resolve());
            return;
          }
          setTimeout(tick, 100);
        };
        tick();
      }),
    { quietMs, maxMs },
  );
}

/** Runs axe's WCAG 2 A/AA rules on the page as it is now and returns the serious and critical findings. */
export async function runAxe(page: Page): Promise<Finding[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) {
    axeSource ??= fs.readFileSync(AXE_PATH, 'utf8');
    await page.addScriptTag({ content: axeSource });
  }
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    })) as { violations: unknown[] };
    return result.violations;
  }, WCAG_TAGS);
  return (violations as AxeViolation[])
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
      summary: (v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240),
    }));
}

/** How many element findings (not rules): one low-contrast colour on twenty labels is twenty things to read. */
export function countNodes(findings: readonly Finding[]): number {
  return findings.reduce((n, f) => n + f.targets.length, 0);
}

/** Rule id, impact, the first few target selectors and axe's summary, one block per rule. */
export function formatFindings(where: string, findings: readonly Finding[]): string {
  const lines = [`${where}: ${countNodes(findings)} serious/critical accessibility finding(s)`];
  for (const f of findings) {
    const shown = f.targets.slice(0, 5).join(' | ');
    const more = f.targets.length > 5 ? ` (+${f.targets.length - 5} more)` : '';
    lines.push(`  [${f.impact}] ${f.rule}: ${f.help}`, `    at ${shown}${more}`, `    ${f.summary}`);
  }
  return lines.join('\n');
}
