/**
 * Who may read a stored file. The uploader always may; anyone else only when the module that owns the file says
 * so. Owner modules register their check once (`registerFileAccess`); a file whose owner registered none is the
 * uploader's alone. "Not allowed" is reported as not found by the service.
 */
import type { Db } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy.ts';

export type FileAccessCheck = (actor: Actor, ownerId: string, db: Db) => Promise<boolean>;

/** Owner of uploads made through POST /api/files that no use case has claimed yet. */
export const UNATTACHED_OWNER = 'files';
const OWNER_MODULE = /^[a-z][a-z0-9-]{0,63}$/;

const checks = new Map<string, FileAccessCheck>();

export function assertOwnerModule(ownerModule: string): void {
  if (!OWNER_MODULE.test(ownerModule)) throw new TypeError(`invalid owner module name "${ownerModule}"`);
}

export function registerFileAccess(ownerModule: string, check: FileAccessCheck): void {
  assertOwnerModule(ownerModule);
  if (ownerModule === UNATTACHED_OWNER)
    throw new TypeError(`"${UNATTACHED_OWNER}" is reserved for unattached uploads`);
  const existing = checks.get(ownerModule);
  if (existing && existing !== check) throw new Error(`file access for ${ownerModule} is already registered`);
  checks.set(ownerModule, check);
}

export interface FileOwnership {
  uploadedBy: string | null;
  ownerModule: string;
  ownerId: string | null;
}

export async function mayReadFile(actor: Actor, file: FileOwnership, db: Db): Promise<boolean> {
  if (file.uploadedBy !== null && file.uploadedBy === actor.userId) return true;
  if (file.ownerId === null) return false;
  const check = checks.get(file.ownerModule);
  return check ? check(actor, file.ownerId, db) : false;
}
