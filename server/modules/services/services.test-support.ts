/** Shared set-up of the services HTTP tests: users per department, uploads, submitting and processing bundles. */
import { randomBytes, randomUUID } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import type { FixedClock } from '../../kernel/clock.ts';
import {
  buildTestApp,
  createEnterprise,
  createTestUser,
  loginCookie,
  type TestApp,
  type TestUser,
} from '../../test/harness.ts';
import { findDepartmentByCode, listDepartments } from '../identity/index.ts';
import { tasksOf } from './applications.repository.ts';
import { sampleForm } from './services.samples.ts';

// ---- sample files (kept here: modules do not import each other's internals) ----

export function tinyPdf(text = 'hello'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([len, typed, crc]);
}

export function tinyPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-entry ZIP archive (stored), the kind of upload materials refuse. */
export function tinyZip(): Buffer {
  const name = Buffer.from('materials.pdf');
  const data = tinyPdf('inside');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const cd = Buffer.concat([central, name]);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, cd, eocd]);
}

export function multipartForm(
  parts: { name: string; filename?: string; content: Buffer | string; type?: string }[],
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----ystest${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined)
      head += `; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}`;
    head += '\r\n\r\n';
    chunks.push(
      Buffer.from(head, 'utf8'),
      Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content, 'utf8'),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export interface World {
  t: TestApp;
  clock: FixedClock;
  ent: TestUser;
  enterprise: { id: string; uscc: string };
  person: TestUser;
  office: TestUser;
  officer(departmentCode: string): Promise<TestUser>;
  departmentId(code: string): Promise<string>;
  call(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    u?: TestUser,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  uploadPdf(u: TestUser, text?: string): Promise<string>;
  upload(u: TestUser, filename: string, content: Buffer): Promise<LightMyRequestResponse>;
  sampleSubmission(
    u: TestUser,
    bundleCode: string,
    overrides?: Record<string, unknown>,
  ): Promise<{ bundleCode: string; form: Record<string, unknown>; materials: unknown[]; promise: boolean }>;
  submit(u: TestUser, body: unknown, key?: string): Promise<LightMyRequestResponse>;
  processAll(applicationId: string): Promise<number>;
}

export async function createWorld(clock: FixedClock): Promise<World> {
  const t = await buildTestApp({ clock });
  const enterprise = await createEnterprise(t, { name: '苏州相城测试科技有限公司' });
  const ent = await createTestUser(t, 'enterprise', { enterpriseId: enterprise.id });
  const person = await createTestUser(t, 'individual');
  const office = await createTestUser(t, 'office');
  const officers = new Map<string, TestUser>();
  const sessions = new Map<string, string>();

  const departmentId = async (code: string): Promise<string> => {
    const d = await findDepartmentByCode(t.ctx.db, code);
    if (!d) throw new Error(`no department ${code}`);
    return d.id;
  };
  const cookieOf = async (u: TestUser): Promise<string> => {
    // Sessions last 8 hours of (test) clock time: log in again for each hour the clock has moved to.
    const key = `${u.id}@${Math.floor(clock.now().getTime() / 3_600_000)}`;
    let c = sessions.get(key);
    if (!c) {
      c = await loginCookie(t, u);
      sessions.set(key, c);
    }
    return c;
  };
  const call: World['call'] = async (method, url, u, payload, headers = {}) =>
    t.app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { ...(u ? { cookie: await cookieOf(u) } : {}), ...headers },
    });
  const officer = async (code: string): Promise<TestUser> => {
    let o = officers.get(code);
    if (!o) {
      o = await createTestUser(t, 'officer', { departmentId: await departmentId(code) });
      officers.set(code, o);
    }
    return o;
  };
  const officerByDeptId = async (id: string): Promise<TestUser> => {
    const d = (await listDepartments(t.ctx.db)).find((x) => x.id === id);
    if (!d) throw new Error(`no department ${id}`);
    return officer(d.code);
  };
  const upload: World['upload'] = async (u, filename, content) => {
    const form = multipartForm([
      { name: 'purpose', content: 'attachment' },
      { name: 'file', filename, content },
    ]);
    return t.app.inject({
      method: 'POST',
      url: '/api/files',
      payload: form.payload,
      headers: { ...form.headers, cookie: await cookieOf(u) },
    });
  };
  const uploadPdf = async (u: TestUser, text = randomUUID()): Promise<string> => {
    const res = await upload(u, 'material.pdf', tinyPdf(text));
    if (res.statusCode !== 201) throw new Error(`upload failed ${res.statusCode} ${res.body}`);
    return res.json<{ id: string }>().id;
  };
  const sampleSubmission: World['sampleSubmission'] = async (u, bundleCode, overrides = {}) => {
    const bundle = (await call('GET', `/api/services/bundles/${bundleCode}`)).json<{
      formSchema: Record<string, unknown>;
      materials: { code: string; required: boolean; replaceableBy: string | null }[];
    }>();
    const pre = (await call('GET', `/api/services/bundles/${bundleCode}/prefill`, u)).json<{
      values: Record<string, unknown>;
    }>();
    const materials: unknown[] = [];
    for (const m of bundle.materials) {
      if (!m.required) continue;
      if (m.replaceableBy === 'elicence') materials.push({ code: m.code, replacedBy: 'elicence' });
      else materials.push({ code: m.code, fileId: await uploadPdf(u) });
    }
    return {
      bundleCode,
      form: sampleForm(bundle.formSchema, { ...pre.values, ...overrides }),
      materials,
      promise: false,
    };
  };
  const submit: World['submit'] = async (u, body, key = randomUUID()) =>
    call('POST', '/api/services/applications', u, body, { 'idempotency-key': key });
  const processAll = async (applicationId: string): Promise<number> => {
    let done = 0;
    for (let round = 0; round < 10; round++) {
      const pending = (await tasksOf(t.ctx.db, applicationId)).filter((x) => x.status === 'pending');
      if (pending.length === 0) break;
      for (const task of pending) {
        const o = await officerByDeptId(task.department_id);
        const c = await call('POST', `/api/services/tasks/${task.id}/claim`, o);
        if (c.statusCode !== 200) throw new Error(`claim ${c.statusCode} ${c.body}`);
        const a = await call('POST', `/api/services/tasks/${task.id}/approve`, o, { comment: '同意' });
        if (a.statusCode !== 200) throw new Error(`approve ${a.statusCode} ${a.body}`);
        done++;
      }
    }
    return done;
  };
  return {
    t,
    clock,
    ent,
    enterprise,
    person,
    office,
    officer,
    departmentId,
    call,
    uploadPdf,
    upload,
    sampleSubmission,
    submit,
    processAll,
  };
}
