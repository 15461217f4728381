/**
 * Writing an import's validated chunks into `credit_record`. Every writer of a decision space (department ×
 * category: imports, form/API entry, generated breach records) holds its advisory lock for the transaction.
 *
 * Two ways in:
 * - Literals (partial imports, dry runs, and on PGlite a decision space that already had records): one upsert per
 *   chunk of a few thousand rows; the rows travel as one literal per column (text arrays, `unnest`ed; the data
 *   objects as one JSON array), the enterprise link is resolved set-based by the enterprise module's SQL
 *   expression, and `on conflict … where content_hash <> excluded.content_hash` makes the same row twice a no-op.
 * - Bulk-load mode (all-or-nothing on PostgreSQL; on PGlite when the decision space had no records as the import
 *   began): chunks arrive as COPY text. A chunk none of whose decision numbers occurred earlier in the file
 *   ("fresh") and none of which is in the space — known at once for a space that was empty, else after one index
 *   probe per number; nobody else can add one while the import holds the lock — is copied straight into
 *   `credit_record`, which PostgreSQL inserts in batches; any other chunk is copied into a temporary stage and
 *   upserted from there. On a million rows this took the database's time per row down by about a third.
 *
 * Sinks decide when rows become permanent:
 * - `DirectSink` (partial imports): each chunk is its own transaction with its own audit entry.
 * - `TransactionSink` (all-or-nothing on PostgreSQL): one transaction on a dedicated connection for the whole
 *   import, written while the file is still being read; a bad row rolls everything back. One audit entry at the
 *   end, so the audit chain's lock is held only for the commit.
 * - `SpoolSink` (all-or-nothing on PGlite, whose single connection cannot keep a transaction open without blocking
 *   every other query): chunks go to a local spool file; once the whole file is known to be valid they are merged
 *   chunk by chunk like `DirectSink`. A bad row deletes the spool: nothing was written.
 * - `DryRunSink`: counts the rows that would be unchanged.
 * At most one chunk is in flight: the next chunk is validated while the database writes the previous one.
 *
 * Per-chunk key checks: the constant foreign keys of an imported record (department, category, creator, import) are
 * the import row's own, and `credit_import` references the same department, category and creator; locking the
 * import row `for key share` once per transaction therefore keeps them all from disappearing exactly as the per-row
 * RI triggers would — which on a million rows cost more than the rest of the insert. When the database allows it
 * (PGlite always; PostgreSQL for a superuser or a role granted `SET ON PARAMETER session_replication_role`) and
 * `credit_record` has no triggers of its own, the merge statement runs with `session_replication_role = replica`
 * (RI triggers skipped) after that lock, and the setting is restored right after it. The enterprise link comes
 * from the registry in the same statement; enterprises are never deleted (as for `policy_match`). Otherwise every
 * row is checked by the triggers as usual.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type pg from 'pg';
import { appendAudit, type AuditOrigin } from '../../kernel/audit.ts';
import type { WorkCalendar } from '../../kernel/calendar/calendar.ts';
import type { Db } from '../../kernel/db/database.ts';
import { copyFrom, kyselyOnClient } from '../../kernel/db/pg-copy.ts';
import { kyselyOnPgliteTransaction } from '../../kernel/db/database.ts';
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import { registryIdOfUscc } from '../enterprise/index.ts';
import { COPY_COLUMNS, STAGE_COLUMNS, type ChunkData } from './import-rows.ts';
import { findExistingDecisions, lockDecisionSpace, setRecordTimeliness } from './records.repository.ts';
import { timelinessOf } from './records.service.ts';

export interface WriteTarget {
  importId: string;
  categoryCode: string;
  departmentId: string;
  createdBy: string | null;
  /** Who the write transactions' audit entries name (the run's system actor); `createdBy` stays on the records. */
  origin: AuditOrigin;
  /** The entry time of new records (the import's start). */
  enteredAt: Date;
  cal: WorkCalendar;
  entryDeadlineWorkdays: number;
  /** Whether RI triggers may be replaced by the per-transaction key lock (see above). */
  keyLockPerTransaction: boolean;
}

export interface WriteTotals {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Of the inserted rows, those copied straight in (bulk-load mode). */
  copied: number;
}

/** Whether this connection may skip per-row RI triggers on `credit_record` (see the module comment). */
export async function keyLockAllowed(db: Db): Promise<boolean> {
  try {
    const r = await sql<{ ok: boolean }>`
      select (current_setting('is_superuser') = 'on'
          or has_parameter_privilege('session_replication_role', 'SET'))
        and not exists (select 1 from pg_trigger where tgrelid = 'credit_record'::regclass and not tgisinternal)
        as ok`.execute(db);
    return r.rows[0]?.ok === true;
  } catch {
    // Before PostgreSQL 15 there is no has_parameter_privilege: keep the triggers.
    return false;
  }
}

/**
 * How many of these decision numbers the space holds: one index probe each, as a lateral subquery with a limit
 * (a join would be planned from statistics that lag behind the import; see `mergeRows`' neighbours).
 */
async function existingDecisions(db: Db, t: WriteTarget, decisionNos: readonly string[]): Promise<number> {
  if (decisionNos.length === 0) return 0;
  const r = await sql<{ n: number }>`
    select count(e.hit)::int as n from unnest(${[...decisionNos]}::text[]) as k(decision_no)
    left join lateral (select 1 as hit from credit_record c
      where c.department_id = ${t.departmentId}::uuid and c.category_code = ${t.categoryCode}
        and c.decision_no = k.decision_no limit 1) e on true`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Whether the import's decision space (department × category) has no records. */
async function decisionSpaceEmpty(db: Db, t: WriteTarget): Promise<boolean> {
  const r = await sql<{ empty: boolean }>`
    select not exists (select 1 from credit_record
      where department_id = ${t.departmentId}::uuid and category_code = ${t.categoryCode}) as empty`.execute(
    db,
  );
  return r.rows[0]?.empty === true;
}

/** Once per transaction, before its first chunk: the decision-space lock, and the key lock when RI is skipped. */
async function lockForWriting(trx: Db, t: WriteTarget): Promise<void> {
  await lockDecisionSpace(trx, { departmentId: t.departmentId, categoryCode: t.categoryCode });
  if (t.keyLockPerTransaction)
    await sql`select 1 from credit_import where id = ${t.importId}::uuid for key share`.execute(trx);
}

const UNNEST_COLUMNS = sql.raw(STAGE_COLUMNS.map(([name]) => name).join(', '));

interface MergeResult {
  inserted: number;
  updated: number;
  /** Of the inserted rows, those copied straight in. */
  copied?: number;
}

/**
 * Inserts or corrects one chunk of literals inside `trx` (see `mergeRows`).
 */
async function mergeChunk(
  trx: Db,
  t: WriteTarget,
  chunk: { size: number; literals: readonly string[] },
  replica: boolean,
): Promise<MergeResult> {
  const { size, literals } = chunk;
  if (size === 0) return { inserted: 0, updated: 0 };
  const rows = sql`rows from (${sql.join(
    STAGE_COLUMNS.map(([, type], i) =>
      type === 'jsonb'
        ? sql`jsonb_array_elements(${literals[i] ?? '[]'}::jsonb)`
        : sql`unnest(${literals[i] ?? '{}'}::${sql.raw(type)}[])`,
    ),
  )}) as u(${UNNEST_COLUMNS})`;
  return mergeRows(trx, t, {
    from: rows,
    enterpriseId: registryIdOfUscc(sql.ref('u.uscc')),
    enteredAt: sql`${t.enteredAt.toISOString()}::timestamptz`,
    replica,
  });
}

interface MergeSource {
  /** A from-item named `u` with the STAGE_COLUMNS. */
  from: RawBuilder<unknown>;
  enterpriseId: RawBuilder<unknown>;
  enteredAt: RawBuilder<unknown>;
  replica: boolean;
}

/**
 * One upsert for a set of rows: new decisions are inserted, existing ones corrected when their content hash differs
 * (`on conflict … where`: the same row twice is a no-op), and only corrected rows come back, whose timeliness is
 * recomputed from their first entry.
 */
async function mergeRows(trx: Db, t: WriteTarget, src: MergeSource): Promise<MergeResult> {
  const { from, enterpriseId, enteredAt, replica } = src;
  if (replica) await sql`set local session_replication_role = replica`.execute(trx);
  const r = await sql<{
    id: string | null;
    decision_date: string | null;
    entered_at: Date | null;
    n: number | null;
  }>`
    with m as (
      insert into credit_record (category_code, uscc, entity_name, enterprise_id, department_id, decision_no,
        decision_date, entered_at, entry_workdays, timely, data, severity, publication, publish_from,
        publish_min_until, publish_until, source, import_id, content_hash, created_by, updated_at)
      select ${t.categoryCode}, u.uscc, u.entity_name, ${enterpriseId}, ${t.departmentId}::uuid,
        u.decision_no, u.decision_date, ${enteredAt}, u.entry_workdays, u.timely, u.data, u.severity,
        u.publication, u.publish_from, u.publish_min_until, u.publish_until, 'import', ${t.importId}::uuid,
        u.content_hash, ${t.createdBy}::uuid, now()
      from ${from}
      on conflict (department_id, category_code, decision_no) do update set
        uscc = excluded.uscc, entity_name = excluded.entity_name, enterprise_id = excluded.enterprise_id,
        decision_date = excluded.decision_date, data = excluded.data, severity = excluded.severity,
        publication = excluded.publication, publish_from = excluded.publish_from,
        publish_min_until = excluded.publish_min_until, publish_until = excluded.publish_until,
        import_id = excluded.import_id, content_hash = excluded.content_hash, updated_at = now()
      where credit_record.content_hash <> excluded.content_hash
      returning id, (xmax = 0) as inserted, decision_date, entered_at)
    select null::uuid as id, null::date as decision_date, null::timestamptz as entered_at, count(*)::int as n
      from m where m.inserted
    union all
    select id, decision_date, entered_at, null from m where not m.inserted`.execute(trx);
  if (replica) await sql`set local session_replication_role = origin`.execute(trx);
  let inserted = 0;
  const corrected: { id: string; entry_workdays: number; timely: boolean }[] = [];
  for (const row of r.rows) {
    if (row.id === null) inserted = row.n ?? 0;
    else {
      // A correction keeps its first entry time: timeliness is measured from it, against the new decision date.
      const tl = timelinessOf(
        t.cal,
        row.decision_date ?? '',
        new Date(row.entered_at ?? t.enteredAt),
        t.entryDeadlineWorkdays,
      );
      corrected.push({ id: row.id, entry_workdays: tl.entryWorkdays, timely: tl.timely });
    }
  }
  await setRecordTimeliness(trx, corrected);
  return { inserted, updated: corrected.length };
}

const COPY_LIST = COPY_COLUMNS.join(', ');

/** The temporary stage of bulk-load mode: the COPY columns, dropped with the transaction. */
const STAGE_TABLE = `create temporary table credit_import_stage (id uuid, category_code text, uscc text,
  entity_name text, enterprise_id uuid, department_id uuid, decision_no text, decision_date date,
  entered_at timestamptz, entry_workdays int, timely boolean, data jsonb, severity text, publication text,
  publish_from date, publish_min_until date, publish_until date, source text, import_id uuid, content_hash text,
  created_by uuid) on commit drop`;

function mergeFromStage(trx: Db, t: WriteTarget): Promise<MergeResult> {
  return mergeRows(trx, t, {
    from: sql`credit_import_stage u`,
    enterpriseId: sql`u.enterprise_id`,
    enteredAt: sql`u.entered_at`,
    replica: t.keyLockPerTransaction,
  });
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/**
 * Bulk-load mode on PGlite, one chunk in one transaction: a fresh chunk is copied straight in; should a decision
 * number have appeared since the import began (another writer between two chunk transactions), the copy fails as a
 * whole and the chunk is upserted through the stage instead, as a chunk that may repeat one always is.
 */
async function copyChunkPglite(
  pglite: PGlite,
  t: WriteTarget,
  chunk: { first: number; last: number; size: number; copy: Buffer; fresh: boolean },
): Promise<MergeResult> {
  const blob = new Blob([new Uint8Array(chunk.copy)]);
  const inTransaction = (
    work: (tx: PGliteTransaction, db: Db) => Promise<MergeResult>,
  ): Promise<MergeResult> =>
    pglite.transaction(async (tx) => {
      const db = kyselyOnPgliteTransaction(tx);
      await lockForWriting(db, t);
      const r = await work(tx, db);
      await auditWrite(db, t, chunk, r);
      return r;
    });
  if (chunk.fresh) {
    try {
      return await inTransaction(async (tx) => {
        if (t.keyLockPerTransaction) await tx.query('set local session_replication_role = replica');
        await tx.query(`copy credit_record (${COPY_LIST}) from '/dev/blob'`, [], { blob });
        if (t.keyLockPerTransaction) await tx.query('set local session_replication_role = origin');
        return { inserted: chunk.size, updated: 0, copied: chunk.size };
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  return inTransaction(async (tx, db) => {
    await tx.query(STAGE_TABLE);
    await tx.query(`copy credit_import_stage (${COPY_LIST}) from '/dev/blob'`, [], { blob });
    return mergeFromStage(db, t);
  });
}

/**
 * Bulk-load mode on one connection (`client`, inside the import's transaction): a fresh chunk is copied straight
 * into `credit_record` (PostgreSQL then inserts in batches); any other chunk is copied into a temporary stage and
 * merged from there like a chunk of literals.
 */
async function copyChunk(
  client: pg.PoolClient,
  trx: Db,
  t: WriteTarget,
  chunk: { size: number; copy: string; fresh: boolean; decisionNos: readonly string[] },
  stage: { created: boolean; spaceHadRecords: boolean },
): Promise<MergeResult> {
  const replica = t.keyLockPerTransaction;
  const payload = [Buffer.from(chunk.copy, 'utf8')];
  // A space that had records before the import: a fresh chunk goes straight in only if none of its numbers is
  // there (the import holds the space's lock, so the answer stays true until it commits).
  const direct =
    chunk.fresh && (!stage.spaceHadRecords || (await existingDecisions(trx, t, chunk.decisionNos)) === 0);
  if (direct) {
    if (replica) await client.query('set local session_replication_role = replica');
    await copyFrom(client, `copy credit_record (${COPY_LIST}) from stdin`, payload);
    if (replica) await client.query('set local session_replication_role = origin');
    return { inserted: chunk.size, updated: 0, copied: chunk.size };
  }
  if (!stage.created) {
    await client.query(STAGE_TABLE);
    stage.created = true;
  } else {
    await client.query('truncate credit_import_stage');
  }
  await copyFrom(client, `copy credit_import_stage (${COPY_LIST}) from stdin`, payload);
  return mergeFromStage(trx, t);
}

async function auditWrite(
  trx: Db,
  t: WriteTarget,
  rows: { first: number; last: number },
  r: MergeResult,
): Promise<void> {
  if (r.inserted + r.updated === 0) return;
  await appendAudit(trx, t.origin, {
    action: 'credit.records-imported',
    subjectType: 'credit_import',
    subjectId: t.importId,
    detail: {
      category: t.categoryCode,
      rows: `${rows.first}-${rows.last}`,
      inserted: r.inserted,
      updated: r.updated,
      ...(r.copied ? { copied: r.copied } : {}),
      byUser: t.createdBy,
    },
  });
}

/** One chunk as its own transaction (merge, timeliness of corrections, audit). */
async function writeChunkTransaction(
  db: Db,
  t: WriteTarget,
  chunk: { first: number; last: number; size: number; literals: readonly string[] },
): Promise<MergeResult> {
  return db.transaction().execute(async (trx) => {
    await lockForWriting(trx, t);
    const r = await mergeChunk(trx, t, chunk, t.keyLockPerTransaction);
    await auditWrite(trx, t, chunk, r);
    return r;
  });
}

export interface RecordSink {
  /** Hands a chunk over; returns once the previous chunk is written (one chunk in flight). */
  write(chunk: ChunkData): Promise<void>;
  /** Waits for everything and makes it permanent. */
  finish(onProgress?: (rowsWritten: number) => Promise<void>): Promise<WriteTotals>;
  /** Discards what is not yet permanent. Never throws. */
  abort(): Promise<void>;
}

/** Keeps one write in flight; its failure surfaces at the next call. */
class InFlight {
  #p: Promise<void> = Promise.resolve();
  #error: unknown;
  #failed = false;

  async settle(): Promise<void> {
    await this.#p;
    if (this.#failed) throw this.#error;
  }

  start(work: () => Promise<void>): void {
    this.#p = work().catch((err: unknown) => {
      this.#failed = true;
      this.#error = err;
    });
  }
}

function addTotals(totals: WriteTotals, size: number, r: MergeResult): void {
  totals.inserted += r.inserted;
  totals.updated += r.updated;
  totals.unchanged += size - r.inserted - r.updated;
  totals.copied += r.copied ?? 0;
}

export class DirectSink implements RecordSink {
  readonly #db: Db;
  readonly #t: WriteTarget;
  readonly #flight = new InFlight();
  readonly #totals: WriteTotals = { inserted: 0, updated: 0, unchanged: 0, copied: 0 };

  constructor(db: Db, target: WriteTarget) {
    this.#db = db;
    this.#t = target;
  }

  async write(chunk: ChunkData): Promise<void> {
    await this.#flight.settle();
    const size = chunk.size;
    const job = { first: chunk.firstRow, last: chunk.lastRow, size, literals: chunk.literals };
    this.#flight.start(async () => {
      addTotals(this.#totals, size, await writeChunkTransaction(this.#db, this.#t, job));
    });
  }

  async finish(): Promise<WriteTotals> {
    await this.#flight.settle();
    return { ...this.#totals };
  }

  async abort(): Promise<void> {
    await this.#flight.settle().catch(() => undefined);
  }
}

/**
 * PostgreSQL only: one transaction on a connection of its own (taken from the pool; progress updates use others)
 * for the whole import, opened by `open()` before the file is read.
 */
export class TransactionSink implements RecordSink {
  readonly #pool: pg.Pool;
  readonly #t: WriteTarget;
  readonly #flight = new InFlight();
  readonly #totals: WriteTotals = { inserted: 0, updated: 0, unchanged: 0, copied: 0 };
  readonly #stage = { created: false, spaceHadRecords: true };
  #conn: { client: pg.PoolClient; db: Db } | undefined;
  #first = 0;
  #last = 0;

  constructor(pool: pg.Pool, target: WriteTarget) {
    this.#pool = pool;
    this.#t = target;
  }

  /**
   * Begins the transaction and takes the locks. Bulk-load mode always applies here: the lock is held until the
   * commit, so whether a chunk can be copied straight in is known — at once when the space was empty, else after
   * one probe per decision number of the chunk.
   */
  async open(): Promise<boolean> {
    const conn = await this.#connection();
    this.#stage.spaceHadRecords = !(await decisionSpaceEmpty(conn.db, this.#t));
    return true;
  }

  async #connection(): Promise<{ client: pg.PoolClient; db: Db }> {
    if (this.#conn) return this.#conn;
    const client = await this.#pool.connect();
    const conn = { client, db: kyselyOnClient(client) };
    try {
      await client.query('begin');
      await lockForWriting(conn.db, this.#t);
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      client.release();
      throw err;
    }
    this.#conn = conn;
    return conn;
  }

  async write(chunk: ChunkData): Promise<void> {
    await this.#flight.settle();
    const conn = await this.#connection();
    if (this.#first === 0) this.#first = chunk.firstRow;
    this.#last = chunk.lastRow;
    const { size, literals, copy, fresh, decisionNos } = chunk;
    this.#flight.start(async () => {
      const r =
        copy === undefined
          ? await mergeChunk(conn.db, this.#t, { size, literals }, this.#t.keyLockPerTransaction)
          : await copyChunk(
              conn.client,
              conn.db,
              this.#t,
              { size, copy, fresh: fresh === true, decisionNos },
              this.#stage,
            );
      addTotals(this.#totals, size, r);
    });
  }

  async finish(): Promise<WriteTotals> {
    await this.#flight.settle();
    const conn = this.#conn;
    if (!conn) return { ...this.#totals };
    this.#conn = undefined;
    try {
      await auditWrite(conn.db, this.#t, { first: this.#first, last: this.#last }, this.#totals);
      await conn.client.query('commit');
    } catch (err) {
      await conn.client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      conn.client.release();
    }
    return { ...this.#totals };
  }

  async abort(): Promise<void> {
    await this.#flight.settle().catch(() => undefined);
    const conn = this.#conn;
    this.#conn = undefined;
    if (!conn) return;
    await conn.client.query('rollback').catch(() => undefined);
    conn.client.release();
  }
}

/** Where one chunk's column literals lie in the spool file. */
interface SpoolEntry {
  first: number;
  last: number;
  size: number;
  offset: number;
  /** Byte length of each column's literal, or of the COPY text (bulk-load mode). */
  lengths: number[];
  /** Bulk-load mode: the entry is COPY text, and whether it is fresh. */
  copy?: { fresh: boolean };
}

export class SpoolSink implements RecordSink {
  readonly #db: Db;
  readonly #pglite: PGlite | undefined;
  readonly #t: WriteTarget;
  readonly #path: string;
  #out: fs.WriteStream | undefined;
  /** One small entry per chunk (a million rows: 200 entries); the rows themselves are in the file. */
  #entries: SpoolEntry[] = [];
  #offset = 0;

  /** `pglite`: the database behind `db` when it is PGlite, for bulk-load mode. */
  constructor(db: Db, target: WriteTarget, pglite?: PGlite) {
    this.#db = db;
    this.#pglite = pglite;
    this.#t = target;
    this.#path = path.join(os.tmpdir(), `credit-import-${randomBytes(8).toString('hex')}.spool`);
  }

  /** Whether bulk-load mode applies: PGlite, and the decision space has no records as the import begins. */
  async open(): Promise<boolean> {
    if (!this.#pglite) return false;
    return decisionSpaceEmpty(this.#db, this.#t);
  }

  async write(chunk: ChunkData): Promise<void> {
    this.#out ??= fs.createWriteStream(this.#path, { highWaterMark: 1024 * 1024 });
    const parts =
      chunk.copy === undefined
        ? chunk.literals.map((l) => Buffer.from(l, 'utf8'))
        : [Buffer.from(chunk.copy, 'utf8')];
    const lengths = parts.map((b) => b.length);
    this.#entries.push({
      first: chunk.firstRow,
      last: chunk.lastRow,
      size: chunk.size,
      offset: this.#offset,
      lengths,
      ...(chunk.copy === undefined ? {} : { copy: { fresh: chunk.fresh === true } }),
    });
    for (const b of parts) {
      this.#offset += b.length;
      if (!this.#out.write(b)) await once(this.#out, 'drain');
    }
  }

  async #close(): Promise<void> {
    const out = this.#out;
    if (!out) return;
    this.#out = undefined;
    out.end();
    if (!out.closed) await once(out, 'close');
  }

  async finish(onProgress?: (rowsWritten: number) => Promise<void>): Promise<WriteTotals> {
    const totals: WriteTotals = { inserted: 0, updated: 0, unchanged: 0, copied: 0 };
    try {
      await this.#close();
      if (this.#entries.length === 0) return totals;
      const file = await fsp.open(this.#path, 'r');
      try {
        let written = 0;
        for (const e of this.#entries) {
          const bytes = Buffer.alloc(e.lengths.reduce((a, b) => a + b, 0));
          await file.read(bytes, 0, bytes.length, e.offset);
          if (e.copy && this.#pglite) {
            const r = await copyChunkPglite(this.#pglite, this.#t, {
              ...e,
              copy: bytes,
              fresh: e.copy.fresh,
            });
            addTotals(totals, e.size, r);
            written += e.size;
            await onProgress?.(written);
            continue;
          }
          const literals: string[] = [];
          let at = 0;
          for (const n of e.lengths) {
            literals.push(bytes.toString('utf8', at, at + n));
            at += n;
          }
          addTotals(totals, e.size, await writeChunkTransaction(this.#db, this.#t, { ...e, literals }));
          written += e.size;
          await onProgress?.(written);
        }
      } finally {
        await file.close();
      }
      return totals;
    } finally {
      await fsp.rm(this.#path, { force: true });
    }
  }

  async abort(): Promise<void> {
    this.#entries = [];
    await this.#close().catch(() => undefined);
    await fsp.rm(this.#path, { force: true }).catch(() => undefined);
  }
}

export class DryRunSink implements RecordSink {
  readonly #db: Db;
  readonly #t: WriteTarget;
  readonly #flight = new InFlight();
  #unchanged = 0;

  constructor(db: Db, target: WriteTarget) {
    this.#db = db;
    this.#t = target;
  }

  async write(chunk: ChunkData): Promise<void> {
    await this.#flight.settle();
    const keys = chunk.decisionNos;
    const hashes = chunk.hashes;
    this.#flight.start(async () => {
      const existing = await findExistingDecisions(
        this.#db,
        { departmentId: this.#t.departmentId, categoryCode: this.#t.categoryCode },
        keys,
      );
      const stored = new Map(existing.map((e) => [e.decision_no, e.content_hash]));
      keys.forEach((k, i) => {
        if (stored.get(k) === hashes[i]) this.#unchanged++;
      });
    });
  }

  async finish(): Promise<WriteTotals> {
    await this.#flight.settle();
    return { inserted: 0, updated: 0, unchanged: this.#unchanged, copied: 0 };
  }

  async abort(): Promise<void> {
    await this.#flight.settle().catch(() => undefined);
  }
}
