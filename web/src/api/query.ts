/**
 * The query cache (TanStack Query) over the typed client: `useApiQuery` reads, `useApiMutation` writes and then
 * invalidates the reads it names by path prefix, so no page calls `reload()` after a change.
 */
import {
  keepPreviousData,
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
  type Query,
  type UseMutationOptions,
  type UseMutationResult,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import { apiCall, type ApiData, type ApiInit, type ApiMethod, type ApiPath } from './client.ts';

/**
 * A fresh cache with the app's defaults: no automatic retry (an error is shown at once, with a retry button, as
 * before) and no refetch on window focus (a page does not change under the user's eyes); queries that should
 * poll say so themselves.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

/** The app's one cache; the session clears it when the signed-in user changes. */
export const queryClient = createQueryClient();

/** `'/api'`, `'/api/calendar'`, `'/api/calendar/years'`, `'/api/calendar/years/{year}'` for that path. */
type Prefixes<S extends string, Acc extends string = ''> = S extends `/${infer Seg}/${infer Rest}`
  ? `${Acc}/${Seg}` | Prefixes<`/${Rest}`, `${Acc}/${Seg}`>
  : `${Acc}${S}`;

/** A whole segment prefix of some GET path: what `invalidates` accepts, so a misspelt prefix does not compile. */
export type ApiPathPrefix = Prefixes<ApiPath<'get'>>;

/** The cache key of a read: its path template and its parameters (`[path, { path, query }]`). */
export type ApiQueryKey = readonly [string, unknown];

export function apiQueryKey(path: string, params: unknown): ApiQueryKey {
  return [path, params ?? {}];
}

/** True when a cached read of `queryPath` falls under `prefix` (whole segments: `/api/plan` is not `/api/planning`). */
export function matchesPrefix(queryPath: string, prefix: string): boolean {
  return queryPath === prefix || queryPath.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

function underAny(prefixes: readonly string[]) {
  return (query: Query) => {
    const path = query.queryKey[0];
    return typeof path === 'string' && prefixes.some((p) => matchesPrefix(path, p));
  };
}

/** Marks every cached read under these prefixes stale; the ones on screen fetch again. */
export function invalidateApi(client: QueryClient, prefixes: readonly ApiPathPrefix[]): Promise<void> {
  if (prefixes.length === 0) return Promise.resolve();
  return client.invalidateQueries({ predicate: underAny(prefixes) });
}

/** `invalidateApi` bound to the app's cache, for writes that are not a `useApiMutation` (uploads, imports). */
export function useInvalidateApi(): (...prefixes: ApiPathPrefix[]) => Promise<void> {
  const client = useQueryClient();
  return (...prefixes) => invalidateApi(client, prefixes);
}

export type ApiQueryOptions<P extends ApiPath<'get'>> = Omit<
  UseQueryOptions<ApiData<'get', P>, Error, ApiData<'get', P>, ApiQueryKey>,
  'queryKey' | 'queryFn'
>;

type QueryArgs<P extends ApiPath<'get'>> =
  undefined extends ApiInit<'get', P>
    ? [init?: ApiInit<'get', P>, options?: ApiQueryOptions<P>]
    : [init: ApiInit<'get', P>, options?: ApiQueryOptions<P>];

/**
 * Reads a GET endpoint through the cache: `useApiQuery('/api/calendar/years/{year}', { params: { path: { year } } })`.
 * The previous answer stays on screen while the next page or filter loads (`placeholderData: keepPreviousData`;
 * pass `placeholderData: undefined` to opt out). `options.enabled: false` waits (e.g. for a parameter).
 */
export function useApiQuery<P extends ApiPath<'get'>>(
  path: P,
  ...[init, options]: QueryArgs<P>
): UseQueryResult<ApiData<'get', P>, Error> {
  const params = (init as { params?: unknown } | undefined)?.params;
  return useQuery({
    placeholderData: keepPreviousData,
    ...options,
    queryKey: apiQueryKey(path, params),
    queryFn: ({ signal }) => callUntyped('get', path, { ...init, signal }) as Promise<ApiData<'get', P>>,
  });
}

export interface ApiMutationOptions<M extends ApiMethod, P extends ApiPath<M>> extends Omit<
  UseMutationOptions<ApiData<M, P>, Error, ApiInit<M, P>>,
  'mutationFn'
> {
  /** Reads to refetch after success, by path prefix: `['/api/calendar']` refreshes every calendar read. */
  invalidates?: readonly ApiPathPrefix[];
}

/**
 * A write: `const save = useApiMutation('put', '/api/calendar/years/{year}', { invalidates: ['/api/calendar'] })`,
 * then `save.mutateAsync({ params: { path: { year } }, body })`. Errors are `ApiError`s in `save.error`.
 * The invalidation is awaited, so `mutateAsync` resolves once the affected reads are fresh.
 */
export function useApiMutation<M extends Exclude<ApiMethod, 'get'>, P extends ApiPath<M>>(
  method: M,
  path: P,
  options: ApiMutationOptions<M, P> = {},
): UseMutationResult<ApiData<M, P>, Error, ApiInit<M, P>> {
  const client = useQueryClient();
  const { invalidates = [], onSuccess, ...rest } = options;
  return useMutation({
    ...rest,
    mutationFn: (init: ApiInit<M, P>) => callUntyped(method, path, init) as Promise<ApiData<M, P>>,
    onSuccess: async (...args) => {
      await invalidateApi(client, invalidates);
      await onSuccess?.(...args);
    },
  });
}

/** `apiCall` with a generic method and path: its argument tuple cannot be spelled here, the types above hold it. */
function callUntyped(method: ApiMethod, path: string, init: unknown): Promise<unknown> {
  const call = apiCall as unknown as (m: ApiMethod, p: string, i: unknown) => Promise<unknown>;
  return call(method, path, init);
}
