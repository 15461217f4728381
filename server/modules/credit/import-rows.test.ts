import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Chunk,
  Chunker,
  STAGE_COLUMNS,
  contentHasher,
  pgArrayLiteral,
  recordEncoder,
} from './import-rows.ts';
import { contentHash } from './records.service.ts';
import type { DataValue, ValidRecord } from './row-validation.ts';

const text = fc.string({
  unit: fc.constantFrom('a', 'Z', '中', '"', '\\', ',', '{', '}', ' ', '\n', '𠀀', '0'),
});
const dataValue: fc.Arbitrary<DataValue> = fc.oneof(
  text,
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.array(text, { maxLength: 3 }),
);

describe('contentHasher', () => {
  it('gives exactly records.service contentHash for any record', () => {
    const keys = ['severity', 'amount', 'facts', 'basis', 'penalty_type', 'Zeta', '处罚', 'a_b'];
    fc.assert(
      fc.property(
        text,
        text,
        text,
        text,
        fc.dictionary(fc.constantFrom(...keys), dataValue),
        (uscc, entityName, decisionNo, decisionDate, data) => {
          const v: ValidRecord = { uscc, entityName, decisionNo, decisionDate, severities: [], data };
          expect(contentHasher('penalty', keys)(v)).toBe(contentHash('penalty', v));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('encodes the data column as JSON of exactly the record data, keys sorted', () => {
    const keys = ['severity', 'amount', 'facts', 'basis', 'penalty_type', 'Zeta', '处罚', 'a_b'];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), dataValue), (data) => {
        const v: ValidRecord = {
          uscc: 'u',
          entityName: 'n',
          decisionNo: 'd',
          decisionDate: 'x',
          severities: [],
          data,
        };
        const enc = recordEncoder('penalty', keys)(v);
        // What JSON can carry of it (−0 becomes 0).
        expect(JSON.parse(enc.data)).toEqual(JSON.parse(JSON.stringify(data)));
        expect(Object.keys(JSON.parse(enc.data) as object)).toEqual(Object.keys(data).sort());
        expect(enc.hash).toBe(contentHash('penalty', v));
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order in which the data keys were set', () => {
    const h = contentHasher('license', ['b', 'a']);
    const base = { uscc: 'u', entityName: 'n', decisionNo: 'd', decisionDate: '2026-01-01', severities: [] };
    expect(h({ ...base, data: { a: 1, b: 'x' } })).toBe(h({ ...base, data: { b: 'x', a: 1 } }));
    expect(h({ ...base, data: { a: 1, b: 'x' } })).not.toBe(h({ ...base, data: { a: 2, b: 'x' } }));
  });
});

describe('pgArrayLiteral', () => {
  it('quotes every element and escapes only backslash and double quote', () => {
    expect(pgArrayLiteral(['a', 'b c', 'x"y', 'p\\q', null, '', '{,}'])).toBe(
      '{"a","b c","x\\"y","p\\\\q",NULL,"","{,}"}',
    );
    expect(pgArrayLiteral([])).toBe('{}');
  });
});

function batch(first: number, keys: string[]): Chunk {
  const c = new Chunk();
  keys.forEach((k, i) => {
    STAGE_COLUMNS.forEach((_, col) => c.cols[col]?.push(col === 2 ? k : `${first + i}`));
  });
  c.firstRow = first;
  c.lastRow = first + keys.length - 1;
  return c;
}

describe('Chunker', () => {
  it('joins batches up to the size and starts a new chunk when a decision number repeats', () => {
    const chunker = new Chunker(5);
    expect(chunker.add(batch(2, ['a', 'b']))).toBeUndefined();
    expect(chunker.add(batch(4, ['c', 'd']))).toBeUndefined();
    // Would exceed 5 rows: the open chunk closes.
    const first = chunker.add(batch(6, ['e', 'f']));
    expect(first?.decisionNos()).toEqual(['a', 'b', 'c', 'd']);
    expect([first?.firstRow, first?.lastRow]).toEqual([2, 5]);
    // 'e' repeats within the open chunk: closes it, so one statement never meets a decision twice.
    const second = chunker.add(batch(8, ['e']));
    expect(second?.decisionNos()).toEqual(['e', 'f']);
    const last = chunker.flush();
    expect(last.decisionNos()).toEqual(['e']);
    expect([last.firstRow, last.lastRow]).toEqual([8, 8]);
    expect(chunker.flush().size).toBe(0);
  });
});
