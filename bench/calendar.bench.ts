/**
 * addWorkdays throughput: the indexed WorkCalendar against a naive day-by-day walk over `Date` objects.
 * Run: node bench/calendar.bench.ts   (exit code 1 when below the budget)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkCalendar, type YearSchedule } from '../server/kernel/calendar/calendar.ts';

const BUDGET_PER_SECOND = 1_000_000;
const INDEXED_SECONDS = 2;
const NAIVE_SECONDS = 0.75;
const POOL = 4096; // power of two: the input index is a mask, not a modulo
const BATCH = 1 << 16;

const configDir = fileURLToPath(new URL('../config/calendar/', import.meta.url));
const cal = WorkCalendar.fromConfigDir(configDir);
const schedules = cal
  .loadedYears()
  .map((y) => JSON.parse(readFileSync(join(configDir, `${y}.json`), 'utf8')) as YearSchedule);

// Baseline as one would first write it: sets of rest and make-up dates, stepping a Date one day at a time.
const rest = new Set<string>();
const makeup = new Set<string>();
for (const s of schedules) {
  for (const h of s.holidays) {
    for (
      let d = new Date(`${h.start}T00:00:00Z`);
      d <= new Date(`${h.end}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 1)
    ) {
      rest.add(d.toISOString().slice(0, 10));
    }
  }
  for (const m of s.makeupWorkdays) makeup.add(m.date);
}
function naiveAddWorkdays(from: string, days: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  const isWork = (): boolean => {
    const key = d.toISOString().slice(0, 10);
    if (makeup.has(key)) return true;
    if (rest.has(key)) return false;
    const wd = d.getUTCDay();
    return wd !== 0 && wd !== 6;
  };
  if (days === 0) {
    while (!isWork()) d.setUTCDate(d.getUTCDate() + 1);
  } else {
    for (let left = days; left > 0;) {
      d.setUTCDate(d.getUTCDate() + 1);
      if (isWork()) left--;
    }
  }
  return d.toISOString().slice(0, 10);
}

// Seeded so runs are comparable; fresh strings (not interned literals) as a request parser would produce.
let seed = 0x9e3779b9;
const rnd = (): number => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const lo = Date.UTC(2022, 0, 1);
const span = (Date.UTC(2025, 11, 31) - lo) / 86_400_000 + 1;
const starts: string[] = [];
const counts = new Int32Array(POOL);
for (let k = 0; k < POOL; k++) {
  starts.push(new Date(lo + Math.floor(rnd() * span) * 86_400_000).toISOString().slice(0, 10));
  counts[k] = Math.floor(rnd() * 61);
}

let disagreements = 0;
for (let k = 0; k < POOL; k++) {
  if (
    cal.addWorkdays(starts[k] ?? '', counts[k] ?? 0) !== naiveAddWorkdays(starts[k] ?? '', counts[k] ?? 0)
  ) {
    disagreements++;
  }
}

function measure(
  fn: (from: string, days: number) => string,
  seconds: number,
): { perSecond: number; checksum: number } {
  let checksum = 0;
  let calls = 0;
  const t0 = performance.now();
  let elapsed: number;
  const batch = fn === naiveAddWorkdays ? BATCH >> 6 : BATCH;
  do {
    for (let k = 0; k < batch; k++) {
      const i = (calls + k) & (POOL - 1);
      const r = fn(starts[i] ?? '', counts[i] ?? 0);
      // Folding characters of every result keeps the JIT from discarding the calls.
      checksum = (checksum * 31 + r.charCodeAt(9) + r.charCodeAt(6) * 7) | 0;
    }
    calls += batch;
    elapsed = (performance.now() - t0) / 1000;
  } while (elapsed < seconds);
  return { perSecond: calls / elapsed, checksum };
}

const indexed = (from: string, days: number): string => cal.addWorkdays(from, days);
measure(indexed, 0.3); // warm-up: let the optimising compiler settle before timing
measure(naiveAddWorkdays, 0.1);
const fast = measure(indexed, INDEXED_SECONDS);
const slow = measure(naiveAddWorkdays, NAIVE_SECONDS);

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(12);
const pass = fast.perSecond >= BUDGET_PER_SECOND && disagreements === 0;
console.log(
  `addWorkdays, start 2022–2025, days 0–60, ${POOL} inputs (checksums ${fast.checksum} / ${slow.checksum})`,
);
console.log(`  indexed  ${fmt(fast.perSecond)} calls/s`);
console.log(
  `  naive    ${fmt(slow.perSecond)} calls/s   speed-up ×${(fast.perSecond / slow.perSecond).toFixed(0)}`,
);
console.log(
  `  results  ${disagreements === 0 ? 'identical' : `${disagreements} DISAGREE`} on all ${POOL} inputs`,
);
console.log(`${pass ? 'PASS' : 'FAIL'}  budget ≥ ${BUDGET_PER_SECOND.toLocaleString('en-US')} calls/s`);
if (!pass) process.exitCode = 1;
