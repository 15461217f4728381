import { readFileSync } from 'node:fs';
import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { buildTestApp, type TestApp } from '../../test/harness.ts';
import { parsePlan } from './plan-parser.ts';
import {
  departmentMatcher,
  getPlanOverview,
  importPlan,
  importShippedPlan,
  SHIPPED_PLAN_CODE,
  SHIPPED_PLAN_FILE,
} from './plan-import.service.ts';

const seedText = readFileSync(SHIPPED_PLAN_FILE, 'utf8');
const seed = parsePlan(seedText);
const cli = { actor: null, origin: { system: 'test' } } as const;

let t: TestApp;
const clock = new FixedClock('2026-11-27T02:00:00Z');

async function rows<T>(query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(t.ctx.db)).rows;
}

async function count(table: string, where = sql`true`): Promise<number> {
  const r = await rows<{ n: number }>(sql`select count(*)::int as n from ${sql.table(table)} where ${where}`);
  return r[0]?.n ?? -1;
}

async function measureRow(no: number, code = SHIPPED_PLAN_CODE) {
  const r = await rows<{
    id: string;
    title: string;
    body: string;
    updated_at: Date;
    section_ordinal: number;
  }>(sql`
    select m.id, m.title, m.body, m.updated_at, s.ordinal as section_ordinal
    from measure m join plan p on p.id = m.plan_id join plan_section s on s.id = m.section_id
    where p.code = ${code} and m.no = ${no}`);
  return r[0];
}

async function unitsOf(no: number, code = SHIPPED_PLAN_CODE) {
  return rows<{ name: string; role: string; department_code: string | null }>(sql`
    select u.name, u.role, d.code as department_code
    from measure_unit u join measure m on m.id = u.measure_id join plan p on p.id = m.plan_id
    left join department d on d.id = u.department_id
    where p.code = ${code} and m.no = ${no} order by u.position`);
}

beforeAll(async () => {
  t = await buildTestApp({ clock });
});
afterAll(async () => {
  await t?.close();
});

describe('the shipped plan on first start', () => {
  it('onStart imported 相委发〔2022〕16号: 4 parts, 19 sections, 58 measures', async () => {
    const plans = await rows<{
      code: string;
      title: string;
      document_no: string;
      issued_on: string;
      issuer: string;
    }>(sql`select code, title, document_no, issued_on, issuer from plan`);
    expect(plans).toEqual([
      {
        code: SHIPPED_PLAN_CODE,
        title: '相城区优化营商环境创新行动2022',
        document_no: '相委发〔2022〕16号',
        issued_on: '2022-05-11',
        issuer: '中共苏州市相城区委员会、苏州市相城区人民政府',
      },
    ]);
    expect(await count('plan_part')).toBe(4);
    expect(await count('plan_section')).toBe(19);
    expect(await count('measure')).toBe(58);
    expect(await count('measure_unit')).toBe(seed.measures.reduce((n, m) => n + m.units.length, 0));
    expect((await measureRow(13))?.title).toBe('鼓励重点行业绿色低碳发展');
    expect((await measureRow(37))?.section_ordinal).toBe(13);
    const imports = await rows<{ imported_by: string; measures_added: number }>(
      sql`select imported_by, measures_added from plan_import`,
    );
    expect(imports).toEqual([{ imported_by: 'system:seed', measures_added: 58 }]);
    expect(await count('audit_log', sql`action = 'plan.imported' and actor_name = 'system:seed'`)).toBe(1);
  });

  it('matches every named unit at first start (the registry loads before the plan) and links none twice', async () => {
    const first = await rows<{ unmatched_units: { measureNo: number; name: string }[] }>(
      sql`select unmatched_units from plan_import`,
    );
    expect(first[0]?.unmatched_units).toEqual([]);
    expect(await importShippedPlan(t.ctx)).toBeUndefined(); // a plan exists: no second import
    expect(await count('plan_import')).toBe(1);
    expect(await count('measure_unit', sql`role <> 'scope' and department_id is null`)).toBe(0);
    expect(await count('measure_unit', sql`role = 'scope' and department_id is not null`)).toBe(0);
    expect(await count('audit_log', sql`action = 'plan.units_linked'`)).toBe(0);

    expect(await unitsOf(10)).toEqual([
      { name: '区人社局', role: 'lead', department_code: 'HRSS' },
      { name: '区法院', role: 'lead', department_code: 'COURT' },
    ]);
    expect((await unitsOf(15))[1]).toEqual({
      name: '区政府办（大数据管理局）',
      role: 'responsible',
      department_code: 'BIGDATA',
    });
    expect((await unitsOf(1)).slice(-2)).toEqual([
      { name: '区各相关部门按职责分工负责', role: 'scope', department_code: null },
      { name: '各镇（街道、区）', role: 'scope', department_code: null },
    ]);
  });

  it('re-importing the identical text leaves every measure untouched, with every unit matched', async () => {
    const before = await measureRow(24);
    clock.advance(60_000);
    const result = await importPlan(t.ctx, { text: seedText, ...cli });
    expect(result).toMatchObject({
      planCode: SHIPPED_PLAN_CODE,
      planCreated: false,
      parts: 4,
      sections: 19,
      measures: 58,
      added: 0,
      updated: 0,
      unchanged: 58,
      removed: [],
      unmatchedUnits: [],
      warnings: [],
    });
    expect(await measureRow(24)).toEqual(before);
    expect(await count('plan_import')).toBe(2);
    expect(await count('audit_log', sql`action = 'plan.imported' and actor_name = 'system:test'`)).toBe(1);
  });
});

describe('a revised plan', () => {
  it('updates measures in place, keeps their progress history, keeps removed measures, reports unknown units', async () => {
    const m10 = await measureRow(10);
    const m58 = await measureRow(58);
    const hrss = await rows<{ id: string }>(sql`select id from department where code = 'HRSS'`);
    await sql`insert into progress_report (measure_id, department_id, period, percent, body)
      values (${m10?.id}, ${hrss[0]?.id}, '2026-10', 40, '已完成电子劳动合同平台上线')`.execute(t.ctx.db);

    const start58 = seedText.indexOf('**58.');
    const end58 = seedText.indexOf('## 六、组织保障');
    const revised = (
      seedText.slice(0, start58) +
      '**59. 新增人才安居措施。**建设人才公寓一千套。（责任单位：区住建局）\n\n' +
      seedText.slice(end58)
    )
      .replace('**10. 不断创新劳动力服务监管方式。**', '**10. 持续创新劳动力服务监管方式。**')
      .replace('（牵头单位：区人社局、区法院）', '（牵头单位：区人社局、区法院、区新成立局）');

    clock.advance(60_000);
    const result = await importPlan(t.ctx, { code: SHIPPED_PLAN_CODE, text: revised, ...cli });
    expect(result).toMatchObject({
      measures: 58,
      added: 1,
      updated: 1,
      unchanged: 56,
      removed: [58],
      unmatchedUnits: [{ measureNo: 10, name: '区新成立局' }],
    });
    expect(result.warnings.join('\n')).toMatch(/第 59 条措施之前的编号不连续/);

    const after10 = await measureRow(10);
    expect(after10?.id).toBe(m10?.id);
    expect(after10?.title).toBe('持续创新劳动力服务监管方式');
    expect(after10?.updated_at.getTime()).toBeGreaterThan(m10?.updated_at.getTime() ?? Infinity);
    expect(await unitsOf(10)).toEqual([
      { name: '区人社局', role: 'lead', department_code: 'HRSS' },
      { name: '区法院', role: 'lead', department_code: 'COURT' },
      { name: '区新成立局', role: 'lead', department_code: null },
    ]);
    expect(await count('progress_report', sql`measure_id = ${m10?.id ?? ''}`)).toBe(1);
    // Gone from the text, kept with its history.
    expect((await measureRow(58))?.id).toBe(m58?.id);
    expect(await unitsOf(59)).toEqual([
      { name: '区住建局', role: 'responsible', department_code: 'HOUSING' },
    ]);
    expect((await measureRow(59))?.section_ordinal).toBe(19);

    const last = await rows<{ measures_updated: number; unmatched_units: unknown }>(
      sql`select measures_updated, unmatched_units from plan_import order by imported_at desc limit 1`,
    );
    expect(last).toEqual([{ measures_updated: 1, unmatched_units: [{ measureNo: 10, name: '区新成立局' }] }]);
    const audit = await rows<{ detail: { removed: number[]; updated: number } }>(
      sql`select detail from audit_log where action = 'plan.imported' order by seq desc limit 1`,
    );
    expect(audit[0]?.detail).toMatchObject({ removed: [58], updated: 1, added: 1 });

    // Back to the original text: measure 10 reverts in place, 59 is now the one not in the text.
    clock.advance(60_000);
    const back = await importPlan(t.ctx, { text: seedText, ...cli });
    expect(back).toMatchObject({ added: 0, updated: 1, unchanged: 57, removed: [59], unmatchedUnits: [] });
    expect((await measureRow(10))?.id).toBe(m10?.id);
    expect(await count('progress_report', sql`measure_id = ${m10?.id ?? ''}`)).toBe(1);
  });

  it('a text that is not a plan is refused and changes nothing', async () => {
    const imports = await count('plan_import');
    const gbk = Buffer.from([0xd6, 0xd0, 0xb9, 0xfa, 0x0a, 0xb2, 0xe2]); // 中国 in GBK: not UTF-8
    for (const text of ['', '随便写点什么。', gbk, 'a\u0000b']) {
      const err = await importPlan(t.ctx, { text, ...cli }).catch((e: unknown) => e);
      expect(err, String(text)).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('PLAN_TEXT_INVALID');
    }
    const bad = await importPlan(t.ctx, { text: seedText, code: 'Not A Code', ...cli }).catch(
      (e: unknown) => e,
    );
    expect((bad as AppError).code).toBe('VALIDATION_FAILED');
    expect(await count('plan_import')).toBe(imports);
  });

  it('an account without plan.supervise may not import', async () => {
    const officer: Actor = {
      userId: '00000000-0000-0000-0000-000000000001',
      username: 'officer',
      displayName: 'officer',
      kind: 'officer',
      permissions: new Set(['plan.read', 'plan.report']),
      departmentId: null,
      enterpriseId: null,
      via: 'session',
      sessionId: null,
    };
    const err = await importPlan(t.ctx, { text: seedText, actor: officer, origin: { actor: officer } }).catch(
      (e: unknown) => e,
    );
    expect((err as AppError).code).toBe('FORBIDDEN');
  });
});

describe('another district’s plan', () => {
  it('a new code creates a second plan, which becomes the plan in force', async () => {
    const text = [
      '临江区人民政府文件',
      '临政发〔2024〕7号',
      '关于印发《临江区营商环境提升行动方案》的通知',
      '临江区人民政府',
      '2024年3月5日',
      '一、重点任务',
      '（一）提升开办效率',
      '1. 压缩开办时间。企业开办全流程压缩至1个工作日内。（牵头单位：区市场监管局；责任单位：区税务局、各街道）',
      '2. 推进电子证照。推广电子营业执照。（责任单位：区数据局）',
    ].join('\n\n');
    clock.advance(60_000);
    const result = await importPlan(t.ctx, { code: 'linjiang-2024', text, ...cli });
    expect(result).toMatchObject({
      planCode: 'linjiang-2024',
      planCreated: true,
      parts: 1,
      sections: 1,
      measures: 2,
      added: 2,
      unmatchedUnits: [{ measureNo: 2, name: '区数据局' }],
    });
    expect(await unitsOf(1, 'linjiang-2024')).toEqual([
      { name: '区市场监管局', role: 'lead', department_code: 'SAMR' },
      { name: '区税务局', role: 'responsible', department_code: 'TAX' },
      { name: '各街道', role: 'scope', department_code: null },
    ]);
    // The shipped plan is untouched.
    expect(
      await count('measure', sql`plan_id = (select id from plan where code = ${SHIPPED_PLAN_CODE})`),
    ).toBe(59);

    const overview = await getPlanOverview(t.ctx);
    expect(overview.plan).toMatchObject({ code: 'linjiang-2024', documentNo: '临政发〔2024〕7号' });
    expect(overview.parts).toEqual([
      {
        no: 1,
        label: '一',
        title: '重点任务',
        sections: [{ no: 1, label: '（一）', title: '提升开办效率', measureCount: 2 }],
      },
    ]);
    expect(overview.summary.measures).toBe(2);

    // Without a code, the plan in force is the one revised.
    clock.advance(60_000);
    const again = await importPlan(t.ctx, { text, ...cli });
    expect(again).toMatchObject({ planCode: 'linjiang-2024', planCreated: false, unchanged: 2 });
  });
});

describe('departmentMatcher', () => {
  const match = departmentMatcher([
    { id: 'a', name: '区政府办（大数据管理局）', short_name: '大数据管理局' },
    { id: 'b', name: '区市场监管局', short_name: '市场监管局' },
    { id: 'c', name: '甲镇', short_name: '同名' },
    { id: 'd', name: '乙镇', short_name: '同名' },
  ]);

  it('matches names with either kind of bracket and stray whitespace, and unique short names', () => {
    expect(match('区政府办(大数据管理局)')).toBe('a');
    expect(match('区市场 监管局')).toBe('b');
    expect(match('市场监管局')).toBe('b');
    expect(match('大数据管理局')).toBe('a');
  });

  it('does not guess between two departments sharing a short name, nor match a stranger', () => {
    expect(match('同名')).toBeNull();
    expect(match('区税务局')).toBeNull();
  });
});
