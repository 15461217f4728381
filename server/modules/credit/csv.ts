/**
 * A streaming RFC 4180 CSV parser: text goes in by chunks of any size, complete records come out, so memory stays
 * bounded by one record whatever the file's length. Accepts CRLF, LF and lone CR line ends; a quote inside an
 * unquoted field is kept literally (common in hand-made files); anything else malformed is a `CsvSyntaxError`
 * naming the record. Records are numbered from 1 counting every record, blank ones included, so "row 12" is the
 * 12th line of a file without embedded line breaks — what a user sees in a spreadsheet.
 */

export class CsvSyntaxError extends Error {
  readonly row: number;
  constructor(row: number, message: string) {
    super(`第 ${row} 行：${message}`);
    this.name = 'CsvSyntaxError';
    this.row = row;
  }
}

export interface CsvRecord {
  row: number;
  cells: string[];
}

export interface CsvLimits {
  /** Longest field in characters (a missing closing quote would otherwise swallow the whole file). */
  maxFieldLength: number;
  maxColumns: number;
}

const DEFAULT_LIMITS: CsvLimits = { maxFieldLength: 100_000, maxColumns: 1_000 };

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;
const AFTER_QUOTED = 4;

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

export class CsvParser {
  readonly #limits: CsvLimits;
  #state = FIELD_START;
  #field = '';
  #cells: string[] = [];
  #row = 1;
  #pendingCr = false;
  #out: CsvRecord[] = [];
  /** When false, blank lines produce no record (they still count for numbering). */
  readonly #keepBlank: boolean;

  constructor(options: Partial<CsvLimits> & { keepBlankLines?: boolean } = {}) {
    this.#limits = { ...DEFAULT_LIMITS, ...options };
    this.#keepBlank = options.keepBlankLines ?? false;
  }

  #endField(): void {
    if (this.#field.length > this.#limits.maxFieldLength) {
      throw new CsvSyntaxError(this.#row, `字段超过 ${this.#limits.maxFieldLength} 个字符。`);
    }
    this.#cells.push(this.#field);
    if (this.#cells.length > this.#limits.maxColumns) {
      throw new CsvSyntaxError(this.#row, `超过 ${this.#limits.maxColumns} 列。`);
    }
    this.#field = '';
    this.#state = FIELD_START;
  }

  #endRecord(): void {
    this.#endField();
    const cells = this.#cells;
    this.#cells = [];
    const blank = cells.length === 1 && cells[0] === '';
    if (!blank || this.#keepBlank) this.#out.push({ row: this.#row, cells });
    this.#row++;
  }

  /** Feeds a chunk of text; returns the records completed by it. */
  push(text: string): CsvRecord[] {
    const n = text.length;
    let i = 0;
    if (this.#pendingCr) {
      this.#pendingCr = false;
      if (n > 0 && text.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      const state = this.#state;
      if (state === QUOTED) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.#field += text.slice(i);
          if (this.#field.length > this.#limits.maxFieldLength) {
            throw new CsvSyntaxError(
              this.#row,
              `引号内的字段超过 ${this.#limits.maxFieldLength} 个字符（缺少结束引号？）。`,
            );
          }
          break;
        }
        this.#field += text.slice(i, q);
        i = q + 1;
        this.#state = QUOTE_IN_QUOTED;
        continue;
      }
      if (state === QUOTE_IN_QUOTED) {
        if (text.charCodeAt(i) === QUOTE) {
          this.#field += '"';
          i++;
          this.#state = QUOTED;
          continue;
        }
        this.#state = AFTER_QUOTED;
      }
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === COMMA || c === CR || c === LF || c === QUOTE) break;
        j++;
      }
      if (j > i) {
        if (this.#state === AFTER_QUOTED) {
          throw new CsvSyntaxError(this.#row, '结束引号后面只能是逗号或换行。');
        }
        this.#field += text.slice(i, j);
        this.#state = UNQUOTED;
        i = j;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        if (this.#state === FIELD_START) this.#state = QUOTED;
        else if (this.#state === UNQUOTED) this.#field += '"';
        else throw new CsvSyntaxError(this.#row, '结束引号后面只能是逗号或换行。');
        i++;
      } else if (c === COMMA) {
        this.#endField();
        i++;
      } else {
        this.#endRecord();
        i++;
        if (c === CR) {
          if (i < n) {
            if (text.charCodeAt(i) === LF) i++;
          } else {
            this.#pendingCr = true;
          }
        }
      }
    }
    const out = this.#out;
    this.#out = [];
    return out;
  }

  /** Ends the input; returns the last record if the file does not end with a line break. */
  end(): CsvRecord[] {
    if (this.#state === QUOTED) throw new CsvSyntaxError(this.#row, '引号没有结束。');
    if (this.#state !== FIELD_START || this.#cells.length > 0 || this.#field !== '') this.#endRecord();
    const out = this.#out;
    this.#out = [];
    return out;
  }
}

/** Parses a stream of text chunks, yielding the records of each chunk as one array (never the whole file). */
export async function* parseCsv(
  chunks: AsyncIterable<string>,
  options: Partial<CsvLimits> = {},
): AsyncGenerator<CsvRecord[]> {
  const parser = new CsvParser(options);
  for await (const chunk of chunks) {
    const records = parser.push(chunk);
    if (records.length > 0) yield records;
  }
  const rest = parser.end();
  if (rest.length > 0) yield rest;
}

/** Quotes a value for CSV output when it needs it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
