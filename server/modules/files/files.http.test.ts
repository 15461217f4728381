import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../kernel/policy.ts';
import {
  buildTestApp,
  createTestUser,
  loginCookie,
  type TestApp,
  type TestUser,
} from '../../test/harness.ts';
import { attachFile, storeUpload } from './index.ts';
import {
  elfBinary,
  multipartForm,
  storedZip,
  tinyPdf,
  tinyPng,
  type FormPart,
} from './files.test-helpers.ts';

let t: TestApp;
let filesDir: string;
let uploader: TestUser;
let stranger: TestUser;
let officer: TestUser;
const cookies = new Map<string, string>();

async function cookieOf(u: TestUser): Promise<string> {
  let c = cookies.get(u.id);
  if (!c) {
    c = await loginCookie(t, u);
    cookies.set(u.id, c);
  }
  return c;
}

async function upload(
  u: TestUser | undefined,
  parts: FormPart[],
  headers: Record<string, string> = {},
  app: TestApp = t,
) {
  const form = multipartForm(parts);
  const cookie = u ? { cookie: app === t ? await cookieOf(u) : await loginCookie(app, u) } : {};
  return app.app.inject({
    method: 'POST',
    url: '/api/files',
    payload: form.payload,
    headers: { ...form.headers, ...cookie, ...headers },
  });
}

async function get(u: TestUser, url: string) {
  return t.app.inject({ method: 'GET', url, headers: { cookie: await cookieOf(u) } });
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

async function rowsWithSha(hash: string): Promise<number> {
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from stored_file where sha256 = ${hash}`.execute(t.ctx.db);
  return r.rows[0]!.n;
}

function actorOf(u: TestUser, kind: Actor['kind']): Actor {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.username,
    kind,
    permissions: new Set(['file.upload']),
    departmentId: u.departmentId,
    enterpriseId: u.enterpriseId,
    via: 'session',
    sessionId: null,
  };
}

function leftoverTempFiles(dir: string): string[] {
  const tmp = path.join(dir, '.tmp');
  return fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
}

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ys-files-'));
  t = await buildTestApp({
    config: { filesDir },
    // A module that owns files and says officers may read those of case-1 (declared, like every owner module).
    extraModules: () => [
      {
        name: 'test-case',
        fileAccess: {
          'test-case': async (actor, ownerId) => actor.kind === 'officer' && ownerId === 'case-1',
        },
      },
    ],
  });
  uploader = await createTestUser(t, 'enterprise');
  stranger = await createTestUser(t, 'individual');
  officer = await createTestUser(t, 'officer');
});
afterAll(async () => {
  await t.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('POST /api/files: who may upload', () => {
  it('401 for anonymous uploads and reads', async () => {
    expect(
      (await upload(undefined, [{ name: 'file', filename: 'a.png', content: tinyPng() }])).statusCode,
    ).toBe(401);
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${id}` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${id}/content` })).statusCode).toBe(401);
  });

  it('400 names the missing file, an unknown field and an unknown purpose', async () => {
    const none = await upload(uploader, [{ name: 'purpose', content: 'attachment' }]);
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0]).toMatchObject({ field: '/body/file', rule: 'required' });
    const extra = await upload(uploader, [
      { name: 'file', filename: 'a.png', content: tinyPng() },
      { name: 'owner', content: 'x' },
    ]);
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0].field).toBe('/body/owner');
    const purpose = await upload(uploader, [
      { name: 'file', filename: 'a.png', content: tinyPng() },
      { name: 'purpose', content: 'everything' },
    ]);
    expect(purpose.statusCode).toBe(400);
    expect(purpose.json().errors[0]).toMatchObject({ field: '/body/purpose', rule: 'enum' });
    const empty = await upload(uploader, [{ name: 'file', filename: 'a.txt', content: Buffer.alloc(0) }]);
    expect(empty.statusCode).toBe(400);
  });

  it('415 when the body is not multipart', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { cookie: await cookieOf(uploader) },
      payload: { file: 'x' },
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('403 for an account without file.upload', async () => {
    const admin = await createTestUser(t, 'sysadmin');
    const res = await upload(admin, [{ name: 'file', filename: 'a.png', content: tinyPng() }]);
    expect(res.statusCode).toBe(403);
  });
});

describe('upload and download', () => {
  it('stores a PNG: sniffed type, size, SHA-256, audit entry; the uploader reads it back byte for byte', async () => {
    const png = tinyPng();
    const res = await upload(uploader, [
      { name: 'file', filename: 'photo.png', content: png, type: 'application/pdf' },
    ]);
    expect(res.statusCode).toBe(201);
    const meta = res.json();
    expect(meta).toMatchObject({
      name: 'photo.png',
      contentType: 'image/png',
      sizeBytes: png.length,
      sha256: sha256(png),
    });

    expect((await get(uploader, `/api/files/${meta.id}`)).json()).toEqual(meta);
    const content = await get(uploader, `/api/files/${meta.id}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    expect(content.headers['content-disposition']).toMatch(/^attachment;/);
    expect(Buffer.compare(content.rawPayload, png)).toBe(0);

    const audit = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_log where action = 'file.uploaded' and subject_id = ${meta.id}`.execute(
      t.ctx.db,
    );
    expect(audit.rows[0]!.n).toBe(1);
    expect(leftoverTempFiles(filesDir)).toEqual([]);
  });

  it('stores a PDF and keeps a Chinese file name intact in Content-Disposition', async () => {
    const pdf = tinyPdf();
    const name = '营业执照（副本）2026.pdf';
    const res = await upload(uploader, [{ name: 'file', filename: name, content: pdf }]);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name, contentType: 'application/pdf' });
    const content = await get(uploader, `/api/files/${res.json().id}/content`);
    const disposition = content.headers['content-disposition'] as string;
    const star = /filename\*=UTF-8''([^;]+)/.exec(disposition);
    expect(star).not.toBeNull();
    expect(decodeURIComponent(star![1]!)).toBe(name);
    // The plain fallback stays ASCII so old clients do not mangle the header.
    expect(/filename="([^"]*)"/.exec(disposition)![1]).toMatch(/^[\x20-\x7e]+$/);
  });

  it('names are display text only: path parts and control characters are stripped', async () => {
    const res = await upload(uploader, [
      { name: 'file', filename: '..\\..\\windows\\evil\u202Egpj.pdf', content: tinyPdf('n') },
    ]);
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe('evilgpj.pdf');
    const row = await sql<{
      storage_key: string;
    }>`select storage_key from stored_file where id = ${res.json().id}`.execute(t.ctx.db);
    expect(row.rows[0]!.storage_key).toMatch(/^[a-f0-9]{32}$/);
  });

  it('415 with a reason for an ELF executable or an HTML page renamed to .pdf; nothing is stored', async () => {
    const elf = await upload(uploader, [
      { name: 'file', filename: 'report.pdf', content: elfBinary(), type: 'application/pdf' },
    ]);
    expect(elf.statusCode).toBe(415);
    expect(elf.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(elf.json().detail).toContain('elf');
    const html = '<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>';
    const page = await upload(uploader, [
      { name: 'file', filename: 'invoice.pdf', content: html, type: 'application/pdf' },
    ]);
    expect(page.statusCode).toBe(415);
    expect(page.json().detail).toMatch(/HTML/);
    expect(await rowsWithSha(sha256(elfBinary()))).toBe(0);
    expect(leftoverTempFiles(filesDir)).toEqual([]);
  });

  it('plain text is accepted only as valid UTF-8 named .txt/.csv', async () => {
    const csv = await upload(uploader, [
      { name: 'file', filename: '名单.csv', content: '统一社会信用代码,名称\n91320507MA1XXXXXXX,测试\n' },
    ]);
    expect(csv.statusCode).toBe(201);
    expect(csv.json().contentType).toBe('text/csv; charset=utf-8');
    const latin1 = await upload(uploader, [
      { name: 'file', filename: 'gbk.csv', content: Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x0a]) },
    ]);
    expect(latin1.statusCode).toBe(415);
    expect(latin1.json().detail).toMatch(/UTF-8/);
    const disguised = await upload(uploader, [
      { name: 'file', filename: 'notes.pdf', content: 'just words' },
    ]);
    expect(disguised.statusCode).toBe(415);
  });

  it('purpose narrows what is accepted; OFD is recognised inside its ZIP, a plain ZIP is not', async () => {
    const pdfAsImage = await upload(uploader, [
      { name: 'purpose', content: 'image' },
      { name: 'file', filename: 'a.pdf', content: tinyPdf('img') },
    ]);
    expect(pdfAsImage.statusCode).toBe(415);
    const ofd = storedZip([
      {
        name: 'OFD.xml',
        content: '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>',
      },
      { name: 'Doc_0/Document.xml', content: '<ofd:Document/>' },
    ]);
    const okOfd = await upload(uploader, [
      { name: 'purpose', content: 'document' },
      { name: 'file', filename: '电子证照.ofd', content: ofd },
    ]);
    expect(okOfd.statusCode).toBe(201);
    expect(okOfd.json().contentType).toBe('application/ofd');
    const zip = await upload(uploader, [
      { name: 'file', filename: 'a.ofd', content: storedZip([{ name: 'a.txt', content: 'x' }]) },
    ]);
    expect(zip.statusCode).toBe(415);
    expect(zip.json().detail).toContain('application/zip');
  });
});

describe('who may read a file', () => {
  it('another user gets 404 for a file that is not theirs, on metadata and content', async () => {
    const res = await upload(uploader, [{ name: 'file', filename: 'private.png', content: tinyPng() }]);
    const id = res.json().id as string;
    expect((await get(stranger, `/api/files/${id}`)).statusCode).toBe(404);
    expect((await get(stranger, `/api/files/${id}/content`)).statusCode).toBe(404);
    expect((await get(officer, `/api/files/${id}`)).statusCode).toBe(404);
    expect((await get(uploader, `/api/files/${id}`)).statusCode).toBe(200);
  });

  it('the owning module decides for everyone but the uploader', async () => {
    const mine = await storeUpload(t.ctx, actorOf(uploader, 'enterprise'), {
      ownerModule: 'test-case',
      ownerId: 'case-1',
      filename: '材料.pdf',
      stream: Readable.from([tinyPdf('case-1')]),
    });
    const other = await storeUpload(t.ctx, actorOf(uploader, 'enterprise'), {
      ownerModule: 'test-case',
      ownerId: 'case-2',
      filename: '材料.pdf',
      stream: Readable.from([tinyPdf('case-2')]),
    });
    expect((await get(officer, `/api/files/${mine.id}`)).statusCode).toBe(200);
    expect((await get(officer, `/api/files/${mine.id}/content`)).statusCode).toBe(200);
    expect((await get(stranger, `/api/files/${mine.id}`)).statusCode).toBe(404);
    expect((await get(officer, `/api/files/${other.id}`)).statusCode).toBe(404);
    expect((await get(uploader, `/api/files/${other.id}`)).statusCode).toBe(200);
  });

  it('an upload claimed by a module use case follows that module’s rule; others cannot claim it', async () => {
    const res = await upload(uploader, [{ name: 'file', filename: 'claim.png', content: tinyPng() }]);
    const id = res.json().id as string;
    expect((await get(officer, `/api/files/${id}`)).statusCode).toBe(404);
    await expect(
      t.ctx.db.transaction().execute((trx) =>
        attachFile(trx, actorOf(stranger, 'individual'), id, {
          ownerModule: 'test-case',
          ownerId: 'case-1',
        }),
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await t.ctx.db
      .transaction()
      .execute((trx) =>
        attachFile(trx, actorOf(uploader, 'enterprise'), id, { ownerModule: 'test-case', ownerId: 'case-1' }),
      );
    expect((await get(officer, `/api/files/${id}`)).statusCode).toBe(200);
    await expect(
      t.ctx.db.transaction().execute((trx) =>
        attachFile(trx, actorOf(uploader, 'enterprise'), id, {
          ownerModule: 'test-case',
          ownerId: 'case-2',
        }),
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('Idempotency-Key on POST /api/files', () => {
  it('a retry returns the same file and stores one row', async () => {
    const png = Buffer.concat([tinyPng(), Buffer.from('retry')]);
    const first = await upload(uploader, [{ name: 'file', filename: 'r.png', content: png }], {
      'idempotency-key': 'upload-retry-1',
    });
    const second = await upload(uploader, [{ name: 'file', filename: 'r.png', content: png }], {
      'idempotency-key': 'upload-retry-1',
    });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    expect(await rowsWithSha(sha256(png))).toBe(1);
  });

  it('the same key with a different file is 422', async () => {
    await upload(uploader, [{ name: 'file', filename: 'a.png', content: tinyPng() }], {
      'idempotency-key': 'upload-reuse',
    });
    const other = tinyPdf('other');
    const res = await upload(uploader, [{ name: 'file', filename: 'a.pdf', content: other }], {
      'idempotency-key': 'upload-reuse',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await rowsWithSha(sha256(other))).toBe(0);
  });

  it('a malformed key is 400', async () => {
    const res = await upload(uploader, [{ name: 'file', filename: 'a.png', content: tinyPng() }], {
      'idempotency-key': 'no spaces allowed',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('/headers/idempotency-key');
  });

  it('two identical uploads fired at once store one file', async () => {
    const png = Buffer.concat([tinyPng(), Buffer.from('concurrent')]);
    const parts = [{ name: 'file', filename: 'c.png', content: png }];
    const results = await Promise.all([
      upload(uploader, parts, { 'idempotency-key': 'upload-race' }),
      upload(uploader, parts, { 'idempotency-key': 'upload-race' }),
    ]);
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]);
    expect(await rowsWithSha(sha256(png))).toBe(1);
  });
});

describe('size limit', () => {
  it('413 names the limit, stores nothing and leaves no temp file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ys-files-small-'));
    const small = await buildTestApp({ config: { filesDir: dir, uploadMaxBytes: 2048 } });
    try {
      const user = await createTestUser(small, 'individual');
      const big = Buffer.concat([tinyPng(), randomFill(4096)]);
      const res = await upload(user, [{ name: 'file', filename: 'big.png', content: big }], {}, small);
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
      expect(res.json().detail).toContain('2048');
      const rows = await sql<{ n: number }>`select count(*)::int as n from stored_file`.execute(small.ctx.db);
      expect(rows.rows[0]!.n).toBe(0);
      expect(leftoverTempFiles(dir)).toEqual([]);
      const fits = await upload(user, [{ name: 'file', filename: 'ok.png', content: tinyPng() }], {}, small);
      expect(fits.statusCode).toBe(201);
    } finally {
      await small.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

function randomFill(n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + 7) & 0xff;
  return b;
}
