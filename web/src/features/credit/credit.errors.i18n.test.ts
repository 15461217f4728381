/**
 * Every credit error code and every situation (`params.reason`) the credit module names has a sentence in both
 * languages, with the same placeholders. The server's catalogues and sources are read as text: the web never
 * imports server code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { creditErrorWords } from './credit.errors.i18n.ts';

const root = path.resolve(import.meta.dirname, '../../../..');
const creditDir = path.join(root, 'server/modules/credit');
const serverFiles = fs
  .readdirSync(creditDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => fs.readFileSync(path.join(creditDir, f), 'utf8'));

const zh: Readonly<Record<string, string>> = creditErrorWords['zh-CN'];
const en: Readonly<Record<string, string>> = creditErrorWords['en-US'];

function catalogueCodes(): string[] {
  const codes = new Set<string>();
  for (const f of fs.readdirSync(creditDir).filter((n) => n.endsWith('.errors.ts'))) {
    const text = fs.readFileSync(path.join(creditDir, f), 'utf8');
    for (const m of text.matchAll(/^\s*([A-Z][A-Z0-9_]+):\s*\{/gm)) codes.add(m[1] ?? '');
  }
  return [...codes].sort();
}

function documentedCreditCodes(): string[] {
  const doc = fs.readFileSync(path.join(root, 'docs/errors.md'), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('Credit')) ?? '';
  return [...section.matchAll(/^### `([A-Z0-9_]+)`/gm)].map((m) => m[1] ?? '').sort();
}

/** Situations credit names with a literal `reason: '…'` (or `unreadable('…'`), and its repair "why" literals. */
function reasonsInSources(): string[] {
  const reasons = new Set<string>();
  for (const text of serverFiles) {
    for (const m of text.matchAll(/\breason: '([a-z0-9-]+)'/g)) reasons.add(m[1] ?? '');
    for (const m of text.matchAll(/\bunreadable\(\s*'([a-z0-9-]+)'/g)) reasons.add(m[1] ?? '');
    const why = /export type NotApplicableWhy =([^;]+);/.exec(text);
    if (why) for (const m of (why[1] ?? '').matchAll(/'([a-z0-9-]+)'/g)) reasons.add(m[1] ?? '');
  }
  return [...reasons].sort();
}

/** Placeholder names of a message, plural ones included (`{count, plural, …}` → count). */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  for (const m of message.matchAll(/\{(\w+)(?:\}|,\s*plural,)/g)) names.add(m[1] ?? '');
  return [...names].sort();
}

describe('credit error sentences', () => {
  it('finds the credit codes in the catalogues and the docs (the test reads real files)', () => {
    expect(catalogueCodes()).toContain('CREDIT_IMPORT_UNREADABLE');
    expect(documentedCreditCodes()).toEqual(catalogueCodes());
  });

  it('has a sentence for every credit code in both languages', () => {
    const missing = catalogueCodes().filter((c) => !zh[`errors.${c}`] || !en[`errors.${c}`]);
    expect(missing).toEqual([]);
  });

  it('has a sentence for every situation credit names with params.reason', () => {
    const reasons = reasonsInSources();
    expect(reasons).toContain('no-zip-directory');
    const keyed = new Set(Object.keys(zh).map((k) => k.split('.').slice(2).join('.')));
    expect(reasons.filter((r) => !keyed.has(r))).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const differ = Object.keys(zh).filter(
      (k) => placeholders(zh[k] ?? '').join() !== placeholders(en[k] ?? '').join(),
    );
    expect(differ).toEqual([]);
  });

  it('uses English plural forms where a count is shown', () => {
    const counted = Object.keys(en).filter((k) => /\{count\}/.test(en[k] ?? ''));
    expect(counted).toEqual([]);
  });
});
