/**
 * Policy rule evaluation throughput, in one run on the same rules and facts: hand-written TypeScript predicates
 * (the baseline), json-logic-js (the reference interpreter) and our evaluator (json-logic-engine compiled,
 * cached, via compileRule). Prints evaluations per second and the ratios; budget ≥ 0.6 × hand-written and
 * ≥ 20 × json-logic-js. Results of the three are cross-checked first.
 * Run: node bench/policy.bench.ts   (exit code 1 when below the budget)
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { compileRule } from '../server/modules/policy/engine/compile.ts';
import type { FactValues } from '../server/modules/policy/engine/facts.ts';

const jsonLogic = createRequire(import.meta.url)('json-logic-js') as {
  apply(rule: unknown, data: unknown): unknown;
  truthy(v: unknown): boolean;
};

const BUDGET_VS_HAND = 0.6;
const BUDGET_VS_JSONLOGIC_JS = 20;
const FACTS = 20_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

type F = Record<string, unknown>;
const n = (f: F, k: string): number => (typeof f[k] === 'number' ? f[k] : 0);
const has = (f: F, k: string, q: string): boolean => Array.isArray(f[k]) && (f[k] as string[]).includes(q);

// Rules shaped like the demo policies (科技贷款贴息, 高企奖励, 专精特新, 技改, 人才 …), each with its hand-written twin.
const CASES: { name: string; rule: unknown; hand: (f: F) => boolean }[] = [
  {
    name: '高企研发',
    rule: { and: [{ in: ['high_tech', { var: 'qualifications' }] }, { '>=': [{ var: 'rd_ratio' }, 5] }] },
    hand: (f) => has(f, 'qualifications', 'high_tech') && n(f, 'rd_ratio') >= 5,
  },
  {
    name: '科技贷款贴息',
    rule: {
      and: [
        { '>': [{ var: 'tech_loan_interest' }, 0] },
        { in: [{ var: 'size_class' }, ['micro', 'small', 'medium']] },
        { '!': { var: 'serious_dishonest' } },
        { '!=': [{ var: 'credit_class' }, 'D'] },
      ],
    },
    hand: (f) =>
      n(f, 'tech_loan_interest') > 0 &&
      ['micro', 'small', 'medium'].includes(f.size_class as string) &&
      !f.serious_dishonest &&
      f.credit_class !== 'D',
  },
  {
    name: '专精特新培育',
    rule: {
      and: [
        { '<=': [10, { var: 'employees' }, 1000] },
        { '>=': [{ var: 'revenue' }, 1000] },
        { '>=': [{ var: 'rd_ratio' }, 3] },
        {
          or: [
            { in: ['specialized', { var: 'qualifications' }] },
            { in: ['tech_sme', { var: 'qualifications' }] },
          ],
        },
      ],
    },
    hand: (f) =>
      10 <= n(f, 'employees') &&
      n(f, 'employees') <= 1000 &&
      n(f, 'revenue') >= 1000 &&
      n(f, 'rd_ratio') >= 3 &&
      (has(f, 'qualifications', 'specialized') || has(f, 'qualifications', 'tech_sme')),
  },
  {
    name: '设备更新技改',
    rule: {
      and: [
        { '==': [{ var: 'industry_section' }, 'C'] },
        { '>=': [{ var: 'equipment_investment' }, 500] },
        { '>=': [{ '/': [{ var: 'tax_paid' }, 10] }, 5] },
      ],
    },
    hand: (f) =>
      f.industry_section === 'C' && n(f, 'equipment_investment') >= 500 && n(f, 'tax_paid') / 10 >= 5,
  },
  {
    name: '初创企业',
    rule: {
      and: [
        { '<': [{ var: 'age_years' }, 3] },
        { in: [{ var: 'town' }, ['元和街道', '黄桥街道', '漕湖街道']] },
        { '===': [{ var: 'listed' }, false] },
      ],
    },
    hand: (f) =>
      n(f, 'age_years') < 3 &&
      ['元和街道', '黄桥街道', '漕湖街道'].includes(f.town as string) &&
      f.listed === false,
  },
];

// Deterministic facts.
let seed = 0x2545f491;
const rnd = (): number => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const QUALS = ['high_tech', 'specialized', 'little_giant', 'tech_sme', 'gazelle', 'enterprise_tech_center'];
const facts: FactValues[] = [];
for (let i = 0; i < FACTS; i++) {
  const f: FactValues = {
    size_class: pick(['micro', 'small', 'medium', 'large']),
    industry_section: pick(['C', 'C', 'I', 'F', 'M', 'E']),
    revenue: Math.round(rnd() * 50000),
    rd_ratio: Math.round(rnd() * 120) / 10,
    employees: Math.floor(rnd() * 3000),
    tax_paid: Math.round(rnd() * 2000),
    qualifications: QUALS.filter(() => rnd() < 0.2),
    credit_class: pick(['A', 'B', 'B', 'C', 'D']),
    serious_dishonest: rnd() < 0.03,
    town: pick(['元和街道', '太平街道', '黄桥街道', '漕湖街道', '望亭镇']),
    age_years: Math.floor(rnd() * 30),
    listed: rnd() < 0.05,
  };
  if (rnd() < 0.5) f.tech_loan_interest = Math.round(rnd() * 100);
  if (rnd() < 0.5) f.equipment_investment = Math.round(rnd() * 3000);
  facts.push(f);
}

// Cross-check: the three agree on every rule and fact.
const ours = CASES.map((c) => compileRule(c.rule));
let disagreements = 0;
for (const f of facts.slice(0, 5000)) {
  CASES.forEach((c, i) => {
    const a = ours[i]!(f);
    const b = c.hand(f);
    const d = jsonLogic.truthy(jsonLogic.apply(c.rule, f));
    if (a !== b || a !== d) disagreements++;
  });
}

let sink = 0;
function measure(label: string, evalOne: (ci: number, f: FactValues) => boolean, seconds: number): number {
  let evals = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  let now = start;
  while (now < end) {
    for (let k = 0; k < 2000; k++) {
      const f = facts[(evals + k) % FACTS]!;
      for (let ci = 0; ci < CASES.length; ci++) if (evalOne(ci, f)) sink++;
    }
    evals += 2000 * CASES.length;
    now = performance.now();
  }
  const perSecond = evals / ((now - start) / 1000);
  console.log(
    `${label.padEnd(34)} ${Math.round(perSecond).toLocaleString('en-US').padStart(14)} evaluations/s`,
  );
  return perSecond;
}

const hands = CASES.map((c) => c.hand);
// Warm-up so each path is optimised before it is timed.
measure('(warm-up) hand-written', (ci, f) => hands[ci]!(f), 0.3);
measure('(warm-up) ours', (ci, f) => ours[ci]!(f), 0.3);
console.log(`rules: ${CASES.length}, facts: ${FACTS}, disagreements: ${disagreements}`);
// Interleaved rounds, best of each: on a shared machine a burst of load then hits every evaluator alike.
const ROUNDS = 3;
let hand = 0;
let reference = 0;
let engine = 0;
for (let r = 1; r <= ROUNDS; r++) {
  console.log(`round ${r}/${ROUNDS}`);
  hand = Math.max(
    hand,
    measure('  hand-written TypeScript', (ci, f) => hands[ci]!(f), SECONDS / ROUNDS),
  );
  reference = Math.max(
    reference,
    measure(
      '  json-logic-js',
      (ci, f) => jsonLogic.truthy(jsonLogic.apply(CASES[ci]!.rule, f)),
      SECONDS / ROUNDS / 2,
    ),
  );
  engine = Math.max(
    engine,
    measure('  ours (json-logic-engine compiled)', (ci, f) => ours[ci]!(f), SECONDS / ROUNDS),
  );
}
console.log(
  `best: hand-written ${Math.round(hand).toLocaleString('en-US')}/s, json-logic-js ${Math.round(reference).toLocaleString('en-US')}/s, ours ${Math.round(engine).toLocaleString('en-US')}/s`,
);
const vsHand = engine / hand;
const vsRef = engine / reference;
console.log(`ours / hand-written  = ${vsHand.toFixed(2)} (budget ≥ ${BUDGET_VS_HAND})`);
console.log(`ours / json-logic-js = ${vsRef.toFixed(1)} (budget ≥ ${BUDGET_VS_JSONLOGIC_JS})`);
const pass = disagreements === 0 && vsHand >= BUDGET_VS_HAND && vsRef >= BUDGET_VS_JSONLOGIC_JS;
console.log(`${pass ? 'PASS' : 'FAIL'} (sink ${sink % 7})`);
process.exitCode = pass ? 0 : 1;
