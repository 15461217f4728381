/**
 * Chinese full-text search over the policy catalogue. Titles, summaries and clauses are segmented with jieba into
 * a token table (`policy_search_token`: policy, token, weight). Documents are indexed with every dictionary word
 * and single character (`cutAll`) plus the search-mode and HMM words, so a query segmented without HMM (only
 * dictionary words and single characters) finds every document that contains the query text — 高新技术 finds
 * 高新技术企业. Ranking sums the weights (title 3, summary 2, clauses 1 per occurrence) of the query's tokens,
 * scaled by how rare each token is across policies. Plain SQL, so PGlite and PostgreSQL rank the same.
 */
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import type { Db } from '../../kernel/db/database.ts';
import { replaceSearchTokens, searchTokenScores } from './catalogue.repository.ts';

const require = createRequire(import.meta.url);
// `@node-rs/jieba/dict` is a CommonJS file without an exports map; ESM cannot resolve the bare subpath.
const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const WORD = /[\p{L}\p{N}]/u;
const STOP = new Set(['的', '和', '与', '及', '或', '等', '在', '对', '为', '了', '是']);

function clean(tokens: readonly string[]): string[] {
  return tokens.map((t) => t.trim().toLowerCase()).filter((t) => t !== '' && WORD.test(t));
}

/** Index tokens of a text, each once per occurrence. */
export function indexTokens(text: string): string[] {
  const j = segmenter();
  return clean([...j.cutAll(text), ...j.cutForSearch(text, true), ...j.cut(text, true)]);
}

/** Query tokens: dictionary words and single characters only, stop words dropped, distinct. */
export function queryTokens(q: string): string[] {
  const tokens = clean(segmenter().cut(q, false)).filter((t) => !STOP.has(t));
  return [...new Set(tokens)].slice(0, 32);
}

export interface SearchDocument {
  title: string;
  summary: string;
  clauses: readonly string[];
}

export function documentWeights(doc: SearchDocument): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (text: string, w: number) => {
    for (const t of indexTokens(text)) weights.set(t, (weights.get(t) ?? 0) + w);
  };
  add(doc.title, 3);
  add(doc.summary, 2);
  for (const c of doc.clauses) add(c, 1);
  return weights;
}

/** Replaces a policy's tokens (inside the caller's transaction). */
export async function indexPolicy(trx: Db, policyId: string, doc: SearchDocument): Promise<void> {
  const rows = [...documentWeights(doc)].map(([token, weight]) => ({ token, weight }));
  await replaceSearchTokens(trx, policyId, rows);
}

/**
 * Policies containing every token of `q`, best first, with a score in (0, 1]; `[]` when `q` has no word. The
 * caller restricts the ids further (published, filters).
 */
export async function searchPolicies(db: Db, q: string): Promise<{ policyId: string; score: number }[]> {
  const tokens = queryTokens(q);
  if (tokens.length === 0) return [];
  const rows = await searchTokenScores(db, tokens);
  const top = rows[0]?.raw ?? 1;
  return rows.map((r) => ({ policyId: r.policy_id, score: Math.round((r.raw / top) * 1000) / 1000 }));
}
