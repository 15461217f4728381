/**
 * Chinese text in PDFs with Noto Sans SC (SIL OFL) from the `noto-sans-sc` package. The package ships the font
 * the way web pages load it: ~100 WOFF2 files, each covering the code points its CSS `unicode-range` lists. A PDF
 * font must hold every glyph it draws, so we pick the few files that cover the characters a document actually
 * uses, embed each (pdf-lib keeps only the glyphs drawn), and draw text in runs, one run per file. Characters no
 * file covers are drawn as "?" rather than dropped silently.
 *
 * fontkit reads WOFF2, but its subsetter copies `glyf` entries byte for byte — and a WOFF2 `glyf` table is stored
 * transformed, so the embedded outlines would be garbage (text extracts fine, nothing renders). Each file is
 * therefore first rebuilt as a plain TrueType font (`woff2ToTrueType`), which pdf-lib subsets correctly.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';

const FONT_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('noto-sans-sc/package.json')),
  'noto_sans_sc_regular',
);

interface SubsetFile {
  file: string;
  ranges: [number, number][];
}

let subsetFiles: SubsetFile[] | undefined;

/** The `@font-face` blocks of the package's CSS, in CSS order. */
export function listSubsetFiles(): SubsetFile[] {
  if (subsetFiles) return subsetFiles;
  const css = readFileSync(path.join(FONT_DIR, 'css.css'), 'utf8');
  const out: SubsetFile[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const src = /src:\s*url\(\s*['"]?([^'")]+\.woff2)['"]?\s*\)/.exec(block);
    const range = /unicode-range:\s*([^;}]+)/.exec(block);
    if (!src?.[1] || !range?.[1]) continue;
    const ranges: [number, number][] = [];
    for (const part of range[1].split(',')) {
      const m = /U\+([0-9a-f]+)(?:-([0-9a-f]+))?/i.exec(part.trim());
      if (!m?.[1]) continue;
      const lo = parseInt(m[1], 16);
      ranges.push([lo, m[2] ? parseInt(m[2], 16) : lo]);
    }
    out.push({ file: path.basename(src[1]), ranges });
  }
  if (out.length === 0)
    throw new Error(`no @font-face with unicode-range in ${path.join(FONT_DIR, 'css.css')}`);
  subsetFiles = out;
  return out;
}

function covers(f: SubsetFile, cp: number): boolean {
  return f.ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
}

/**
 * Which file draws each character: characters only one file covers decide first, and a character several files
 * cover goes to a file already chosen, so a document needs as few fonts as possible.
 */
export function chooseSubsets(text: string): Map<number, string> {
  const files = listSubsetFiles();
  const candidates = new Map<number, SubsetFile[]>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || candidates.has(cp)) continue;
    candidates.set(
      cp,
      files.filter((f) => covers(f, cp)),
    );
  }
  const chosen = new Map<number, string>();
  const used = new Set<string>();
  const ordered = [...candidates.entries()].sort((a, b) => a[1].length - b[1].length);
  for (const [cp, list] of ordered) {
    const pick = list.find((f) => used.has(f.file)) ?? list[0];
    if (!pick) continue;
    used.add(pick.file);
    chosen.set(cp, pick.file);
  }
  return chosen;
}

// ---------------------------------------------------------------------------------------------------------------
// WOFF2 → TrueType

/** The parts of fontkit's WOFF2Font this conversion relies on (not in fontkit's type declarations). */
interface Woff2FontInternals {
  numGlyphs: number;
  directory: { tables: Record<string, { offset: number; length: number; transformed: boolean } | undefined> };
  stream: { buffer: Uint8Array };
  _decompress(): void;
  getGlyph(id: number): { _getContours(): { x: number; y: number; onCurve: boolean }[][] };
}

const ON_CURVE = 0x01;
const X_SHORT = 0x02;
const Y_SHORT = 0x04;
const X_SAME_OR_POSITIVE = 0x10;
const Y_SAME_OR_POSITIVE = 0x20;

/** A simple `glyf` entry (no instructions); composite glyphs arrive flattened into their contours. */
function encodeGlyph(contours: { x: number; y: number; onCurve: boolean }[][]): Buffer {
  const points = contours.flat().map((p) => ({ x: Math.round(p.x), y: Math.round(p.y), onCurve: p.onCurve }));
  if (points.length === 0) return Buffer.alloc(0);
  const flags: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  let lastX = 0;
  let lastY = 0;
  const coord = (delta: number, out: number[], short: number, same: number): number => {
    if (delta === 0) return same;
    if (Math.abs(delta) <= 255) {
      out.push(Math.abs(delta), -1);
      return short | (delta > 0 ? same : 0);
    }
    out.push(delta, -2);
    return 0;
  };
  for (const p of points) {
    let flag = p.onCurve ? ON_CURVE : 0;
    flag |= coord(p.x - lastX, xs, X_SHORT, X_SAME_OR_POSITIVE);
    flag |= coord(p.y - lastY, ys, Y_SHORT, Y_SAME_OR_POSITIVE);
    flags.push(flag);
    lastX = p.x;
    lastY = p.y;
  }
  const bytesOf = (pairs: number[]) => {
    let n = 0;
    for (let i = 1; i < pairs.length; i += 2) n += pairs[i] === -1 ? 1 : 2;
    return n;
  };
  const size = 10 + 2 * contours.length + 2 + flags.length + bytesOf(xs) + bytesOf(ys);
  const out = Buffer.alloc(size + ((4 - (size % 4)) % 4));
  let o = 0;
  out.writeInt16BE(contours.length, o);
  out.writeInt16BE(Math.min(...points.map((p) => p.x)), (o += 2));
  out.writeInt16BE(Math.min(...points.map((p) => p.y)), (o += 2));
  out.writeInt16BE(Math.max(...points.map((p) => p.x)), (o += 2));
  out.writeInt16BE(Math.max(...points.map((p) => p.y)), (o += 2));
  o += 2;
  let end = -1;
  for (const c of contours) {
    end += c.length;
    out.writeUInt16BE(end, o);
    o += 2;
  }
  out.writeUInt16BE(0, o); // no instructions
  o += 2;
  for (const f of flags) out.writeUInt8(f, o++);
  for (const pairs of [xs, ys]) {
    for (let i = 0; i < pairs.length; i += 2) {
      const v = pairs[i] ?? 0;
      if (pairs[i + 1] === -1) out.writeUInt8(v, o++);
      else {
        out.writeInt16BE(v, o);
        o += 2;
      }
    }
  }
  return out;
}

function tableChecksum(data: Buffer): number {
  const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

/** An sfnt file from its tables (sorted by tag, 4-byte aligned, checksums and head.checkSumAdjustment set). */
function writeSfnt(tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const pow = 2 ** Math.floor(Math.log2(n));
  const header = Buffer.alloc(12 + 16 * n);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(pow * 16, 6);
  header.writeUInt16BE(Math.log2(pow), 8);
  header.writeUInt16BE(n * 16 - pow * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const data = tables.get(tag) ?? Buffer.alloc(0);
    const r = 12 + 16 * i;
    header.write(tag.padEnd(4, ' '), r, 'latin1');
    header.writeUInt32BE(tableChecksum(data), r + 4);
    header.writeUInt32BE(offset, r + 8);
    header.writeUInt32BE(data.length, r + 12);
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    bodies.push(padded);
    offset += padded.length;
  });
  const file = Buffer.concat([header, ...bodies]);
  const headAt = header.readUInt32BE(12 + 16 * tags.indexOf('head') + 8);
  file.writeUInt32BE((0xb1b0afba - tableChecksum(file)) >>> 0, headAt + 8);
  return file;
}

/**
 * Rebuilds a WOFF2 font with TrueType outlines as a plain TrueType file: outlines re-encoded from the decoded
 * points (hinting instructions dropped, composites flattened), every other table needed for rendering copied.
 */
export function woff2ToTrueType(woff2: Uint8Array): Buffer {
  const font = fontkit.create(woff2) as unknown as Woff2FontInternals;
  const entries = font.directory.tables;
  if (!entries.glyf) throw new Error('woff2ToTrueType: not a TrueType-flavoured WOFF2 font');
  font._decompress();
  const data = Buffer.from(
    font.stream.buffer.buffer,
    font.stream.buffer.byteOffset,
    font.stream.buffer.byteLength,
  );
  const raw = (tag: string): Buffer | undefined => {
    const e = entries[tag];
    if (!e || e.transformed) return undefined;
    return Buffer.from(data.subarray(e.offset, e.offset + e.length));
  };

  const glyphs: Buffer[] = [];
  let maxPoints = 0;
  let maxContours = 0;
  for (let gid = 0; gid < font.numGlyphs; gid++) {
    const contours = font.getGlyph(gid)._getContours();
    glyphs.push(encodeGlyph(contours));
    maxPoints = Math.max(
      maxPoints,
      contours.reduce((a, c) => a + c.length, 0),
    );
    maxContours = Math.max(maxContours, contours.length);
  }
  const loca = Buffer.alloc(4 * (glyphs.length + 1));
  let at = 0;
  glyphs.forEach((g, i) => {
    loca.writeUInt32BE(at, 4 * i);
    at += g.length;
  });
  loca.writeUInt32BE(at, 4 * glyphs.length);

  const head = raw('head');
  const maxp = raw('maxp');
  if (!head || !maxp || !raw('hhea') || !raw('hmtx') || !raw('cmap')) {
    throw new Error('woff2ToTrueType: a required table is missing');
  }
  head.writeUInt32BE(0, 8); // checkSumAdjustment, set by writeSfnt
  head.writeInt16BE(1, 50); // indexToLocFormat: long offsets
  if (maxp.length >= 32) {
    maxp.writeUInt16BE(Math.max(maxp.readUInt16BE(6), maxPoints), 6);
    maxp.writeUInt16BE(Math.max(maxp.readUInt16BE(8), maxContours), 8);
  }
  const tables = new Map<string, Buffer>([
    ['glyf', Buffer.concat(glyphs)],
    ['loca', loca],
    ['head', head],
    ['maxp', maxp],
  ]);
  for (const tag of ['hhea', 'hmtx', 'cmap', 'OS/2', 'name', 'post', 'vhea', 'vmtx']) {
    const t = raw(tag);
    if (t) tables.set(tag, t);
  }
  return writeSfnt(tables);
}

// ---------------------------------------------------------------------------------------------------------------

// The font files never change while the process runs; each is converted once (~60 KB each, ≤ 101 files).
const trueTypeCache = new Map<string, Buffer>();

function trueTypeOf(file: string): Buffer {
  let ttf = trueTypeCache.get(file);
  if (!ttf) {
    ttf = woff2ToTrueType(readFileSync(path.join(FONT_DIR, file)));
    trueTypeCache.set(file, ttf);
  }
  return ttf;
}

export interface TextOptions {
  x: number;
  y: number;
  size: number;
  color?: Color;
}

export interface CjkFont {
  /** Draws one line at (x, y) (baseline); returns its width. */
  drawText(page: PDFPage, text: string, options: TextOptions): number;
  widthOf(text: string, size: number): number;
  /** Breaks text into lines no wider than `maxWidth` (CJK breaks anywhere; Latin words stay whole when they fit). */
  wrap(text: string, size: number, maxWidth: number): string[];
  /** How many font files were embedded. */
  readonly fontCount: number;
}

const FALLBACK = '?';
// Never at the start of a line (a light form of Chinese line-breaking rules).
const NO_LINE_START = new Set([...'，。、；：！？）》」』】〕”’,.;:!?)]%…·']);

/**
 * Embeds the Noto Sans SC subsets covering every character of `allText` (pass all text the document will draw).
 */
export async function embedCjkFont(doc: PDFDocument, allText: string): Promise<CjkFont> {
  doc.registerFontkit(fontkit);
  const chosen = chooseSubsets(`${allText}${FALLBACK} `);
  const fonts = new Map<string, PDFFont>();
  for (const file of new Set(chosen.values())) {
    fonts.set(file, await doc.embedFont(trueTypeOf(file), { subset: true }));
  }
  const fallbackFont = fonts.get(chosen.get(FALLBACK.codePointAt(0) ?? 0) ?? '');
  if (!fallbackFont) throw new Error('Noto Sans SC: no subset covers "?"');

  /** The font and the character actually drawn for each character of the text. */
  function fontOf(ch: string): { font: PDFFont; ch: string } {
    const file = chosen.get(ch.codePointAt(0) ?? 0);
    const font = file ? fonts.get(file) : undefined;
    return font ? { font, ch } : { font: fallbackFont as PDFFont, ch: FALLBACK };
  }

  const widths = new Map<PDFFont, Map<string, number>>();
  function charWidth(font: PDFFont, ch: string): number {
    let perFont = widths.get(font);
    if (!perFont) {
      perFont = new Map();
      widths.set(font, perFont);
    }
    let w = perFont.get(ch);
    if (w === undefined) {
      w = font.widthOfTextAtSize(ch, 1);
      perFont.set(ch, w);
    }
    return w;
  }

  function runs(text: string): { font: PDFFont; text: string }[] {
    const out: { font: PDFFont; text: string }[] = [];
    for (const raw of text.replace(/[\r\n\t]/g, ' ')) {
      const { font, ch } = fontOf(raw);
      const last = out.at(-1);
      if (last && last.font === font) last.text += ch;
      else out.push({ font, text: ch });
    }
    return out;
  }

  function widthOf(text: string, size: number): number {
    let w = 0;
    for (const r of runs(text)) for (const ch of r.text) w += charWidth(r.font, ch);
    return w * size;
  }

  function drawText(page: PDFPage, text: string, o: TextOptions): number {
    let x = o.x;
    for (const r of runs(text)) {
      page.drawText(r.text, {
        x,
        y: o.y,
        size: o.size,
        font: r.font,
        ...(o.color ? { color: o.color } : {}),
      });
      let w = 0;
      for (const ch of r.text) w += charWidth(r.font, ch);
      x += w * o.size;
    }
    return x - o.x;
  }

  function wrap(text: string, size: number, maxWidth: number): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split(/\r?\n/)) {
      // Tokens: a Latin word with its trailing spaces, or a single other character.
      const tokens = paragraph.match(/[A-Za-z0-9@#&_\-./:%+]+\s*|\s+|./gsu) ?? [];
      let line = '';
      let width = 0;
      for (const token of tokens) {
        const w = widthOf(token, size);
        const fits = width + w <= maxWidth;
        const mustStay = line !== '' && NO_LINE_START.has(token[0] ?? '');
        if (fits || line === '' || mustStay) {
          if (!fits && line === '' && w > maxWidth) {
            // A token wider than a whole line (a long number or URL) is cut by character.
            for (const ch of token) {
              const cw = widthOf(ch, size);
              if (width + cw > maxWidth && line !== '') {
                lines.push(line);
                line = '';
                width = 0;
              }
              line += ch;
              width += cw;
            }
            continue;
          }
          line += token;
          width += w;
        } else {
          lines.push(line.trimEnd());
          line = token.trimStart();
          width = widthOf(line, size);
        }
      }
      lines.push(line.trimEnd());
    }
    return lines;
  }

  return { drawText, widthOf, wrap, fontCount: fonts.size };
}
