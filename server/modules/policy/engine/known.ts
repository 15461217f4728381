/**
 * Eligibility treats an unknown fact strictly: a comparison on a fact with no value is false, whatever plain
 * JsonLogic would say (there `null < 300` is true, so an enterprise whose employee count is unknown would pass
 * “职工人数 < 300”). `requireKnownFacts` rewrites each comparison (`==`, `===`, `!=`, `!==`, `<`, `<=`, `>`, `>=`,
 * `in`) that reads a fact into `{"and": [{"!==": [{"var": f}, null]}, …, comparison]}` — a plain JsonLogic rule
 * again, so the compiled JS and the SQL translation evaluate the same thing. A negation of such a comparison is
 * true for an unknown fact (“不具有高新技术企业资格” holds when qualifications are unknown).
 *
 * Platform facts (credit class, serious 失信) are exempt: the platform always knows them for a registered
 * enterprise, and an anonymous calculator visitor cannot state them — there they are simply not held against
 * anyone. The conformance suites test the engine on unrewritten rules.
 */
import { factCatalogue, type FactCatalogue } from './facts.ts';
import type { Rule } from './validate.ts';

const COMPARISONS = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>=', 'in']);

function varName(arg: unknown): string | undefined {
  if (arg === null || typeof arg !== 'object' || Array.isArray(arg)) return undefined;
  const entries = Object.entries(arg);
  if (entries.length !== 1 || entries[0]![0] !== 'var') return undefined;
  const v: unknown = entries[0]![1];
  const name = Array.isArray(v) ? (v as unknown[])[0] : v;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

function rewrite(rule: unknown, exempt: ReadonlySet<string>): unknown {
  if (Array.isArray(rule)) return rule.map((r) => rewrite(r, exempt));
  if (rule === null || typeof rule !== 'object') return rule;
  const entries = Object.entries(rule);
  if (entries.length !== 1) return rule;
  const [op, args] = entries[0]!;
  if (op === 'var') return rule;
  if (COMPARISONS.has(op) && Array.isArray(args)) {
    const names = [
      ...new Set(args.map(varName).filter((n): n is string => n !== undefined && !exempt.has(n))),
    ].sort();
    const inner = { [op]: args.map((a) => rewrite(a, exempt)) };
    return names.length === 0
      ? inner
      : { and: [...names.map((n) => ({ '!==': [{ var: n }, null] })), inner] };
  }
  return { [op]: rewrite(args, exempt) };
}

const exemptCache = new WeakMap<FactCatalogue, ReadonlySet<string>>();

function platformFacts(catalogue: FactCatalogue): ReadonlySet<string> {
  let set = exemptCache.get(catalogue);
  if (!set) {
    set = new Set(catalogue.filter((f) => f.source === 'platform').map((f) => f.name));
    exemptCache.set(catalogue, set);
  }
  return set;
}

export function requireKnownFacts(rule: Rule, catalogue: FactCatalogue = factCatalogue()): Rule {
  return rewrite(rule, platformFacts(catalogue));
}
