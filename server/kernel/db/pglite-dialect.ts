/**
 * A Kysely dialect for PGlite. PGlite is a single connection; its own `transaction()` holds a mutex that plain
 * `query()` calls (ours and pg-boss's) wait on, so a Kysely transaction is mapped onto one PGlite transaction and
 * nothing from outside can interleave with it. Written here because the published adapters lag PGlite releases.
 */
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import {
  CompiledQuery,
  Kysely as KyselyClass,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

type Runner = Pick<PGlite, 'query'> | PGliteTransaction;

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite;
  #tx: PGliteTransaction | undefined;
  #finish: ((commit: boolean) => void) | undefined;
  #done: Promise<void> | undefined;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const runner: Runner = this.#tx ?? this.#pglite;
    const result = await runner.query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
    const kind = compiledQuery.query.kind;
    const isWrite =
      kind === 'InsertQueryNode' ||
      kind === 'UpdateQueryNode' ||
      kind === 'DeleteQueryNode' ||
      kind === 'MergeQueryNode';
    if (isWrite && result.affectedRows !== undefined) {
      return { rows: result.rows, numAffectedRows: BigInt(result.affectedRows) };
    }
    return { rows: result.rows };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on PGlite; page with keyset queries instead');
  }

  async begin(settings: TransactionSettings): Promise<void> {
    if (this.#tx) throw new Error('transaction already open on this PGlite connection');
    let opened!: (tx: PGliteTransaction) => void;
    const ready = new Promise<PGliteTransaction>((resolve) => {
      opened = resolve;
    });
    this.#done = this.#pglite.transaction(async (tx) => {
      if (settings.isolationLevel)
        await tx.query(`set transaction isolation level ${settings.isolationLevel}`);
      opened(tx);
      const commit = await new Promise<boolean>((resolve) => {
        this.#finish = resolve;
      });
      if (!commit) await tx.rollback();
    });
    // A failure to BEGIN must surface here rather than hang the caller.
    this.#tx = await Promise.race([
      ready,
      this.#done.then(() => Promise.reject(new Error('transaction closed'))),
    ]);
  }

  async end(commit: boolean): Promise<void> {
    const finish = this.#finish;
    const done = this.#done;
    this.#tx = undefined;
    this.#finish = undefined;
    this.#done = undefined;
    if (!finish || !done) throw new Error('no transaction open on this PGlite connection');
    finish(commit);
    await done;
  }
}

class PGliteDriver implements Driver {
  readonly #pglite: PGlite;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  async init(): Promise<void> {
    await this.#pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new PGliteConnection(this.#pglite);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await (connection as PGliteConnection).begin(settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).end(true);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).end(false);
  }

  async savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdent(name)}`));
    void compile;
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdent(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdent(name)}`));
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    // The owner of the PGlite instance closes it (pg-boss may still be using it).
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export class PGliteDialect implements Dialect {
  readonly #pglite: PGlite;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  createDriver(): Driver {
    return new PGliteDriver(this.#pglite);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own Dialect signature
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

/**
 * A Kysely instance whose queries run inside `tx`, an open PGlite transaction (taken with `pglite.transaction`),
 * for work that also needs PGlite's own query options there (`COPY … FROM '/dev/blob'`). It must not open
 * transactions of its own.
 */
export function kyselyOnPgliteTransaction(tx: PGliteTransaction): Kysely<object> {
  const inside = {
    query: tx.query.bind(tx),
    waitReady: Promise.resolve(),
    transaction: () => Promise.reject(new Error('already inside a PGlite transaction')),
  } as unknown as PGlite;
  return new KyselyClass<object>({ dialect: new PGliteDialect(inside) });
}
