/**
 * Rule evaluation with json-logic-engine in compiled mode. A rule is compiled once per distinct JSON text and
 * kept in a bounded cache, so matching thousands of enterprises against the same clause compiles it once.
 */
import { LogicEngine } from 'json-logic-engine';
import type { FactValues } from './facts.ts';
import type { Rule } from './validate.ts';

/** The one engine instance; its method table is the reference semantics the SQL translation must agree with. */
export const logicEngine = new LogicEngine();
// Facts are JSON (from the database or an HTTP body), so they never hold functions: the compiled code can skip
// its per-variable "is this a function?" guard.
(logicEngine as unknown as { allowFunctions: boolean }).allowFunctions = true;

type Compiled = (data: unknown) => unknown;

const CACHE_LIMIT = 5000;
const cache = new Map<string, { raw: Compiled; bool: (facts: FactValues) => boolean }>();

function compiledEntry(rule: Rule): { raw: Compiled; bool: (facts: FactValues) => boolean } {
  const key = JSON.stringify(rule) ?? 'null';
  const hit = cache.get(key);
  if (hit) return hit;
  const built = logicEngine.build(rule) as unknown;
  // A constant rule (e.g. `true`) may come back as a value rather than a function.
  const raw: Compiled = typeof built === 'function' ? (built as Compiled) : () => built;
  const bool = (facts: FactValues): boolean => {
    try {
      return isTruthy(raw(facts));
    } catch {
      // A rule that cannot be evaluated on these facts (e.g. division by a zero fact) does not hold.
      return false;
    }
  };
  const entry = { raw, bool };
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, entry);
  return entry;
}

/** JsonLogic truthiness: 0, "", null, false and [] are false. */
export function isTruthy(value: unknown): boolean {
  if (!value) return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/**
 * The compiled predicate of a rule (cached): true when the rule's result is truthy. A rule that fails to
 * evaluate on the given facts (a JsonLogic error such as division by zero) is false.
 */
export function compileRule(rule: Rule): (facts: FactValues) => boolean {
  return compiledEntry(rule).bool;
}

/** The rule's raw JsonLogic result (compiled); throws when JsonLogic raises an error. */
export function evaluateRule(rule: Rule, facts: FactValues): unknown {
  return compiledEntry(rule).raw(facts);
}

/** Like evaluateRule, but an evaluation error is returned as `{ error }` instead of thrown. */
export function tryEvaluate(rule: Rule, facts: FactValues): { value: unknown } | { error: string } {
  try {
    return { value: evaluateRule(rule, facts) };
  } catch (err) {
    const type =
      typeof err === 'object' && err !== null && 'type' in err
        ? String(err.type)
        : err instanceof Error
          ? err.message
          : String(err);
    return { error: type };
  }
}
