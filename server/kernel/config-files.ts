/**
 * The one way to read a shipped configuration file (`config/**.json`) at start-up: parse, check against a TypeBox
 * schema, and on any problem stop with an error that names the file, the JSON pointer of the offending value and
 * the rule it breaks — so whoever edits the file can fix it without reading code.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';

/** `config/` of this checkout. */
export const CONFIG_DIR = path.resolve(import.meta.dirname, '..', '..', 'config');

export interface ConfigProblem {
  /** JSON pointer into the file ('' for the whole document). */
  pointer: string;
  /** The schema keyword broken (`required`, `pattern`, `type` …) or `json` when the file does not parse. */
  rule: string;
  message: string;
}

export class ConfigFileError extends Error {
  /** The file as given relative to `config/` when it is under it, else as given. */
  readonly file: string;
  readonly problems: readonly ConfigProblem[];
  constructor(file: string, problems: readonly ConfigProblem[]) {
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    super(
      first
        ? `${file}: ${first.pointer || '/'}: ${first.message} (rule: ${first.rule})${more}`
        : `${file}: invalid`,
    );
    this.name = 'ConfigFileError';
    this.file = file;
    this.problems = problems;
  }
}

/** How an error names a file: `config/…` under the config folder, otherwise the path as given. */
function displayName(absolute: string): string {
  const rel = path.relative(CONFIG_DIR, absolute);
  return rel.startsWith('..') || path.isAbsolute(rel) ? absolute : `config/${rel.split(path.sep).join('/')}`;
}

export interface ReadConfigOptions {
  /**
   * Drop a top-level `"$comment"` before checking (default true): shipped files carry one to explain themselves,
   * and schemas need not declare it.
   */
  dropComment?: boolean;
}

/**
 * Reads `file` — relative to `config/`, or an absolute path (tests, an operator's own folder) — and returns its
 * content typed by `schema`. Throws ConfigFileError naming file, pointer and rule; a missing file throws the
 * usual ENOENT error.
 */
export function readConfigFile<S extends TSchema>(
  file: string,
  schema: S,
  options: ReadConfigOptions = {},
): Static<S> {
  const absolute = path.isAbsolute(file) ? file : path.join(CONFIG_DIR, file);
  const name = displayName(absolute);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(absolute, 'utf8'));
  } catch (cause) {
    if (!(cause instanceof SyntaxError)) throw cause;
    throw new ConfigFileError(name, [
      { pointer: '', rule: 'json', message: `not valid JSON: ${cause.message}` },
    ]);
  }
  return checkConfig(name, parsed, schema, options);
}

/** Checks an already parsed document (e.g. one posted to an import endpoint) the same way. */
export function checkConfig<S extends TSchema>(
  name: string,
  parsed: unknown,
  schema: S,
  options: ReadConfigOptions = {},
): Static<S> {
  let value = parsed;
  if ((options.dropComment ?? true) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const { $comment: _comment, ...rest } = value as Record<string, unknown>;
    value = rest;
  }
  if (Value.Check(schema, value)) return value;
  const problems = [...Value.Errors(schema, value)].map((e) => ({
    pointer: e.instancePath,
    rule: e.keyword,
    message: e.message,
  }));
  throw new ConfigFileError(name, problems);
}

/** The `*.json` files of a folder under `config/` (or an absolute folder), sorted by name, as absolute paths. */
export function listConfigFiles(dir: string): string[] {
  const absolute = path.isAbsolute(dir) ? dir : path.join(CONFIG_DIR, dir);
  return fs
    .readdirSync(absolute)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(absolute, f));
}
