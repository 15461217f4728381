/**
 * Property test: for generated rules over the enterprise facts and generated fact rows (with unknown values),
 * the SQL translation evaluated on a facts-table copy selects exactly the enterprises the compiled rule accepts
 * on the same rows read back as facts. Runs on PGlite, or PostgreSQL with TEST_DATABASE_URL.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/harness.ts';
import type { DatabaseHandle } from '../../../kernel/db/database.ts';
import { compileRule } from './compile.ts';
import { factsOf } from './facts.ts';
import { ruleToSql } from './sql.ts';
import { enterpriseColumnOf, FACT_COLUMNS, rowToFacts, type StoredFactRow } from '../facts.repository.ts';

const TODAY = '2026-11-27';
const facts = factsOf('enterprise');
const options = (name: string) => facts.find((f) => f.name === name)?.options?.map((o) => o.value) ?? [];

const NUMERIC = [
  'revenue',
  'rd_spending',
  'rd_ratio',
  'employees',
  'tax_paid',
  'tech_loan_interest',
  'age_years',
];
const ENUMS = ['size_class', 'town', 'credit_class', 'industry_section'];
const BOOLS = ['listed', 'serious_dishonest'];

const v = (name: string) => ({ var: name });
const num = fc.oneof(
  fc.constantFrom(0, 1, 3, 5, 5.5, 10, 100, 300, 1000, -1, 0.1),
  fc.integer({ min: -50, max: 2000 }),
  // Amounts as stored (万元, at most 4 decimals): PostgreSQL raises on float under/overflow where JS gives 0 or
  // Infinity, so magnitudes stay realistic here (matchAll falls back to JS for a clause whose SQL fails).
  fc
    .double({ min: -1000, max: 100000, noNaN: true, noDefaultInfinity: true })
    .map((x) => Math.round(x * 10000) / 10000),
);
const date = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const cmpOp = fc.constantFrom('<', '<=', '>', '>=');
const eqOp = fc.constantFrom('==', '!=', '===', '!==');

const numericExpr: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NUMERIC).map(v) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('+', '-', '*'),
        fc.constantFrom(...NUMERIC),
        fc.oneof(num, fc.constantFrom(...NUMERIC).map(v)),
      )
      .map(([op, a, b]) => ({ [op]: [v(a), b] })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...NUMERIC), fc.constantFrom(2, 10, 100, 0.5))
      .map(([a, d]) => ({ '/': [v(a), d] })),
  },
  // Not translatable (division by a fact): exercises the fallback decision.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...NUMERIC), fc.constantFrom(...NUMERIC))
      .map(([a, b]) => ({ '/': [v(a), v(b)] })),
  },
);

const condition: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(cmpOp, numericExpr, num, fc.boolean())
    .map(([op, e, n, flip]) => ({ [op]: flip ? [n, e] : [e, n] })),
  fc.tuple(cmpOp, num, fc.constantFrom(...NUMERIC), num).map(([op, a, f, b]) => ({ [op]: [a, v(f), b] })),
  fc
    .tuple(cmpOp, fc.constantFrom(...NUMERIC), fc.constantFrom(...NUMERIC))
    .map(([op, a, b]) => ({ [op]: [v(a), v(b)] })),
  fc
    .tuple(
      eqOp,
      fc.constantFrom(...NUMERIC),
      fc.oneof(num, fc.constant(null), fc.constantFrom('0', '5', '', 'x')),
    )
    .map(([op, f, c]) => ({ [op]: [v(f), c] })),
  fc
    .constantFrom(...ENUMS)
    .chain((f) =>
      fc
        .tuple(
          eqOp,
          fc.oneof(fc.constantFrom(...options(f)), fc.constant(null), fc.constant('')),
          fc.boolean(),
        )
        .map(([op, c, flip]) => ({ [op]: flip ? [c, v(f)] : [v(f), c] })),
    ),
  fc
    .constantFrom(...ENUMS)
    .chain((f) =>
      fc.subarray(options(f), { minLength: 0, maxLength: 4 }).map((list) => ({ in: [v(f), list] })),
    ),
  fc
    .tuple(
      eqOp,
      fc.constantFrom(...BOOLS),
      fc.oneof(fc.boolean(), fc.constant(null), fc.constant(0), fc.constant(1)),
    )
    .map(([op, f, c]) => ({ [op]: [v(f), c] })),
  fc.constantFrom(...options('qualifications')).map((q) => ({ in: [q, v('qualifications')] })),
  fc.constantFrom('C', 'C3', 'I65', '', '9').map((s) => ({ in: [s, v('industry_code')] })),
  fc
    .tuple(cmpOp, date, fc.boolean())
    .map(([op, d, flip]) => ({ [op]: flip ? [d, v('founded_on')] : [v('founded_on'), d] })),
  fc.tuple(cmpOp, fc.constantFrom('C', 'I', 'M')).map(([op, s]) => ({ [op]: [v('industry_section'), s] })),
  fc
    .constantFrom(...[...NUMERIC, ...BOOLS, ...ENUMS, 'qualifications', 'industry_code', 'founded_on'])
    .map(v),
);

const rule: fc.Arbitrary<unknown> = fc.letrec<{ r: unknown }>((tie) => ({
  r: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    condition,
    fc.array(tie('r'), { minLength: 1, maxLength: 4 }).map((xs) => ({ and: xs })),
    fc.array(tie('r'), { minLength: 1, maxLength: 3 }).map((xs) => ({ or: xs })),
    tie('r').map((x) => ({ '!': [x] })),
    tie('r').map((x) => ({ '!!': x })),
    fc.tuple(tie('r'), tie('r'), tie('r')).map(([c, a, b]) => ({ if: [c, a, b] })),
  ),
})).r;

const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 4 });
const row = fc.record({
  industry_section: maybe(fc.constantFrom(...options('industry_section'))),
  industry_code: maybe(fc.constantFrom('C39', 'C34', 'I65', 'M73', 'F51', 'C', '')),
  size_class: maybe(fc.constantFrom(...options('size_class'))),
  revenue: maybe(num),
  rd_spending: maybe(num),
  rd_ratio: maybe(fc.oneof(num, fc.constantFrom(0, 4.9, 5, 5.1))),
  employees: maybe(fc.integer({ min: 0, max: 5000 })),
  tax_paid: maybe(num),
  qualifications: maybe(fc.subarray(options('qualifications'))),
  credit_class: maybe(fc.constantFrom(...options('credit_class'))),
  serious_dishonest: maybe(fc.boolean()),
  town: maybe(fc.constantFrom(...options('town'))),
  founded_on: maybe(date),
  tech_loan_interest: maybe(num),
  equipment_investment: maybe(num),
  listed: maybe(fc.boolean()),
});

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
  await sql`create table pf_test (like policy_enterprise_fact including defaults)`.execute(handle.db);
});
afterAll(async () => {
  await handle?.close();
});

describe('SQL translation ≡ compiled JsonLogic on generated rules and facts', () => {
  it('selects the same enterprises', async () => {
    const columnOf = enterpriseColumnOf(TODAY, 'f');
    let translated = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 25 }), rule, async (rows, r) => {
        runs++;
        const frag = ruleToSql(r, columnOf);
        if (!frag) return;
        translated++;
        await sql`delete from pf_test`.execute(handle.db);
        const ids = rows.map((_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
        for (let i = 0; i < rows.length; i++) {
          const x = rows[i]!;
          const cols = FACT_COLUMNS.map((c) => sql.ref(c));
          const vals = FACT_COLUMNS.map((c) => sql`${x[c]}`);
          await sql`insert into pf_test (enterprise_id, ${sql.join(cols)}) values (${ids[i]}::uuid, ${sql.join(vals)})`.execute(
            handle.db,
          );
        }
        const stored = await sql<StoredFactRow>`select * from pf_test order by enterprise_id`.execute(
          handle.db,
        );
        const test = compileRule(r);
        const expected = stored.rows.filter((s) => test(rowToFacts(s, TODAY))).map((s) => s.enterprise_id);
        const got = await sql<{ enterprise_id: string }>`
          select f.enterprise_id from pf_test f where ${frag} order by f.enterprise_id`.execute(handle.db);
        expect(got.rows.map((g) => g.enterprise_id)).toEqual(expected);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
    // Most generated rules are in the supported subset; the rest take the JS fallback.
    expect(translated).toBeGreaterThan(runs / 3);
  }, 300_000);
});
