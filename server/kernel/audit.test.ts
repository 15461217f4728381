import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './db/database.ts';
import { appendAudit, auditHash, canonicalJson, verifyAuditChain } from './audit.ts';
import { openTestDatabase } from '../test/harness.ts';

let h: DatabaseHandle;
beforeAll(async () => {
  h = await openTestDatabase();
});
afterAll(async () => {
  await h.close();
});

async function append(n: number, prefix = 'test'): Promise<void> {
  for (let i = 0; i < n; i++) {
    await h.db.transaction().execute((trx) =>
      appendAudit(
        trx,
        { system: 'test', ip: '127.0.0.1' },
        {
          action: `${prefix}.done`,
          subjectType: 'thing',
          subjectId: String(i),
          detail: { i, 名称: '测试', nested: { b: 2, a: 1 } },
        },
      ),
    );
  }
}

async function tamper(statement: string): Promise<void> {
  // Only a superuser who switches the append-only trigger off can change rows; the chain still tells.
  await sql.raw('alter table audit_log disable trigger audit_log_no_update_delete').execute(h.db);
  await sql.raw(statement).execute(h.db);
  await sql.raw('alter table audit_log enable trigger audit_log_no_update_delete').execute(h.db);
}

describe('audit chain', () => {
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe(canonicalJson({ a: [{ c: 2, d: 1 }], b: 1 }));
    expect(
      auditHash('x', {
        seq: 1,
        at: 'a',
        actorId: null,
        actorName: null,
        action: 'a',
        subjectType: 's',
        subjectId: null,
        detail: {},
        ip: null,
        requestId: null,
      }),
    ).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an untouched chain verifies', async () => {
    await append(30);
    const r = await verifyAuditChain(h.db);
    expect(r).toEqual({ ok: true, checked: 30, firstBroken: null });
  });

  it('concurrent appends never fork the chain', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        h.db
          .transaction()
          .execute((trx) =>
            appendAudit(
              trx,
              { system: 'test' },
              { action: 'par.done', subjectType: 't', subjectId: String(i) },
            ),
          ),
      ),
    );
    const r = await verifyAuditChain(h.db);
    expect(r.ok).toBe(true);
    expect(r.checked).toBe(42);
  });

  it('rejects UPDATE and DELETE outright', async () => {
    await expect(sql.raw(`update audit_log set action = 'x' where seq = 1`).execute(h.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql.raw(`delete from audit_log where seq = 1`).execute(h.db)).rejects.toThrow(/append-only/);
  });

  it('reports the first altered entry', async () => {
    await tamper(`update audit_log set detail = '{"i": 999}' where seq = 7`);
    const r = await verifyAuditChain(h.db);
    expect(r.ok).toBe(false);
    expect(r.firstBroken?.seq).toBe(7);
    expect(r.checked).toBe(6);
    expect(r.firstBroken?.reason).toMatch(/altered/);
  });

  it('reports a deleted entry and a truncated tail', async () => {
    const h2 = await openTestDatabase();
    const saved = h;
    h = h2;
    try {
      await append(10);
      await tamper('delete from audit_log where seq = 4');
      const r = await verifyAuditChain(h.db);
      expect(r.firstBroken?.seq).toBe(4);
      expect(r.firstBroken?.reason).toMatch(/missing/);
    } finally {
      await h2.close();
      h = saved;
    }
    const h3 = await openTestDatabase();
    try {
      h = h3;
      await append(5);
      await tamper('delete from audit_log where seq = 5');
      const r = await verifyAuditChain(h.db);
      expect(r.ok).toBe(false);
      expect(r.firstBroken?.seq).toBe(5);
    } finally {
      await h3.close();
      h = saved;
    }
  });
});
