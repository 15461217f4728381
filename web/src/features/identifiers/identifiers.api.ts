/** Named response types of the identifier tools, derived from the schema. */
import type { ApiData } from '../../api/client.ts';

export type UsccCheck = ApiData<'get', '/api/identifiers/uscc/{code}'>;
