/**
 * The enterprise facts store: one typed row per enterprise in `policy_enterprise_fact`, a column per enterprise
 * fact (facts added to the catalogue later live in `extra`), with per-fact source metadata (department feed,
 * the enterprise's own declaration, or the platform). `age_years` is derived from `founded_on` on read, in JS
 * and in SQL alike, so it never goes stale.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError, type FieldViolation } from '../../kernel/errors.ts';
import { chinaDate } from '../../kernel/clock.ts';
import {
  factCatalogue,
  factsOf,
  validateFactValues,
  wholeYearsBetween,
  type FactCatalogue,
  type FactDefinition,
  type FactValues,
} from './engine/facts.ts';
import type { SqlColumnOf } from './engine/sql.ts';
import { PolicyEngineErrors } from './facts.errors.ts';
import { factsDb, type FactsTables, type StoredFactSource } from './facts.tables.ts';

/** Enterprise facts that have their own typed column (the rest, except derived ones, go to `extra`). */
export const FACT_COLUMNS = [
  'industry_section',
  'industry_code',
  'size_class',
  'revenue',
  'rd_spending',
  'rd_ratio',
  'employees',
  'tax_paid',
  'qualifications',
  'credit_class',
  'serious_dishonest',
  'town',
  'founded_on',
  'tech_loan_interest',
  'equipment_investment',
  'listed',
] as const;

export type FactColumn = (typeof FACT_COLUMNS)[number];
type FactRow = FactsTables['policy_enterprise_fact'];
export type StoredFactRow = { enterprise_id: string } & { [K in FactColumn]: FactRow[K] } & {
  extra: Record<string, unknown>;
  sources: Record<string, StoredFactSource>;
  updated_at: Date;
};

function isColumn(name: string): name is FactColumn {
  return (FACT_COLUMNS as readonly string[]).includes(name);
}

export interface FactSourceInput {
  kind: StoredFactSource['kind'];
  label: string;
  verified: boolean;
}

export interface EnterpriseFacts {
  values: FactValues;
  sources: Record<string, StoredFactSource>;
}

/**
 * Stores facts of one enterprise (upsert; only the given facts change; a null clears one) with their source.
 * Unknown facts, wrong types and derived facts are rejected with POLICY_FACTS_REJECTED naming each.
 */
export async function setEnterpriseFacts(
  trx: Kysely<object>,
  enterpriseId: string,
  facts: FactValues,
  source: FactSourceInput,
  options: { at?: Date; catalogue?: FactCatalogue } = {},
): Promise<void> {
  const catalogue = options.catalogue ?? factCatalogue();
  const errors: FieldViolation[] = validateFactValues('enterprise', facts, catalogue).map((e) => ({
    field: `/facts/${e.fact}`,
    rule: e.rule,
    message: e.message,
    params: { fact: e.fact },
  }));
  for (const name of Object.keys(facts)) {
    const def = catalogue.find((f) => f.subject === 'enterprise' && f.name === name);
    if (def?.derived) {
      errors.push({
        field: `/facts/${name}`,
        rule: 'derived',
        message: `${name} is computed by the platform`,
        params: { fact: name },
      });
    }
  }
  if (errors.length) {
    throw new AppError(
      PolicyEngineErrors.POLICY_FACTS_REJECTED,
      `Fact values rejected at ${errors.map((e) => e.field).join(', ')}.`,
      { params: { count: errors.length, fields: errors.map((e) => e.field).join(', ') }, errors },
    );
  }
  const names = Object.keys(facts);
  if (names.length === 0) return;
  const at = (options.at ?? new Date()).toISOString();
  const stamp: StoredFactSource = { ...source, at };
  const columns: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  const sources: Record<string, StoredFactSource> = {};
  for (const name of names) {
    const v = facts[name] ?? null;
    if (isColumn(name)) columns[name] = v;
    else extra[name] = v;
    sources[name] = stamp;
  }
  const db = factsDb(trx);
  const colNames = Object.keys(columns) as FactColumn[];
  await db
    .insertInto('policy_enterprise_fact')
    .values({
      enterprise_id: enterpriseId,
      ...(columns as Partial<Record<FactColumn, never>>),
      extra: JSON.stringify(extra),
      sources: JSON.stringify(sources),
    })
    .onConflict((oc) =>
      oc.column('enterprise_id').doUpdateSet((eb) => {
        const set: Record<string, unknown> = {
          sources: sql`policy_enterprise_fact.sources || ${JSON.stringify(sources)}::jsonb`,
          extra: sql`policy_enterprise_fact.extra || ${JSON.stringify(extra)}::jsonb`,
          updated_at: sql`now()`,
        };
        for (const c of colNames) set[c] = eb.ref(`excluded.${c}`);
        return set;
      }),
    )
    .execute();
}

/** The stored row as JsonLogic facts: unknown (null) facts are left out; `age_years` derived for `today`. */
export function rowToFacts(
  row: Pick<StoredFactRow, FactColumn | 'extra'>,
  today: string,
  catalogue: FactCatalogue = factCatalogue(),
): FactValues {
  const values: FactValues = {};
  for (const c of FACT_COLUMNS) {
    const v = row[c];
    if (v !== null && v !== undefined) values[c] = v;
  }
  for (const def of factsOf('enterprise', catalogue)) {
    if (isColumn(def.name) || def.derived) continue;
    const v = row.extra?.[def.name];
    if (v !== null && v !== undefined) values[def.name] = v;
  }
  // Whole years since founding; a founding date in the future counts as 0 (same in SQL: enterpriseColumnOf).
  if (typeof values.founded_on === 'string')
    values.age_years = Math.max(0, wholeYearsBetween(values.founded_on, today));
  return values;
}

export async function findFactRow(db: Db, enterpriseId: string): Promise<StoredFactRow | undefined> {
  const row = await factsDb(db)
    .selectFrom('policy_enterprise_fact')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .executeTakeFirst();
  return row;
}

/** Stored fact rows of several enterprises, by enterprise id. */
export async function findFactRows(
  db: Db,
  enterpriseIds: readonly string[],
): Promise<Map<string, StoredFactRow>> {
  if (enterpriseIds.length === 0) return new Map();
  const rows = await factsDb(db)
    .selectFrom('policy_enterprise_fact')
    .selectAll()
    .where('enterprise_id', 'in', [...enterpriseIds])
    .execute();
  return new Map(rows.map((r) => [r.enterprise_id, r]));
}

/** A keyset page of stored fact rows (for streaming evaluation). */
export async function listFactRowsAfter(
  db: Db,
  after: string | null,
  limit: number,
): Promise<StoredFactRow[]> {
  let q = factsDb(db).selectFrom('policy_enterprise_fact').selectAll().orderBy('enterprise_id').limit(limit);
  if (after) q = q.where('enterprise_id', '>', after);
  return await q.execute();
}

/** A keyset page of fact values only (no source metadata): what streaming evaluation reads. */
export async function listFactValuesAfter(
  db: Db,
  after: string | null,
  limit: number,
): Promise<Pick<StoredFactRow, 'enterprise_id' | FactColumn | 'extra'>[]> {
  let q = factsDb(db)
    .selectFrom('policy_enterprise_fact')
    .select(['enterprise_id', ...FACT_COLUMNS, 'extra'])
    .orderBy('enterprise_id')
    .limit(limit);
  if (after) q = q.where('enterprise_id', '>', after);
  return await q.execute();
}

/** An enterprise's facts with the source of each (derived facts carry the platform as source). */
export async function getEnterpriseFacts(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  enterpriseId: string,
): Promise<EnterpriseFacts> {
  const row = await findFactRow(ctx.db, enterpriseId);
  if (!row) return { values: {}, sources: {} };
  const values = rowToFacts(row, chinaDate(ctx.clock.now()));
  const sources: Record<string, StoredFactSource> = {};
  for (const name of Object.keys(values)) {
    const s = row.sources[name];
    if (s) sources[name] = s;
  }
  if ('age_years' in values && row.sources.founded_on) {
    const def = factCatalogue().find((f) => f.name === 'age_years');
    sources.age_years = {
      kind: 'platform',
      label: def?.sourceLabel ?? '平台计算',
      verified: row.sources.founded_on.verified,
      at: row.sources.founded_on.at,
    };
  }
  return { values, sources };
}

/**
 * How each enterprise fact reads in SQL over `policy_enterprise_fact f`, for `ruleToSql`. `today` fixes the
 * derived `age_years`.
 */
export function enterpriseColumnOf(
  today: string,
  alias = 'f',
  catalogue: FactCatalogue = factCatalogue(),
): SqlColumnOf {
  const byName = new Map<string, FactDefinition>(factsOf('enterprise', catalogue).map((f) => [f.name, f]));
  return (name) => {
    const def = byName.get(name);
    if (!def) return undefined;
    if (name === 'age_years') {
      return {
        // greatest() skips NULLs, so an unknown founding date must stay NULL explicitly.
        sql: sql`(case when ${sql.ref(`${alias}.founded_on`)} is null then null::int
                       else greatest(0, (extract(year from age(${today}::date, ${sql.ref(`${alias}.founded_on`)})))::int) end)`,
        type: 'integer',
      };
    }
    if (isColumn(name)) {
      const ref = sql.ref(`${alias}.${name}`);
      // Dates are compared as YYYY-MM-DD text, as JsonLogic compares them.
      const expr: RawBuilder<unknown> =
        def.type === 'date' ? sql`to_char(${ref}, 'YYYY-MM-DD')` : sql`${ref}`;
      return { sql: expr, type: def.type };
    }
    const x = sql`${sql.ref(`${alias}.extra`)}`;
    switch (def.type) {
      case 'number':
      case 'integer':
        return {
          sql: sql`(case when jsonb_typeof(${x} -> ${name}) = 'number' then (${x} ->> ${name})::float8 end)`,
          type: def.type,
        };
      case 'boolean':
        return {
          sql: sql`(case when jsonb_typeof(${x} -> ${name}) = 'boolean' then (${x} ->> ${name})::boolean end)`,
          type: def.type,
        };
      case 'string':
      case 'enum':
      case 'date':
        return {
          sql: sql`(case when jsonb_typeof(${x} -> ${name}) = 'string' then ${x} ->> ${name} end)`,
          type: def.type,
        };
      default:
        return undefined;
    }
  };
}
