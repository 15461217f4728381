/**
 * Chinese text in PDFs with Noto Sans SC (SIL OFL) from the `noto-sans-sc` package. The package ships the font
 * the way web pages load it: ~100 WOFF2 files, each covering the code points its CSS `unicode-range` lists. A PDF
 * font must hold every glyph it draws, so we pick the few files that cover the characters a document actually
 * uses, embed each (pdf-lib keeps only the glyphs drawn), and draw text in runs, one run per file. Characters no
 * file covers are drawn as "?" rather than dropped silently.
 *
 * fontkit reads WOFF2, but its subsetter copies `glyf` entries byte for byte — and a WOFF2 `glyf` table is stored
 * transformed, so the embedded outlines would be garbage (text extracts fine, nothing renders). Each file is
 * therefore first decoded to a plain TrueType font (`woff2ToTrueType`, Google's WOFF2 decoder via wawoff2), which
 * pdf-lib subsets correctly.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import wawoff2 from 'wawoff2';

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

/** The WOFF2 file decoded to the TrueType font it was made from (outlines, hinting and all tables restored). */
export async function woff2ToTrueType(woff2: Uint8Array): Promise<Buffer> {
  // A copy: the decoder's result may be a view of its WebAssembly memory, which the next call reuses.
  return Buffer.from(await wawoff2.decompress(woff2));
}

// ---------------------------------------------------------------------------------------------------------------

// The font files never change while the process runs; each is converted once (~60 KB each, ≤ 101 files).
const trueTypeCache = new Map<string, Buffer>();

async function trueTypeOf(file: string): Promise<Buffer> {
  let ttf = trueTypeCache.get(file);
  if (!ttf) {
    ttf = await woff2ToTrueType(readFileSync(path.join(FONT_DIR, file)));
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
    fonts.set(file, await doc.embedFont(await trueTypeOf(file), { subset: true }));
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
