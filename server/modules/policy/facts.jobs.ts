/**
 * Facts upkeep: platform facts (credit class from the monthly classification, serious 失信 from the sanctions
 * check) refreshed for every registered enterprise, demo feed facts loaded for demo enterprises that have none,
 * then a full re-match. Runs nightly at 02:00 China time and once after start-up (`queueFactsRefresh`), so a
 * fresh `npm start` has facts and matches without anyone running anything.
 */
import { Type } from 'typebox';
import type { AppContext } from '../../kernel/context.ts';
import { chinaDate } from '../../kernel/clock.ts';
import { defineJob, type JobDefinition } from '../../kernel/jobs/jobs.ts';
import { checkSanctions, creditStatusOfMany, getCreditClass } from '../credit/index.ts';
import { listEnterpriseProfilesAfter } from '../enterprise/index.ts';
import { factCatalogue, findFact } from './engine/facts.ts';
import { demoFeedFacts, type RegistryProfile } from './facts.demo.ts';
import { findFactRow, findFactRows, setEnterpriseFacts, type StoredFactRow } from './facts.repository.ts';
import { matchAll, type MatchAllResult } from './matching.service.ts';

const PAGE = 200;

export interface FactsRefreshResult {
  enterprises: number;
  demoLoaded: number;
  platformUpdated: number;
  failed: number;
}

function sourceLabel(fact: string, fallback: string): string {
  return findFact('enterprise', fact, factCatalogue())?.sourceLabel ?? fallback;
}

/** Platform facts of one enterprise from the credit module. */
export async function platformFactsOf(
  ctx: AppContext,
  enterpriseId: string,
): Promise<{ credit_class: string; serious_dishonest: boolean }> {
  const [cls, sanctions] = await Promise.all([
    getCreditClass(ctx, enterpriseId),
    checkSanctions(ctx, { enterpriseId }, 'policy'),
  ]);
  // Serious 失信: the enterprise is on a black list (the restrictions the sanctions check names with a list).
  const serious = sanctions.reasons.some((r) => r.effect === 'restriction' && r.list !== null);
  return { credit_class: cls.class, serious_dishonest: serious };
}

/** Refreshes platform facts of one enterprise; true when a value changed. */
export async function refreshPlatformFacts(ctx: AppContext, enterpriseId: string): Promise<boolean> {
  return writePlatformFacts(
    ctx,
    enterpriseId,
    await platformFactsOf(ctx, enterpriseId),
    await findFactRow(ctx.db, enterpriseId),
  );
}

async function writePlatformFacts(
  ctx: AppContext,
  enterpriseId: string,
  facts: { credit_class: string; serious_dishonest: boolean },
  row: StoredFactRow | undefined,
): Promise<boolean> {
  if (row && row.credit_class === facts.credit_class && row.serious_dishonest === facts.serious_dishonest)
    return false;
  await setEnterpriseFacts(
    ctx.db,
    enterpriseId,
    { credit_class: facts.credit_class },
    { kind: 'platform', label: sourceLabel('credit_class', '平台信用分类'), verified: true },
    { at: ctx.clock.now() },
  );
  await setEnterpriseFacts(
    ctx.db,
    enterpriseId,
    { serious_dishonest: facts.serious_dishonest },
    { kind: 'platform', label: sourceLabel('serious_dishonest', '平台信用惩戒核查'), verified: true },
    { at: ctx.clock.now() },
  );
  return true;
}

/** Loads demo feed facts (and demo declarations) for a registry enterprise that has no facts yet. */
export async function loadDemoFacts(ctx: AppContext, profile: RegistryProfile): Promise<boolean> {
  if (await findFactRow(ctx.db, profile.id)) return false;
  const { feed, declared } = demoFeedFacts(profile, chinaDate(ctx.clock.now()));
  const at = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    // Each feed fact keeps its own department as source.
    const byLabel = new Map<string, Record<string, unknown>>();
    for (const [name, value] of Object.entries(feed)) {
      const label = sourceLabel(name, '部门数据');
      byLabel.set(label, { ...(byLabel.get(label) ?? {}), [name]: value });
    }
    for (const [label, values] of byLabel) {
      await setEnterpriseFacts(trx, profile.id, values, { kind: 'feed', label, verified: true }, { at });
    }
    if (Object.keys(declared).length) {
      await setEnterpriseFacts(
        trx,
        profile.id,
        declared,
        { kind: 'declared', label: '企业自行申报（演示数据）', verified: false },
        { at },
      );
    }
  });
  return true;
}

/** Walks the registry: demo feed facts where missing (demo mode), platform facts for everyone. */
export async function refreshEnterpriseFacts(
  ctx: AppContext,
  options: { demo: boolean; onProgress?: (done: number) => void },
): Promise<FactsRefreshResult> {
  const result: FactsRefreshResult = { enterprises: 0, demoLoaded: 0, platformUpdated: 0, failed: 0 };
  let after: string | null = null;
  for (;;) {
    const page: RegistryProfile[] = await listEnterpriseProfilesAfter(ctx.db, after, PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    // One set-based credit look-up per page (the same rules as checkSanctions / getCreditClass), and only rows
    // whose platform facts changed are written: a nightly run over an unchanged registry writes nothing.
    const ids = page.map((p) => p.id);
    const [status, before] = await Promise.all([
      creditStatusOfMany(ctx, ids, 'policy'),
      findFactRows(ctx.db, ids),
    ]);
    for (const p of page) {
      result.enterprises++;
      try {
        if (options.demo && !before.has(p.id) && (await loadDemoFacts(ctx, p))) result.demoLoaded++;
        const s = status.get(p.id);
        if (!s) continue;
        const facts = { credit_class: s.class, serious_dishonest: s.listRestricted };
        const row = before.get(p.id) ?? (await findFactRow(ctx.db, p.id));
        if (await writePlatformFacts(ctx, p.id, facts, row)) result.platformUpdated++;
      } catch (err) {
        result.failed++;
        ctx.logger.warn({ err, enterpriseId: p.id }, 'policy facts refresh failed for one enterprise');
      }
    }
    options.onProgress?.(result.enterprises);
    if (page.length < PAGE) break;
  }
  return result;
}

export function refreshFactsJob(ctx: AppContext) {
  return defineJob({
    id: 'policy.refresh-facts',
    description: '惠企政策：刷新企业事实（信用分类、严重失信；演示企业的部门数据）并重新匹配全部企业',
    payload: Type.Object({}),
    schedule: '0 2 * * *',
    policy: 'stately',
    retryLimit: 1,
    async handler(_payload, run) {
      const facts = await refreshEnterpriseFacts(ctx, {
        demo: ctx.config.demoData,
        onProgress: (n) => run.progress(0, `${n} enterprises refreshed`),
      });
      const match: MatchAllResult = await matchAll(ctx, {
        onProgress: (done, total) => run.progress(Math.round((done / Math.max(1, total)) * 100), 'matching'),
      });
      return { ...facts, match: { ...match } };
    },
  });
}

/** The engine's jobs, for the module's `jobs` list. */
export function policyFactsJobs(ctx: AppContext): JobDefinition[] {
  return [refreshFactsJob(ctx)];
}

/**
 * Queues one facts refresh + full match shortly after start (for the module's `onStart`): on a first start the
 * demo registry is seeded after modules start, and workers start after seeding, so the job sees it.
 */
export async function queueFactsRefresh(ctx: AppContext): Promise<void> {
  await ctx.jobs.send(refreshFactsJob(ctx), {}, { singletonKey: 'startup', startAfterSeconds: 5 });
}
