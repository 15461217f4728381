import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { ClassificationRules } from './classification.rules.ts';
import { creditDb, type ClassPart, type CreditClass } from './lists.tables.ts';
import { listEnterpriseIdsAfter } from '../enterprise/index.ts';
import { addMonths } from './publication.ts';

/** A keyset page of registered enterprise ids, from the enterprise module. */
export const enterpriseIdsAfter = listEnterpriseIdsAfter;

/**
 * The rule each record falls under, as one SQL CASE (first matching rule wins), so counting is a single grouped
 * query per batch. A record counts while published, or while its decision date lies in the rule's look-back window.
 */
function recordRuleCase(rules: ClassificationRules, asOf: string): RawBuilder<string | null> {
  const whens: RawBuilder<unknown>[] = [];
  for (const rule of rules.rules) {
    if (rule.source !== 'record') continue;
    const conds: RawBuilder<unknown>[] = [];
    if (rule.categoryCodes) conds.push(sql`r.category_code = any(${rule.categoryCodes}::text[])`);
    if (rule.dataIn) conds.push(sql`r.data ->> ${rule.dataIn.key} = any(${rule.dataIn.values}::text[])`);
    if (rule.categoryKind) conds.push(sql`c.kind = ${rule.categoryKind}`);
    if (rule.severity) conds.push(sql`r.severity = ${rule.severity}`);
    const since = addMonths(asOf, -rule.lookbackMonths);
    conds.push(sql`(r.publication = 'published' or r.decision_date > ${since}::date)`);
    whens.push(sql`when ${sql.join(conds, sql` and `)} then ${rule.code}::text`);
  }
  if (whens.length === 0) return sql<null>`null::text`;
  return sql<string | null>`case ${sql.join(whens, sql` `)} else null end`;
}

export interface CountRow {
  enterprise_id: string;
  rule_code: string;
  n: number;
}

export async function countRecordItems(
  db: Db,
  rules: ClassificationRules,
  enterpriseIds: string[],
  asOf: string,
): Promise<CountRow[]> {
  if (enterpriseIds.length === 0) return [];
  const ruleCase = recordRuleCase(rules, asOf);
  const res = await sql<CountRow>`
    select t.enterprise_id, t.rule_code, count(*)::int as n
      from (select r.enterprise_id, ${ruleCase} as rule_code
              from credit_record r
              join credit_category c on c.code = r.category_code
             where r.enterprise_id = any(${enterpriseIds}::uuid[])
               and r.publication not in ('ended_repaired', 'revoked')
               and r.decision_date <= ${asOf}::date) t
     where t.rule_code is not null
     group by t.enterprise_id, t.rule_code`.execute(db);
  return res.rows;
}

export async function countListItems(
  db: Db,
  enterpriseIds: string[],
  asOf: string,
): Promise<{ enterprise_id: string; type: 'red' | 'black'; n: number }[]> {
  if (enterpriseIds.length === 0) return [];
  const res = await sql<{ enterprise_id: string; type: 'red' | 'black'; n: number }>`
    select e.enterprise_id, l.type, count(*)::int as n
      from credit_list_entry e
      join credit_list l on l.code = e.list_code
     where e.enterprise_id = any(${enterpriseIds}::uuid[])
       and e.exited_on is null
       and e.entered_on <= ${asOf}::date
       and (e.exit_on is null or e.exit_on > ${asOf}::date)
     group by e.enterprise_id, l.type`.execute(db);
  return res.rows;
}

export interface ClassInsert {
  enterprise_id: string;
  period: string;
  class: CreditClass;
  score: number;
  parts: ClassPart[];
  computed_at: Date;
}

export async function upsertClasses(trx: Db, rows: ClassInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await creditDb(trx)
    .insertInto('credit_class')
    .values(rows.map((r) => ({ ...r, parts: JSON.stringify(r.parts) })))
    .onConflict((oc) =>
      oc.columns(['enterprise_id', 'period']).doUpdateSet((eb) => ({
        class: eb.ref('excluded.class'),
        score: eb.ref('excluded.score'),
        parts: eb.ref('excluded.parts'),
        computed_at: eb.ref('excluded.computed_at'),
      })),
    )
    .execute();
}

export interface ClassRow {
  period: string;
  class: CreditClass;
  score: number;
  parts: ClassPart[];
  computed_at: Date;
}

export async function classHistory(db: Db, enterpriseId: string, limit: number): Promise<ClassRow[]> {
  return creditDb(db)
    .selectFrom('credit_class')
    .select(['period', 'class', 'score', 'parts', 'computed_at'])
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('period', 'desc')
    .limit(limit)
    .execute();
}

export async function latestPeriod(db: Db): Promise<string | undefined> {
  const r = await creditDb(db)
    .selectFrom('credit_class')
    .select(sql<string | null>`max(period)`.as('p'))
    .executeTakeFirst();
  return r?.p ?? undefined;
}

export async function classDistribution(
  db: Db,
  period: string,
): Promise<{ class: CreditClass; n: number }[]> {
  return creditDb(db)
    .selectFrom('credit_class')
    .select(['class', sql<number>`count(*)::int`.as('n')])
    .where('period', '=', period)
    .groupBy('class')
    .execute();
}
