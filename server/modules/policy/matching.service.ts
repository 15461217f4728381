/**
 * Batch matching of enterprises against the effective enterprise clauses of published policies. Each clause's
 * rule is translated to SQL (engine/sql.ts) and evaluated set-based where the facts live — one statement per
 * batch of clauses (one scan of the facts table) that inserts new matches, re-activates returning ones and ends
 * those that no longer hold; batches run two at a time on PostgreSQL. Clauses
 * outside the SQL subset are evaluated with the compiled rule over the facts streamed in keyset batches.
 * `policy_match` rows are never deleted: a match that stops holding becomes inactive (`ended_at`); a new or
 * returning match has `notified_at` null so the 直达 notifier picks it up.
 */
import { performance } from 'node:perf_hooks';
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { chinaDate } from '../../kernel/clock.ts';
import { compileRule } from './engine/compile.ts';
import { requireKnownFacts } from './engine/known.ts';
import { ruleToSql } from './engine/sql.ts';
import type { FactValues } from './engine/facts.ts';
import { enterpriseColumnOf, findFactRow, listFactValuesAfter, rowToFacts } from './facts.repository.ts';
import {
  applyEvaluated,
  countMatchPopulation,
  effectiveClausesFingerprint,
  endStaleClauses,
  listEffectiveEnterpriseClauses,
  matchBatchInSql,
  type ActiveClause,
} from './matches.repository.ts';
import type { SqlFragment } from './engine/sql.ts';

export interface MatchAllResult {
  /** Enterprises with stored facts (the population matched). */
  enterprises: number;
  /** Effective clauses evaluated. */
  clauses: number;
  /** Active matches of those clauses after the run. */
  matches: number;
  /** Matches that are new or returned in this run (notified_at null). */
  newMatches: number;
  /** Matches that stopped holding in this run. */
  ended: number;
  /** Clauses evaluated in SQL / with the compiled-JS fallback. */
  viaSql: number;
  viaJs: number;
  ms: number;
}

const JS_BATCH = 10_000;
/** Translated clauses evaluated per scan of the facts table. */
const SQL_BATCH = 25;

async function runLimited<T>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  });
  await Promise.all(workers);
}

/**
 * Matches every enterprise with stored facts against the effective enterprise clauses (or only `clauseIds`).
 * SQL-translatable clauses run set-based, `concurrency` at a time on PostgreSQL; the rest stream in JS.
 */
export async function matchAll(
  ctx: Pick<AppContext, 'db' | 'clock' | 'database'> & { logger?: AppContext['logger'] },
  options: {
    clauseIds?: string[];
    concurrency?: number;
    batchSize?: number;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<MatchAllResult> {
  const started = performance.now();
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const clauses = await listEffectiveEnterpriseClauses(ctx.db, today, options.clauseIds);
  let ended = await endStaleClauses(
    ctx.db,
    clauses.map((c) => c.id),
    options.clauseIds,
    now,
  );
  const columnOf = enterpriseColumnOf(today);
  const inSql: { id: string; predicate: SqlFragment }[] = [];
  const inJs: ActiveClause[] = [];
  for (const c of clauses) {
    // Unknown facts fail their condition (engine/known.ts), in SQL exactly as in JS.
    const predicate = ruleToSql(requireKnownFacts(c.rule), columnOf);
    if (predicate) inSql.push({ id: c.id, predicate });
    else inJs.push(c);
  }
  let newMatches = 0;
  let done = 0;
  const concurrency = ctx.database.kind === 'postgres' ? (options.concurrency ?? 2) : 1;
  const batchSize = Math.max(1, options.batchSize ?? SQL_BATCH);
  const batches: (typeof inSql)[] = [];
  for (let i = 0; i < inSql.length; i += batchSize) batches.push(inSql.slice(i, i + batchSize));
  const runBatch = async (batch: typeof inSql): Promise<void> => {
    const r = await matchBatchInSql(ctx.db, batch, now);
    newMatches += r.newMatches;
    ended += r.ended;
    done += batch.length;
    options.onProgress?.(done, clauses.length);
  };
  const failed: ActiveClause[] = [];
  const sqlPhase = runLimited(batches, concurrency, async (batch) => {
    try {
      await runBatch(batch);
    } catch (err) {
      // PostgreSQL raises where JavaScript does not (float overflow on extreme values): narrow down to the
      // clause, and evaluate that one in JS.
      ctx.logger?.warn({ err }, 'policy clause batch failed in SQL; retrying clause by clause');
      for (const c of batch) {
        try {
          await runBatch([c]);
        } catch (err2) {
          ctx.logger?.warn({ err: err2, clauseId: c.id }, 'policy clause failed in SQL; evaluating it in JS');
          failed.push(clauses.find((x) => x.id === c.id)!);
        }
      }
    }
  });
  const streamJs = async (list: readonly ActiveClause[]): Promise<void> => {
    if (list.length === 0) return;
    const compiled = list.map((c) => ({ id: c.id, test: compileRule(requireKnownFacts(c.rule)) }));
    const ids = list.map((c) => c.id);
    let after: string | null = null;
    for (;;) {
      const rows = await listFactValuesAfter(ctx.db, after, JS_BATCH);
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.enterprise_id;
      const hits: { clauseId: string; enterpriseId: string }[] = [];
      for (const row of rows) {
        const facts: FactValues = rowToFacts(row, today);
        for (const c of compiled)
          if (c.test(facts)) hits.push({ clauseId: c.id, enterpriseId: row.enterprise_id });
      }
      const r = await applyEvaluated(
        ctx.db,
        ids,
        rows.map((x) => x.enterprise_id),
        hits,
        now,
        'js',
      );
      newMatches += r.newMatches;
      ended += r.ended;
      if (rows.length < JS_BATCH) break;
    }
    done += list.length;
    options.onProgress?.(done, clauses.length);
  };
  // On PostgreSQL the streamed JS clauses run beside the SQL batches (another pooled connection).
  await Promise.all([sqlPhase, streamJs(inJs)]);
  await streamJs(failed);
  inJs.push(...failed);
  const counts = await countMatchPopulation(
    ctx.db,
    clauses.map((c) => c.id),
  );
  return {
    enterprises: counts.enterprises,
    clauses: clauses.length,
    matches: counts.matches,
    newMatches,
    ended,
    viaSql: clauses.length - inJs.length,
    viaJs: inJs.length,
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Re-matches one enterprise (after its facts changed) against every effective enterprise clause, in JS on its
 * one row (the compiled rules are cached; SQL and JS agree by test). Matches of clauses no longer effective end.
 */
export async function matchEnterprise(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  enterpriseId: string,
): Promise<{ matches: number; newMatches: number; ended: number }> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const [clauses, row] = await Promise.all([
    effectiveClausesCached(ctx.db, today),
    findFactRow(ctx.db, enterpriseId),
  ]);
  const hits: { clauseId: string; enterpriseId: string }[] = [];
  if (row) {
    const facts = rowToFacts(row, today);
    for (const c of clauses)
      if (compileRule(requireKnownFacts(c.rule))(facts)) hits.push({ clauseId: c.id, enterpriseId });
  }
  // Every active match of this enterprise is re-decided, including those of clauses no longer effective.
  const r = await applyEvaluated(ctx.db, 'all', [enterpriseId], hits, now, 'js');
  return { matches: hits.length, newMatches: r.newMatches, ended: r.ended };
}

/**
 * The effective clauses, re-read only when their fingerprint (ids, update times, policy status) changes, so a
 * single re-match does not fetch and parse every rule each time.
 */
let clauseCache: { key: string; clauses: ActiveClause[] } | undefined;

async function effectiveClausesCached(db: Db, today: string): Promise<ActiveClause[]> {
  const fp = await effectiveClausesFingerprint(db, today);
  const key = `${today}|${fp}`;
  if (clauseCache?.key === key) return clauseCache.clauses;
  const clauses = await listEffectiveEnterpriseClauses(db, today);
  clauseCache = { key, clauses };
  return clauses;
}
