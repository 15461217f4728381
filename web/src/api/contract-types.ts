/**
 * Type helpers for the compile-time contract checks (`api/contract-check.ts`, `features/<f>/<f>.contract-check.ts`):
 * the JSON body the generated `schema.d.ts` documents for a path, method and status, and `Holds<Fits<Server, Ui>>`,
 * which fails `tsc` when the server's shape no longer fits the type a page reads.
 */
import type { paths } from './schema.d.ts';

/** The `application/json` body of the answer with status `S`. */
export type Answer<
  P extends keyof paths,
  M extends 'get' | 'post' | 'put',
  S extends number,
> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

/** The body of a `200 OK` answer. */
export type Json<P extends keyof paths, M extends 'get' | 'post' | 'put'> = Answer<P, M, 200>;

/** The body of a `201 Created` answer. */
export type Created<P extends keyof paths, M extends 'post'> = Answer<P, M, 201>;

export type Holds<T extends true> = T;
export type Fits<Server, Ui> = [Server] extends [never] ? false : [Server] extends [Ui] ? true : false;
