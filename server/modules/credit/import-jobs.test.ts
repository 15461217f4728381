import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  buildTestApp,
  createDepartment,
  createTestUser,
  loginCookie,
  type TestApp,
} from '../../test/harness.ts';
import { importFileJob } from './credit.jobs.ts';
import { processImport, STALE_IMPORT_MESSAGE, sweepStaleImports } from './imports.service.ts';
import { findImportRow, insertImportRow } from './records.repository.ts';

let t: TestApp;
let officer: string;
let deptId: string;

const CSV = Buffer.from(
  '\uFEFF统一社会信用代码,主体名称,处罚决定书文号,处罚决定日期,处罚类别,严重程度,违法事实,处罚依据,罚没金额（万元）\r\n',
  'utf8',
);

async function upload(): Promise<string> {
  const boundary = '----jobs' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="categoryCode"\r\n\r\npenalty\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    CSV,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/credit/imports',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: officer },
  });
  expect(res.statusCode, res.body).toBe(202);
  return res.json<{ id: string }>().id;
}

async function jobsFor(importId: string): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from pgboss.job
     where name = 'credit.import-file' and data->>'importId' = ${importId}`.execute(t.ctx.db);
  return r.rows[0]!.n;
}

const row = (id?: string) => ({
  department_id: deptId,
  category_code: 'penalty',
  filename: 'x.csv',
  format: 'csv' as const,
  sha256: '0'.repeat(64),
  size_bytes: 1,
  dry_run: false,
  partial: false,
  source_key: id ?? null,
  created_by: null,
});

beforeAll(async () => {
  t = await buildTestApp();
  deptId = await createDepartment(t, 'JOBSAMR');
  officer = await loginCookie(t, await createTestUser(t, 'officer', { departmentId: deptId }));
});
afterAll(async () => t?.close());

describe('an import and its job commit together', () => {
  it('an accepted upload has its running row and exactly one job', async () => {
    const id = await upload();
    expect((await findImportRow(t.ctx.db, id))?.status).toBe('running');
    expect(await jobsFor(id)).toBe(1);
  });

  it('a transaction that rolls back leaves neither the row nor the job', async () => {
    await t.ctx.jobs.ready();
    let importId = '';
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        importId = await insertImportRow(trx, row());
        expect(await t.ctx.jobs.sendWith(trx, importFileJob(t.ctx), { importId })).toBeTruthy();
        throw new Error('use case fails after sending');
      }),
    ).rejects.toThrow('use case fails after sending');
    expect(importId).not.toBe('');
    expect(await findImportRow(t.ctx.db, importId)).toBeUndefined();
    expect(await jobsFor(importId)).toBe(0);
  });

  it('a transaction that commits keeps both', async () => {
    await t.ctx.jobs.ready();
    const importId = await t.ctx.db.transaction().execute(async (trx) => {
      const id = await insertImportRow(trx, row());
      await t.ctx.jobs.sendWith(trx, importFileJob(t.ctx), { importId: id });
      return id;
    });
    expect(await findImportRow(t.ctx.db, importId)).toBeDefined();
    expect(await jobsFor(importId)).toBe(1);
  });
});

describe('the stale-import sweeper', () => {
  it('ends a running import without progress for importStaleMinutes as failed, and leaves fresh ones', async () => {
    const stale = await upload();
    const fresh = await upload();
    await sql`update credit_import set progressed_at = now() - interval '31 minutes' where id = ${stale}`.execute(
      t.ctx.db,
    );
    expect(await sweepStaleImports(t.ctx)).toBeGreaterThanOrEqual(1);
    const swept = await findImportRow(t.ctx.db, stale);
    expect(swept).toMatchObject({
      status: 'failed',
      phase: 'failed',
      message: STALE_IMPORT_MESSAGE,
      source_key: null,
    });
    expect(swept?.finished_at).not.toBeNull();
    expect((await findImportRow(t.ctx.db, fresh))?.status).toBe('running');
    // Sweeping again changes nothing, and a late job leaves the swept import failed.
    expect(await sweepStaleImports(t.ctx)).toBe(0);
    await processImport(t.ctx, stale, importFileJob(t.ctx).actor);
    expect((await findImportRow(t.ctx.db, stale))?.status).toBe('failed');
  });

  it('is a declared job with a schedule', () => {
    const job = t.ctx.jobs.definitions().find((d) => d.id === 'credit.sweep-stale-imports');
    expect(job?.schedule).toBe('*/10 * * * *');
  });
});
