import { describe, expect, it } from 'vitest';
import { CsvParser, CsvSyntaxError, csvField, parseCsv } from './csv.ts';

function parseAll(text: string, chunkSize = text.length || 1): string[][] {
  const p = new CsvParser();
  const rows: string[][] = [];
  for (let i = 0; i < text.length; i += chunkSize) {
    for (const r of p.push(text.slice(i, i + chunkSize))) rows.push(r.cells);
  }
  for (const r of p.end()) rows.push(r.cells);
  return rows;
}

describe('CsvParser', () => {
  const sample = 'a,b,c\r\n"x, y","he said ""hi""",\r\n"multi\nline",2,3\n last ,5,6';
  const expected = [
    ['a', 'b', 'c'],
    ['x, y', 'he said "hi"', ''],
    ['multi\nline', '2', '3'],
    [' last ', '5', '6'],
  ];

  it('parses quoted fields, escaped quotes, embedded newlines and a missing final newline', () => {
    expect(parseAll(sample)).toEqual(expected);
  });

  it('gives the same records whatever the chunk size', () => {
    for (const size of [1, 2, 3, 5, 7, 13]) expect(parseAll(sample, size)).toEqual(expected);
  });

  it('handles CRLF split across chunks and lone CR line ends', () => {
    expect(parseAll('a,b\r\nc,d\r\n', 4)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseAll('a\rb\r')).toEqual([['a'], ['b']]);
  });

  it('numbers records counting blank lines, and skips blank lines', () => {
    const p = new CsvParser();
    const recs = [...p.push('h1,h2\n\n1,2\n"a\nb",3\n4,5\n'), ...p.end()];
    expect(recs.map((r) => r.row)).toEqual([1, 3, 4, 5]);
  });

  it('keeps a stray quote inside an unquoted field', () => {
    expect(parseAll('5"寸屏,x\n')).toEqual([['5"寸屏', 'x']]);
  });

  it('rejects text after a closing quote and an unterminated quote, naming the row', () => {
    expect(() => parseAll('a\n"x"y,1\n')).toThrow(CsvSyntaxError);
    try {
      parseAll('a\nb\n"open,1\n');
    } catch (err) {
      expect(err).toBeInstanceOf(CsvSyntaxError);
      expect((err as CsvSyntaxError).row).toBe(3);
    }
    expect(() => parseAll('a\nb\n"open,1\n')).toThrow(/引号没有结束/);
  });

  it('limits field length so a missing quote cannot swallow the file', () => {
    const p = new CsvParser({ maxFieldLength: 10 });
    expect(() => p.push('"' + 'x'.repeat(20))).toThrow(CsvSyntaxError);
  });

  it('streams through parseCsv', async () => {
    async function* chunks() {
      yield 'a,b\n1,';
      yield '2\n3,4';
    }
    const all: string[][] = [];
    for await (const batch of parseCsv(chunks())) for (const r of batch) all.push(r.cells);
    expect(all).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('round-trips values written with csvField', () => {
    const values = ['plain', 'with,comma', 'with "quote"', 'line\nbreak', ''];
    expect(parseAll(values.map(csvField).join(',') + '\n')).toEqual([values]);
  });
});
