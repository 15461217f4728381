/** Policy topics (config/policy/topics.json): the units of 直达 subscriptions and of the catalogue's filter. */
import fs from 'node:fs';
import path from 'node:path';

export interface Topic {
  code: string;
  label: string;
  labelEn: string;
}

const FILE = path.resolve(import.meta.dirname, '../../../config/policy/topics.json');
let cached: Topic[] | undefined;

export function policyTopics(): readonly Topic[] {
  if (cached) return cached;
  const doc = JSON.parse(fs.readFileSync(FILE, 'utf8')) as { topics?: unknown };
  if (!Array.isArray(doc.topics)) throw new Error('config/policy/topics.json: expected { "topics": [ … ] }');
  cached = doc.topics.map((t: unknown, i: number) => {
    const r = t as Partial<Topic>;
    if (typeof r.code !== 'string' || typeof r.label !== 'string' || typeof r.labelEn !== 'string') {
      throw new Error(`config/policy/topics.json topics[${i}]: expected { code, label, labelEn }`);
    }
    return { code: r.code, label: r.label, labelEn: r.labelEn };
  });
  return cached;
}

/** The codes among `topics` that are not in the catalogue. */
export function unknownTopics(topics: readonly string[]): string[] {
  const known = new Set(policyTopics().map((t) => t.code));
  return topics.filter((t) => !known.has(t));
}
