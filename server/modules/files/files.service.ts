import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { appendAudit, type AuditOrigin } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import {
  createFileStore,
  DEFAULT_ALLOWED_KINDS,
  discardSpooled,
  newStorageKey,
  sniffContent,
  spoolUpload,
  type FileKind,
  type FileStore,
  type SpooledUpload,
} from '../../kernel/storage.ts';
import { assertOwnerModule, mayReadFile, UNATTACHED_OWNER } from './files.policy.ts';
import { findStoredFile, insertStoredFile, setStoredFileOwner, type StoredFile } from './files.repository.ts';
import type { FileDto } from './files.schemas.ts';

/** What an upload is for decides which kinds of content it may be. */
export const UPLOAD_PURPOSES = {
  attachment: DEFAULT_ALLOWED_KINDS,
  image: ['png', 'jpeg', 'gif', 'webp'],
  document: ['pdf', 'ofd', 'docx', 'xlsx'],
  import: ['csv', 'xlsx', 'txt'],
} as const satisfies Record<string, readonly FileKind[]>;

export type UploadPurpose = keyof typeof UPLOAD_PURPOSES;

export function isUploadPurpose(value: string): value is UploadPurpose {
  return Object.hasOwn(UPLOAD_PURPOSES, value);
}

const stores = new WeakMap<AppContext, FileStore>();

/** One store per running app; today the local folder `config.filesDir`. */
export function fileStore(ctx: AppContext): FileStore {
  let store = stores.get(ctx);
  if (!store) {
    store = createFileStore(ctx.config);
    stores.set(ctx, store);
  }
  return store;
}

function toDto(r: StoredFile): FileDto {
  return {
    id: r.id,
    name: r.safe_name,
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** Spools an incoming stream into the upload temp folder, enforcing `config.uploadMaxBytes`. */
export function spoolIncoming(ctx: AppContext, stream: Readable): Promise<SpooledUpload> {
  return spoolUpload(stream, {
    tmpDir: path.join(ctx.config.filesDir, '.tmp'),
    maxBytes: ctx.config.uploadMaxBytes,
  });
}

// The client's name is kept for the record only; PostgreSQL text cannot hold NUL and nobody needs 10 kB of it.
function recordedName(raw: string): string {
  return [...raw.replace(/\p{Cc}/gu, '\uFFFD')].slice(0, 255).join('');
}

export interface CommitUploadInput {
  ownerModule: string;
  ownerId: string | null;
  filename: string;
  purpose: UploadPurpose;
}

/**
 * Sniffs, stores and records a spooled upload. The bytes are stored before the row is written; if the row cannot
 * be written the bytes are deleted again. When the caller's transaction rolls back after this returns, the bytes
 * stay behind without a row (a cleanup job can remove keys that no row names).
 */
export async function commitUpload(
  ctx: AppContext,
  uploader: FileUploader,
  origin: AuditOrigin,
  spooled: SpooledUpload,
  input: CommitUploadInput,
  trx?: Db,
): Promise<FileDto> {
  assertOwnerModule(input.ownerModule);
  const sniffed = await sniffContent(spooled, {
    allow: UPLOAD_PURPOSES[input.purpose],
    filename: input.filename,
  });
  const store = fileStore(ctx);
  const key = newStorageKey();
  await store.put(key, fs.createReadStream(spooled.path));
  const record = async (db: Db): Promise<StoredFile> => {
    const row = await insertStoredFile(db, {
      owner_module: input.ownerModule,
      owner_id: input.ownerId,
      uploaded_by: uploader.userId,
      original_name: recordedName(input.filename),
      safe_name: sniffed.name,
      content_type: sniffed.contentType,
      size_bytes: spooled.sizeBytes,
      sha256: spooled.sha256,
      storage_key: key,
      purpose: input.purpose,
    });
    await appendAudit(db, origin, {
      action: 'file.uploaded',
      subjectType: 'file',
      subjectId: row.id,
      detail: {
        name: sniffed.name,
        contentType: sniffed.contentType,
        sizeBytes: spooled.sizeBytes,
        sha256: spooled.sha256,
        purpose: input.purpose,
        ownerModule: input.ownerModule,
        ownerId: input.ownerId,
      },
    });
    return row;
  };
  try {
    const row = trx ? await record(trx) : await ctx.db.transaction().execute(record);
    return toDto(row);
  } catch (err) {
    await store.delete(key).catch(() => undefined);
    throw err;
  }
}

/** Whose upload a stored file is (`uploaded_by`): the acting user, or a user a job stores a file for. */
export type FileUploader = Pick<Actor, 'userId'>;

export interface StoreUploadInput {
  ownerModule: string;
  ownerId: string | null;
  filename: string;
  stream: Readable;
  purpose?: UploadPurpose;
  /** Request details for the audit entry; defaults to the uploader when that is the acting user (an `Actor`). */
  origin?: AuditOrigin;
}

function isActor(uploader: FileUploader | Actor): uploader is Actor {
  return 'permissions' in uploader;
}

/** For other modules' use cases: stores `stream` as a file owned by (ownerModule, ownerId). */
export async function storeUpload(
  ctx: AppContext,
  uploader: Actor | FileUploader,
  input: StoreUploadInput,
  trx?: Db,
): Promise<FileDto> {
  const origin = input.origin ?? (isActor(uploader) ? { actor: uploader } : undefined);
  // A job storing a file for a user acts as itself: it must say so (its system origin) rather than pose as the user.
  if (!origin) throw new Error('storeUpload: give the origin when the uploader is not the acting user');
  const spooled = await spoolIncoming(ctx, input.stream);
  try {
    return await commitUpload(
      ctx,
      uploader,
      origin,
      spooled,
      {
        ownerModule: input.ownerModule,
        ownerId: input.ownerId,
        filename: input.filename,
        purpose: input.purpose ?? 'attachment',
      },
      trx,
    );
  } finally {
    await discardSpooled(spooled);
  }
}

async function getReadableFile(ctx: AppContext, actor: Actor, id: string): Promise<StoredFile> {
  const row = await findStoredFile(ctx.db, id);
  const allowed =
    row !== undefined &&
    (await mayReadFile(
      actor,
      { uploadedBy: row.uploaded_by, ownerModule: row.owner_module, ownerId: row.owner_id },
      ctx.db,
      ctx.registry.fileAccess(row.owner_module),
    ));
  // Someone else's file is indistinguishable from a missing one.
  if (!row || !allowed) throw new AppError('NOT_FOUND', 'File not found.', { params: { reason: 'file' } });
  return row;
}

export async function getFile(ctx: AppContext, actor: Actor, id: string): Promise<FileDto> {
  return toDto(await getReadableFile(ctx, actor, id));
}

export async function openFileContent(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ file: FileDto; stream: Readable }> {
  const row = await getReadableFile(ctx, actor, id);
  const stream = await fileStore(ctx).get(row.storage_key);
  return { file: toDto(row), stream };
}

/**
 * Claims an upload the actor made through POST /api/files for a record of another module (inside that module's
 * transaction). Repeating the same claim is a no-op; a file that is not the actor's is not found; one already
 * claimed for something else is a conflict.
 */
export async function attachFile(
  trx: Db,
  actor: Actor,
  fileId: string,
  owner: { ownerModule: string; ownerId: string },
): Promise<FileDto> {
  assertOwnerModule(owner.ownerModule);
  const row = await findStoredFile(trx, fileId);
  if (!row || row.uploaded_by !== actor.userId)
    throw new AppError('NOT_FOUND', 'File not found.', { params: { reason: 'file' } });
  if (row.owner_module === owner.ownerModule && row.owner_id === owner.ownerId) return toDto(row);
  const updated =
    row.owner_module === UNATTACHED_OWNER
      ? await setStoredFileOwner(trx, fileId, { ownerModule: UNATTACHED_OWNER }, owner)
      : undefined;
  if (!updated)
    throw new AppError('CONFLICT', 'The file is already attached elsewhere.', {
      params: { reason: 'file-attached' },
    });
  return toDto(updated);
}
