/** Policy topics (config/policy/topics.json): the units of 直达 subscriptions and of the catalogue's filter. */
import { Type } from 'typebox';
import { readConfigFile } from '../../kernel/config-files.ts';

export interface Topic {
  code: string;
  label: string;
  labelEn: string;
}

const TopicsFile = Type.Object({
  topics: Type.Array(
    Type.Object({ code: Type.String({ minLength: 1 }), label: Type.String(), labelEn: Type.String() }),
  ),
});
let cached: Topic[] | undefined;

export function policyTopics(): readonly Topic[] {
  if (cached) return cached;
  cached = readConfigFile('policy/topics.json', TopicsFile).topics.map((t) => ({
    code: t.code,
    label: t.label,
    labelEn: t.labelEn,
  }));
  return cached;
}

/** The codes among `topics` that are not in the catalogue. */
export function unknownTopics(topics: readonly string[]): string[] {
  const known = new Set(policyTopics().map((t) => t.code));
  return topics.filter((t) => !known.has(t));
}
