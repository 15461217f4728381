/**
 * The rows of an XLSX file's first worksheet, streamed with ExcelJS (shared strings and styles cached, nothing
 * else kept), in batches of 500 as `SourceRow`s. Used on the main thread for small files and in the import worker.
 */
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellValue, SourceRow } from './import-rows.ts';

export function cellOf(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellOf(o.result);
    if (typeof o.text === 'string') return o.text;
    if (o.error !== undefined) return null;
  }
  return null;
}

export async function* xlsxRows(input: Readable): AsyncGenerator<SourceRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    let batch: SourceRow[] = [];
    for await (const row of sheet) {
      const values = (row as { values: unknown[] }).values;
      const cells: CellValue[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellOf(values[i]));
      batch.push({ row: (row as { number: number }).number, cells });
      if (batch.length >= 500) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
    // Only the first worksheet is imported.
    break;
  }
}
