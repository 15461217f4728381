/**
 * The single-pass import run on files larger than a chunk (so rows are written before the file is fully read):
 * all-or-nothing rollback with each way of holding rows, idempotency, line numbers of bad rows, corrections across
 * batches, and the per-transaction key lock against the per-row RI triggers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { makeUscc } from '../../kernel/identifiers/uscc.ts';
import { buildTestApp, createDepartment, createEnterprise, type TestApp } from '../../test/harness.ts';
import { csvField } from './csv.ts';
import { keyLockAllowed } from './import-writer.ts';
import { pgArrayLiteral } from './import-rows.ts';
import { importLocalFile, type HoldRows } from './imports.service.ts';

let t: TestApp;
let dir: string;
const postgres = (): boolean => t.ctx.database.kind === 'postgres';

const ORG = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function uscc(i: number): string {
  let body = '';
  let n = i + 1_234_567;
  for (let k = 0; k < 8; k++) {
    body = ORG[n % 31]! + body;
    n = Math.floor(n / 31);
  }
  return makeUscc({ authority: '9', type: '1', division: '320507', orgBody8: body });
}
const HEADER =
  '统一社会信用代码,主体名称,处罚决定书文号,处罚决定日期,处罚类别,严重程度,违法事实,处罚依据,罚没金额（万元）';
function line(
  tag: string,
  i: number,
  over: { uscc?: string; date?: string; severity?: string } = {},
): string {
  return [
    over.uscc ?? uscc(i),
    `测试${tag}${i}有限公司`,
    `${tag}罚〔2026〕${i}号`,
    over.date ?? '2026-11-02',
    '罚款',
    over.severity ?? '一般',
    '未按规定公示,经责令"仍"未改正',
    '《条例》第十条',
    String(i % 50),
  ]
    .map(csvField)
    .join(',');
}
function writeCsv(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${[HEADER, ...lines].join('\n')}\n`);
  return file;
}

async function run(
  deptId: string,
  file: string,
  opts: {
    partial?: boolean;
    dryRun?: boolean;
    holdRows?: HoldRows;
    keyChecks?: 'auto' | 'per-row';
    validateIn?: 'auto' | 'worker' | 'main';
  } = {},
) {
  return importLocalFile(t.ctx, {
    file,
    departmentId: deptId,
    categoryCode: 'penalty',
    dryRun: opts.dryRun ?? false,
    partial: opts.partial ?? false,
    reportPath: `${file}.errors.xlsx`,
    ...(opts.holdRows ? { holdRows: opts.holdRows } : {}),
    ...(opts.keyChecks ? { keyChecks: opts.keyChecks } : {}),
    ...(opts.validateIn ? { validateIn: opts.validateIn } : {}),
  });
}

/** GB18030 bytes for a text, from the decoder's own table (Node has no GB18030 encoder). */
function gb18030(text: string): Buffer {
  const pairs: number[] = [];
  for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) pairs.push(a, b);
  const decoded = new TextDecoder('gb18030').decode(Buffer.from(pairs));
  const table = new Map<string, [number, number]>();
  [...decoded].forEach((ch, i) => {
    if (!table.has(ch)) table.set(ch, [pairs[2 * i]!, pairs[2 * i + 1]!]);
  });
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const p = table.get(ch);
      if (!p) throw new Error(`no GB18030 pair for ${ch}`);
      out.push(...p);
    }
  }
  return Buffer.from(out);
}

async function count(deptId: string): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from credit_record where department_id = ${deptId}::uuid`.execute(t.ctx.db);
  return r.rows[0]!.n;
}

async function importAudits(importId: string): Promise<{ detail: { rows: string; inserted: number } }[]> {
  const r = await sql<{ detail: { rows: string; inserted: number } }>`
    select detail from audit_log where action = 'credit.records-imported' and subject_id = ${importId}
    order by seq`.execute(t.ctx.db);
  return r.rows;
}

beforeAll(async () => {
  t = await buildTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-import-run-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

const ROWS = 6_000;

describe('all-or-nothing in one pass', () => {
  const holds: HoldRows[] = ['auto', 'spool', 'transaction'];
  for (const hold of holds) {
    it(`a bad last row leaves nothing behind (${hold})`, async () => {
      if (hold === 'transaction' && !postgres()) return;
      const dept = await createDepartment(t);
      const lines = Array.from({ length: ROWS }, (_, i) => line(`A${hold}`, i));
      lines.push(line(`A${hold}`, ROWS, { date: '2026-13-01' }));
      const file = writeCsv(`bad-last-${hold}.csv`, lines);
      const r = await run(dept, file, { holdRows: hold });
      expect(r).toMatchObject({
        status: 'done',
        rows_total: ROWS + 1,
        rows_ok: ROWS,
        rows_failed: 1,
        rows_unchanged: 0,
      });
      expect(r.message).toMatch(/未写入任何数据/);
      // The error names the file's line: header = 1, so the last data row is ROWS + 2.
      expect(r.error_sample).toEqual([
        expect.objectContaining({ row: ROWS + 2, column: '处罚决定日期', rule: 'date' }),
      ]);
      expect(fs.existsSync(`${file}.errors.xlsx`)).toBe(true);
      expect(await count(dept)).toBe(0);
      expect(await importAudits(r.id)).toEqual([]);
      // Fixed, the same file goes in completely.
      lines[ROWS] = line(`A${hold}`, ROWS);
      const ok = await run(dept, writeCsv(`fixed-${hold}.csv`, lines), { holdRows: hold });
      expect(ok).toMatchObject({ status: 'done', rows_ok: ROWS + 1, rows_failed: 0 });
      expect(ok.message).toMatch(new RegExp(`新增 ${ROWS + 1} 行`));
      expect(await count(dept)).toBe(ROWS + 1);
      const audits = await importAudits(ok.id);
      expect(audits.reduce((n, a) => n + a.detail.inserted, 0)).toBe(ROWS + 1);
      expect(audits.at(-1)?.detail.rows).toMatch(new RegExp(`-${ROWS + 2}$`));
    });
  }

  it('reports every bad row of a long file with its line number, blank lines counted', async () => {
    const dept = await createDepartment(t);
    const lines = Array.from({ length: 7000 }, (_, i) => line('L', i));
    lines[10] = line('L', 10, { uscc: `${uscc(10).slice(0, 17)}${uscc(10).endsWith('0') ? '1' : '0'}` });
    lines.splice(20, 0, '', '');
    lines[6500] = line('L', 6498, { severity: '很严重' });
    const r = await run(dept, writeCsv('lines.csv', lines), { partial: true });
    expect(r.error_sample).toEqual([
      expect.objectContaining({ row: 12, rule: 'uscc' }),
      expect.objectContaining({ row: 6502, rule: 'enum', column: '严重程度' }),
    ]);
    expect(r).toMatchObject({ rows_total: 7000, rows_ok: 6998, rows_failed: 2 });
    expect(await count(dept)).toBe(6998);
  });
});

describe('the CSV worker', () => {
  it('validates and writes exactly as the main thread does', async () => {
    const lines = Array.from({ length: 2500 }, (_, i) => line('W', i));
    lines[7] = line('W', 7, { severity: '不知道' });
    lines[1200] = line('W', 1200, { date: '2099-01-01' });
    lines[2001] = line('W', 2000);
    const file = writeCsv('worker.csv', lines);
    const seen: unknown[] = [];
    for (const validateIn of ['worker', 'main'] as const) {
      const dept = await createDepartment(t);
      const r = await run(dept, file, { partial: true, validateIn });
      const rows = await sql<Record<string, unknown>>`
        select decision_no, uscc, entity_name, decision_date, entry_workdays, timely, data, severity, publication,
          publish_from, publish_min_until, publish_until, content_hash
        from credit_record where department_id = ${dept}::uuid order by decision_no`.execute(t.ctx.db);
      seen.push({
        counts: [r.rows_total, r.rows_ok, r.rows_failed, r.message],
        errors: r.error_sample,
        rows: rows.rows,
      });
    }
    expect(seen[0]).toEqual(seen[1]);
    expect(
      (seen[0] as { errors: { row: number; rule: string }[] }).errors.map((e) => `${e.row}:${e.rule}`),
    ).toEqual(['9:enum', '1202:future', '2003:duplicate']);
  });

  it('reads and validates an XLSX exactly as the main thread does', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('处罚');
    sheet.addRow(HEADER.split(','));
    for (let i = 0; i < 1200; i++) {
      const cells = line('X', i).split(',');
      // Spreadsheet dates and numbers, as a user's file has them.
      sheet.addRow([
        cells[0],
        cells[1],
        cells[2],
        i === 7 ? '2099-01-01' : new Date(Date.UTC(2026, 10, 2)),
        '罚款',
        i === 9 ? '不知道' : '一般',
        '未按规定公示',
        '《条例》第十条',
        i % 50,
      ]);
    }
    const file = path.join(dir, 'worker.xlsx');
    await wb.xlsx.writeFile(file);
    const seen: unknown[] = [];
    for (const validateIn of ['worker', 'main'] as const) {
      const dept = await createDepartment(t);
      const r = await run(dept, file, { partial: true, validateIn });
      const rows = await sql<Record<string, unknown>>`
        select decision_no, uscc, entity_name, decision_date, data, severity, publish_until, content_hash
        from credit_record where department_id = ${dept}::uuid order by decision_no`.execute(t.ctx.db);
      seen.push({
        counts: [r.rows_total, r.rows_ok, r.rows_failed],
        errors: r.error_sample,
        rows: rows.rows,
      });
    }
    expect(seen[0]).toEqual(seen[1]);
    expect((seen[0] as { counts: number[] }).counts).toEqual([1200, 1198, 2]);
    expect(
      (seen[0] as { errors: { row: number; rule: string }[] }).errors.map((e) => `${e.row}:${e.rule}`),
    ).toEqual(['9:future', '11:enum']);
  });

  it('refuses a truncated XLSX in words before reading rows, writing nothing', async () => {
    const file = path.join(dir, 'broken.xlsx');
    const good = fs.readFileSync(path.join(dir, 'worker.xlsx'));
    fs.writeFileSync(file, Buffer.concat([good.subarray(0, 2000), Buffer.alloc(5000, 7)]));
    const dept = await createDepartment(t);
    const r = await run(dept, file, { validateIn: 'worker' }).catch((err: unknown) => err);
    expect(r).toBeInstanceOf(Error);
    expect(r).toMatchObject({ code: 'CREDIT_IMPORT_UNREADABLE', params: { reason: 'no-zip-directory' } });
    expect(await count(dept)).toBe(0);
  });

  it('reads GB18030 text', async () => {
    const dept = await createDepartment(t);
    const file = path.join(dir, 'gbk.csv');
    fs.writeFileSync(file, gb18030(`${[HEADER, line('G', 1), line('G', 2)].join('\r\n')}\r\n`));
    for (const validateIn of ['worker', 'main'] as const) {
      const r = await run(dept, file, { validateIn });
      expect(r).toMatchObject({ status: 'done', encoding: 'gb18030', rows_ok: 2, rows_failed: 0 });
    }
    const names = await sql<{ entity_name: string }>`
      select entity_name from credit_record where department_id = ${dept}::uuid order by entity_name`.execute(
      t.ctx.db,
    );
    expect(names.rows.map((x) => x.entity_name)).toEqual(['测试G1有限公司', '测试G2有限公司']);
  });

  it('fails the import on bytes that are not text or on broken CSV, writing nothing', async () => {
    const dept = await createDepartment(t);
    const good = Buffer.from(
      `${[HEADER, ...Array.from({ length: 3000 }, (_, i) => line('B', i))].join('\n')}\n`,
    );
    const badBytes = path.join(dir, 'bad-bytes.csv');
    fs.writeFileSync(badBytes, Buffer.concat([good, Buffer.from([0xff, 0xfe, 0x0a])]));
    for (const validateIn of ['worker', 'main'] as const) {
      const r1 = await run(dept, badBytes, { validateIn });
      expect(r1.status).toBe('failed');
      expect(r1.message).toMatch(/不是有效的 utf-8 文本/);
    }
    const badQuote = path.join(dir, 'bad-quote.csv');
    fs.writeFileSync(badQuote, Buffer.concat([good, Buffer.from('"unclosed,x\n')]));
    for (const validateIn of ['worker', 'main'] as const) {
      const r2 = await run(dept, badQuote, { partial: true, validateIn });
      expect(r2.status).toBe('failed');
      expect(r2.message).toMatch(/第 3002 行：引号没有结束/);
    }
    expect(await count(dept)).toBe(0);
  });
});

describe('idempotency and corrections on the single-pass path', () => {
  it('the same large file twice changes nothing (spool and default)', async () => {
    const dept = await createDepartment(t);
    const file = writeCsv(
      'twice.csv',
      Array.from({ length: ROWS }, (_, i) => line('T', i)),
    );
    const first = await run(dept, file, { holdRows: 'spool' });
    expect(first).toMatchObject({ status: 'done', rows_ok: ROWS, rows_unchanged: 0 });
    const before = await sql<{ m: Date; h: string }>`
      select max(updated_at) as m, string_agg(content_hash, '' order by decision_no) as h
      from credit_record where department_id = ${dept}::uuid`.execute(t.ctx.db);
    for (const hold of ['auto', 'spool'] as const) {
      const again = await run(dept, file, { holdRows: hold });
      expect(again).toMatchObject({ status: 'done', rows_ok: ROWS, rows_unchanged: ROWS });
      expect(await importAudits(again.id)).toEqual([]);
    }
    const dry = await run(dept, file, { dryRun: true });
    expect(dry).toMatchObject({ rows_ok: ROWS, rows_unchanged: ROWS });
    const after = await sql<{ m: Date; h: string }>`
      select max(updated_at) as m, string_agg(content_hash, '' order by decision_no) as h
      from credit_record where department_id = ${dept}::uuid`.execute(t.ctx.db);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it('a decision repeated in a later batch corrects the earlier row; within a batch it is a duplicate', async () => {
    const dept = await createDepartment(t);
    const lines = Array.from({ length: 3000 }, (_, i) => line('C', i));
    // Row 1500 (second batch of 1000) repeats decision 5 with another severity: a correction.
    lines[1500] = line('C', 5, { severity: '严重' });
    // Row 2500 repeats row 2400's decision within the third batch: a duplicate error.
    lines[2500] = line('C', 2400);
    const r = await run(dept, writeCsv('corrections.csv', lines), { partial: true });
    expect(r.error_sample).toEqual([expect.objectContaining({ row: 2502, rule: 'duplicate' })]);
    expect(r.message).toMatch(/新增 2998 行，更正 1 行/);
    const rec = await sql<{ severity: string }>`
      select severity from credit_record where department_id = ${dept}::uuid and decision_no = ${'C罚〔2026〕5号'}`.execute(
      t.ctx.db,
    );
    expect(rec.rows).toEqual([{ severity: 'serious' }]);
  });
});

describe('key checks', () => {
  it('the per-transaction key lock is allowed here, and refused once credit_record has a trigger', async () => {
    expect(await keyLockAllowed(t.ctx.db)).toBe(true);
    await sql`create function credit_test_noop() returns trigger language plpgsql as $$ begin return new; end $$`.execute(
      t.ctx.db,
    );
    await sql`create trigger credit_test_noop before insert on credit_record for each row execute function credit_test_noop()`.execute(
      t.ctx.db,
    );
    try {
      expect(await keyLockAllowed(t.ctx.db)).toBe(false);
    } finally {
      await sql`drop trigger credit_test_noop on credit_record`.execute(t.ctx.db);
      await sql`drop function credit_test_noop()`.execute(t.ctx.db);
    }
    expect(await keyLockAllowed(t.ctx.db)).toBe(true);
  });

  it('writes the same records with per-row RI triggers and with the key lock; links enterprises', async () => {
    const ent = await createEnterprise(t);
    const results: unknown[] = [];
    for (const keyChecks of ['per-row', 'auto'] as const) {
      const dept = await createDepartment(t);
      const lines = Array.from({ length: 6000 }, (_, i) => line('K', i));
      lines[3] = line('K', 3, { uscc: ent.uscc });
      const r = await run(dept, writeCsv(`keys-${keyChecks}.csv`, lines), { keyChecks });
      expect(r).toMatchObject({ status: 'done', rows_ok: 6000 });
      const rows = await sql<Record<string, unknown>>`
        select uscc, entity_name, enterprise_id, decision_no, decision_date, entry_workdays, timely, data, severity,
          publication, publish_from, publish_min_until, publish_until, source, content_hash, import_id = ${r.id}::uuid as mine
        from credit_record where department_id = ${dept}::uuid order by decision_no`.execute(t.ctx.db);
      expect(rows.rows).toHaveLength(6000);
      expect(rows.rows.every((x) => x.mine === true)).toBe(true);
      expect(rows.rows.filter((x) => x.enterprise_id !== null).map((x) => x.enterprise_id)).toEqual([ent.id]);
      results.push(rows.rows.map(({ mine: _mine, ...rest }) => rest));
    }
    expect(results[1]).toEqual(results[0]);
  });

  it('array literals survive the trip through the database unchanged', async () => {
    const values = ['a', 'x"y', 'p\\q', '', '{,}', '多行\n文本', 'tab\there', null, 'NULL', ' spaced '];
    const r = await sql<{ v: string | null }>`select unnest(${pgArrayLiteral(values)}::text[]) as v`.execute(
      t.ctx.db,
    );
    expect(r.rows.map((x) => x.v)).toEqual(values);
  });
});

describe('bulk-load mode', () => {
  async function copiedRows(importId: string): Promise<number> {
    const r = await sql<{ n: number }>`
      select coalesce(sum((detail->>'copied')::int), 0)::int as n from audit_log
      where action = 'credit.records-imported' and subject_id = ${importId}`.execute(t.ctx.db);
    return r.rows[0]!.n;
  }
  async function records(dept: string): Promise<Record<string, unknown>[]> {
    const r = await sql<Record<string, unknown>>`
      select uscc, entity_name, enterprise_id, decision_no, decision_date, entered_at is not null as entered,
        entry_workdays, timely, data, severity, publication, publish_from, publish_min_until, publish_until, source,
        content_hash, created_by, publication_ended_at
      from credit_record where department_id = ${dept}::uuid and decision_no like 'B罚%'
      order by decision_no`.execute(t.ctx.db);
    return r.rows;
  }

  it('copies into an empty decision space exactly what the upsert path writes into a populated one', async () => {
    const ent = await createEnterprise(t);
    const lines = Array.from({ length: ROWS }, (_, i) => line('B', i));
    lines[5] = line('B', 5, { uscc: ent.uscc });
    // Characters COPY text must escape, in a free-text column.
    lines[6] = lines[6]!.replace('《条例》第十条', csvField('反斜杠\\与\t制表符'));
    // A decision number repeated in a later chunk: that chunk is not fresh and goes through the stage.
    lines[ROWS - 1] = line('B', 10, { severity: '严重' });
    const file = writeCsv('bulk.csv', lines);

    const empty = await createDepartment(t);
    const bulk = await run(empty, file);
    expect(bulk).toMatchObject({ status: 'done', rows_ok: ROWS, rows_failed: 0 });
    expect(bulk.message).toMatch(new RegExp(`新增 ${ROWS - 1} 行，更正 1 行`));
    const copied = await copiedRows(bulk.id);
    expect(copied).toBeGreaterThan(0);
    expect(copied).toBeLessThan(ROWS - 1);

    const populated = await createDepartment(t);
    await run(populated, writeCsv('other.csv', [line('P', 1)]));
    const upsert = await run(populated, file);
    expect(upsert.message).toMatch(new RegExp(`新增 ${ROWS - 1} 行，更正 1 行`));
    // PostgreSQL holds the space's lock for the whole import: a chunk none of whose numbers exist is copied there
    // too (after one probe per number); PGlite upserts whenever the space had records.
    expect(await copiedRows(upsert.id)).toBe(postgres() ? copied : 0);

    const a = await records(empty);
    expect(a).toHaveLength(ROWS - 1);
    expect(a).toEqual(await records(populated));
    const row = (no: number) => a.find((x) => x.decision_no === `B罚〔2026〕${no}号`)!;
    expect(row(5).enterprise_id).toBe(ent.id);
    expect((row(6).data as { basis: string }).basis).toBe('反斜杠\\与\t制表符');
    expect(row(10).severity).toBe('serious');

    // The same file again (the space is no longer empty): nothing new, and the same records in the end — the
    // repeated decision is corrected twice on the way, as the file says.
    const again = await run(empty, file);
    expect(again.message).toMatch(new RegExp(`新增 0 行，更正 2 行，未变 ${ROWS - 2} 行`));
    expect(await copiedRows(again.id)).toBe(0);
    expect(await records(empty)).toEqual(a);
  });

  it('on PGlite, a decision entered between two chunk transactions sends that chunk through the upsert', async () => {
    if (postgres()) return; // PostgreSQL holds one transaction and the decision-space lock for the whole import.
    const dept = await createDepartment(t);
    const file = writeCsv(
      'race.csv',
      Array.from({ length: ROWS }, (_, i) => line('R', i)),
    );
    let raced: Promise<unknown> | undefined;
    const r = await importLocalFile(t.ctx, {
      file,
      departmentId: dept,
      categoryCode: 'penalty',
      dryRun: false,
      partial: false,
      reportPath: `${file}.errors.xlsx`,
      onProgress: (p) => {
        // The file is valid and the merge is about to begin: another writer enters one of its decisions first.
        if (p.phase === 'writing' && raced === undefined) {
          raced = sql`insert into credit_record (category_code, uscc, entity_name, department_id, decision_no,
              decision_date, entry_workdays, timely, source, content_hash)
            values ('penalty', ${uscc(4000)}, '先录入的企业', ${dept}::uuid, 'R罚〔2026〕4000号', '2026-11-02', 0, true,
              'form', 'other')`.execute(t.ctx.db);
        }
      },
    });
    await raced;
    expect(r).toMatchObject({ status: 'done', rows_ok: ROWS });
    expect(r.message).toMatch(new RegExp(`新增 ${ROWS - 1} 行，更正 1 行`));
    expect(await count(dept)).toBe(ROWS);
    const copied = await copiedRows(r.id);
    expect(copied).toBeGreaterThan(0);
    expect(copied).toBeLessThan(ROWS);
    const fixed = await sql<{ entity_name: string }>`
      select entity_name from credit_record where department_id = ${dept}::uuid
        and decision_no = 'R罚〔2026〕4000号'`.execute(t.ctx.db);
    expect(fixed.rows[0]?.entity_name).toBe('测试R4000有限公司');
  });
});
