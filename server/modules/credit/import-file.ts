/**
 * Import files before they are read: what a file is (CSV or XLSX, its text encoding), refused early when it is not
 * a table (binary, a ZIP bomb), and the rows it holds as an async stream of batches (CSV decoded, XLSX streamed).
 */
import fsp from 'node:fs/promises';
import { AppError, type ErrorParams } from '../../kernel/errors.ts';
import { inspectZip } from '../../kernel/zip-inspect.ts';
import { CsvParser } from './csv.ts';
import { RefusedFile, type CellValue, type SourceRow } from './import-rows.ts';
import { type OpenSource } from './import-source.ts';
import { xlsxRows } from './xlsx-rows.ts';
import { creditSettings } from './records.service.ts';

// ---------------------------------------------------------------------------------------------------------------
// File inspection (before anything is opened or stored)

export type ImportFormat = 'csv' | 'xlsx';
export interface FileFacts {
  format: ImportFormat;
  /** CSV only: `utf-8` or `gb18030`. */
  encoding: string | null;
}

/** `reason` names the situation (kebab-case) for the web's `errors.CREDIT_IMPORT_UNREADABLE.<reason>`. */
export function unreadable(reason: string, detail: string, params: ErrorParams = {}): AppError {
  return new AppError('CREDIT_IMPORT_UNREADABLE', detail, { params: { reason, ...params } });
}

/**
 * Sums the uncompressed sizes the ZIP's central directory declares, without inflating anything. One that cannot be
 * read is unreadable; an entry declaring 4 GB or more (ZIP64) counts as too large.
 */
export async function zipDeclaredSize(
  file: string,
): Promise<{ entries: number; uncompressed: number; names: string[] }> {
  const zip = await inspectZip(file);
  if (!zip) throw unreadable('no-zip-directory', 'Not a valid XLSX file (its ZIP directory cannot be read).');
  if (zip.entries.some((e) => e.uncompressedSize >= 0xffffffff)) {
    throw new AppError(
      'CREDIT_IMPORT_TOO_LARGE_UNCOMPRESSED',
      'The XLSX file declares an entry larger than 4 GB; it is not opened.',
      { params: { reason: 'entry-over-4gb' } },
    );
  }
  return {
    entries: zip.entries.length,
    uncompressed: zip.declaredUncompressed,
    names: zip.entries.map((e) => e.name),
  };
}

// C0 controls other than tab, LF, CR (and FF): binary data, not a CSV.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BINARY_CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;

/** Decides format and encoding from the bytes; checks an XLSX's declared uncompressed size. */
export async function inspectImportFile(file: string): Promise<FileFacts> {
  const handle = await fsp.open(file, 'r');
  const head = Buffer.alloc(64 * 1024);
  let n: number;
  try {
    n = (await handle.read(head, 0, head.length, 0)).bytesRead;
  } finally {
    await handle.close();
  }
  const sample = head.subarray(0, n);
  if (n >= 4 && sample.readUInt32LE(0) === 0x04034b50) {
    const zip = await zipDeclaredSize(file);
    const limit = creditSettings().xlsxMaxUncompressedBytes;
    if (zip.uncompressed > limit) {
      throw new AppError(
        'CREDIT_IMPORT_TOO_LARGE_UNCOMPRESSED',
        `The XLSX file declares ${zip.uncompressed} bytes uncompressed, over the limit of ${limit} bytes; it is not opened.`,
        {
          params: { reason: 'declared-size', declaredBytes: zip.uncompressed, limitBytes: limit },
          extra: { declaredBytes: zip.uncompressed, limitBytes: limit },
        },
      );
    }
    if (!zip.names.includes('xl/workbook.xml'))
      throw unreadable(
        'not-a-workbook',
        'The ZIP file is not an XLSX workbook (xl/workbook.xml is missing).',
      );
    return { format: 'xlsx', encoding: null };
  }
  if (n === 0) throw unreadable('empty', 'The file is empty.');
  const utf8 = tryDecode('utf-8', sample);
  const text = utf8 ?? tryDecode('gb18030', sample);
  if (text === undefined)
    throw unreadable('unknown-format', 'The file is neither XLSX nor CSV text in UTF-8 or GB18030.');
  if (BINARY_CONTROL.test(text))
    throw unreadable('binary', 'The file contains binary control characters; it is not CSV text.');
  return { format: 'csv', encoding: utf8 !== undefined ? 'utf-8' : 'gb18030' };
}

function tryDecode(encoding: string, bytes: Buffer): string | undefined {
  try {
    // stream: true tolerates a character cut at the end of the sample.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading rows

export type { CellValue, SourceRow };

async function* csvRows(open: OpenSource, encoding: string): AsyncGenerator<SourceRow[]> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const parser = new CsvParser();
  const stream = await open();
  let bytes = 0;
  for await (const chunk of stream) {
    let text: string;
    try {
      text = decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      stream.destroy();
      // Read during the run: the message goes onto the import row (its data, as from the worker thread).
      throw new RefusedFile(`文件约第 ${bytes} 字节处不是有效的 ${encoding} 文本。`);
    }
    bytes += (chunk as Buffer).length;
    const recs = parser.push(text);
    if (recs.length > 0) yield recs;
  }
  const rest = parser.push(decoder.decode());
  const last = parser.end();
  if (rest.length + last.length > 0) yield [...rest, ...last];
}

export async function* readRows(open: OpenSource, facts: FileFacts): AsyncGenerator<SourceRow[]> {
  yield* facts.format === 'csv' ? csvRows(open, facts.encoding ?? 'utf-8') : xlsxRows(await open());
}
