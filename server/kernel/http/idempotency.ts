/**
 * Idempotent POSTs (`Idempotency-Key` header). A key is scoped by actor and route; the request it was first used
 * with is fingerprinted (method, path, canonical body — or, for uploads, the file's SHA-256 and the form fields).
 *
 * - first use: the key is claimed with an insert (status_code 0 = in progress) *before* the handler runs, so two
 *   concurrent requests with the same key can never both run it; the loser gets 409 CONFLICT ("still processing");
 * - handler succeeded: its status and JSON body are stored; a retry with the same request gets them back with
 *   `Idempotent-Replayed: true` and the handler does not run again;
 * - handler threw: the claim is released, so the client may retry with the same key;
 * - same key, different request: 422 IDEMPOTENCY_KEY_REUSED.
 *
 * Keys live for 24 hours (IDEMPOTENCY_TTL_MS); after that the key may be reused for a new request, and
 * `purgeIdempotencyKeys` deletes old rows (to be run by a job). An in-progress claim older than
 * IDEMPOTENCY_STALE_CLAIM_MS is taken to be left behind by a crashed process and may be claimed again.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canonicalJson } from '../audit.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import {
  deleteClaim,
  deleteKeysCreatedBefore,
  findStoredResult,
  insertClaim,
  storeResult,
  takeOverClaim,
} from './idempotency.repository.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
export const IDEMPOTENCY_STALE_CLAIM_MS = 10 * 60_000;
const KEY_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
const IN_PROGRESS = 0;

export interface IdempotentResult {
  status: number;
  /** Must be JSON-serialisable: it is stored and replayed as is. */
  body?: unknown;
}

export interface IdempotencyOptions {
  /**
   * What identifies "the same request" besides method and path; defaults to the parsed body. Multipart routes pass
   * the file's SHA-256, size and name plus the form fields, since the raw stream is gone by then.
   */
  fingerprint?: unknown;
}

/** The header value, `undefined` when absent; a malformed key is a 400 naming the header. */
export function readIdempotencyKey(req: FastifyRequest): string | undefined {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  if (!KEY_PATTERN.test(value)) {
    throw new AppError('VALIDATION_FAILED', 'Idempotency-Key must be 1–128 letters, digits, _ or -.', {
      params: { reason: 'idempotency-key' },
      errors: [
        {
          field: '/headers/idempotency-key',
          rule: 'pattern',
          message: 'must be 1–128 characters of A–Z, a–z, 0–9, _ or -',
        },
      ],
    });
  }
  return value;
}

function requestHash(req: FastifyRequest, fingerprint: unknown): string {
  return createHash('sha256')
    .update(canonicalJson({ method: req.method, url: req.url, body: fingerprint ?? null }))
    .digest('hex');
}

function actorScope(req: FastifyRequest): string {
  // Anonymous callers are told apart only by address; the request fingerprint must match too before anything is
  // replayed, so a replay only ever returns what that same request would have produced.
  return req.actor ? req.actor.userId : `anonymous:${req.ip}`;
}

function send(reply: FastifyReply, result: IdempotentResult): FastifyReply {
  reply.code(result.status);
  return result.body === undefined || result.body === null ? reply.send() : reply.send(result.body);
}

/**
 * Runs `handler` at most once per (actor, route, key). Without the header the handler simply runs. The handler
 * should be the whole use case (its own transaction); only a successful result is remembered.
 */
export async function withIdempotency(
  ctx: { db: Db; clock: Clock },
  req: FastifyRequest,
  reply: FastifyReply,
  handler: () => Promise<IdempotentResult>,
  options: IdempotencyOptions = {},
): Promise<FastifyReply> {
  const key = readIdempotencyKey(req);
  if (key === undefined) return send(reply, await handler());

  const actorId = actorScope(req);
  const route = `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0] ?? ''}`;
  const hash = requestHash(req, 'fingerprint' in options ? options.fingerprint : req.body);
  const now = ctx.clock.now();
  const pk = { key, actor_id: actorId, route };

  const claim = { requestHash: hash, status: IN_PROGRESS, at: now };
  let claimed = await insertClaim(ctx.db, pk, claim);

  if (!claimed) {
    // An expired key, or a claim abandoned by a crashed process, is taken over in one statement so that two
    // retries racing for it cannot both win.
    const expiredBefore = new Date(now.getTime() - IDEMPOTENCY_TTL_MS);
    const staleBefore = new Date(now.getTime() - IDEMPOTENCY_STALE_CLAIM_MS);
    claimed = await takeOverClaim(ctx.db, pk, claim, { expiredBefore, staleBefore, inProgress: IN_PROGRESS });
  }

  if (!claimed) {
    const existing = await findStoredResult(ctx.db, pk);
    if (!existing) {
      // Released between our insert and our read (the first request failed): the client may simply retry.
      throw new AppError('CONFLICT', 'The request with this Idempotency-Key just failed; retry.', {
        params: { reason: 'idempotency-failed' },
      });
    }
    if (existing.request_hash !== hash) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used for a different request; use a new key for a new request.',
      );
    }
    if (existing.status_code === IN_PROGRESS) {
      reply.header('retry-after', '1');
      throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still processing.', {
        params: { reason: 'idempotency-in-progress' },
        extra: { retryable: true },
      });
    }
    reply.header('idempotent-replayed', 'true');
    return send(reply, { status: existing.status_code, body: existing.response_body });
  }

  let result: IdempotentResult;
  try {
    result = await handler();
  } catch (err) {
    await deleteClaim(ctx.db, pk, IN_PROGRESS);
    throw err;
  }
  const body = result.body === undefined ? null : JSON.stringify(result.body);
  await storeResult(ctx.db, pk, result.status, body);
  return send(reply, result);
}

/** Deletes keys created before `olderThan` (normally now − 24 h); returns how many. Idempotent, for a job. */
export async function purgeIdempotencyKeys(db: Db, olderThan: Date): Promise<number> {
  return deleteKeysCreatedBefore(db, olderThan);
}
