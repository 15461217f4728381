/**
 * Full policy match on PostgreSQL, end to end: N generated enterprises (registry rows + typed facts) × P
 * generated policy clauses (rules shaped like real ones: thresholds, qualifications, size/town lists, between,
 * dates, ratios; a few outside the SQL subset so the JS fallback streams too), through the real `matchAll`
 * (translate, evaluate where the data lives, store `policy_match`). Then the re-match of single enterprises
 * (`matchEnterprise`), p50/p99 over a few hundred. Peak RSS of this process is sampled every 100 ms; the load
 * average is printed because the machine may be shared. A scratch database is created and dropped.
 *
 *   BENCH_ENTERPRISES=1000000 BENCH_POLICIES=300 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     node bench/match.bench.ts
 *
 * Budgets (DESIGN.md): full match ≤ 60 s, memory flat; one enterprise's re-match ≤ 50 ms. Exit code 1 on a miss.
 */
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'kysely';
import { systemClock } from '../server/kernel/clock.ts';
import { openDatabase } from '../server/kernel/db/database.ts';
import { migrateToLatest } from '../server/kernel/db/migrate.ts';
import { matchAll, matchEnterprise } from '../server/modules/policy/index.ts';

const N = Number(process.env.BENCH_ENTERPRISES ?? 1_000_000);
const P = Number(process.env.BENCH_POLICIES ?? 300);
const REMATCHES = Number(process.env.BENCH_REMATCHES ?? 300);
const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SCRATCH = `ys_bench_match_${process.pid}`;
const BUDGET_FULL_S = 60;
const BUDGET_ONE_MS = 50;

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 100);
sampler.unref();
const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;

/** CPU seconds (user + system) of processes, from /proc; 0 for a process that is gone or unreadable. */
function cpuSeconds(pids: readonly number[]): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / tick;
    } catch {
      // not local or already exited
    }
  }
  return total;
}

// Seeded generator so every run matches the same rules against the same facts.
let seed = 20221128;
const rnd = (): number => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const subset = <T>(xs: readonly T[], min: number): T[] => {
  const out = xs.filter(() => rnd() < 0.5);
  while (out.length < min) out.push(pick(xs));
  return [...new Set(out)];
};
const QUALS = ['high_tech', 'specialized', 'little_giant', 'tech_sme', 'gazelle', 'enterprise_tech_center'];
const TOWNS = [
  '元和街道',
  '太平街道',
  '黄桥街道',
  '北河泾街道',
  '漕湖街道',
  '澄阳街道',
  '望亭镇',
  '黄埭镇',
  '渭塘镇',
  '北桥街道',
  '阳澄湖镇',
];
const SIZES = ['micro', 'small', 'medium', 'large'];
const SECTIONS = ['A', 'C', 'E', 'F', 'G', 'I', 'L', 'M'];
const v = (name: string) => ({ var: name });

const CONDITIONS: (() => unknown)[] = [
  () => ({ '>=': [v('rd_ratio'), pick([3, 4, 5, 6, 8])] }),
  () => ({ in: [pick(QUALS), v('qualifications')] }),
  () => ({ in: [v('size_class'), subset(SIZES, 2)] }),
  () => ({ '<=': [pick([5, 10, 20]), v('employees'), pick([300, 1000, 2000])] }),
  () => ({ '>=': [v('revenue'), pick([500, 1000, 2000, 5000])] }),
  () => ({ '==': [v('industry_section'), pick(SECTIONS)] }),
  () => ({ '!': v('serious_dishonest') }),
  () => ({ '!=': [v('credit_class'), 'D'] }),
  () => ({ in: [v('town'), subset(TOWNS, 3)] }),
  () => ({ '<': [v('age_years'), pick([3, 5, 10])] }),
  () => ({ '>': [v('tech_loan_interest'), 0] }),
  () => ({ '>=': [v('founded_on'), pick(['2012-01-01', '2016-01-01', '2019-06-30'])] }),
  () => ({ '>=': [{ '/': [v('rd_spending'), 100] }, pick([1, 5, 10])] }),
  () => ({ or: [{ in: ['specialized', v('qualifications')] }, { in: ['tech_sme', v('qualifications')] }] }),
  () => ({ '>=': [v('equipment_investment'), pick([100, 500, 1000])] }),
];

function generateRule(i: number): unknown {
  // Five to seven conditions, as in real clauses (each enterprise qualifies for a few percent of them). About 2 %
  // of the clauses use an operator outside the SQL subset (`%`), so the compiled-JS fallback streams too.
  const conds = Array.from({ length: 5 + Math.floor(rnd() * 3) }, () => pick(CONDITIONS)());
  if (i % 50 === 7) conds.push({ '==': [{ '%': [v('employees'), 7] }, 0] });
  return { and: conds };
}

async function main(): Promise<void> {
  console.log(
    `match bench: ${N.toLocaleString('en-US')} enterprises × ${P} clauses on PostgreSQL (${SCRATCH})`,
  );
  console.log(
    `load average before: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; cores: ${os.cpus().length}`,
  );
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${SCRATCH}`);
  await admin.query(`create database ${SCRATCH}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${SCRATCH}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 4 });
  const db = handle.db;
  try {
    await migrateToLatest(db);
    const t0 = performance.now();
    await sql`create function bench_h(i int, k int) returns int language sql immutable
              as $$ select abs(hashint4(i * 16 + k)) $$`.execute(db);
    const dep = await sql<{ id: string }>`
      insert into department (code, name, short_name, kind) values ('BENCH', '基准测试局', '基准', 'district_department')
      returning id`.execute(db);
    const CHUNK = 100_000;
    for (let from = 1; from <= N; from += CHUNK) {
      const to = Math.min(N, from + CHUNK - 1);
      await sql`
        insert into enterprise (id, uscc, name, legal_representative, industry_section, industry_division, industry_name,
          size, entity_type, registered_capital, employees, annual_revenue, founded_on, town, address, phone)
        select md5(i::text)::uuid, lpad(i::text, 18, '0'), '基准企业' || i, '张三', 'C', '39', '制造业', 'small', 'company',
               100, 50, 1000, date '2015-01-01', '元和街道', '基准路', '13800000000'
          from generate_series(${from}::int, ${to}::int) i`.execute(db);
      await sql`
        insert into policy_enterprise_fact (enterprise_id, industry_section, industry_code, size_class, revenue,
          rd_spending, rd_ratio, employees, tax_paid, qualifications, credit_class, serious_dishonest, town, founded_on,
          tech_loan_interest, equipment_investment, listed)
        select md5(i::text)::uuid,
               (array['A','C','C','C','E','F','G','I','I','L','M','M'])[1 + bench_h(i, 0) % 12],
               'C' || (30 + bench_h(i, 1) % 10),
               (array['micro','micro','micro','small','small','medium','large'])[1 + bench_h(i, 2) % 7],
               round((bench_h(i, 3) % 2000000) / 100.0, 1),
               rev * ratio / 100, ratio,
               1 + bench_h(i, 5) % 3000,
               round((bench_h(i, 6) % 200000) / 100.0, 1),
               array_remove(array[
                 case when bench_h(i, 7) % 10 = 0 then 'high_tech' end,
                 case when bench_h(i, 8) % 12 = 0 then 'specialized' end,
                 case when bench_h(i, 9) % 60 = 0 then 'little_giant' end,
                 case when bench_h(i, 10) % 8 = 0 then 'tech_sme' end,
                 case when bench_h(i, 11) % 40 = 0 then 'gazelle' end,
                 case when bench_h(i, 12) % 30 = 0 then 'enterprise_tech_center' end], null),
               (array['A','B','B','B','C','D'])[1 + bench_h(i, 13) % 6],
               bench_h(i, 14) % 50 = 0,
               (array['元和街道','太平街道','黄桥街道','北河泾街道','漕湖街道','澄阳街道','望亭镇','黄埭镇','渭塘镇','北桥街道','阳澄湖镇'])[1 + bench_h(i, 15) % 11],
               date '1995-01-01' + (bench_h(i, 16) % 11600),
               case when bench_h(i, 17) % 3 = 0 then round((bench_h(i, 18) % 10000) / 100.0, 1) end,
               case when bench_h(i, 19) % 4 = 0 then (bench_h(i, 20) % 3000)::float8 end,
               bench_h(i, 21) % 100 = 0
          from generate_series(${from}::int, ${to}::int) i,
               lateral (select round((bench_h(i, 3) % 2000000) / 100.0, 1)::float8 as rev,
                               round((bench_h(i, 4) % 150) / 10.0, 1)::float8 as ratio) x`.execute(db);
    }
    await sql`analyze`.execute(db);
    const policies: { clauseId: string; rule: unknown }[] = [];
    for (let i = 0; i < P; i++) {
      const rule = generateRule(i);
      const p = await sql<{ id: string }>`
        insert into policy (code, title, department_id, document_no, issued_on, status)
        values (${`BENCH-${i}`}, ${`基准政策${i}`}, ${dep.rows[0]!.id}, '基〔2026〕1号', '2026-01-01', 'published')
        returning id`.execute(db);
      const c = await sql<{ id: string }>`
        insert into policy_clause (policy_id, no, title, citation, subject, mode, rule, effective_from)
        values (${p.rows[0]!.id}, 1, ${`条款${i}`}, '第一条', 'enterprise', 'auto', ${JSON.stringify(rule)}::jsonb,
                '2026-01-01') returning id`.execute(db);
      policies.push({ clauseId: c.rows[0]!.id, rule });
    }
    console.log(`data generated in ${((performance.now() - t0) / 1000).toFixed(1)} s (not timed)`);

    const ctx = { db, clock: systemClock, database: handle };
    // Open the pool's connections first so their server processes can be measured.
    await Promise.all([1, 2, 3, 4].map(() => sql`select pg_sleep(0.05)`.execute(db)));
    const backends = (
      await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(
        db,
      )
    ).rows.map((r) => r.pid);
    const cpuBefore = cpuSeconds([process.pid, ...backends]);
    const rssBefore = process.memoryUsage().rss;
    peak = rssBefore;
    const loadBefore = os.loadavg()[0]!;
    const t1 = performance.now();
    const result = await matchAll(ctx, {
      onProgress: (done, total) => {
        if (process.env.BENCH_VERBOSE === '1' || done % 50 === 0 || done === total) {
          console.log(`  ${done}/${total} clauses, ${((performance.now() - t1) / 1000).toFixed(1)} s`);
        }
      },
    });
    const fullSeconds = (performance.now() - t1) / 1000;
    const cpuUsed = cpuSeconds([process.pid, ...backends]) - cpuBefore;
    const peakFull = peak;
    console.log(
      `full match: ${fullSeconds.toFixed(1)} s — ${result.enterprises.toLocaleString('en-US')} enterprises, ${result.clauses} clauses (${result.viaSql} SQL, ${result.viaJs} JS), ${result.matches.toLocaleString('en-US')} matches (${result.newMatches.toLocaleString('en-US')} new)`,
    );
    console.log(
      `CPU used by this process and its database connections: ${cpuUsed.toFixed(1)} s (parallel query workers not counted)`,
    );
    console.log(
      `peak RSS during the match: ${mb(peakFull)} (before: ${mb(rssBefore)}); load average 1 min: ${loadBefore.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)}`,
    );

    // Re-match of single enterprises.
    const sample = await sql<{ enterprise_id: string }>`
      select enterprise_id from policy_enterprise_fact order by md5(enterprise_id::text) limit ${REMATCHES}`.execute(
      db,
    );
    const times: number[] = [];
    for (const [k, r] of sample.rows.entries()) {
      if (k % 3 === 0) {
        await sql`update policy_enterprise_fact set rd_ratio = coalesce(rd_ratio, 0) + 1 where enterprise_id = ${r.enterprise_id}`.execute(
          db,
        );
      }
      const s = performance.now();
      await matchEnterprise(ctx, r.enterprise_id);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
    console.log(
      `re-match one enterprise (${times.length}×): p50 ${q(0.5).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms`,
    );

    const pass = fullSeconds <= BUDGET_FULL_S && q(0.99) <= BUDGET_ONE_MS;
    console.log(
      `budget: full ≤ ${BUDGET_FULL_S} s, one enterprise p99 ≤ ${BUDGET_ONE_MS} ms → ${pass ? 'PASS' : 'FAIL'}`,
    );
    process.exitCode = pass ? 0 : 1;
  } finally {
    await handle.close();
    if (process.env.BENCH_KEEP !== '1') await admin.query(`drop database if exists ${SCRATCH} with (force)`);
    await admin.end();
  }
}

await main();
