/**
 * Supporting documents of a repair application (uploaded through POST /api/files, claimed by the application) and
 * who may read them; the class history in the enterprise's own view (GET /api/credit/my).
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.ts';
import {
  buildTestApp,
  createEnterprise,
  createTestUser,
  loginCookie,
  type TestApp,
  type TestUser,
} from '../../test/harness.ts';
import { classifyAllEnterprises } from './classification.service.ts';
import { classifyEnterprisesJob } from './credit.jobs.ts';

/** A valid 1×1 PNG and a minimal PDF: the files module sniffs content, so the bytes must be real. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/q842iQAAAABJRU5ErkJggg==',
  'base64',
);
function pdfBytes(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}
function multipart(
  filename: string,
  type: string,
  content: Buffer,
): { payload: Buffer; contentType: string } {
  const boundary = `----yscredit${randomUUID().replace(/-/g, '')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(filename)}"\r\n` +
      `Content-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

const clock = new FixedClock('2026-09-29T02:00:00Z');
let t: TestApp;
let officerA: TestUser; // entered the record, reviews the repair
let officerB: TestUser; // another department
let entUser: TestUser;
let colleague: TestUser; // another user of the same enterprise
let otherUser: TestUser; // another enterprise
let ent = { id: '', uscc: '' };

const cookies = new Map<string, string>();
async function cookieOf(u: TestUser): Promise<string> {
  let c = cookies.get(u.id);
  if (!c) {
    c = await loginCookie(t, u);
    cookies.set(u.id, c);
  }
  return c;
}
async function call(method: 'GET' | 'POST', url: string, u: TestUser, payload?: object) {
  return t.app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: { cookie: await cookieOf(u) },
  });
}
async function upload(u: TestUser, filename: string, content: Buffer, type: string): Promise<string> {
  const form = multipart(filename, type, content);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/files',
    payload: form.payload,
    headers: { 'content-type': form.contentType, cookie: await cookieOf(u) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
/** A published ordinary penalty of department A whose minimum period is over on the test day. */
async function penalty(): Promise<string> {
  const no = `相罚〔2026〕${randomUUID().slice(0, 8)}号`;
  const res = await sql<{ id: string }>`
    insert into credit_record (category_code, uscc, entity_name, enterprise_id, department_id, decision_no,
      decision_date, entry_workdays, timely, data, severity, publish_from, publish_min_until, publish_until,
      publication, source, content_hash)
    values ('test-penalty', ${ent.uscc}, '材料测试企业', ${ent.id}, ${officerA.departmentId}, ${no}, '2026-01-10',
      1, true, '{}'::jsonb, 'ordinary', '2026-01-10', '2026-04-10', '2027-01-10', 'published', 'form',
      ${createHash('sha256').update(no).digest('hex')})
    returning id`.execute(t.ctx.db);
  return res.rows[0]!.id;
}

beforeAll(async () => {
  t = await buildTestApp({ clock });
  await sql`insert into credit_category (code, name, kind, public) values ('test-penalty', '行政处罚', 'penalty', true)
    on conflict (code) do nothing`.execute(t.ctx.db);
  officerA = await createTestUser(t, 'officer');
  officerB = await createTestUser(t, 'officer');
  ent = await createEnterprise(t, { name: '材料测试企业' });
  entUser = await createTestUser(t, 'enterprise', { enterpriseId: ent.id });
  colleague = await createTestUser(t, 'enterprise', { enterpriseId: ent.id });
  otherUser = await createTestUser(t, 'enterprise');
});
afterAll(async () => {
  await t.close();
});

describe('repair materials', () => {
  it('claims the applicant’s uploads and lets the applicant and the reviewing department read them', async () => {
    const recordId = await penalty();
    const pdf = await upload(entUser, 'payment.pdf', pdfBytes('paid'), 'application/pdf');
    const png = await upload(entUser, 'photo.png', PNG, 'image/png');
    const res = await call('POST', `/api/credit/records/${recordId}/repair`, entUser, {
      statement: '已缴纳罚款并整改',
      materialFileIds: [pdf, png],
    });
    expect(res.statusCode, res.body).toBe(201);
    const repair = res.json();
    expect(repair.materials.map((m: { id: string }) => m.id)).toEqual([pdf, png]);
    expect(repair.materials[0]).toMatchObject({ contentType: 'application/pdf' });

    // The department's review list carries them too.
    const list = await call('GET', '/api/credit/repairs?status=pending', officerA);
    const listed = list.json().items.find((r: { id: string }) => r.id === repair.id);
    expect(listed.materials).toHaveLength(2);

    const read = async (u: TestUser) =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/files/${pdf}/content`,
          headers: { cookie: await cookieOf(u) },
        })
      ).statusCode;
    expect(await read(entUser)).toBe(200);
    expect(await read(colleague)).toBe(200);
    expect(await read(officerA)).toBe(200);
    expect(await read(officerB)).toBe(404);
    expect(await read(otherUser)).toBe(404);

    // The application and its materials are audited together.
    const audit = await sql<{ detail: { materials: string[] } }>`
      select detail from audit_log where action = 'credit.repair_applied' and subject_id = ${repair.id}`.execute(
      t.ctx.db,
    );
    expect(audit.rows[0]?.detail.materials).toEqual([pdf, png]);
  });

  it('refuses someone else’s file, a file already used, and a CSV, naming the field; nothing is stored', async () => {
    const recordId = await penalty();
    const foreign = await upload(otherUser, 'x.pdf', pdfBytes('x'), 'application/pdf');
    const csv = await upload(entUser, 'rows.csv', Buffer.from('a,b\n1,2\n'), 'text/csv');
    const mine = await upload(entUser, 'ok.pdf', pdfBytes('ok'), 'application/pdf');
    const res = await call('POST', `/api/credit/records/${recordId}/repair`, entUser, {
      statement: '已整改',
      materialFileIds: [mine, foreign, csv],
    });
    expect(res.statusCode, res.body).toBe(400);
    const errors = res.json().errors as { field: string; rule: string }[];
    expect(errors).toEqual([
      expect.objectContaining({ field: '/body/materialFileIds/1', rule: 'own_unattached_upload' }),
      expect.objectContaining({ field: '/body/materialFileIds/2', rule: 'material_type' }),
    ]);
    // Rolled back: no application, and the good file is still free to use.
    const pending = await sql<{ n: number }>`
      select count(*)::int as n from credit_repair where record_id = ${recordId}`.execute(t.ctx.db);
    expect(pending.rows[0]?.n).toBe(0);
    const retry = await call('POST', `/api/credit/records/${recordId}/repair`, entUser, {
      statement: '已整改',
      materialFileIds: [mine],
    });
    expect(retry.statusCode, retry.body).toBe(201);

    // Used once, a file cannot back another application.
    const second = await penalty();
    const reuse = await call('POST', `/api/credit/records/${second}/repair`, entUser, {
      statement: '已整改',
      materialFileIds: [mine],
    });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().errors[0]).toMatchObject({ rule: 'own_unattached_upload' });
  });

  it('an application without materials has an empty list', async () => {
    const recordId = await penalty();
    const res = await call('POST', `/api/credit/records/${recordId}/repair`, entUser, {
      statement: '已整改',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().materials).toEqual([]);
  });
});

describe('class history in the enterprise’s own view', () => {
  it('lists the stored monthly classes, newest first, with their explanation', async () => {
    const before = (await call('GET', '/api/credit/my', entUser)).json();
    expect(before.class.history).toEqual([]);
    await classifyAllEnterprises(t.ctx, classifyEnterprisesJob(t.ctx).actor, { asOf: '2026-08-01' });
    await classifyAllEnterprises(t.ctx, classifyEnterprisesJob(t.ctx).actor, { asOf: '2026-09-01' });
    const after = (await call('GET', '/api/credit/my', entUser)).json();
    const periods = after.class.history.map((h: { period: string }) => h.period);
    expect(periods.length).toBe(2);
    expect([...periods].sort().reverse()).toEqual(periods);
    for (const h of after.class.history) {
      expect(['A', 'B', 'C', 'D']).toContain(h.class);
      expect(h.explanation.length).toBeGreaterThan(0);
    }
    // The other enterprise's history is not mixed in: its own view has its own rows only.
    const other = (await call('GET', '/api/credit/my', otherUser)).json();
    expect(other.class.history.every((h: { score: number }) => h.score === 100)).toBe(true);
  });
});
