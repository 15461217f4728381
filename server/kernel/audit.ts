/**
 * Append-only, hash-chained audit log (等保 2.0: audit records protected from change). Each entry's hash covers
 * its content and the previous entry's hash; the single-row `audit_head` is locked for every append so the chain
 * never forks, and remembers the last entry so deleting the newest rows is detected too. Entries are written in
 * the same transaction as the change they record.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Db } from './db/database.ts';
import type { Actor, SystemActor } from './policy.ts';

type AuditTables = {
  audit_log: {
    seq: number;
    at: Date;
    actor_id: string | null;
    actor_name: string | null;
    action: string;
    subject_type: string;
    subject_id: string | null;
    detail: unknown;
    ip: string | null;
    request_id: string | null;
    prev_hash: string;
    hash: string;
  };
  audit_head: { id: number; last_seq: number; last_hash: string };
};

/**
 * Declared audit actions and the detail each records (action → detail type). Modules add theirs by declaration
 * merging next to their manifest's `auditActions`; `appendAudit` then types `detail` for that action. Actions not
 * (yet) declared take any object.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging in each module
export interface AuditActions {}

export type AuditAction = Extract<keyof AuditActions, string>;

/** The manifest's list of a module's audit actions (checked for duplicates at start-up). */
export function defineAuditActions<const T extends readonly AuditAction[]>(actions: T): T {
  return actions;
}

export interface AuditEntry<A extends string = string> {
  action: A;
  subjectType: string;
  subjectId?: string | null;
  detail?: A extends AuditAction ? AuditActions[A] : Record<string, unknown>;
}

export interface AuditOrigin {
  actor?: Actor | undefined;
  /** For actions by the system itself (jobs, start-up): the declared system actor's name, see `systemOrigin`. */
  system?: string;
  ip?: string | null;
  requestId?: string | null;
}

/** The origin of an action by a declared system actor (a job's `run.actor`). */
export function systemOrigin(actor: SystemActor): AuditOrigin {
  return { system: actor.name };
}

const GENESIS = '0'.repeat(64);

function tables(db: Db): Kysely<AuditTables> {
  return db.withTables<AuditTables>();
}

/** Stable JSON: keys sorted, so the same content always hashes the same on any platform. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

interface HashedFields {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  detail: unknown;
  ip: string | null;
  requestId: string | null;
}

export function auditHash(prevHash: string, fields: HashedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

/** Must be called inside the use case's transaction. */
export async function appendAudit<A extends string>(
  trx: Db,
  origin: AuditOrigin,
  entry: AuditEntry<A>,
): Promise<number> {
  const t = tables(trx);
  const head = await t
    .selectFrom('audit_head')
    .select(['last_seq', 'last_hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  // Millisecond precision: what is hashed must be exactly what the database gives back.
  const at = new Date(Math.floor(Date.now()));
  const fields: HashedFields = {
    seq: Number(head.last_seq) + 1,
    at: at.toISOString(),
    actorId: origin.actor?.userId ?? null,
    actorName: origin.actor ? origin.actor.username : origin.system ? `system:${origin.system}` : null,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    detail: JSON.parse(canonicalJson(entry.detail ?? {})) as unknown,
    ip: origin.ip ?? null,
    requestId: origin.requestId ?? null,
  };
  const hash = auditHash(head.last_hash, fields);
  await t
    .insertInto('audit_log')
    .values({
      seq: fields.seq,
      at,
      actor_id: fields.actorId,
      actor_name: fields.actorName,
      action: fields.action,
      subject_type: fields.subjectType,
      subject_id: fields.subjectId,
      detail: JSON.stringify(fields.detail),
      ip: fields.ip,
      request_id: fields.requestId,
      prev_hash: head.last_hash,
      hash,
    })
    .execute();
  await t
    .updateTable('audit_head')
    .set({ last_seq: fields.seq, last_hash: hash })
    .where('id', '=', 1)
    .execute();
  return fields.seq;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBroken: null | { seq: number; reason: string };
}

/** Walks the chain in pages; reports the first entry whose content, link or sequence does not hold. */
export async function verifyAuditChain(
  db: Db,
  onProgress?: (checked: number, total: number) => void,
): Promise<AuditVerification> {
  const t = tables(db);
  const head = await t.selectFrom('audit_head').select(['last_seq', 'last_hash']).executeTakeFirstOrThrow();
  const total = Number(head.last_seq);
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  const pageSize = 5000;
  for (;;) {
    const rows = await t
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) {
        return {
          ok: false,
          checked,
          firstBroken: { seq: expectedSeq, reason: `entry ${expectedSeq} is missing` },
        };
      }
      if (r.prev_hash !== prevHash) {
        return {
          ok: false,
          checked,
          firstBroken: { seq, reason: 'link to the previous entry does not match' },
        };
      }
      const recomputed = auditHash(prevHash, {
        seq,
        at: new Date(r.at).toISOString(),
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        detail: r.detail,
        ip: r.ip,
        requestId: r.request_id,
      });
      if (recomputed !== r.hash) {
        return {
          ok: false,
          checked,
          firstBroken: { seq, reason: 'content was altered after it was written' },
        };
      }
      prevHash = r.hash;
      expectedSeq++;
      checked++;
    }
    onProgress?.(checked, total);
    if (rows.length < pageSize) break;
  }
  if (checked !== total || prevHash !== head.last_hash) {
    return {
      ok: false,
      checked,
      firstBroken: {
        seq: checked + 1,
        reason: `the chain ends at ${checked} but the head records ${total} entries`,
      },
    };
  }
  return { ok: true, checked, firstBroken: null };
}

export interface AuditListItem {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  detail: unknown;
  hash: string;
  prevHash: string;
}

export async function listAudit(
  db: Db,
  q: { page: number; pageSize: number; action?: string | undefined; actor?: string | undefined },
): Promise<{ items: AuditListItem[]; total: number }> {
  const t = tables(db);
  let base = t.selectFrom('audit_log');
  if (q.action) base = base.where('action', 'like', `${q.action.replaceAll('%', '')}%`);
  if (q.actor) base = base.where('actor_name', '=', q.actor);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: count.n,
    items: rows.map((r) => ({
      seq: Number(r.seq),
      at: new Date(r.at).toISOString(),
      actor: r.actor_name,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      detail: r.detail,
      hash: r.hash,
      prevHash: r.prev_hash,
    })),
  };
}
