/**
 * `copyFrom` on PostgreSQL (the only database it serves; PGlite copies from a blob): rows arrive, a bad row fails
 * the whole COPY with the server's error, a failing source aborts it, and the connection stays usable after both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { openTestDatabase } from '../../test/harness.ts';
import type { DatabaseHandle } from './database.ts';
import { copyFrom } from './pg-copy.ts';

describe.runIf(process.env.TEST_DATABASE_URL)('copyFrom', () => {
  let handle: DatabaseHandle;
  let client: pg.PoolClient;
  beforeAll(async () => {
    handle = await openTestDatabase();
    client = await handle.pgPool!.connect();
    await client.query('create temporary table copied (n int not null, s text)');
  });
  afterAll(async () => {
    client?.release();
    await handle?.close();
  });

  const count = async () => Number((await client.query('select count(*) as n from copied')).rows[0].n);

  it('copies the pieces, in order, across piece boundaries', async () => {
    await copyFrom(client, 'copy copied (n, s) from stdin', [
      Buffer.from('1\tone\n2\ttw'),
      Buffer.from('o\n'),
    ]);
    const r = await client.query<{ n: number; s: string }>('select n, s from copied order by n');
    expect(r.rows).toEqual([
      { n: 1, s: 'one' },
      { n: 2, s: 'two' },
    ]);
  });

  it('rejects with the server error on a bad row and copies nothing of it', async () => {
    await expect(
      copyFrom(client, 'copy copied (n, s) from stdin', [Buffer.from('3\tthree\nnot-a-number\tx\n')]),
    ).rejects.toMatchObject({ code: '22P02' });
    expect(await count()).toBe(2);
  });

  it('aborts the copy when the source fails', async () => {
    async function* failing() {
      yield Buffer.from('4\tfour\n');
      throw new Error('source broke');
    }
    await expect(copyFrom(client, 'copy copied (n, s) from stdin', failing())).rejects.toThrow();
    expect(await count()).toBe(2);
  });
});
