/**
 * File storage. Bytes go behind `FileStore` (a local folder today, an object store later); what an upload *is* is
 * decided from its bytes, never from the client's name or Content-Type. An upload is first spooled to a temp file
 * (counting, hashing, enforcing the size limit), then sniffed against an allowlist, then handed to the store under a
 * random key. Stored names come from us; the user's file name is only ever display text, sanitised.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { AppError } from './errors.ts';
import { inspectZip } from './zip-inspect.ts';

export interface FileStore {
  /** Stores the whole content under `key` or nothing at all (never a half-written object). */
  put(key: string, content: Readable | Buffer): Promise<void>;
  /** Rejects when nothing is stored under `key`. */
  get(key: string): Promise<Readable>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
}

const KEY_PATTERN = /^[a-f0-9]{32}$/;

/** A random storage key: never derived from anything the user sent. */
export function newStorageKey(): string {
  return randomBytes(16).toString('hex');
}

function assertKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new Error('invalid storage key');
}

/** Files under `root/ab/abcdef…`; writes go to `root/.tmp` first and are renamed into place. */
export class LocalFileStore implements FileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  #pathOf(key: string): string {
    assertKey(key);
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(key: string, content: Readable | Buffer): Promise<void> {
    const target = this.#pathOf(key);
    const tmpDir = path.join(this.root, '.tmp');
    await fsp.mkdir(tmpDir, { recursive: true });
    await fsp.mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(tmpDir, `${key}.${randomBytes(4).toString('hex')}.part`);
    try {
      const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
      // `flush` fsyncs before close, so a rename never publishes bytes still only in the page cache.
      await pipeline(source, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o640, flush: true }));
      await fsp.rename(tmp, target);
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Readable> {
    // Opening first makes a missing file fail here, before any response headers are sent.
    const handle = await fsp.open(this.#pathOf(key), 'r');
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.#pathOf(key), { force: true });
  }
}

export function createFileStore(config: { filesDir: string }): FileStore {
  return new LocalFileStore(config.filesDir);
}

// ---------------------------------------------------------------------------------------------------------------
// What may be uploaded

export const FILE_KINDS = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  png: { mime: 'image/png', extensions: ['png'], label: 'PNG 图片' },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG 图片' },
  gif: { mime: 'image/gif', extensions: ['gif'], label: 'GIF 图片' },
  webp: { mime: 'image/webp', extensions: ['webp'], label: 'WebP 图片' },
  ofd: { mime: 'application/ofd', extensions: ['ofd'], label: 'OFD 版式文件' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    label: 'Word 文档 (docx)',
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    label: 'Excel 表格 (xlsx)',
  },
  txt: { mime: 'text/plain; charset=utf-8', extensions: ['txt'], label: 'UTF-8 纯文本' },
  csv: { mime: 'text/csv; charset=utf-8', extensions: ['csv'], label: 'UTF-8 CSV' },
} as const;

export type FileKind = keyof typeof FILE_KINDS;

export const DEFAULT_ALLOWED_KINDS: readonly FileKind[] = [
  'pdf',
  'png',
  'jpeg',
  'gif',
  'webp',
  'ofd',
  'docx',
  'xlsx',
  'txt',
  'csv',
];

const KIND_BY_MIME = new Map<string, FileKind>(
  (Object.entries(FILE_KINDS) as [FileKind, (typeof FILE_KINDS)[FileKind]][]).map(([k, v]) => [v.mime, k]),
);

/** `reason` names the case for the web's message (`errors.UNSUPPORTED_MEDIA_TYPE.<reason>`); params fill it. */
function rejected(
  reason: string,
  detail: string,
  params: Record<string, string | number>,
  allow: readonly FileKind[],
): AppError {
  const allowed = allow.map((k) => FILE_KINDS[k].extensions[0] ?? k);
  return new AppError('UNSUPPORTED_MEDIA_TYPE', `${detail} Allowed types: ${allowed.join(', ')}.`, {
    params: { reason, ...params, allowed },
    extra: { allowed },
  });
}

export function payloadTooLarge(maxBytes: number): AppError {
  const mib = maxBytes / (1024 * 1024);
  const human =
    mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB` : `${(maxBytes / 1024).toFixed(1)} KiB`;
  return new AppError('PAYLOAD_TOO_LARGE', `File exceeds the limit of ${human} (${maxBytes} bytes).`, {
    params: { limit: human, limitBytes: maxBytes },
    extra: { limitBytes: maxBytes },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Spooling: count, hash, limit

export interface SpooledUpload {
  /** Temp file holding the bytes; remove it with `discardSpooled` once stored (or refused). */
  path: string;
  sizeBytes: number;
  sha256: string;
}

interface MaybeTruncated {
  truncated?: boolean;
}

/** Copies `source` to a temp file in `tmpDir`; 413 past `maxBytes`, 400 when empty. Leaves nothing behind on error. */
export async function spoolUpload(
  source: Readable,
  opts: { tmpDir: string; maxBytes: number },
): Promise<SpooledUpload> {
  await fsp.mkdir(opts.tmpDir, { recursive: true });
  const tmp = path.join(opts.tmpDir, `upload-${randomBytes(12).toString('hex')}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > opts.maxBytes) {
        done(payloadTooLarge(opts.maxBytes));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
    // A multipart parser stops at its own limit and marks the stream truncated instead of failing it.
    if ((source as MaybeTruncated).truncated) throw payloadTooLarge(opts.maxBytes);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    if (err instanceof AppError) throw err;
    if ((err as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') throw payloadTooLarge(opts.maxBytes);
    throw err;
  }
  if (size === 0) {
    await fsp.rm(tmp, { force: true });
    throw new AppError('VALIDATION_FAILED', 'The file is empty.', {
      params: { reason: 'empty-file' },
      errors: [{ field: '/body/file', rule: 'minSize', message: 'must not be empty', params: { limit: 1 } }],
    });
  }
  return { path: tmp, sizeBytes: size, sha256: hash.digest('hex') };
}

export async function discardSpooled(spooled: SpooledUpload | undefined): Promise<void> {
  if (spooled) await fsp.rm(spooled.path, { force: true });
}

// ---------------------------------------------------------------------------------------------------------------
// Sniffing

export interface SniffedContent {
  kind: FileKind;
  contentType: string;
  /** The display name, with the right extension appended when the given one does not match the content. */
  name: string;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function withExtensionFor(name: string, kind: FileKind): string {
  const exts: readonly string[] = FILE_KINDS[kind].extensions;
  return exts.includes(extensionOf(name)) ? name : sanitizeFilename(`${name}.${exts[0]}`);
}

/** Names of the entries in a ZIP's central directory (no extraction). Empty when it cannot be read. */
export async function zipEntryNames(file: string, max = 5000): Promise<string[]> {
  return (await inspectZip(file, { maxEntries: max }))?.entries.map((e) => e.name) ?? [];
}

// C0 controls except tab, LF, FF and CR, plus DEL: present in binary data, never in real text files.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BINARY_CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;
// What browsers (and the HTML sniffing spec) take for markup near the start of a "text" file.
const MARKUP =
  /<(?:!doctype|!--|\?xml|html|head|body|script|iframe|frame|svg|object|embed|style|meta|link|base|form|img|a\s|div|table|title|xml|xsl)/i;

type TextCheck = { ok: true } | { ok: false; reason: string; offset?: number; detail: string };

async function checkUtf8Text(file: string): Promise<TextCheck> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let head = '';
  let offset = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 64 * 1024 })) {
    let text: string;
    try {
      text = decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      return { ok: false, reason: 'not-utf8', offset, detail: `Not valid UTF-8 text (near byte ${offset}).` };
    }
    if (BINARY_CONTROL.test(text))
      return { ok: false, reason: 'binary', detail: 'Contains binary control characters.' };
    if (head.length < 2048) head += text.slice(0, 2048 - head.length);
    offset += (chunk as Buffer).length;
  }
  try {
    decoder.decode();
  } catch {
    return { ok: false, reason: 'truncated-utf8', detail: 'Ends in an incomplete UTF-8 character.' };
  }
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<') || MARKUP.test(head)) {
    return { ok: false, reason: 'markup', detail: 'Markup (HTML/XML/SVG) is not accepted as an upload.' };
  }
  return { ok: true };
}

/**
 * Decides what the spooled bytes are and whether `allow` admits them; 415 with the reason otherwise. Plain text
 * is admitted only when it is valid UTF-8, not markup, and named .txt/.csv (bytes cannot tell CSV from text, and a
 * text file named `.pdf` is exactly the disguise this check exists to catch).
 */
export async function sniffContent(
  spooled: SpooledUpload,
  opts: { allow: readonly FileKind[]; filename: string },
): Promise<SniffedContent> {
  const { allow } = opts;
  const name = sanitizeFilename(opts.filename);
  const detected = await fileTypeFromFile(spooled.path);
  if (detected) {
    let kind = KIND_BY_MIME.get(detected.mime);
    if (detected.ext === 'zip' && (await zipEntryNames(spooled.path)).includes('OFD.xml')) kind = 'ofd';
    if (!kind || !allow.includes(kind)) {
      throw rejected(
        'detected',
        `The content is ${detected.mime} (.${detected.ext}).`,
        { mime: detected.mime, ext: detected.ext },
        allow,
      );
    }
    return { kind, contentType: FILE_KINDS[kind].mime, name: withExtensionFor(name, kind) };
  }
  const text = await checkUtf8Text(spooled.path);
  if (!text.ok) {
    const at: Record<string, number> = text.offset === undefined ? {} : { offset: text.offset };
    throw rejected(text.reason, `Unrecognised content: ${text.detail}`, at, allow);
  }
  const ext = extensionOf(name);
  const kind: FileKind | undefined = ext === 'csv' ? 'csv' : ext === 'txt' || ext === '' ? 'txt' : undefined;
  if (!kind) {
    throw rejected('text-extension', `Plain text does not match the extension .${ext}.`, { ext }, allow);
  }
  if (!allow.includes(kind)) {
    throw rejected('not-accepted', `${kind.toUpperCase()} is not accepted here.`, { kind }, allow);
  }
  return { kind, contentType: FILE_KINDS[kind].mime, name: withExtensionFor(name, kind) };
}

// ---------------------------------------------------------------------------------------------------------------
// Names

export const MAX_FILENAME_LENGTH = 120;

/**
 * Display name from whatever the client sent: last path segment only, no control or bidi-override characters, no
 * characters Windows refuses, no leading/trailing dots or spaces, at most 120 characters (extension kept).
 */
export function sanitizeFilename(raw: string): string {
  let name = raw.normalize('NFC');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+|[\s.]+$/gu, '');
  const chars = [...name];
  if (chars.length > MAX_FILENAME_LENGTH) {
    const ext = extensionOf(name);
    const keep = ext && ext.length <= 10 ? `.${ext}` : '';
    name =
      chars
        .slice(0, MAX_FILENAME_LENGTH - keep.length)
        .join('')
        .replace(/[\s.]+$/u, '') + keep;
  }
  return name === '' ? 'file' : name;
}

/** `attachment` with an ASCII fallback and the exact name as RFC 5987 `filename*` (Chinese names survive). */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
