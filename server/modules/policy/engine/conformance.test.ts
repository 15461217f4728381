/**
 * The JsonLogic conformance suites (vendored in fixtures/jsonlogic): our compiled evaluator
 * against the published results, and the SQL translation against both, on the test database (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL). Null/missing values are tried typed as each kind of facts-table column.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/harness.ts';
import type { DatabaseHandle } from '../../../kernel/db/database.ts';
import { isTruthy, tryEvaluate } from './compile.ts';
import {
  columnsFor,
  loadConformanceCases,
  sqlTruth,
  sqlValue,
  SUITES_DIR,
  type ConformanceCase,
  type NullTyping,
} from './sql-conformance.test-support.ts';

const cases = loadConformanceCases();

/**
 * Cases where json-logic-engine 5 (our reference evaluator) is known to differ from the published result: the
 * suites say the engine passes 1127 of the 1138 compat cases; the official suite predates the community spec
 * (e.g. `null == 0`). Listed so that any further difference fails the test.
 */
function jsMatches(c: ConformanceCase, r: { value: unknown } | { error: string }): boolean {
  if (c.error) return 'error' in r;
  if (!('value' in r)) return false;
  return JSON.stringify(r.value) === JSON.stringify(c.result) || Object.is(r.value, c.result);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

describe('JsonLogic conformance suites', () => {
  it('are read from the vendored fixtures', () => {
    expect(fs.existsSync(SUITES_DIR)).toBe(true);
    expect(cases.length).toBeGreaterThan(1300);
  });

  it('compiled evaluation agrees with the published results (known engine differences listed)', () => {
    const failures = cases.filter(
      (c) => !jsMatches(c, tryEvaluate(c.rule, c.data as Record<string, unknown>)),
    );
    expect(failures.map((c) => c.source)).toEqual(KNOWN_ENGINE_DIFFERENCES);
  });

  it('SQL agrees with the compiled evaluator and the suites wherever it translates', async () => {
    const typings: NullTyping[] = ['json-null', 'number', 'string', 'boolean', 'enum[]'];
    let translated = 0;
    const mismatches: string[] = [];
    for (const c of cases) {
      const js = tryEvaluate(c.rule, c.data as Record<string, unknown>);
      for (const nulls of typings) {
        const cols = columnsFor(c.rule, c.data, nulls);
        if (!cols) continue;
        const truth = await sqlTruth(handle.db, c.rule, cols);
        if (truth === undefined) continue;
        translated++;
        if (c.error || 'error' in js) {
          mismatches.push(`${c.source} (${nulls}): translated a rule that raises an error in JsonLogic`);
          continue;
        }
        if (truth !== isTruthy(js.value)) {
          mismatches.push(
            `${c.source} (${nulls}): SQL truth ${truth}, JS ${JSON.stringify(js.value)} — ${JSON.stringify(c.rule)} on ${JSON.stringify(c.data)}`,
          );
        }
        const v = await sqlValue(handle.db, c.rule, cols);
        if (v && !sameValue(v.value, js.value)) {
          mismatches.push(
            `${c.source} (${nulls}): SQL value ${JSON.stringify(v.value)}, JS ${JSON.stringify(js.value)} — ${JSON.stringify(c.rule)}`,
          );
        }
        if (v && jsMatches(c, js) && !sameValue(v.value, c.result)) {
          mismatches.push(
            `${c.source} (${nulls}): SQL value ${JSON.stringify(v.value)}, suite ${JSON.stringify(c.result)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    // The supported subset covers a good part of the suites (comparisons, logic, in, arithmetic, if).
    expect(translated).toBeGreaterThan(400);
  }, 240_000);
});

/**
 * Where json-logic-engine 5.0.7 (compiled) differs from the compat suites: `and`/`or` of nothing give null (falsy,
 * as expected, but not `false`), `{}` literals, `substr` on a number, iterators over null. None of these is in the
 * SQL subset; all are falsy-equivalent or outside the operators rules use. The official suite passes entirely.
 */
const KNOWN_ENGINE_DIFFERENCES = [
  'control/and.json#21',
  'control/if.json#6',
  'control/if.json#46',
  'control/or.json#5',
  'control/not.json#11',
  'control/doublebang.json#11',
  'string/substr.json#15',
  'array/map.json#9',
  'array/map.json#10',
  'array/filter.json#9',
  'array/filter.json#10',
  'array/all.json#8',
  'array/all.json#9',
  'array/some.json#8',
  'array/some.json#9',
  'array/none.json#8',
  'array/none.json#9',
  'truthiness.json#8',
  'truthiness.json#12',
];
