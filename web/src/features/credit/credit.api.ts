import type { ApiData, ApiInit } from '../../api/client.ts';

// Named shapes the pages read, derived from the generated schema (never written by hand).
export type SanctionCatalogue = ApiData<'get', '/api/credit/sanctions'>;
export type SanctionMeasure = SanctionCatalogue['measures'][number];
export type SanctionDecision = ApiData<'post', '/api/credit/sanctions/check'>;
export type Purpose = SanctionDecision['purpose'];
export type SanctionTrigger = SanctionMeasure['trigger'];
export type ListEntry = ApiData<'get', '/api/credit/list-entries'>['items'][number];
export type ListType = ListEntry['list']['type'];
export type PublicListEntry = ApiData<'get', '/api/credit/lists/{code}/entries'>['items'][number];

export type Repair = ApiData<'get', '/api/credit/repairs'>['items'][number];
export type Commitment = ApiData<'get', '/api/credit/commitments'>['items'][number];

export type MyCredit = ApiData<'get', '/api/credit/my'>;
export type MyRecord = MyCredit['records'][number];

export type Department = ApiData<'get', '/api/departments'>[number];
export type Category = ApiData<'get', '/api/credit/categories'>['items'][number];
export type CategoryField = Category['fields'][number];
export type CategoryKind = Category['kind'];
export type FieldType = CategoryField['type'];
export type CategoryUpdate = NonNullable<ApiInit<'put', '/api/credit/categories/{code}'>['body']>;
export type CreditRecord = ApiData<'get', '/api/credit/records'>['items'][number];
export type EnterRecordResult = ApiData<'post', '/api/credit/records'>;
export type Severity = NonNullable<CreditRecord['severity']>;
export type Publication = CreditRecord['publication'];
export type TimelinessStats = ApiData<'get', '/api/credit/stats/timeliness'>;
export type CollectionStats = ApiData<'get', '/api/credit/stats/collection'>;
export type CreditImport = ApiData<'get', '/api/credit/imports'>['items'][number];
export type PublicEntity = ApiData<'get', '/api/credit/entities/{uscc}'>;
export type PublicRecord = PublicEntity['records'][number];
export type EntitySearchResult = ApiData<'get', '/api/credit/entities'>;
export type ClassLetter = MyCredit['class']['class'];
export type ClassPart = MyCredit['class']['parts'][number];
export type RepairStatus = Repair['status'];
export type RepairOptionStatus = MyRecord['repair']['status'];
export type EnterpriseClass = ApiData<'get', '/api/credit/enterprises/{id}/class'>;
export type ClassSummary = ApiData<'get', '/api/credit/classes/summary'>;
export type ClassificationRules = ApiData<'get', '/api/credit/classification/rules'>;
export type ClassificationRule = ClassificationRules['rules'][number];
export type EditableMeasure = ApiData<'get', '/api/credit/sanctions/measures'>['items'][number];
export type MeasureUpdate = NonNullable<ApiInit<'put', '/api/credit/sanctions/measures/{code}'>['body']>;

export const PURPOSES = [
  'commitment',
  'application',
  'policy',
  'grant',
  'procurement',
  'honour',
] as const satisfies readonly Purpose[];

export const CLASS_LETTERS = ['A', 'B', 'C', 'D'] as const;

/** Colours of the A–D risk classes: low risk green through high risk red. */
export const CLASS_COLOURS = { A: '#237804', B: '#164c9a', C: '#874d00', D: '#b32430' } as const;

/** A USCC has 18 characters from the GB 32100 alphabet; anything else is searched as a name. */
export function looksLikeUscc(text: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/i.test(text.trim());
}

/** A value of a record's `data` as text for a table or description list. */
export function dataText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(dataText).join('、');
  return JSON.stringify(value);
}
