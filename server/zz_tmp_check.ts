import type { Kysely } from 'kysely';
interface A { t: { id: string; x: unknown } }
interface B { t: { id: string; x: number } }
declare const db: Kysely<object>;
db.withTables<A>();
db.withTables<B>();
