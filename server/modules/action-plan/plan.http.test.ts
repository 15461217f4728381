import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.ts';
import { seedReferenceData } from '../../seed/reference-data.ts';
import { buildTestApp, createTestUser, loginCookie, type TestApp } from '../../test/harness.ts';
import { parsePlan } from './plan-parser.ts';
import { importShippedPlan, SHIPPED_PLAN_FILE } from './plan-import.service.ts';

const seedText = readFileSync(SHIPPED_PLAN_FILE, 'utf8');
const clock = new FixedClock('2026-11-27T02:00:00Z');

let t: TestApp;
let officeCookie: string;
let officerCookie: string;

interface FormPart {
  name: string;
  filename?: string;
  content: string | Buffer;
}

function multipart(parts: readonly FormPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----ys${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    const type = p.filename ? 'Content-Type: text/plain\r\n' : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function postJson(payload: unknown, cookie?: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/action-plan/import',
    payload: payload as object,
    headers: cookie ? { cookie } : {},
  });
}

async function postForm(parts: readonly FormPart[], cookie?: string) {
  const form = multipart(parts);
  return t.app.inject({
    method: 'POST',
    url: '/api/action-plan/import',
    payload: form.payload,
    headers: { ...form.headers, ...(cookie ? { cookie } : {}) },
  });
}

async function get(url: string, cookie?: string) {
  return t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
}

beforeAll(async () => {
  t = await buildTestApp({ clock });
  // What main.ts does after start-up; the next start links the shipped plan's units to the registry.
  await seedReferenceData(t.ctx);
  await importShippedPlan(t.ctx);
  officeCookie = await loginCookie(t, await createTestUser(t, 'office'));
  officerCookie = await loginCookie(t, await createTestUser(t, 'officer'));
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/action-plan (public)', () => {
  it('gives the plan, its parts and sections with measure counts, and a summary', async () => {
    const res = await get('/api/action-plan');
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      plan: Record<string, unknown>;
      parts: { no: number; label: string; sections: { no: number; label: string; measureCount: number }[] }[];
      summary: { measures: number; byStatus: Record<string, number>; averageProgress: number };
    }>();
    expect(body.plan).toEqual({
      code: 'xiangcheng-2022',
      title: '相城区优化营商环境创新行动2022',
      issuer: '中共苏州市相城区委员会、苏州市相城区人民政府',
      documentNo: '相委发〔2022〕16号',
      issuedOn: '2022-05-11',
      reportingPeriod: 'monthly',
    });
    expect(body.parts.map((p) => p.label)).toEqual(['二', '三', '四', '五']);
    const sections = body.parts.flatMap((p) => p.sections);
    expect(sections.map((s) => s.no)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    // Counts agree with the parser's own reading of the text.
    const parsed = parsePlan(seedText);
    expect(sections.map((s) => s.measureCount)).toEqual(
      parsed.sections.map((s) => parsed.measures.filter((m) => m.sectionNo === s.no).length),
    );
    expect(body.parts[2]?.sections.map((s) => s.label)).toEqual([
      '（十三）',
      '（十四）',
      '（十五）',
      '（十六）',
    ]);
    expect(body.summary.measures).toBe(58);
    expect(Object.values(body.summary.byStatus).reduce((a, b) => a + b, 0)).toBe(58);
    expect(Object.keys(body.summary.byStatus).sort()).toEqual([
      'completed',
      'in_progress',
      'lagging',
      'not_started',
    ]);
    expect(body.summary.averageProgress).toBeGreaterThanOrEqual(0);
  });
});

describe('POST /api/action-plan/import', () => {
  it('401 for anonymous callers', async () => {
    const res = await postJson({ text: seedText });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
    expect((await postForm([{ name: 'file', filename: 'plan.txt', content: seedText }])).statusCode).toBe(
      401,
    );
  });

  it('400 for an empty text, unknown fields or a bad code (before permissions)', async () => {
    for (const cookie of [officeCookie, officerCookie]) {
      const empty = await postJson({ text: '' }, cookie);
      expect(empty.statusCode).toBe(400);
      expect(empty.json().errors[0]).toMatchObject({ field: '/body/text', rule: 'minLength' });
      const extra = await postJson({ text: seedText, plan: 'x' }, cookie);
      expect(extra.statusCode).toBe(400);
      expect(extra.json().errors[0].field).toBe('/body/plan');
      const code = await postJson({ text: seedText, code: 'Xiang Cheng' }, cookie);
      expect(code.statusCode).toBe(400);
      expect(code.json().errors[0]).toMatchObject({ field: '/body/code', rule: 'pattern' });
    }
  });

  it('400 for text that is not a plan, with the reason', async () => {
    const garbage = await postJson({ text: '这不是一份行动方案。\n\nhello world' }, officeCookie);
    expect(garbage.statusCode).toBe(400);
    expect(garbage.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(garbage.json()).toMatchObject({ code: 'PLAN_TEXT_INVALID', status: 400 });
    expect(garbage.json().errors[0]).toMatchObject({ field: '/body/text', rule: 'plan_format' });
    // The parser's problem is the field message; the web words the reason.
    expect(garbage.json().errors[0].message).toMatch(/没有找到编号措施/);
    expect(garbage.json().params).toEqual({ reason: 'format', count: garbage.json().errors.length });

    const gbk = await postForm(
      [{ name: 'file', filename: 'plan.txt', content: Buffer.from([0xd6, 0xd0, 0xb9, 0xfa]) }],
      officeCookie,
    );
    expect(gbk.statusCode).toBe(400);
    expect(gbk.json().code).toBe('PLAN_TEXT_INVALID');
    expect(gbk.json().params).toEqual({ reason: 'not-utf8', count: 1 });

    const noFile = await postForm([{ name: 'code', content: 'xiangcheng-2022' }], officeCookie);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().errors[0]).toMatchObject({ field: '/body/file', rule: 'required' });
    expect(noFile.json().params).toEqual({ reason: 'plan-file-missing', field: 'file' });
    const stray = await postForm(
      [
        { name: 'file', filename: 'plan.txt', content: seedText },
        { name: 'note', content: 'x' },
      ],
      officeCookie,
    );
    expect(stray.statusCode).toBe(400);
    expect(stray.json().errors[0].field).toBe('/body/note');
    expect(await sqlCount('plan_import')).toBe(1);
  });

  it('403 for an officer (plan.report, not plan.supervise)', async () => {
    const res = await postJson({ text: seedText }, officerCookie);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN', permission: 'plan.supervise' });
    const form = await postForm([{ name: 'file', filename: 'plan.txt', content: seedText }], officerCookie);
    expect(form.statusCode).toBe(403);
  });

  it('413 for a file over 2 MB, 415 for another content type', async () => {
    const big = await postForm(
      [{ name: 'file', filename: 'plan.txt', content: Buffer.alloc(2 * 1024 * 1024 + 1, 0x41) }],
      officeCookie,
    );
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('PAYLOAD_TOO_LARGE');
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/action-plan/import',
      payload: seedText,
      headers: { cookie: officeCookie, 'content-type': 'text/plain' },
    });
    expect(plain.statusCode).toBe(415);
  });

  it('200 for the office: JSON re-import of the same text changes nothing', async () => {
    clock.advance(60_000);
    const res = await postJson({ text: seedText }, officeCookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      planCode: 'xiangcheng-2022',
      planCreated: false,
      parts: 4,
      sections: 19,
      measures: 58,
      added: 0,
      updated: 0,
      unchanged: 58,
      removed: [],
      unmatchedUnits: [],
    });
  });

  it('200 for the office: an uploaded revision updates in place and reports an unknown unit', async () => {
    const revised = seedText
      .replace('**1. 全面落实市场准入负面清单。**', '**1. 全面落实市场准入负面清单（2023年版）。**')
      .replace('（责任单位：区商务局）', '（责任单位：区商务局、区口岸办）');
    clock.advance(60_000);
    const res = await postForm(
      [
        { name: 'code', content: 'xiangcheng-2022' },
        { name: 'file', filename: '相城区方案.txt', content: `\uFEFF${revised.replace(/\n/g, '\r\n')}` },
      ],
      officeCookie,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      planCode: 'xiangcheng-2022',
      added: 0,
      updated: 2,
      unchanged: 56,
      unmatchedUnits: [{ measureNo: 3, name: '区口岸办' }],
    });
    const title = await sql<{
      title: string;
    }>`select title from measure where no = 1`.execute(t.ctx.db);
    expect(title.rows[0]?.title).toBe('全面落实市场准入负面清单（2023年版）');
  });
});

async function sqlCount(table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.ctx.db);
  return r.rows[0]?.n ?? -1;
}

describe('GET /api/action-plan/imports', () => {
  it('401 anonymous, 400 bad paging, 403 officer', async () => {
    expect((await get('/api/action-plan/imports')).statusCode).toBe(401);
    const bad = await get('/api/action-plan/imports?pageSize=1000', officeCookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/querystring/pageSize');
    expect((await get('/api/action-plan/imports', officerCookie)).statusCode).toBe(403);
  });

  it('200 for the office: the history, newest first', async () => {
    const res = await get('/api/action-plan/imports?pageSize=2', officeCookie);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: Record<string, unknown>[]; total: number }>();
    expect(body.total).toBe(3);
    expect(body.items).toHaveLength(2);
    expect(body.items[0]).toMatchObject({
      planCode: 'xiangcheng-2022',
      updated: 2,
      unchanged: 56,
      unmatchedUnits: [{ measureNo: 3, name: '区口岸办' }],
    });
    expect(body.items[0]?.importedBy).toMatch(/^office/);
    expect(body.items[1]).toMatchObject({ added: 0, updated: 0, unchanged: 58, unmatchedUnits: [] });
    const page2 = await get('/api/action-plan/imports?pageSize=2&page=2', officeCookie);
    expect(page2.json().items).toEqual([expect.objectContaining({ importedBy: 'system:seed', added: 58 })]);
  });
});

describe('with no plan loaded', () => {
  it('404 for the structure; an import then needs a code and creates the plan', async () => {
    await sql`delete from plan`.execute(t.ctx.db);
    const none = await get('/api/action-plan');
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('PLAN_NOT_LOADED');

    const noCode = await postJson({ text: seedText }, officeCookie);
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().errors[0]).toMatchObject({ field: '/body/code', rule: 'required' });

    const created = await postForm(
      [
        { name: 'file', filename: 'plan.txt', content: seedText },
        { name: 'code', content: 'xiangcheng-2022b' },
      ],
      officeCookie,
    );
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ planCode: 'xiangcheng-2022b', planCreated: true, added: 58 });
    const overview = await get('/api/action-plan');
    expect(overview.statusCode).toBe(200);
    expect(overview.json().plan.code).toBe('xiangcheng-2022b');
  });
});
