/**
 * Demo department-feed facts for the demo enterprises, derived deterministically from each enterprise's registry
 * data (industry, size, employees, revenue, founding date, town, 高新/专精特新 flags) so the same registry gives
 * the same facts on every start and matching has plausible data right after `npm start`. Pure.
 */
import { createRng } from '../../kernel/demo/people.ts';
import { INDUSTRY_DIVISIONS } from '../../kernel/demo/enterprises.ts';
import type { FactValues } from './engine/facts.ts';

export interface RegistryProfile {
  id: string;
  uscc: string;
  industry_section: string;
  industry_division: string;
  size: string;
  entity_type: string;
  employees: number;
  annual_revenue: number;
  registered_capital: number;
  founded_on: string;
  town: string;
  high_tech: boolean;
  specialised_sme: boolean;
}

function seedOf(text: string): number {
  // FNV-1a: a stable 32-bit seed per enterprise.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Feed facts (tax, statistics, recognitions) and demo declarations of one registry enterprise. */
export function demoFeedFacts(p: RegistryProfile, today: string): { feed: FactValues; declared: FactValues } {
  const rng = createRng(seedOf(p.uscc));
  const spec = INDUSTRY_DIVISIONS[p.industry_division];
  const tech = spec?.tech === true || ['I', 'M'].includes(p.industry_section);
  const revenue = round1(Math.max(0, p.annual_revenue * (0.9 + rng.next() * 0.2)));
  const ageYears = Number(today.slice(0, 4)) - Number(p.founded_on.slice(0, 4));
  let rdRatio: number;
  if (p.high_tech) rdRatio = 3 + rng.next() * 9;
  else if (tech) rdRatio = rng.next() * 7;
  else rdRatio = rng.next() < 0.3 ? rng.next() * 2 : 0;
  rdRatio = round1(rdRatio);
  const qualifications: string[] = [];
  if (p.high_tech) qualifications.push('high_tech');
  if (p.specialised_sme) qualifications.push('specialized');
  if (p.specialised_sme && (p.size === 'medium' || p.size === 'small') && rng.next() < 0.25) {
    qualifications.push('little_giant');
  }
  if (
    tech &&
    (p.size === 'small' || p.size === 'micro' || p.size === 'medium') &&
    rdRatio >= 3 &&
    rng.next() < 0.6
  ) {
    qualifications.push('tech_sme');
  }
  if ((p.high_tech || p.specialised_sme) && ageYears <= 10 && rng.next() < 0.3)
    qualifications.push('gazelle');
  if (p.industry_section === 'C' && (p.size === 'medium' || p.size === 'large') && rng.next() < 0.3) {
    qualifications.push('enterprise_tech_center');
  }
  const feed: FactValues = {
    industry_section: p.industry_section,
    industry_code: `${p.industry_section}${p.industry_division}`,
    size_class: p.size,
    revenue,
    rd_spending: round1((revenue * rdRatio) / 100),
    rd_ratio: rdRatio,
    employees: p.employees,
    tax_paid: round1(revenue * (0.02 + rng.next() * 0.06)),
    qualifications,
    town: p.town,
    founded_on: p.founded_on,
    listed: p.size === 'large' && p.entity_type === 'company' && rng.next() < 0.15,
  };
  const declared: FactValues = {};
  if (tech && rng.next() < 0.45)
    declared.tech_loan_interest = round1(Math.max(1, revenue * (0.004 + rng.next() * 0.012)));
  if (p.industry_section === 'C' && rng.next() < 0.5) {
    declared.equipment_investment = round1(Math.max(5, revenue * (0.02 + rng.next() * 0.1)));
  }
  return { feed, declared };
}
