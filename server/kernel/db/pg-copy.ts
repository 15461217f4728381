/**
 * `COPY … FROM STDIN` on a node-postgres connection without another package: a minimal "submittable" (the object
 * shape pg's client accepts in place of a query) that answers the server's CopyInResponse with the given pieces and
 * ends the copy. The bulk import and the import benchmark use it; everything else goes through Kysely.
 */
import { once } from 'node:events';
import { Kysely, PostgresDialect, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import type { Db } from './database.ts';

interface CopyConnection {
  sendCopyFromChunk: (b: Buffer) => void;
  endCopyFrom: () => void;
  sendCopyFail: (m: string) => void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

class CopyIn {
  readonly text: string;
  readonly #pieces: AsyncIterable<Buffer> | Iterable<Buffer>;
  #callback: ((err: Error | null) => void) | undefined;
  #error: Error | null = null;

  constructor(text: string, pieces: AsyncIterable<Buffer> | Iterable<Buffer>) {
    this.text = text;
    this.#pieces = pieces;
  }

  submit(connection: { query: (t: string) => void }): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    void (async () => {
      try {
        for await (const piece of this.#pieces) {
          connection.sendCopyFromChunk(piece);
          if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
        }
        connection.endCopyFrom();
      } catch (err) {
        connection.sendCopyFail(String(err));
      }
    })();
  }

  handleCommandComplete(): void {}

  handleReadyForQuery(): void {
    this.#callback?.(this.#error);
  }

  handleError(err: Error): void {
    this.#error = err;
  }

  run(client: pg.ClientBase): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#callback = (err) => (err ? reject(err) : resolve());
      void client.query(this as unknown as pg.QueryConfig);
    });
  }
}

/** Runs `statement` (a `copy … from stdin`) feeding it `pieces`; rejects with the server's error. */
export async function copyFrom(
  client: pg.ClientBase,
  statement: string,
  pieces: AsyncIterable<Buffer> | Iterable<Buffer>,
): Promise<void> {
  await new CopyIn(statement, pieces).run(client);
}

/**
 * A Kysely instance whose every query runs on `client` (a connection taken from the pool by the caller, who also
 * runs begin/commit on it and releases it): lets a long transaction mix Kysely queries with `copyFrom`.
 */
export function kyselyOnClient(client: pg.PoolClient): Db {
  const borrowed = {
    query: client.query.bind(client),
    release: () => undefined,
  } as unknown as PostgresPoolClient;
  return new Kysely<object>({
    dialect: new PostgresDialect({
      pool: { connect: () => Promise.resolve(borrowed), end: () => Promise.resolve(), options: {} },
    }),
  });
}
