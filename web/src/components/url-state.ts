/**
 * Filters, paging and tabs of a list page live in the URL, so a reload, a shared link or the back button shows
 * the same list. `useUrlState` reads and writes them; a change of any filter sends the list back to page 1.
 */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { readPaging, type PagingParams } from './paging.ts';

export type UrlValue = string | number | undefined | null;

export interface UrlState {
  params: URLSearchParams;
  /** The value of `key` in the URL, or `fallback` ('' unless given). */
  get: (key: string, fallback?: string) => string;
  /** Sets (or, for '' / undefined / null, removes) keys; `page` goes back to 1 unless the change names it. */
  set: (changes: Record<string, UrlValue>) => void;
  paging: PagingParams;
}

export function applyUrlChanges(params: URLSearchParams, changes: Record<string, UrlValue>): URLSearchParams {
  const next = new URLSearchParams(params);
  if (!('page' in changes)) next.delete('page');
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === null || value === '') next.delete(key);
    else next.set(key, String(value));
  }
  return next;
}

export function useUrlState(defaultPageSize?: number): UrlState {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (changes: Record<string, UrlValue>) =>
      setParams((prev) => applyUrlChanges(prev, changes), { replace: true }),
    [setParams],
  );
  const get = useCallback((key: string, fallback = '') => params.get(key) ?? fallback, [params]);
  return { params, get, set, paging: readPaging(params, defaultPageSize) };
}
