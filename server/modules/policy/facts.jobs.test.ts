/**
 * Facts upkeep on the whole app: demo feed facts derived from the registry (deterministic, plausible, with
 * department sources), platform facts from the credit module, then matching on them.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createEnterprise, type TestApp } from '../../test/harness.ts';
import { demoFeedFacts, type RegistryProfile } from './facts.demo.ts';
import { getEnterpriseFacts } from './facts.repository.ts';
import { loadDemoFacts, refreshEnterpriseFacts } from './facts.jobs.ts';
import { matchAll } from './matching.service.ts';

let app: TestApp;
let ids: string[];

beforeAll(async () => {
  app = await buildTestApp();
  ids = [];
  for (let i = 0; i < 3; i++)
    ids.push((await createEnterprise(app, { town: i === 2 ? '黄埭镇' : '元和街道' })).id);
});
afterAll(async () => {
  await app?.close();
});

const profile: RegistryProfile = {
  id: '00000000-0000-4000-8000-000000000001',
  uscc: '91320507MA1XXXXX0X',
  industry_section: 'C',
  industry_division: '39',
  size: 'medium',
  entity_type: 'company',
  employees: 420,
  annual_revenue: 18000,
  registered_capital: 2000,
  founded_on: '2016-04-12',
  town: '漕湖街道',
  high_tech: true,
  specialised_sme: true,
};

describe('demo feed facts', () => {
  it('are deterministic and derived from the registry', () => {
    const a = demoFeedFacts(profile, '2026-11-27');
    const b = demoFeedFacts(profile, '2026-11-27');
    expect(a).toEqual(b);
    expect(a.feed).toMatchObject({
      industry_section: 'C',
      industry_code: 'C39',
      size_class: 'medium',
      employees: 420,
      town: '漕湖街道',
      founded_on: '2016-04-12',
    });
    expect(a.feed.qualifications).toEqual(expect.arrayContaining(['high_tech', 'specialized']));
    // A 高新技术企业 spends at least 3 % of revenue on R&D, and the spending matches the ratio.
    const ratio = a.feed.rd_ratio as number;
    expect(ratio).toBeGreaterThanOrEqual(3);
    expect(a.feed.rd_spending as number).toBeCloseTo(((a.feed.revenue as number) * ratio) / 100, 0);
    const other = demoFeedFacts(
      { ...profile, uscc: '91320507MA1YYYYY0Y', high_tech: false, specialised_sme: false },
      '2026-11-27',
    );
    expect(other.feed.qualifications).not.toContain('high_tech');
  });
});

describe('refreshEnterpriseFacts', () => {
  it('loads demo facts once with department sources and sets platform facts from the credit module', async () => {
    const first = await refreshEnterpriseFacts(app.ctx, { demo: true });
    expect(first.failed).toBe(0);
    expect(first.demoLoaded).toBeGreaterThanOrEqual(3);
    const f = await getEnterpriseFacts(app.ctx, ids[0]!);
    expect(f.values.industry_section).toBe('I');
    expect(f.values.town).toBe('元和街道');
    expect(f.values.size_class).toBe('small');
    expect(f.sources.industry_section).toMatchObject({
      kind: 'feed',
      label: '区市场监管局登记数据',
      verified: true,
    });
    expect(f.sources.rd_ratio).toMatchObject({ kind: 'feed', label: '区税务局数据' });
    expect(['A', 'B', 'C', 'D']).toContain(f.values.credit_class);
    expect(f.sources.credit_class).toMatchObject({ kind: 'platform', verified: true });
    expect(f.values.serious_dishonest).toBe(false);
    expect(f.values.age_years).toBe(6);

    // A second run changes nothing: demo facts are loaded only where none exist; platform facts are unchanged.
    const second = await refreshEnterpriseFacts(app.ctx, { demo: true });
    expect(second.demoLoaded).toBe(0);
    expect(second.platformUpdated).toBe(0);
    expect(await loadDemoFacts(app.ctx, { ...profile, id: ids[1]! })).toBe(false);

    // Matching runs on what was loaded.
    const dep = await sql<{ id: string }>`select id from department limit 1`.execute(app.ctx.db);
    const p = await sql<{ id: string }>`
      insert into policy (code, title, department_id, document_no, issued_on, status)
      values ('T-FACTS-1', '测试', ${dep.rows[0]!.id}, '测1号', '2026-01-01', 'published') returning id`.execute(
      app.ctx.db,
    );
    const c = await sql<{ id: string }>`
      insert into policy_clause (policy_id, no, title, citation, subject, mode, rule, effective_from)
      values (${p.rows[0]!.id}, 1, '黄埭镇企业', '第一条', 'enterprise', 'apply',
              ${JSON.stringify({ '==': [{ var: 'town' }, '黄埭镇'] })}::jsonb, '2026-01-01') returning id`.execute(
      app.ctx.db,
    );
    await matchAll(app.ctx, { clauseIds: [c.rows[0]!.id] });
    const m = await sql<{ enterprise_id: string }>`
      select enterprise_id from policy_match where clause_id = ${c.rows[0]!.id} and active`.execute(
      app.ctx.db,
    );
    expect(m.rows.map((r) => r.enterprise_id)).toEqual([ids[2]]);
  });
});
