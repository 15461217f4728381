import { sql, type Insertable, type Kysely } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { EnterpriseScope } from './enterprise.policy.ts';
import type { EnterpriseTables } from './enterprise.tables.ts';

export function enterpriseDb(db: Db): Kysely<EnterpriseTables> {
  return db.withTables<EnterpriseTables>();
}

export type EnterpriseInsert = Insertable<EnterpriseTables['enterprise']>;

const COLUMNS = [
  'id',
  'uscc',
  'name',
  'legal_representative',
  'industry_section',
  'industry_division',
  'industry_name',
  'size',
  'entity_type',
  'registered_capital',
  'employees',
  'annual_revenue',
  'founded_on',
  'town',
  'address',
  'phone',
  'high_tech',
  'specialised_sme',
  'status',
] as const;

export interface EnterpriseFilter {
  q?: string | undefined;
  town?: string | undefined;
  industrySection?: string | undefined;
  size?: string | undefined;
}

function scoped(db: Db, scope: EnterpriseScope, f: EnterpriseFilter) {
  let qb = enterpriseDb(db).selectFrom('enterprise');
  if (scope.kind === 'none') qb = qb.where(sql<boolean>`false`);
  if (scope.kind === 'one') qb = qb.where('id', '=', scope.enterpriseId);
  if (f.town) qb = qb.where('town', '=', f.town);
  if (f.industrySection) qb = qb.where('industry_section', '=', f.industrySection);
  if (f.size) qb = qb.where('size', '=', f.size as 'micro');
  if (f.q) {
    const q = f.q.trim();
    if (/^[0-9A-Z]{18}$/.test(q)) qb = qb.where('uscc', '=', q);
    else qb = qb.where('name', 'like', `%${q.replaceAll('%', '').replaceAll('_', '')}%`);
  }
  return qb;
}

export async function listEnterpriseRows(
  db: Db,
  scope: EnterpriseScope,
  f: EnterpriseFilter,
  page: number,
  pageSize: number,
) {
  const base = scoped(db, scope, f);
  const [items, count] = await Promise.all([
    base
      .select(COLUMNS)
      .orderBy('name')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

export async function findEnterpriseRow(db: Db, scope: EnterpriseScope, id: string) {
  return scoped(db, scope, {}).select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function findEnterpriseSummaryRow(db: Db, id: string) {
  return enterpriseDb(db)
    .selectFrom('enterprise')
    .select(['id', 'uscc', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Id, USCC and name of each of the given enterprises (lists that name many enterprises, e.g. grant lists). */
export async function findEnterpriseSummaryRows(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return enterpriseDb(db)
    .selectFrom('enterprise')
    .select(['id', 'uscc', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export async function findEnterpriseIdByUscc(db: Db, uscc: string) {
  return enterpriseDb(db).selectFrom('enterprise').select(['id']).where('uscc', '=', uscc).executeTakeFirst();
}

export async function countEnterprises(db: Db): Promise<number> {
  const r = await enterpriseDb(db)
    .selectFrom('enterprise')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function enterpriseStatsRows(db: Db) {
  const e = enterpriseDb(db);
  const [bySize, byTown, bySection] = await Promise.all([
    e
      .selectFrom('enterprise')
      .select(['size as key', sql<number>`count(*)::int`.as('count')])
      .groupBy('size')
      .orderBy('count', 'desc')
      .execute(),
    e
      .selectFrom('enterprise')
      .select(['town as key', sql<number>`count(*)::int`.as('count')])
      .groupBy('town')
      .orderBy('count', 'desc')
      .execute(),
    e
      .selectFrom('enterprise')
      .select([
        'industry_section as key',
        sql<string>`min(industry_name)`.as('sample'),
        sql<number>`count(*)::int`.as('count'),
      ])
      .groupBy('industry_section')
      .orderBy('count', 'desc')
      .execute(),
  ]);
  return { bySize, byTown, bySection };
}

export async function insertEnterprises(db: Db, rows: EnterpriseInsert[]): Promise<void> {
  const e = enterpriseDb(db);
  for (let i = 0; i < rows.length; i += 500) {
    await e
      .insertInto('enterprise')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column('uscc').doNothing())
      .execute();
  }
}

/** A keyset page of registered enterprise ids, for modules that process the whole registry in batches. */
export async function listEnterpriseIdsAfter(db: Db, after: string | null, limit: number): Promise<string[]> {
  let q = enterpriseDb(db).selectFrom('enterprise').select('id').orderBy('id').limit(limit);
  if (after) q = q.where('id', '>', after);
  return (await q.execute()).map((r) => r.id);
}

/** A keyset page of registry profiles (industry, size, founding date, town …) for modules deriving facts. */
export async function listEnterpriseProfilesAfter(db: Db, after: string | null, limit: number) {
  let q = enterpriseDb(db)
    .selectFrom('enterprise')
    .select([
      'id',
      'uscc',
      'industry_section',
      'industry_division',
      'size',
      'entity_type',
      'employees',
      'annual_revenue',
      'registered_capital',
      'founded_on',
      'town',
      'high_tech',
      'specialised_sme',
    ])
    .orderBy('id')
    .limit(limit);
  if (after) q = q.where('id', '>', after);
  return q.execute();
}

/**
 * The registry's part of a public name/USCC search, as an SQL fragment yielding `(uscc, name)` rows, so a module
 * can union it with its own rows and page once in the database. Only names and codes leave the registry.
 */
export function registryNameSearch(like: string, usccPrefix: string) {
  return sql<{
    uscc: string;
    name: string;
  }>`select e.uscc::text as uscc, e.name from enterprise e where e.name like ${like} or e.uscc like ${usccPrefix}`;
}

/** An SQL predicate "this USCC is in the registry", for the same kind of union. */
export function registryHasUscc(usccColumn: ReturnType<typeof sql.ref>) {
  return sql<boolean>`exists (select 1 from enterprise e where e.uscc = ${usccColumn})`;
}

/** The registry as USCC → enterprise id pairs, when it has at most `max` enterprises (else null). */
export async function registryIdsByUscc(db: Db, max: number): Promise<[string, string][] | null> {
  const r = await sql<{ uscc: string; id: string }>`select uscc, id from enterprise limit ${max + 1}`.execute(
    db,
  );
  if (r.rows.length > max) return null;
  return r.rows.map((e) => [e.uscc, e.id]);
}

/** An SQL expression: the registry id of the enterprise with this USCC, or null (for set-based inserts). */
export function registryIdOfUscc(usccColumn: ReturnType<typeof sql.ref>) {
  return sql<string | null>`(select e.id from enterprise e where e.uscc = ${usccColumn})`;
}
