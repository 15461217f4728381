/**
 * Compile-time drift check for the credit pages: every credit response in the generated `schema.d.ts` must fit the
 * type the pages read (`credit.types.ts`). Nothing in this file runs.
 */
import type { Answer, Holds, Fits } from '../../api/contract-types.ts';
import type {
  Category,
  ClassSummary,
  Commitment,
  CreditImport,
  CreditRecord,
  EnterpriseClass,
  EnterRecordResult,
  EntitySearchResult,
  ListEntry,
  MyCredit,
  Paged,
  PublicEntity,
  PublicListEntry,
  Repair,
  SanctionCatalogue,
  SanctionDecision,
  TimelinessStats,
} from './credit.types.ts';

export type CreditContractChecks = [
  Holds<Fits<Answer<'/api/credit/categories', 'get', 200>, { items: Category[] }>>,
  Holds<Fits<Answer<'/api/credit/records', 'get', 200>, Paged<CreditRecord>>>,
  Holds<Fits<Answer<'/api/credit/records', 'post', 200>, EnterRecordResult>>,
  Holds<Fits<Answer<'/api/credit/records', 'post', 201>, EnterRecordResult>>,
  Holds<Fits<Answer<'/api/credit/records/{id}', 'get', 200>, CreditRecord>>,
  Holds<Fits<Answer<'/api/credit/stats/timeliness', 'get', 200>, TimelinessStats>>,
  Holds<Fits<Answer<'/api/credit/imports', 'get', 200>, Paged<CreditImport>>>,
  Holds<Fits<Answer<'/api/credit/imports', 'post', 202>, CreditImport>>,
  Holds<Fits<Answer<'/api/credit/imports/{id}', 'get', 200>, CreditImport>>,
  Holds<Fits<Answer<'/api/credit/entities', 'get', 200>, EntitySearchResult>>,
  Holds<Fits<Answer<'/api/credit/entities/{uscc}', 'get', 200>, PublicEntity>>,
  Holds<Fits<Answer<'/api/credit/my', 'get', 200>, MyCredit>>,
  Holds<Fits<Answer<'/api/credit/lists/{code}/entries', 'get', 200>, Paged<PublicListEntry>>>,
  Holds<Fits<Answer<'/api/credit/sanctions', 'get', 200>, SanctionCatalogue>>,
  Holds<Fits<Answer<'/api/credit/sanctions/check', 'post', 200>, SanctionDecision>>,
  Holds<Fits<Answer<'/api/credit/list-entries', 'get', 200>, Paged<ListEntry>>>,
  Holds<Fits<Answer<'/api/credit/list-entries', 'post', 201>, ListEntry>>,
  Holds<Fits<Answer<'/api/credit/list-entries/{id}/exit', 'post', 200>, ListEntry>>,
  Holds<Fits<Answer<'/api/credit/commitments', 'get', 200>, Paged<Commitment>>>,
  Holds<Fits<Answer<'/api/credit/commitments', 'post', 201>, Commitment>>,
  Holds<Fits<Answer<'/api/credit/commitments/{id}/verify', 'post', 200>, Commitment>>,
  Holds<Fits<Answer<'/api/credit/records/{id}/repair', 'post', 201>, Repair>>,
  Holds<Fits<Answer<'/api/credit/repairs', 'get', 200>, Paged<Repair>>>,
  Holds<Fits<Answer<'/api/credit/repairs/{id}/review', 'post', 200>, Repair>>,
  Holds<Fits<Answer<'/api/credit/classes/summary', 'get', 200>, ClassSummary>>,
  Holds<Fits<Answer<'/api/credit/enterprises/{id}/class', 'get', 200>, EnterpriseClass>>,
  Holds<Fits<Answer<'/api/credit/classification/run', 'post', 202>, { jobId: string | null }>>,
];
