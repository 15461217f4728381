/**
 * Opens the database: PGlite in `dataDir/pgdata` by default, PostgreSQL when a URL is given. Both speak the same
 * SQL, so one set of migrations and one set of repositories serve both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction as PGliteTransaction } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';

export type DatabaseKind = 'pglite' | 'postgres';

/** Tables are typed per module (`*.tables.ts`); the kernel handle knows none of them. */
export type Db = Kysely<object>;

export interface DatabaseHandle {
  kind: DatabaseKind;
  db: Db;
  /** Present in embedded mode: pg-boss shares the same PGlite instance. */
  pglite: PGlite | undefined;
  /** Present on PostgreSQL: the connection string pg-boss uses for its own pool. */
  url: string | undefined;
  /** Present on PostgreSQL: the pool behind `db`, for the few uses that need one connection's raw protocol (COPY). */
  pgPool: pg.Pool | undefined;
  close: () => Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;

// Calendar days stay `YYYY-MM-DD` strings: turning them into JS Dates would shift them by the server's time zone.
pg.types.setTypeParser(DATE_OID, (v: string) => v);
pg.types.setTypeParser(INT8_OID, (v: string) => Number(v));

export interface OpenOptions {
  url?: string | undefined;
  dataDir?: string | undefined;
  /** A tarball from `dumpDataDir` to start PGlite from (tests start from a migrated image). */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
  /** Errors of idle pooled connections (a server restart, a dropped database); without a listener they crash the process. */
  onPoolError?: (err: Error) => void;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // pg-pool discards the broken client and opens a new one on the next query; we only need to hear about it.
    pool.on(
      'error',
      options.onPoolError ?? ((err) => console.error(`database connection error: ${err.message}`)),
    );
    const db = new Kysely<object>({ dialect: new PostgresDialect({ pool }) });
    return {
      kind: 'postgres',
      db,
      pglite: undefined,
      url: options.url,
      pgPool: pool,
      close: () => db.destroy(),
    };
  }
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = path.join(options.dataDir, 'pgdata');
    fs.mkdirSync(options.dataDir, { recursive: true });
  }
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: {
      [DATE_OID]: (v: string) => v,
      [INT8_OID]: (v: string) => Number(v),
    },
  });
  // Kysely's own PGlite dialect: one connection behind a mutex, a Kysely transaction held as one PGlite transaction
  // (whose lock pg-boss's queries on the same instance wait for), so nothing interleaves with it.
  const db = new Kysely<object>({ dialect: new PGliteDialect({ pglite }) });
  return {
    kind: 'pglite',
    db,
    pglite,
    url: undefined,
    pgPool: undefined,
    close: async () => {
      // destroy() closes the instance once Kysely has used it; a handle never queried leaves that to us.
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * A Kysely instance whose queries run inside `tx`, an open PGlite transaction (taken with `pglite.transaction`),
 * for work that also needs PGlite's own query options there (`COPY … FROM '/dev/blob'`). It must not open
 * transactions of its own, and is not destroyed (that would close the shared instance).
 */
export function kyselyOnPgliteTransaction(tx: PGliteTransaction): Db {
  const inside = {
    query: tx.query.bind(tx),
    ready: true,
    closed: false,
    waitReady: Promise.resolve(),
    close: () => Promise.reject(new Error('the shared PGlite instance is closed by its owner')),
    transaction: () => Promise.reject(new Error('already inside a PGlite transaction')),
  };
  return new Kysely<object>({ dialect: new PGliteDialect({ pglite: inside }) });
}

export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
