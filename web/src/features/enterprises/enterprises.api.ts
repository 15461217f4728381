/** Named response types of the market-entity pages, derived from the schema. */
import type { ApiData } from '../../api/client.ts';

export type Enterprise = ApiData<'get', '/api/enterprises/{id}'>;
export type EnterpriseSize = Enterprise['size'];

/** The sizes in the order the filter offers them (every one the schema knows: the type checks it). */
export const ENTERPRISE_SIZES = [
  'micro',
  'small',
  'medium',
  'large',
] as const satisfies readonly EnterpriseSize[];
export type EnterpriseStats = ApiData<'get', '/api/enterprises/stats'>;
