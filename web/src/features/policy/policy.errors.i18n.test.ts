/**
 * Every problem code the policy module declares has a sentence in both languages, and each sentence of a key uses
 * the same placeholders in zh-CN and en-US. The server's catalogues are read as text (the web never imports
 * server code).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyErrorWords } from './policy.errors.i18n.ts';

const serverDir = path.resolve(import.meta.dirname, '../../../../server/modules/policy');
const codes = ['policy.errors.ts', 'facts.errors.ts'].flatMap((f) =>
  [...fs.readFileSync(path.join(serverDir, f), 'utf8').matchAll(/^\s+(POLICY_[A-Z0-9_]+):\s*\{/gm)].map(
    (m) => m[1]!,
  ),
);

/** Placeholder names of a sentence: `{name}` and the variable of `{name, plural, …}` (not the `#`). */
function placeholderNames(sentence: string): string[] {
  // A plural's cases (`one {# topic}`) are text, not placeholders.
  const text = sentence.replace(/(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\}/g, '');
  return [...new Set([...text.matchAll(/\{(\w+)(?:,\s*plural\s*,|\})/g)].map((m) => m[1]!))].sort();
}

describe('policy error sentences', () => {
  it('finds the policy codes in the server catalogues', () => {
    expect(codes).toContain('POLICY_RULE_INVALID');
    expect(codes).toContain('POLICY_FACTS_REJECTED');
  });

  it('has a sentence for every policy code in both languages', () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const missing = codes.filter((c) => !policyErrorWords[locale][`errors.${c}`]?.trim());
      expect(missing, locale).toEqual([]);
    }
  });

  it('uses the same placeholders in both languages for every key', () => {
    const zh = policyErrorWords['zh-CN'];
    const en = policyErrorWords['en-US'];
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh)) {
      expect(placeholderNames(en[key]!), key).toEqual(placeholderNames(zh[key]!));
    }
  });

  it('knows a placeholder from a plural variable', () => {
    expect(placeholderNames('{count, plural, one {# case} other {# cases}} in {id}')).toEqual([
      'count',
      'id',
    ]);
  });
});
