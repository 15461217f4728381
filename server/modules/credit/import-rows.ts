/**
 * The per-row work of a bulk import, kept cheap because it runs a million times: validation (the same
 * `validateRecord` as the entry form), the duplicate check within a batch, the publication window and timeliness
 * (memoised — they depend only on the decision date and the severities), the content hash (the same value as
 * `contentHash` in records.service.ts, built without the generic canonical-JSON walk) and the text values the
 * database statement takes, collected column by column into chunks.
 */
import { hash, randomUUID } from 'node:crypto';
import { publicationWindow, type PublicationWindow } from './publication.ts';
import {
  mapHeader,
  validateRecord,
  type CategorySpec,
  type ColumnMapping,
  type ValidRecord,
  type ValidationEnv,
} from './row-validation.ts';

/** Working days from decision to entry and whether that is within the deadline (records.service.ts). */
export interface Timeliness {
  entryWorkdays: number;
  timely: boolean;
}

/** The per-row columns of the merge statement, in this order (everything else is constant per import). */
/**
 * The columns a chunk carries to the database, in order, with their SQL type. Each travels as one literal: a
 * PostgreSQL array literal, unnested server-side — except `data`, which travels as one JSON array of the rows' data
 * objects (`jsonb` elements): JSON needs no second layer of escaping, and the server parses it once as jsonb
 * instead of parsing an array of texts and then each text as jsonb.
 */
export const STAGE_COLUMNS = [
  ['uscc', 'text'],
  ['entity_name', 'text'],
  ['decision_no', 'text'],
  ['decision_date', 'date'],
  ['entry_workdays', 'int'],
  ['timely', 'boolean'],
  ['data', 'jsonb'],
  ['severity', 'text'],
  ['publication', 'text'],
  ['publish_from', 'date'],
  ['publish_min_until', 'date'],
  ['publish_until', 'date'],
  ['content_hash', 'text'],
] as const;
const DECISION_NO = 2;
const CONTENT_HASH = 12;
const N_COLUMNS = STAGE_COLUMNS.length;

export type CellValue = string | number | boolean | Date | null;
export interface SourceRow {
  /** Line number in the file (header = 1). */
  row: number;
  cells: CellValue[];
}

export interface RowError {
  column: string;
  rule: string;
  message: string;
}

/** A chunk as the sinks take it (plain data: it can come from a worker thread). */
export interface ChunkData {
  firstRow: number;
  lastRow: number;
  size: number;
  /** One literal per column of STAGE_COLUMNS (empty for a dry run and in bulk-load mode). */
  literals: string[];
  /** Bulk-load mode: the rows as `COPY … FROM STDIN` text in `COPY_COLUMNS` order. */
  copy?: string;
  /** Bulk-load mode: no decision number of this chunk occurred earlier in the file (see `DecisionFilter`). */
  fresh?: boolean;
  decisionNos: string[];
  hashes: string[];
}

/** Valid rows ready for the database, column by column. */
export class Chunk {
  readonly cols: (string | null)[][] = Array.from({ length: N_COLUMNS }, () => []);
  firstRow = 0;
  lastRow = 0;

  get size(): number {
    return this.cols[0]?.length ?? 0;
  }

  decisionNos(): readonly (string | null)[] {
    return this.cols[DECISION_NO] ?? [];
  }

  hashes(): readonly (string | null)[] {
    return this.cols[CONTENT_HASH] ?? [];
  }

  /** Appends another chunk's rows (which follow this chunk's in the file). */
  append(other: Chunk): void {
    if (other.size === 0) return;
    if (this.size === 0) this.firstRow = other.firstRow;
    this.lastRow = other.lastRow;
    for (let c = 0; c < N_COLUMNS; c++) {
      const to = this.cols[c];
      const from = other.cols[c];
      if (to && from) for (const v of from) to.push(v);
    }
  }

  /** One literal per column of STAGE_COLUMNS: a PostgreSQL array literal, or a JSON array for `jsonb` columns. */
  arrayLiterals(): string[] {
    return this.cols.map((values, i) =>
      STAGE_COLUMNS[i]?.[1] === 'jsonb' ? `[${values.join(',')}]` : pgArrayLiteral(values),
    );
  }

  /** `withLiterals: false` for a dry run, which only compares hashes. */
  toData(withLiterals: boolean): ChunkData {
    return {
      firstRow: this.firstRow,
      lastRow: this.lastRow,
      size: this.size,
      literals: withLiterals ? this.arrayLiterals() : [],
      decisionNos: this.decisionNos().map((k) => k ?? ''),
      hashes: this.hashes().map((h) => h ?? ''),
    };
  }

  /** Bulk-load mode: the rows as COPY text (see `copyText`), with their freshness. */
  toCopyData(copy: CopyRows, fresh: boolean): ChunkData {
    return {
      firstRow: this.firstRow,
      lastRow: this.lastRow,
      size: this.size,
      literals: [],
      copy: copy.text(this.cols),
      fresh,
      // Where the decision space had records, the writer checks a fresh chunk's numbers before copying it in.
      decisionNos: this.decisionNos().map((k) => k ?? ''),
      hashes: [],
    };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Bulk-load mode (PostgreSQL, all-or-nothing, a decision space that was empty when the import began)

/** What bulk-load mode needs to write complete `credit_record` rows itself. Plain data: it goes to the worker. */
export interface CopyInit {
  categoryCode: string;
  departmentId: string;
  importId: string;
  createdBy: string | null;
  /** Entry time of the new records, ISO 8601. */
  enteredAt: string;
  /** The enterprise registry when the import began: USCC → enterprise id. */
  registry: [string, string][];
  /** Size of the decision-number filter in bits (a power of two). */
  filterBits: number;
}

/** The `credit_record` columns of a COPY line, in order. */
export const COPY_COLUMNS = [
  'id',
  'category_code',
  'uscc',
  'entity_name',
  'enterprise_id',
  'department_id',
  'decision_no',
  'decision_date',
  'entered_at',
  'entry_workdays',
  'timely',
  'data',
  'severity',
  'publication',
  'publish_from',
  'publish_min_until',
  'publish_until',
  'source',
  'import_id',
  'content_hash',
  'created_by',
] as const;

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIAL_ALL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY text format: `\N` for NULL; backslash, tab and line ends escaped. */
export function copyField(v: string | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  return COPY_SPECIAL.test(v) ? v.replace(COPY_SPECIAL_ALL, (c) => COPY_ESCAPES[c] ?? c) : v;
}

/**
 * Turns a chunk's columns into COPY text for `credit_record` (`COPY_COLUMNS`). The id is a random UUID made here
 * (a volatile column default would make PostgreSQL insert row by row instead of in batches); the enterprise link
 * comes from the registry as it was when the import began.
 */
export class CopyRows {
  readonly #registry: Map<string, string>;
  readonly #afterUscc: string;
  readonly #beforeDecision: string;
  readonly #afterDecisionDate: string;
  readonly #tail: string;
  readonly #categoryPrefix: string;
  readonly #createdBy: string;

  constructor(init: CopyInit) {
    this.#registry = new Map(init.registry);
    this.#afterUscc = '\t';
    this.#beforeDecision = `\t${init.departmentId}\t`;
    this.#afterDecisionDate = `\t${init.enteredAt}\t`;
    this.#tail = `\t${init.importId}\t`;
    this.#categoryPrefix = `\t${copyField(init.categoryCode)}\t`;
    this.#createdBy = `\t${copyField(init.createdBy)}\n`;
  }

  /**
   * Only the free-text columns (name, decision number, data) can hold characters COPY must escape; the others are
   * validated identifiers, dates, numbers and enumeration codes.
   */
  text(cols: readonly (readonly (string | null)[])[]): string {
    const [uscc, name, no, date, workdays, timely, data, severity, publication, from, minUntil, until, hash] =
      cols;
    const n = uscc?.length ?? 0;
    const lines = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const u = uscc?.[i] ?? '';
      lines[i] =
        randomUUID() +
        this.#categoryPrefix +
        u +
        this.#afterUscc +
        copyField(name?.[i]) +
        '\t' +
        (this.#registry.get(u) ?? '\\N') +
        this.#beforeDecision +
        copyField(no?.[i]) +
        '\t' +
        (date?.[i] ?? '') +
        this.#afterDecisionDate +
        (workdays?.[i] ?? '0') +
        '\t' +
        (timely?.[i] ?? 'f') +
        '\t' +
        copyField(data?.[i]) +
        '\t' +
        (severity?.[i] ?? '\\N') +
        '\t' +
        (publication?.[i] ?? '\\N') +
        '\t' +
        (from?.[i] ?? '\\N') +
        '\t' +
        (minUntil?.[i] ?? '\\N') +
        '\t' +
        (until?.[i] ?? '\\N') +
        '\timport' +
        this.#tail +
        (hash?.[i] ?? '') +
        this.#createdBy;
    }
    return lines.join('');
  }
}

/**
 * A Bloom filter over the decision numbers of a file, so bulk-load mode can tell a chunk none of whose decision
 * numbers occurred earlier in the file ("fresh": it can be copied straight in, since the decision space was empty
 * when the import began and the import holds its lock) from one that may repeat one (it goes through the merge
 * that corrects). Never a false "fresh"; a false "may repeat" only costs time. Fixed size, whatever the file.
 */
export class DecisionFilter {
  readonly #bits: Uint32Array;
  readonly #mask: number;

  constructor(bits: number) {
    const size = Math.max(1024, bits);
    this.#bits = new Uint32Array(size >>> 5);
    this.#mask = size - 1;
  }

  /** Adds the keys; returns whether none of them was (possibly) there before. */
  addAll(keys: readonly (string | null)[]): boolean {
    let fresh = true;
    for (const k of keys) if (k !== null && !this.#add(k)) fresh = false;
    return fresh;
  }

  /** Adds one key; false when it may have been added before. */
  #add(key: string): boolean {
    // Two FNV-1a style hashes of the UTF-16 code units, combined by double hashing into four positions.
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ key.length;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    h2 = (h2 ^ (h2 >>> 15)) | 1;
    let seen = true;
    for (let i = 0; i < 4; i++) {
      const bit = (h1 + Math.imul(i, h2)) & this.#mask;
      const word = bit >>> 5;
      const m = 1 << (bit & 31);
      const w = this.#bits[word] ?? 0;
      if ((w & m) === 0) {
        seen = false;
        this.#bits[word] = w | m;
      }
    }
    return !seen;
  }
}

const ARRAY_ESCAPE = /[\\"]/;
const ARRAY_ESCAPE_ALL = /[\\"]/g;

/** `{"a","b",NULL}` — a text-array literal; every element quoted, so only `\` and `"` need escaping. */
export function pgArrayLiteral(values: readonly (string | null)[]): string {
  if (values.length === 0) return '{}';
  // Usually no element is NULL or needs escaping: then one join builds the literal (appending element by element
  // was the worker's most expensive step).
  let plain = true;
  for (const v of values) {
    if (v === null || v === undefined || ARRAY_ESCAPE.test(v)) {
      plain = false;
      break;
    }
  }
  if (plain) return `{"${values.join('","')}"}`;
  const parts = values.map((v) =>
    v === null || v === undefined
      ? 'NULL'
      : `"${ARRAY_ESCAPE.test(v) ? v.replace(ARRAY_ESCAPE_ALL, '\\$&') : v}"`,
  );
  return `{${parts.join(',')}}`;
}

function keyCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `contentHash` (records.service.ts) for one category, specialised: the same canonical JSON
 * (`{"c":…,"d":…,"n":…,"t":…,"u":…,"x":{…}}`, keys sorted by code unit) written out directly, hashed in one call.
 * The `x` part is the record's data as JSON with sorted keys — the value stored in the `data` column (jsonb keeps
 * no key order), so it is built once and returned with the hash.
 */
export function recordEncoder(
  categoryCode: string,
  dataKeys: readonly string[],
): (v: ValidRecord) => { data: string; hash: string } {
  const sorted = [...new Set(dataKeys)].sort(keyCompare).map((k) => [k, `${JSON.stringify(k)}:`] as const);
  const head = `{"c":${JSON.stringify(categoryCode)},"d":`;
  return (v) => {
    let x = '{';
    for (const [k, prefix] of sorted) {
      const value = v.data[k];
      if (value === undefined) continue;
      x += `${x.length > 1 ? ',' : ''}${prefix}${JSON.stringify(value)}`;
    }
    x += '}';
    const s = `${head}${JSON.stringify(v.decisionNo)},"n":${JSON.stringify(v.entityName)},"t":${JSON.stringify(v.decisionDate)},"u":${JSON.stringify(v.uscc)},"x":${x}}`;
    return { data: x, hash: hash('sha256', s) };
  };
}

/** The content hash alone (see `recordEncoder`). */
export function contentHasher(categoryCode: string, dataKeys: readonly string[]): (v: ValidRecord) => string {
  const encode = recordEncoder(categoryCode, dataKeys);
  return (v) => encode(v).hash;
}

export interface RowProcessorOptions {
  spec: CategorySpec;
  mapping: ColumnMapping;
  /** The header cells, for naming columns in errors. */
  labels: string[];
  labelOf: ReadonlyMap<string, string>;
  env: ValidationEnv;
  /** Timeliness of a new record by decision date; null when nothing is written (a dry run). */
  timeliness: ((decisionDate: string) => Timeliness) | null;
}

const NO_TIMELINESS: Timeliness = { entryWorkdays: 0, timely: true };

/** Validates rows batch by batch and turns the valid ones into column values. */
export class RowProcessor {
  readonly #o: RowProcessorOptions;
  readonly #encode: (v: ValidRecord) => { data: string; hash: string };
  readonly #windows = new Map<string, PublicationWindow>();
  readonly #timeliness = new Map<string, Timeliness>();
  readonly #pairs: [number, string][];

  constructor(options: RowProcessorOptions) {
    this.#o = options;
    this.#encode = recordEncoder(
      options.spec.code,
      options.spec.fields.map((f) => f.key),
    );
    this.#pairs = [];
    options.mapping.keys.forEach((k, i) => {
      if (k) this.#pairs.push([i, k]);
    });
  }

  /**
   * Validates one batch. A decision number repeated within the batch is a `duplicate` error on the later row.
   * Valid rows go into the returned chunk; each bad row is passed to `onError` with its errors.
   */
  processBatch(rows: readonly SourceRow[], onError: (row: SourceRow, errors: RowError[]) => void): Chunk {
    const o = this.#o;
    const out = new Chunk();
    const cols = out.cols;
    const seen = new Map<string, number>();
    for (const r of rows) {
      const input: Record<string, unknown> = {};
      for (const [i, k] of this.#pairs) input[k] = r.cells[i] ?? null;
      const res = validateRecord(o.spec, input, o.env);
      if (!res.ok) {
        onError(
          r,
          res.errors.map((e) => ({ column: this.#columnName(e.field), rule: e.rule, message: e.message })),
        );
        continue;
      }
      const v = res.value;
      const earlier = seen.get(v.decisionNo);
      if (earlier !== undefined) {
        onError(r, [
          {
            column: this.#columnName('decisionNo'),
            rule: 'duplicate',
            message: `决定文书号“${v.decisionNo}”与第 ${earlier} 行重复。`,
          },
        ]);
        continue;
      }
      seen.set(v.decisionNo, r.row);
      const win = this.#window(v);
      const t = this.#timelinessOf(v.decisionDate);
      if (out.size === 0) out.firstRow = r.row;
      out.lastRow = r.row;
      cols[0]?.push(v.uscc);
      cols[1]?.push(v.entityName);
      cols[2]?.push(v.decisionNo);
      cols[3]?.push(v.decisionDate);
      cols[4]?.push(String(t.entryWorkdays));
      cols[5]?.push(t.timely ? 't' : 'f');
      const enc = this.#encode(v);
      cols[6]?.push(enc.data);
      cols[7]?.push(win.severity);
      cols[8]?.push(win.publication);
      cols[9]?.push(win.publishFrom);
      cols[10]?.push(win.publishMinUntil);
      cols[11]?.push(win.publishUntil);
      cols[12]?.push(enc.hash);
    }
    return out;
  }

  #columnName(key: string): string {
    const o = this.#o;
    const i = o.mapping.keys.indexOf(key);
    return i >= 0 ? (o.labels[i] ?? key) : (o.labelOf.get(key) ?? key);
  }

  #window(v: ValidRecord): PublicationWindow {
    const key = v.severities.length === 0 ? v.decisionDate : `${v.decisionDate}|${v.severities.join(',')}`;
    let w = this.#windows.get(key);
    if (!w) {
      if (this.#windows.size > 50_000) this.#windows.clear();
      const spec = this.#o.spec;
      w = publicationWindow({
        kind: spec.kind,
        severities: v.severities,
        categoryPublic: spec.public,
        decisionDate: v.decisionDate,
      });
      this.#windows.set(key, w);
    }
    return w;
  }

  #timelinessOf(decisionDate: string): Timeliness {
    const of = this.#o.timeliness;
    if (!of) return NO_TIMELINESS;
    let t = this.#timeliness.get(decisionDate);
    if (!t) {
      t = of(decisionDate);
      this.#timeliness.set(decisionDate, t);
    }
    return t;
  }
}

/**
 * Groups validated batches into chunks of about `maxRows` for the database. A chunk never holds one decision number
 * twice (one statement cannot insert and then correct the same record), so a batch repeating a decision number of
 * the open chunk starts a new one: the later row then corrects the earlier, as it would in a later batch.
 */
export class Chunker {
  readonly #maxRows: number;
  #open = new Chunk();
  #keys = new Set<string>();

  constructor(maxRows: number) {
    this.#maxRows = maxRows;
  }

  /** Adds a batch; returns the chunk it closed, if any. */
  add(batch: Chunk): Chunk | undefined {
    if (batch.size === 0) return undefined;
    let closed: Chunk | undefined;
    const keys = batch.decisionNos();
    const repeats = this.#keys.size > 0 && keys.some((k) => k !== null && this.#keys.has(k));
    if (this.#open.size > 0 && (repeats || this.#open.size + batch.size > this.#maxRows)) {
      closed = this.#open;
      this.#open = new Chunk();
      this.#keys = new Set();
    }
    if (this.#open.size === 0) {
      // Taking the batch over as the chunk avoids copying it.
      this.#open = batch;
    } else {
      this.#open.append(batch);
    }
    for (const k of keys) if (k !== null) this.#keys.add(k);
    return closed;
  }

  /** The open chunk (possibly empty), closing it. */
  flush(): Chunk {
    const c = this.#open;
    this.#open = new Chunk();
    this.#keys = new Set();
    return c;
  }
}

export interface CellErrors {
  row: SourceRow;
  errors: RowError[];
}

/** What a stretch of the file gave: rows seen, valid rows, bad rows, and the chunks that were closed. */
export interface Step {
  /** The header cells, on the step that read the header. */
  header?: string[];
  rows: number;
  ok: number;
  errors: CellErrors[];
  chunks: ChunkData[];
}

export interface PipelineOptions {
  spec: CategorySpec;
  /** Category name, for the header error. */
  categoryName: string;
  env: ValidationEnv;
  timeliness: ((decisionDate: string) => Timeliness) | null;
  batchSize: number;
  chunkRows: number;
  /** False for a dry run: chunks carry decision numbers and hashes only. */
  withLiterals: boolean;
  /** Bulk-load mode: chunks carry COPY text instead of literals (see `CopyInit`). */
  copy?: CopyInit | null;
}

/** The file is refused (no header, a header that does not fit the category, bytes that are not text). */
export class RefusedFile extends Error {}

function cellText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

const isBlank = (v: CellValue): boolean => v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Rows in file order → steps: the first row is the header (mapped to the category's fields), blank rows are
 * skipped, the rest are validated in batches of `batchSize` and the valid ones grouped into chunks. The same code
 * runs in the import worker (CSV) and on the main thread (XLSX).
 */
export class RowPipeline {
  readonly #o: PipelineOptions;
  readonly #labelOf: Map<string, string>;
  readonly #chunker: Chunker;
  readonly #copy: { rows: CopyRows; filter: DecisionFilter } | null;
  #rows: RowProcessor | undefined;
  #pending: SourceRow[] = [];
  #step: Step = { rows: 0, ok: 0, errors: [], chunks: [] };

  constructor(options: PipelineOptions, coreLabels: readonly (readonly [string, string])[]) {
    this.#o = options;
    this.#labelOf = new Map<string, string>([
      ...coreLabels.map(([k, l]) => [k, l] as [string, string]),
      ...options.spec.fields.map((f) => [f.key, f.label] as [string, string]),
    ]);
    this.#chunker = new Chunker(Math.max(options.chunkRows, options.batchSize));
    this.#copy = options.copy
      ? { rows: new CopyRows(options.copy), filter: new DecisionFilter(options.copy.filterBits) }
      : null;
  }

  #data(chunk: Chunk): ChunkData {
    const copy = this.#copy;
    if (!copy) return chunk.toData(this.#o.withLiterals);
    return chunk.toCopyData(copy.rows, copy.filter.addAll(chunk.decisionNos()));
  }

  push(rows: readonly SourceRow[]): Step {
    for (const r of rows) {
      if (!this.#rows) {
        this.#header(r);
        continue;
      }
      if (r.cells.every(isBlank)) continue;
      this.#pending.push(r);
      if (this.#pending.length >= this.#o.batchSize) this.#flush();
    }
    return this.#take();
  }

  end(): Step {
    if (!this.#rows) throw new RefusedFile('文件没有表头行。');
    this.#flush();
    const last = this.#chunker.flush();
    if (last.size > 0) this.#step.chunks.push(this.#data(last));
    return this.#take();
  }

  #header(r: SourceRow): void {
    const o = this.#o;
    const labels = r.cells.map(cellText);
    const mapping = mapHeader(o.spec, labels);
    if (mapping.errors.length > 0) {
      throw new RefusedFile(`表头与类别“${o.categoryName}”的字段不符：${mapping.errors.join(' ')}`);
    }
    this.#step.header = labels;
    this.#rows = new RowProcessor({
      spec: o.spec,
      mapping,
      labels,
      labelOf: this.#labelOf,
      env: o.env,
      timeliness: o.timeliness,
    });
  }

  #flush(): void {
    if (!this.#rows || this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    const step = this.#step;
    const valid = this.#rows.processBatch(batch, (row, errors) => step.errors.push({ row, errors }));
    step.rows += batch.length;
    step.ok += valid.size;
    const closed = this.#chunker.add(valid);
    if (closed) step.chunks.push(this.#data(closed));
  }

  #take(): Step {
    const s = this.#step;
    this.#step = { rows: 0, ok: 0, errors: [], chunks: [] };
    return s;
  }
}
