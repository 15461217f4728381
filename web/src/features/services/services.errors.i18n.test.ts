import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMessage, LOCALES } from '../../app/i18n.ts';
import { servicesErrorWords } from './services.errors.i18n.ts';

// Vitest runs from the repository root. The web must not import server code: the codes come from the contract the server is tested against
// (server/kernel/errors-doc.test.ts keeps docs/errors-services.md equal to the registered codes).
const doc = readFileSync(path.resolve(process.cwd(), 'docs/errors-services.md'), 'utf8');
// The whole file is the services module's.
const section = doc;
const codes = [...section.matchAll(/^### `([A-Z0-9_]+)`$/gm)].map((m) => `errors.${m[1]}`);
const reasons = [...section.matchAll(/`([A-Z][A-Z0-9_]+)\.([a-z][a-z0-9-]*)`/g)].map(
  (m) => `errors.${m[1]}.${m[2]}`,
);
const documented = new Set([...codes, ...reasons]);

function englishOf(key: string): string {
  const en: Readonly<Record<string, string>> = servicesErrorWords['en-US'];
  return en[key] ?? '';
}

function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1] ?? ''))].sort();
}

describe('services error sentences', () => {
  it('reads the action plan section of docs/errors-services.md', () => {
    expect(codes).toContain('errors.SERVICES_TASK_STATE');
    expect(reasons).toContain('errors.NOT_FOUND.services-application');
  });

  it('has a sentence in both languages for every documented code and reason, and nothing else', () => {
    for (const locale of LOCALES) {
      expect(Object.keys(servicesErrorWords[locale]).sort(), locale).toEqual([...documented].sort());
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, zh] of Object.entries(servicesErrorWords['zh-CN'])) {
      expect(placeholdersOf(englishOf(key)), key).toEqual(placeholdersOf(zh));
    }
  });

  it('leaves no brace once every placeholder is filled', () => {
    for (const locale of LOCALES) {
      for (const [key, template] of Object.entries(servicesErrorWords[locale])) {
        const vars = Object.fromEntries(placeholdersOf(template).map((p) => [p, 2]));
        expect(formatMessage(locale, template, vars), key).not.toMatch(/[{}]/);
      }
    }
  });
});
