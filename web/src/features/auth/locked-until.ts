import type { ApiError } from '../../api/client.ts';
import { formatDateTime } from '../../app/format.ts';

/**
 * When a locked account may try again. The contract puts the time in `detail` (words); a server may also send an
 * ISO instant as a `lockedUntil` extension member, which is preferred because it can be shown in the user's zone.
 */
export function lockedUntilText(error: ApiError): string | undefined {
  const extra = error.problem.lockedUntil;
  if (typeof extra === 'string' && extra !== '') return formatDateTime(extra);
  const iso = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/.exec(error.detail);
  return iso ? formatDateTime(iso[0]) : undefined;
}
