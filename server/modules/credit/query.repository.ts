import { sql } from 'kysely';
import type { Db } from '../../kernel/db/database.ts';
import type { Publication, Severity } from './credit.tables.ts';
import { creditDb } from './lists.tables.ts';
import { registryHasUscc, registryNameSearch } from '../enterprise/index.ts';

export interface QueryRecordRow {
  id: string;
  uscc: string;
  entity_name: string;
  enterprise_id: string | null;
  category_code: string;
  category_name: string;
  kind: 'license' | 'penalty' | 'other';
  public: boolean;
  decision_no: string;
  decision_date: string;
  severity: Severity | null;
  data: Record<string, unknown>;
  publication: Publication;
  publish_from: string | null;
  publish_min_until: string | null;
  publish_until: string | null;
  publication_ended_at: Date | null;
  department_id: string;
}

function selectRecords(db: Db) {
  return creditDb(db)
    .selectFrom('credit_record as r')
    .innerJoin('credit_category as c', 'c.code', 'r.category_code')
    .select([
      'r.id',
      'r.uscc',
      'r.entity_name',
      'r.enterprise_id',
      'r.category_code',
      'c.name as category_name',
      'c.kind',
      'c.public',
      'r.decision_no',
      'r.decision_date',
      'r.severity',
      'r.data',
      'r.publication',
      'r.publish_from',
      'r.publish_min_until',
      'r.publish_until',
      'r.publication_ended_at',
      'r.department_id',
    ]);
}

/** What the public may see: published records of public categories. */
export async function publishedRecordsOf(db: Db, uscc: string, limit: number): Promise<QueryRecordRow[]> {
  return selectRecords(db)
    .where('r.uscc', '=', uscc)
    .where('r.publication', '=', 'published')
    .where('c.public', '=', true)
    .orderBy('r.decision_date', 'desc')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

/** Every record of one enterprise, published or not (its own view). */
export async function allRecordsOf(
  db: Db,
  who: { enterpriseId: string; uscc: string },
): Promise<QueryRecordRow[]> {
  return selectRecords(db)
    .where((eb) => eb.or([eb('r.enterprise_id', '=', who.enterpriseId), eb('r.uscc', '=', who.uscc)]))
    .orderBy('r.decision_date', 'desc')
    .orderBy('r.id')
    .limit(1000)
    .execute();
}

export async function anyRecordName(db: Db, uscc: string): Promise<string | undefined> {
  const r = await creditDb(db)
    .selectFrom('credit_record')
    .select('entity_name')
    .where('uscc', '=', uscc)
    .orderBy('decision_date', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.entity_name;
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Name (contains) or USCC (prefix) search over the registry and over entities known only from published records.
 * The registry is read directly (see lists.tables.ts); only names and codes leave this query.
 */
export async function searchEntities(
  db: Db,
  q: string,
  page: { page: number; pageSize: number },
): Promise<{ items: { uscc: string; name: string }[]; total: number }> {
  const like = likePattern(q);
  const prefix = `${q.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const base = sql`
    ${registryNameSearch(like, prefix)}
    union
    select r.uscc::text, max(r.entity_name) from credit_record r
      join credit_category c on c.code = r.category_code
     where r.publication = 'published' and c.public
       and (r.entity_name like ${like} or r.uscc like ${prefix})
       and not ${registryHasUscc(sql.ref('r.uscc'))}
     group by r.uscc`;
  const [rows, count] = await Promise.all([
    sql<{ uscc: string; name: string }>`select uscc, name from (${base}) s order by name, uscc
      limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from (${base}) s`.execute(db),
  ]);
  return { items: rows.rows, total: count.rows[0]?.n ?? 0 };
}
