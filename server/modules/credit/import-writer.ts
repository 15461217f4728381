/**
 * Writing an import's validated chunks into `credit_record`. One statement per chunk of a few thousand rows:
 * the rows travel as one text-array literal per column (`unnest`), the enterprise link is resolved set-based by the
 * enterprise module's SQL expression, `on conflict … where content_hash <> excluded.content_hash` makes the same
 * row twice a no-op, and only the corrected rows come back (their timeliness is recomputed from their first entry).
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
import { sql, type ControlledTransaction } from 'kysely';
import { appendAudit } from '../../kernel/audit.ts';
import type { WorkCalendar } from '../../kernel/calendar/calendar.ts';
import type { Db } from '../../kernel/db/database.ts';
import { registryIdOfUscc } from '../enterprise/index.ts';
import { STAGE_COLUMNS, type ChunkData } from './import-rows.ts';
import { findExistingDecisions, setRecordTimeliness } from './records.repository.ts';
import { timelinessOf } from './records.service.ts';

export interface WriteTarget {
  importId: string;
  categoryCode: string;
  departmentId: string;
  createdBy: string | null;
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

async function lockImportKeys(trx: Db, t: WriteTarget): Promise<void> {
  await sql`select 1 from credit_import where id = ${t.importId}::uuid for key share`.execute(trx);
}

const UNNEST_COLUMNS = sql.raw(STAGE_COLUMNS.map(([name]) => name).join(', '));

interface MergeResult {
  inserted: number;
  updated: number;
}

/** Inserts or corrects one chunk inside `trx`; rows whose stored content hash is the same are left alone. */
async function mergeChunk(
  trx: Db,
  t: WriteTarget,
  literals: readonly string[],
  replica: boolean,
): Promise<MergeResult> {
  const arrays = sql.join(
    STAGE_COLUMNS.map(([, type], i) => sql`${literals[i] ?? '{}'}::${sql.raw(type)}[]`),
  );
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
      select ${t.categoryCode}, u.uscc, u.entity_name, ${registryIdOfUscc(sql.ref('u.uscc'))}, ${t.departmentId}::uuid,
        u.decision_no, u.decision_date, ${t.enteredAt.toISOString()}::timestamptz, u.entry_workdays, u.timely,
        u.data::jsonb, u.severity, u.publication, u.publish_from, u.publish_min_until, u.publish_until, 'import',
        ${t.importId}::uuid, u.content_hash, ${t.createdBy}::uuid, now()
      from unnest(${arrays}) as u(${UNNEST_COLUMNS})
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

async function auditWrite(
  trx: Db,
  t: WriteTarget,
  rows: { first: number; last: number },
  r: MergeResult,
): Promise<void> {
  if (r.inserted + r.updated === 0) return;
  await appendAudit(
    trx,
    { system: 'credit.import-file' },
    {
      action: 'credit.records-imported',
      subjectType: 'credit_import',
      subjectId: t.importId,
      detail: {
        category: t.categoryCode,
        rows: `${rows.first}-${rows.last}`,
        inserted: r.inserted,
        updated: r.updated,
        byUser: t.createdBy,
      },
    },
  );
}

/** One chunk as its own transaction (merge, timeliness of corrections, audit). */
async function writeChunkTransaction(
  db: Db,
  t: WriteTarget,
  chunk: { first: number; last: number; literals: readonly string[] },
): Promise<MergeResult> {
  return db.transaction().execute(async (trx) => {
    if (t.keyLockPerTransaction) await lockImportKeys(trx, t);
    const r = await mergeChunk(trx, t, chunk.literals, t.keyLockPerTransaction);
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
}

export class DirectSink implements RecordSink {
  readonly #db: Db;
  readonly #t: WriteTarget;
  readonly #flight = new InFlight();
  readonly #totals: WriteTotals = { inserted: 0, updated: 0, unchanged: 0 };

  constructor(db: Db, target: WriteTarget) {
    this.#db = db;
    this.#t = target;
  }

  async write(chunk: ChunkData): Promise<void> {
    await this.#flight.settle();
    const size = chunk.size;
    const job = { first: chunk.firstRow, last: chunk.lastRow, literals: chunk.literals };
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

/** PostgreSQL only (needs a second pooled connection for progress updates while the transaction is open). */
export class TransactionSink implements RecordSink {
  readonly #db: Db;
  readonly #t: WriteTarget;
  readonly #flight = new InFlight();
  readonly #totals: WriteTotals = { inserted: 0, updated: 0, unchanged: 0 };
  #trx: ControlledTransaction<object> | undefined;
  #first = 0;
  #last = 0;

  constructor(db: Db, target: WriteTarget) {
    this.#db = db;
    this.#t = target;
  }

  async #open(): Promise<ControlledTransaction<object>> {
    if (this.#trx) return this.#trx;
    const trx = await this.#db.startTransaction().execute();
    this.#trx = trx;
    if (this.#t.keyLockPerTransaction) await lockImportKeys(trx, this.#t);
    return trx;
  }

  async write(chunk: ChunkData): Promise<void> {
    await this.#flight.settle();
    const trx = await this.#open();
    if (this.#first === 0) this.#first = chunk.firstRow;
    this.#last = chunk.lastRow;
    const size = chunk.size;
    const literals = chunk.literals;
    this.#flight.start(async () => {
      addTotals(this.#totals, size, await mergeChunk(trx, this.#t, literals, this.#t.keyLockPerTransaction));
    });
  }

  async finish(): Promise<WriteTotals> {
    await this.#flight.settle();
    const trx = this.#trx;
    if (!trx) return { ...this.#totals };
    this.#trx = undefined;
    try {
      await auditWrite(trx, this.#t, { first: this.#first, last: this.#last }, this.#totals);
      await trx.commit().execute();
    } catch (err) {
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      throw err;
    }
    return { ...this.#totals };
  }

  async abort(): Promise<void> {
    await this.#flight.settle().catch(() => undefined);
    const trx = this.#trx;
    this.#trx = undefined;
    if (trx)
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
  }
}

/** Where one chunk's column literals lie in the spool file. */
interface SpoolEntry {
  first: number;
  last: number;
  size: number;
  offset: number;
  /** Byte length of each column's literal. */
  lengths: number[];
}

export class SpoolSink implements RecordSink {
  readonly #db: Db;
  readonly #t: WriteTarget;
  readonly #path: string;
  #out: fs.WriteStream | undefined;
  /** One small entry per chunk (a million rows: 200 entries); the rows themselves are in the file. */
  #entries: SpoolEntry[] = [];
  #offset = 0;

  constructor(db: Db, target: WriteTarget) {
    this.#db = db;
    this.#t = target;
    this.#path = path.join(os.tmpdir(), `credit-import-${randomBytes(8).toString('hex')}.spool`);
  }

  async write(chunk: ChunkData): Promise<void> {
    this.#out ??= fs.createWriteStream(this.#path, { highWaterMark: 1024 * 1024 });
    const parts = chunk.literals.map((l) => Buffer.from(l, 'utf8'));
    const lengths = parts.map((b) => b.length);
    this.#entries.push({
      first: chunk.firstRow,
      last: chunk.lastRow,
      size: chunk.size,
      offset: this.#offset,
      lengths,
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
    const totals: WriteTotals = { inserted: 0, updated: 0, unchanged: 0 };
    try {
      await this.#close();
      if (this.#entries.length === 0) return totals;
      const file = await fsp.open(this.#path, 'r');
      try {
        let written = 0;
        for (const e of this.#entries) {
          const bytes = Buffer.alloc(e.lengths.reduce((a, b) => a + b, 0));
          await file.read(bytes, 0, bytes.length, e.offset);
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
    return { inserted: 0, updated: 0, unchanged: this.#unchanged };
  }

  async abort(): Promise<void> {
    await this.#flight.settle().catch(() => undefined);
  }
}
