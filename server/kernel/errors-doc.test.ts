import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  // The app's registry holds the codes of every module's manifest.
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('docs/errors.md (and docs/errors-*.md per module)', () => {
  const docsDir = path.resolve(import.meta.dirname, '../../docs');
  const doc = fs
    .readdirSync(docsDir)
    .filter((f) => f === 'errors.md' || /^errors-[a-z-]+\.md$/.test(f))
    .sort()
    .map((f) => fs.readFileSync(path.join(docsDir, f), 'utf8'))
    .join('\n');
  const documented = new Set([...doc.matchAll(/^### `([A-Z0-9_]+)`$/gm)].map((m) => m[1]));

  it('documents every registered error code', () => {
    const missing = [...t.ctx.registry.errors.codes().keys()].filter((c) => !documented.has(c));
    expect(missing).toEqual([]);
  });

  it('documents no code that does not exist', () => {
    const registered = t.ctx.registry.errors.codes();
    const stale = [...documented].filter((c) => c && !registered.has(c));
    expect(stale).toEqual([]);
  });

  it('states the HTTP status each code is sent with', () => {
    for (const [code, spec] of t.ctx.registry.errors.codes()) {
      const section = doc.split(`### \`${code}\``)[1]?.split('###')[0] ?? '';
      expect(section, code).toMatch(new RegExp(`^\\s*${spec.status}\\.`));
    }
  });
});
