import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Type } from 'typebox';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_DIR, ConfigFileError, listConfigFiles, readConfigFile } from './config-files.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-files-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const Units = Type.Object({
  units: Type.Array(Type.Object({ code: Type.String({ pattern: '^[a-z]+$' }), size: Type.Integer() })),
});

describe('readConfigFile', () => {
  it('returns the typed content of a valid file, its top-level $comment dropped', () => {
    const file = write('ok.json', JSON.stringify({ $comment: 'why', units: [{ code: 'a', size: 1 }] }));
    expect(
      readConfigFile(
        file,
        Type.Object({ units: Type.Array(Type.Unknown()) }, { additionalProperties: false }),
      ),
    ).toEqual({
      units: [{ code: 'a', size: 1 }],
    });
  });

  it('names the file, the JSON pointer and the rule of the first problem', () => {
    const file = write(
      'bad.json',
      JSON.stringify({
        units: [
          { code: 'a', size: 1 },
          { code: 'B', size: 2 },
        ],
      }),
    );
    let error: unknown;
    try {
      readConfigFile(file, Units);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigFileError);
    const e = error as ConfigFileError;
    expect(e.file).toBe(file);
    expect(e.problems[0]).toMatchObject({ pointer: '/units/1/code', rule: 'pattern' });
    expect(e.message).toMatch(/bad\.json: \/units\/1\/code: .*pattern.* \(rule: pattern\)$/);
  });

  it('reports a missing property and counts the other problems', () => {
    const file = write('missing.json', JSON.stringify({ units: [{ code: 'a' }, { code: 'b', size: 'x' }] }));
    expect(() => readConfigFile(file, Units)).toThrow(
      /missing\.json: \/units\/0: .*\(rule: required\) \(and \d+ more\)/,
    );
  });

  it('says when a file is not JSON at all', () => {
    const file = write('broken.json', '{ "units": [ ');
    expect(() => readConfigFile(file, Units)).toThrow(/broken\.json: \/: not valid JSON: .*\(rule: json\)/);
  });

  it('reads relative to config/ and names such files config/…', () => {
    expect(() => readConfigFile('departments.json', Type.Object({}))).toThrow(
      /^config\/departments\.json: \/: /,
    );
    expect(listConfigFiles('calendar').every((f) => f.startsWith(path.join(CONFIG_DIR, 'calendar')))).toBe(
      true,
    );
  });

  it('lets a missing file fail as such', () => {
    expect(() => readConfigFile(path.join(dir, 'absent.json'), Units)).toThrow(/ENOENT/);
  });
});
