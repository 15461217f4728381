/**
 * `COPY … FROM STDIN` on a node-postgres connection, through pg-copy-streams (the maintained COPY stream for pg):
 * the pieces are piped into the copy stream, with back-pressure. The bulk import and the import benchmark use it;
 * everything else goes through Kysely.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import type { Db } from './database.ts';

/** Runs `statement` (a `copy … from stdin`) feeding it `pieces`; rejects with the server's error. */
export async function copyFrom(
  client: pg.ClientBase,
  statement: string,
  pieces: AsyncIterable<Buffer> | Iterable<Buffer>,
): Promise<void> {
  const copy = client.query(copyFromStdin(statement));
  // pipeline ends the copy when the pieces are done, and on a failing source destroys the stream, which makes
  // pg-copy-streams send CopyFail so the server aborts the COPY instead of committing a partial one.
  await pipeline(Readable.from(pieces, { objectMode: false }), copy);
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
