// Pure tests of the kernel storage helpers the files module relies on (kept here with the module's other tests).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import {
  attachmentDisposition,
  LocalFileStore,
  MAX_FILENAME_LENGTH,
  newStorageKey,
  sanitizeFilename,
  spoolUpload,
  zipEntryNames,
} from '../../kernel/storage.ts';
import { inspectZip } from '../../kernel/zip-inspect.ts';
import { storedZip } from './files.test-helpers.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ys-storage-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('sanitizeFilename', () => {
  it('keeps only the last path segment and drops control and bidi characters', () => {
    expect(sanitizeFilename('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFilename('C:\\Users\\x\\报告.pdf')).toBe('报告.pdf');
    expect(sanitizeFilename('a\u0000b\u001fc\u202Ed.txt')).toBe('abcd.txt');
    expect(sanitizeFilename('  ..hidden.  ')).toBe('hidden');
    expect(sanitizeFilename('a<b>:c"d|e?f*.pdf')).toBe('a_b__c_d_e_f_.pdf');
    expect(sanitizeFilename('')).toBe('file');
    expect(sanitizeFilename('/\u0007/')).toBe('file');
  });

  it('limits the length in characters and keeps the extension', () => {
    const long = `${'营'.repeat(300)}.docx`;
    const out = sanitizeFilename(long);
    expect([...out].length).toBe(MAX_FILENAME_LENGTH);
    expect(out.endsWith('.docx')).toBe(true);
  });
});

describe('attachmentDisposition', () => {
  it('encodes the exact name per RFC 5987 and keeps the fallback ASCII and unquoted-safe', () => {
    const name = `申请表 (最终版) 'v2'.xlsx`;
    const header = attachmentDisposition(name);
    const star = /filename\*=UTF-8''(\S+)$/.exec(header)![1]!;
    expect(star).not.toMatch(/[ '()]/);
    expect(decodeURIComponent(star)).toBe(name);
    const fallback = /filename="([^"]*)"/.exec(header)![1]!;
    expect(fallback).toMatch(/^[\x20-\x7e]+$/);
    expect(attachmentDisposition('a"b\\c.pdf')).toContain('filename="a_b_c.pdf"');
  });
});

describe('zipEntryNames', () => {
  it('lists the central directory of a ZIP and nothing for other bytes', async () => {
    const zip = path.join(dir, 'a.zip');
    fs.writeFileSync(
      zip,
      storedZip([
        { name: 'OFD.xml', content: '<x/>' },
        { name: 'Doc_0/文档.xml', content: '' },
      ]),
    );
    expect(await zipEntryNames(zip)).toEqual(['OFD.xml', 'Doc_0/文档.xml']);
    const other = path.join(dir, 'b.bin');
    fs.writeFileSync(other, Buffer.from('PK not really a zip'));
    expect(await zipEntryNames(other)).toEqual([]);
  });
});

describe('inspectZip', () => {
  it('reads declared sizes from the central directory and stops at maxEntries', async () => {
    const zip = path.join(dir, 'c.zip');
    fs.writeFileSync(
      zip,
      storedZip([
        { name: 'a.txt', content: 'abc' },
        { name: 'b.txt', content: 'hello' },
        { name: 'c.txt', content: '' },
      ]),
    );
    expect(await inspectZip(zip)).toEqual({
      entries: [
        { name: 'a.txt', uncompressedSize: 3 },
        { name: 'b.txt', uncompressedSize: 5 },
        { name: 'c.txt', uncompressedSize: 0 },
      ],
      declaredUncompressed: 8,
      truncated: false,
    });
    const two = await inspectZip(zip, { maxEntries: 2 });
    expect(two?.entries.map((e) => e.name)).toEqual(['a.txt', 'b.txt']);
    expect(two?.truncated).toBe(true);
    const other = path.join(dir, 'd.bin');
    fs.writeFileSync(other, Buffer.from('PK\x03\x04 truncated'));
    expect(await inspectZip(other)).toBeUndefined();
  });
});

describe('LocalFileStore', () => {
  it('round-trips content, refuses keys that are not ours, and deletes idempotently', async () => {
    const store = new LocalFileStore(path.join(dir, 'store'));
    const key = newStorageKey();
    await store.put(key, Readable.from([Buffer.from('hello '), Buffer.from('world')]));
    const chunks: Buffer[] = [];
    for await (const c of await store.get(key)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hello world');
    await expect(store.put('../../escape', Buffer.from('x'))).rejects.toThrow(/storage key/);
    await store.delete(key);
    await store.delete(key);
    await expect(store.get(key)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(fs.readdirSync(path.join(dir, 'store', '.tmp'))).toEqual([]);
  });

  it('leaves no half file when the source fails mid-way', async () => {
    const store = new LocalFileStore(path.join(dir, 'store2'));
    const key = newStorageKey();
    const failing = new Readable({
      read() {
        this.push(Buffer.from('partial'));
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(store.put(key, failing)).rejects.toThrow('connection reset');
    await expect(store.get(key)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(fs.readdirSync(path.join(dir, 'store2', '.tmp'))).toEqual([]);
  });
});

describe('spoolUpload', () => {
  it('hashes and counts, and refuses past the limit without leaving a temp file', async () => {
    const tmpDir = path.join(dir, 'spool');
    const s = await spoolUpload(Readable.from([Buffer.from('abc')]), { tmpDir, maxBytes: 3 });
    expect(s.sizeBytes).toBe(3);
    expect(s.sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    fs.rmSync(s.path);
    await expect(
      spoolUpload(Readable.from([Buffer.from('abcd')]), { tmpDir, maxBytes: 3 }),
    ).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      // The status (413) comes from the app's error registry; the error carries the limit for the message.
      params: expect.objectContaining({ limitBytes: 3 }) as unknown,
    });
    expect(fs.readdirSync(tmpDir)).toEqual([]);
  });
});
