/**
 * Who may read a stored file. The uploader always may; anyone else only when the module that owns the file says
 * so. Owner modules declare their check in their manifest (`fileAccess`); a file whose owner declared none is the
 * uploader's alone. "Not allowed" is reported as not found by the service.
 */
import type { Db } from '../../kernel/db/database.ts';
import type { Actor, FileAccessCheck } from '../../kernel/policy.ts';

export type { FileAccessCheck };

/** Owner of uploads made through POST /api/files that no use case has claimed yet. */
export const UNATTACHED_OWNER = 'files';
const OWNER_MODULE = /^[a-z][a-z0-9-]{0,63}$/;

export function assertOwnerModule(ownerModule: string): void {
  if (!OWNER_MODULE.test(ownerModule)) throw new TypeError(`invalid owner module name "${ownerModule}"`);
}

export interface FileOwnership {
  uploadedBy: string | null;
  ownerModule: string;
  ownerId: string | null;
}

export async function mayReadFile(
  actor: Actor,
  file: FileOwnership,
  db: Db,
  check: FileAccessCheck | undefined,
): Promise<boolean> {
  if (file.uploadedBy !== null && file.uploadedBy === actor.userId) return true;
  if (file.ownerId === null) return false;
  return check ? check(actor, file.ownerId, db) : false;
}
