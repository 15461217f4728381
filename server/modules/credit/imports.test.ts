import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { makeUscc } from '../../kernel/identifiers/uscc.ts';
import {
  buildTestApp,
  createDepartment,
  createTestUser,
  loginCookie,
  type TestApp,
} from '../../test/harness.ts';
import { csvField } from './csv.ts';
import { inspectImportFile } from './import-file.ts';
import { processImport } from './imports.service.ts';
import { importFileJob } from './credit.jobs.ts';

let t: TestApp;
let officer: string;
let office: string;
let otherOfficer: string;
let deptId: string;

const ORG = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function uscc(i: number): string {
  let body = '';
  let n = i + 7_654_321;
  for (let k = 0; k < 8; k++) {
    body = ORG[n % 31]! + body;
    n = Math.floor(n / 31);
  }
  return makeUscc({ authority: '9', type: '1', division: '320507', orgBody8: body });
}
const HEADER = [
  '统一社会信用代码',
  '主体名称',
  '处罚决定书文号',
  '处罚决定日期',
  '处罚类别',
  '严重程度',
  '违法事实',
  '处罚依据',
  '罚没金额（万元）',
];
function row(i: number, over: Partial<Record<number, string>> = {}): string[] {
  const r = [
    uscc(i),
    `苏州测试${i}有限公司`,
    `相市监罚〔2026〕${i}号`,
    '2026-11-02',
    '罚款',
    '一般',
    '未按规定公示',
    '《条例》第十条',
    '1.5',
  ];
  for (const [k, v] of Object.entries(over)) r[Number(k)] = v ?? '';
  return r;
}
function csv(rows: string[][]): Buffer {
  return Buffer.from('\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n', 'utf8');
}

function multipart(
  fields: Record<string, string>,
  file: { name: string; content: Buffer },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----credit' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

interface ImportBody {
  id: string;
  status: string;
  phase: string;
  rowsTotal: number;
  rowsOk: number;
  rowsFailed: number;
  rowsUnchanged: number;
  errorSample: { row: number; column: string; rule: string; message: string }[];
  errorReportUrl: string | null;
  message: string | null;
}

async function upload(
  cookie: string,
  content: Buffer,
  opts: { name?: string; categoryCode?: string; dryRun?: boolean; partial?: boolean } = {},
) {
  const m = multipart(
    {
      categoryCode: opts.categoryCode ?? 'penalty',
      dryRun: String(opts.dryRun ?? false),
      partial: String(opts.partial ?? false),
    },
    { name: opts.name ?? 'penalties.csv', content },
  );
  return t.app.inject({
    method: 'POST',
    url: '/api/credit/imports',
    payload: m.payload,
    headers: { ...m.headers, cookie },
  });
}

/** Uploads and then does the job's work in-process (no worker runs in tests). */
async function importFile(
  cookie: string,
  content: Buffer,
  opts: Parameters<typeof upload>[2] = {},
): Promise<ImportBody> {
  const res = await upload(cookie, content, opts);
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json<ImportBody>().id;
  await processImport(t.ctx, id, importFileJob(t.ctx).actor);
  const got = await t.app.inject({ method: 'GET', url: `/api/credit/imports/${id}`, headers: { cookie } });
  expect(got.statusCode).toBe(200);
  return got.json<ImportBody>();
}

async function countRecords(): Promise<number> {
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from credit_record where department_id = ${deptId}`.execute(t.ctx.db);
  return r.rows[0]!.n;
}

beforeAll(async () => {
  t = await buildTestApp();
  deptId = await createDepartment(t, 'IMPSAMR');
  officer = await loginCookie(t, await createTestUser(t, 'officer', { departmentId: deptId }));
  otherOfficer = await loginCookie(t, await createTestUser(t, 'officer'));
  office = await loginCookie(t, await createTestUser(t, 'office'));
});
afterAll(async () => t?.close());

const badCheck = (code: string) => code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
const badFile = () =>
  csv([
    HEADER,
    row(1),
    row(2, { 0: badCheck(uscc(2)) }),
    row(3, { 3: '2026-02-30' }),
    row(4, { 4: '拘留' }),
    row(5, { 6: '' }),
    row(6),
  ]);

describe('validation, dry run and the error report', () => {
  it('reports every bad row with row, column and rule, and writes nothing', async () => {
    const r = await importFile(officer, badFile(), { dryRun: true });
    expect(r).toMatchObject({ status: 'done', rowsTotal: 6, rowsOk: 2, rowsFailed: 4, rowsUnchanged: 0 });
    expect(r.errorSample.map((e) => `${e.row}:${e.column}:${e.rule}`)).toEqual([
      '3:统一社会信用代码:uscc',
      '4:处罚决定日期:date',
      '5:处罚类别:enum',
      '6:违法事实:required',
    ]);
    expect(await countRecords()).toBe(0);
  });

  it('offers the error report as a spreadsheet: original columns + 错误', async () => {
    const r = await importFile(officer, badFile(), { dryRun: true });
    expect(r.errorReportUrl).toBe(`/api/credit/imports/${r.id}/errors.xlsx`);
    const redirect = await t.app.inject({
      method: 'GET',
      url: r.errorReportUrl!,
      headers: { cookie: officer },
    });
    expect(redirect.statusCode).toBe(303);
    const file = await t.app.inject({
      method: 'GET',
      url: String(redirect.headers.location),
      headers: { cookie: office },
    });
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([...HEADER, '错误', '原行号']);
    expect(ws.rowCount).toBe(5);
    const second = (ws.getRow(2).values as unknown[]).slice(1);
    expect(second[0]).toBe(badCheck(uscc(2)));
    expect(String(second[HEADER.length])).toMatch(/^统一社会信用代码：.*校验/);
    expect(second[HEADER.length + 1]).toBe(3);
    expect(String((ws.getRow(4).values as unknown[])[HEADER.length + 1])).toMatch(
      /处罚类别：处罚类别“拘留”不在可选值内/,
    );
    // Another department cannot see the import or its report.
    expect(
      (await t.app.inject({ method: 'GET', url: r.errorReportUrl!, headers: { cookie: otherOfficer } }))
        .statusCode,
    ).toBe(404);
  });
});

describe('all-or-nothing, partial, idempotency', () => {
  it('writes nothing when any row is bad and partial is not asked for', async () => {
    const r = await importFile(officer, badFile());
    expect(r).toMatchObject({ status: 'done', rowsFailed: 4 });
    expect(r.message).toMatch(/未写入任何数据/);
    expect(await countRecords()).toBe(0);
  });

  it('writes the good rows with partial', async () => {
    const r = await importFile(officer, badFile(), { partial: true });
    expect(r).toMatchObject({ status: 'done', rowsOk: 2, rowsFailed: 4, rowsUnchanged: 0 });
    expect(await countRecords()).toBe(2);
    const rec = await sql<{
      timely: boolean;
      entry_workdays: number;
      source: string;
      import_id: string;
      severity: string;
    }>`
      select timely, entry_workdays, source, import_id, severity from credit_record where decision_no = ${'相市监罚〔2026〕1号'}`.execute(
      t.ctx.db,
    );
    // Decision 2026-11-02, entered 2026-11-27: 19 working days later → late, still stored.
    expect(rec.rows[0]).toMatchObject({
      timely: false,
      entry_workdays: 19,
      source: 'import',
      import_id: r.id,
      severity: 'ordinary',
    });
    // The job acts as its declared system actor; the records and the report stay the starting officer's.
    const audit = await sql<{ actor_id: string | null; actor_name: string; by_user: string }>`
      select actor_id, actor_name, detail->>'byUser' as by_user from audit_log
      where action = 'credit.records-imported' and subject_id = ${r.id}`.execute(t.ctx.db);
    const starter = await sql<{ created_by: string }>`
      select created_by from credit_import where id = ${r.id}`.execute(t.ctx.db);
    const starterId = starter.rows[0]?.created_by;
    expect(starterId).toBeTruthy();
    expect(audit.rows).toEqual([
      { actor_id: null, actor_name: `system:${importFileJob(t.ctx).actor.name}`, by_user: starterId },
    ]);
    const written = await sql<{ created_by: string; uploaded_by: string | null }>`
      select distinct r.created_by, f.uploaded_by from credit_record r
      left join stored_file f on f.owner_id = ${r.id}
      where r.import_id = ${r.id}`.execute(t.ctx.db);
    expect(written.rows).toEqual([{ created_by: starterId, uploaded_by: starterId }]);
  });

  it('the same file twice changes nothing', async () => {
    const rows = [HEADER, ...Array.from({ length: 25 }, (_, i) => row(100 + i))];
    const first = await importFile(officer, csv(rows));
    expect(first).toMatchObject({ status: 'done', rowsOk: 25, rowsUnchanged: 0, rowsFailed: 0 });
    const before = await countRecords();
    const updatedAt = await sql<{ m: Date }>`select max(updated_at) as m from credit_record`.execute(
      t.ctx.db,
    );
    const second = await importFile(officer, csv(rows));
    expect(second).toMatchObject({ status: 'done', rowsOk: 25, rowsUnchanged: 25, rowsFailed: 0 });
    expect(await countRecords()).toBe(before);
    const after = await sql<{ m: Date }>`select max(updated_at) as m from credit_record`.execute(t.ctx.db);
    expect(after.rows[0]!.m).toEqual(updatedAt.rows[0]!.m);
    // One changed row is a correction; the rest stay unchanged.
    const changed = rows.map((r, i) => (i === 5 ? row(104, { 5: '严重' }) : r));
    const third = await importFile(officer, csv(changed));
    expect(third).toMatchObject({ rowsUnchanged: 24 });
    expect(third.message).toMatch(/更正 1 行/);
  });

  it('flags a decision number repeated in one file', async () => {
    const r = await importFile(officer, csv([HEADER, row(200), row(200, { 1: '另一名称' })]), {
      dryRun: true,
    });
    expect(r.errorSample).toEqual([expect.objectContaining({ row: 3, rule: 'duplicate' })]);
  });
});

describe('XLSX', () => {
  async function xlsx(rows: unknown[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('处罚');
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('imports a workbook with date and number cells', async () => {
    const data = row(300);
    const r = await importFile(
      officer,
      await xlsx([
        HEADER,
        [data[0], data[1], data[2], new Date(Date.UTC(2026, 10, 20)), '警告', '轻微', '事实', '依据', 2],
      ]),
      { name: 'p.xlsx' },
    );
    expect(r).toMatchObject({ status: 'done', rowsOk: 1, rowsFailed: 0 });
    const rec = await sql<{ decision_date: string; publication: string; timely: boolean }>`
      select decision_date, publication, timely from credit_record where decision_no = ${data[2]}`.execute(
      t.ctx.db,
    );
    expect(rec.rows[0]).toMatchObject({
      decision_date: '2026-11-20',
      publication: 'not_published',
      timely: true,
    });
  });

  it('refuses a workbook that declares more uncompressed bytes than the limit, before opening it', async () => {
    const buf = await xlsx([HEADER, row(301)]);
    // Inflate one central-directory entry's declared size to 1 GB.
    const cd = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(cd).toBeGreaterThan(0);
    buf.writeUInt32LE(1024 * 1024 * 1024, cd + 24);
    const res = await upload(officer, buf, { name: 'bomb.xlsx' });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      code: 'CREDIT_IMPORT_TOO_LARGE_UNCOMPRESSED',
      params: { reason: 'declared-size', declaredBytes: expect.any(Number) as unknown },
    });
    const n = await sql<{
      n: number;
    }>`select count(*)::int as n from credit_import where filename = 'bomb.xlsx'`.execute(t.ctx.db);
    expect(n.rows[0]!.n).toBe(0);
  });
});

describe('the import route', () => {
  it('follows the ladder: 401, 400, 403, 404 (foreign category), 202', async () => {
    const m = multipart({ categoryCode: 'penalty' }, { name: 'a.csv', content: csv([HEADER, row(400)]) });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/credit/imports',
          payload: m.payload,
          headers: m.headers,
        })
      ).statusCode,
    ).toBe(401);
    const noFile = multipart(
      { categoryCode: 'penalty', extra: 'x' },
      { name: 'a.csv', content: csv([HEADER]) },
    );
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/credit/imports',
          payload: noFile.payload,
          headers: { ...noFile.headers, cookie: officer },
        })
      ).statusCode,
    ).toBe(400);
    expect((await upload(office, csv([HEADER, row(400)]))).statusCode).toBe(403);
    expect(
      (await upload(officer, csv([HEADER, row(400)]), { categoryCode: 'water_payment' })).statusCode,
    ).toBe(404);
    expect((await upload(officer, csv([HEADER, row(400)]), { dryRun: true })).statusCode).toBe(202);
  });

  it('fails an import whose header does not fit the category, naming the missing column', async () => {
    const r = await importFile(officer, csv([HEADER.slice(0, 3), ['a', 'b', 'c']]));
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/缺少必填列“决定日期”/);
  });

  it('lists only the department’s own imports', async () => {
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/credit/imports',
      headers: { cookie: officer },
    });
    expect(mine.json<{ total: number }>().total).toBeGreaterThan(5);
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/credit/imports',
      headers: { cookie: otherOfficer },
    });
    expect(other.json()).toMatchObject({ total: 0 });
  });
});

describe('encoding detection', () => {
  it('recognises GB18030 text and UTF-8 with a BOM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-enc-'));
    const gbk = path.join(dir, 'gbk.csv');
    fs.writeFileSync(gbk, Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0x2c, 0x61, 0x0d, 0x0a]));
    expect(await inspectImportFile(gbk)).toEqual({ format: 'csv', encoding: 'gb18030' });
    const utf = path.join(dir, 'utf.csv');
    fs.writeFileSync(utf, csv([['中文', 'a']]));
    expect(await inspectImportFile(utf)).toEqual({ format: 'csv', encoding: 'utf-8' });
    const bin = path.join(dir, 'bin.csv');
    fs.writeFileSync(bin, Buffer.from([0x00, 0x01, 0x02, 0x41]));
    await expect(inspectImportFile(bin)).rejects.toMatchObject({ code: 'CREDIT_IMPORT_UNREADABLE' });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
